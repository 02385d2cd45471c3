package foi.tracker.core.binary;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ObjLongConsumer;

/**
 * One agency's table cells as a reader of the totals topic keeps them (immutable): the cell keys in
 * key order, each with its encoded bytes, and the counts. {@link #read} reads an agency's next
 * {@link StateCodec} totals record against the previous one: it reports the cells that changed and
 * shares the keys that did not (no new strings and no map per record). An event moves a few of an
 * agency's 100–200 cells, and a replay or a restart of the dashboard reads millions of these
 * records; decoding each into a map and comparing the maps was ~40 % of its reading thread.
 */
public final class CellCounts {
  /** No cells. */
  public static final CellCounts EMPTY = new CellCounts(new String[0], new byte[0][], new long[0]);

  private final String[] keys;
  private final byte[][] keyBytes;
  private final long[] counts;

  private CellCounts(final String[] keys, final byte[][] keyBytes, final long[] counts) {
    this.keys = keys;
    this.keyBytes = keyBytes;
    this.counts = counts;
  }

  /**
   * Where the cells that changed from one version of an agency's counts to the next are told: new
   * minus old.
   */
  @FunctionalInterface
  public interface Changes {
    void changed(String cell, long delta);
  }

  /** The cells of a map (of any order). */
  public static CellCounts of(final Map<String, Long> cells) {
    final TreeMap<String, Long> sorted = new TreeMap<>(cells);
    final String[] k = new String[sorted.size()];
    final byte[][] b = new byte[k.length][];
    final long[] c = new long[k.length];
    int i = 0;
    for (Map.Entry<String, Long> e : sorted.entrySet()) {
      k[i] = e.getKey();
      b[i] = e.getKey().getBytes(StandardCharsets.UTF_8);
      c[i] = e.getValue();
      i++;
    }
    return new CellCounts(k, b, c);
  }

  /**
   * The cells of a binary totals record ({@link StateCodec#writeTotals}), read against the same
   * agency's previous cells: every cell whose count differs is told to {@code changes} (a cell gone
   * counts as 0), the keys both share are the previous version's strings. A record that is not
   * binary totals, is damaged, or whose keys are not in ascending order is refused ({@link
   * IllegalArgumentException}) before anything is told.
   */
  public static CellCounts read(
      final byte[] record, final CellCounts previous, final Changes changes) {
    StateCodec.requireTotalsFormat(record);
    final BinaryReader r = new BinaryReader(record, 1);
    r.skipString(); // agencyId
    final int n = r.readVarInt();
    if (n > record.length) {
      throw new IllegalArgumentException("cell count out of range: " + n);
    }
    final String[] k = new String[n];
    final byte[][] b = new byte[n][];
    final long[] c = new long[n];
    // matched[i]: the index in previous of cell i, or -1 for a new cell
    final int[] matched = new int[n];
    int j = 0;
    for (int i = 0; i < n; i++) {
      final int length = r.readVarInt() - 1;
      if (length < 0) {
        throw new IllegalArgumentException("a cell without a key in a totals record");
      }
      final int from = r.position();
      r.skipBytes(length);
      c[i] = r.readSignedLong();
      String decoded = null;
      matched[i] = -1;
      while (j < previous.keys.length) {
        final byte[] old = previous.keyBytes[j];
        if (Arrays.equals(record, from, from + length, old, 0, old.length)) {
          matched[i] = j++;
          break;
        }
        if (decoded == null) {
          decoded = new String(record, from, length, StandardCharsets.UTF_8);
        }
        if (decoded.compareTo(previous.keys[j]) < 0) {
          break; // a cell the previous version did not have
        }
        j++; // a previous cell this version no longer has
      }
      if (matched[i] >= 0) {
        k[i] = previous.keys[matched[i]];
        b[i] = previous.keyBytes[matched[i]];
      } else {
        k[i] = decoded != null ? decoded : new String(record, from, length, StandardCharsets.UTF_8);
        b[i] = Arrays.copyOfRange(record, from, from + length);
      }
      if (i > 0 && k[i - 1].compareTo(k[i]) >= 0) {
        throw new IllegalArgumentException("totals record cells out of order at " + k[i]);
      }
    }
    if (!r.atEnd()) {
      throw new IllegalArgumentException("trailing bytes after a totals record");
    }
    final CellCounts now = new CellCounts(k, b, c);
    tell(previous, now, matched, changes);
    return now;
  }

  /**
   * What changed from {@code old} to {@code now}, for cells read any other way (JSON of earlier
   * versions).
   */
  public static void diff(final CellCounts old, final CellCounts now, final Changes changes) {
    final Map<String, Integer> oldIndex = new HashMap<>();
    for (int j = 0; j < old.keys.length; j++) {
      oldIndex.put(old.keys[j], j);
    }
    final int[] matched = new int[now.keys.length];
    for (int i = 0; i < matched.length; i++) {
      matched[i] = oldIndex.getOrDefault(now.keys[i], -1);
    }
    tell(old, now, matched, changes);
  }

  private static void tell(
      final CellCounts old, final CellCounts now, final int[] matched, final Changes changes) {
    final boolean[] kept = new boolean[old.keys.length];
    for (int i = 0; i < matched.length; i++) {
      final long before = matched[i] >= 0 ? old.counts[matched[i]] : 0L;
      if (matched[i] >= 0) {
        kept[matched[i]] = true;
      }
      if (now.counts[i] != before) {
        changes.changed(now.keys[i], now.counts[i] - before);
      }
    }
    for (int j = 0; j < kept.length; j++) {
      if (!kept[j] && old.counts[j] != 0L) {
        changes.changed(old.keys[j], -old.counts[j]);
      }
    }
  }

  /** Each cell with its count, in key order. */
  public void forEach(final ObjLongConsumer<String> action) {
    for (int i = 0; i < keys.length; i++) {
      action.accept(keys[i], counts[i]);
    }
  }

  /** The cells as a map of their own (key → count). */
  public Map<String, Long> toMap() {
    final Map<String, Long> m = new HashMap<>(keys.length * 2);
    forEach(m::put);
    return m;
  }

  public int size() {
    return keys.length;
  }
}
