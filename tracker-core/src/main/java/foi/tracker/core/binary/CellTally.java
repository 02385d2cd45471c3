package foi.tracker.core.binary;

import java.util.Map;
import java.util.TreeMap;

/**
 * One agency's table cells as the processor counts them (mutable, one task's own): each key kept
 * with its encoded bytes, so writing the agency's totals record after every event that moves a cell
 * ({@link #toRecord}) copies each key instead of encoding it again character by character (encoding
 * the record was ~15 % of the stream thread). The record is byte for byte {@link
 * StateCodec#writeTotals}'s.
 */
public final class CellTally {
  private static final class Cell {
    final byte[] encodedKey;
    long count;

    Cell(final String key) {
      final BinaryWriter w = new BinaryWriter(key.length() + 4);
      w.writeString(key);
      this.encodedKey = w.toByteArray();
    }
  }

  private final TreeMap<String, Cell> cells = new TreeMap<>();

  /** A tally starting from these counts (an agency's stored totals). */
  public static CellTally of(final Map<String, Long> counts) {
    final CellTally t = new CellTally();
    t.add(counts);
    return t;
  }

  /**
   * Adds each delta to its cell; a cell whose count becomes 0 is dropped (records hold no zeros).
   */
  public void add(final Map<String, Long> delta) {
    delta.forEach(
        (key, by) -> {
          if (by == 0L) {
            return;
          }
          final Cell cell = cells.get(key);
          if (cell == null) {
            final Cell fresh = new Cell(key);
            fresh.count = by;
            cells.put(key, fresh);
          } else if (cell.count + by == 0L) {
            cells.remove(key);
          } else {
            cell.count += by;
          }
        });
  }

  /**
   * The agency's totals record: {@code StateCodec.writeTotals(new AgencyTotals(agencyId, counts))}.
   */
  public byte[] toRecord(final String agencyId) {
    final BinaryWriter w = new BinaryWriter(32 + cells.size() * 28);
    w.writeByte(StateCodec.TOTALS_V1);
    w.writeString(agencyId);
    w.writeVarInt(cells.size());
    for (Cell c : cells.values()) {
      w.writeBytes(c.encodedKey, 0, c.encodedKey.length);
      w.writeSignedLong(c.count);
    }
    return w.toByteArray();
  }

  /** The counts as a map of their own. */
  public Map<String, Long> toMap() {
    final TreeMap<String, Long> m = new TreeMap<>();
    cells.forEach((k, c) -> m.put(k, c.count));
    return m;
  }
}
