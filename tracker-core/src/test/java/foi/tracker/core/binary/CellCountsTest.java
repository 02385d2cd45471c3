package foi.tracker.core.binary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import foi.tracker.core.table.AgencyTotals;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class CellCountsTest {
  /**
   * Keys as the tables have them, plus two whose UTF-8 byte order is not their string order (a
   * character above U+FFFF against one just below it): the records are in string order.
   */
  private static final List<String> KEYS =
      List.of(
          "2025|NEW|NATURAL_PERSON",
          "2025|NEW|TOTAL",
          "2025|四|x",
          "2026|C|WD|20",
          "2026|C|WD|3",
          "NOW|OVERDUE",
          "\uFF5E",
          "\uD83D\uDE00",
          "a",
          "b");

  private static byte[] record(final Map<String, Long> cells) {
    return StateCodec.writeTotals(new AgencyTotals("town-1", cells));
  }

  private static Map<String, Long> changes(final CellCounts old, final Map<String, Long> now) {
    final Map<String, Long> told = new HashMap<>();
    CellCounts.read(
        record(now),
        old,
        (cell, delta) -> {
          assertTrue(told.put(cell, delta) == null, "told twice: " + cell);
        });
    return told;
  }

  @Test
  void changesAreNewMinusOldWithoutZeros() {
    final CellCounts old = CellCounts.of(Map.of("a", 1L, "b", 2L, "c", 3L));
    assertEquals(
        Map.of("a", 1L, "c", -3L, "d", 4L), changes(old, Map.of("a", 2L, "b", 2L, "d", 4L)));
    assertEquals(Map.of(), changes(CellCounts.of(Map.of("a", 1L)), Map.of("a", 1L)));
    assertEquals(Map.of("a", 5L), changes(CellCounts.EMPTY, Map.of("a", 5L)));
    assertEquals(Map.of("a", -1L), changes(CellCounts.of(Map.of("a", 1L)), Map.of()));
  }

  @Test
  void oldPlusChangesIsNewOnRandomCountersAndTheKeptKeysAreShared() {
    final Random rnd = new Random(19);
    for (int round = 0; round < 3_000; round++) {
      final Map<String, Long> before = counters(rnd);
      final CellCounts old = CellCounts.read(record(before), CellCounts.EMPTY, (c, d) -> {});
      final Map<String, Long> after = counters(rnd);
      final Map<String, Long> sum = new HashMap<>(before);
      final Map<String, Long> viaRead = new HashMap<>();
      final CellCounts now =
          CellCounts.read(
              record(after),
              old,
              (c, d) -> {
                viaRead.put(c, d);
                sum.merge(c, d, Long::sum);
              });
      sum.values().removeIf(v -> v == 0L);
      assertEquals(after, sum, () -> before + " -> " + after);
      assertEquals(after, now.toMap());
      // the path for JSON records tells the same
      final Map<String, Long> viaDiff = new HashMap<>();
      CellCounts.diff(old, CellCounts.of(after), viaDiff::put);
      assertEquals(viaRead, viaDiff);
      // a key both versions have is the previous version's string, not a new one
      final Map<String, String> oldKeys = new HashMap<>();
      old.forEach((k, v) -> oldKeys.put(k, k));
      now.forEach(
          (k, v) -> {
            if (oldKeys.containsKey(k)) {
              assertSame(oldKeys.get(k), k);
            }
          });
    }
  }

  @Test
  void damagedOrUnorderedRecordsAreRefusedAndTellNothing() {
    final CellCounts old = CellCounts.of(Map.of("a", 1L, "b", 2L));
    final byte[] good = record(new TreeMap<>(Map.of("a", 3L, "b", 1L, "c", 2L)));
    final CellCounts.Changes mustNotBeTold =
        (c, d) -> {
          throw new AssertionError("told " + c);
        };
    for (int cut = 0; cut < good.length; cut++) {
      final byte[] truncated = Arrays.copyOf(good, cut);
      assertThrows(
          IllegalArgumentException.class, () -> CellCounts.read(truncated, old, mustNotBeTold));
    }
    assertThrows(
        IllegalArgumentException.class,
        () -> CellCounts.read(Arrays.copyOf(good, good.length + 1), old, mustNotBeTold));
    // the same cells written out of key order (by hand: writeTotals always sorts)
    final BinaryWriter w = new BinaryWriter(32);
    w.writeByte(StateCodec.TOTALS_V1);
    w.writeString("town-1");
    w.writeVarInt(2);
    w.writeString("b");
    w.writeSignedLong(1);
    w.writeString("a");
    w.writeSignedLong(3);
    assertThrows(
        IllegalArgumentException.class, () -> CellCounts.read(w.toByteArray(), old, mustNotBeTold));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            CellCounts.read(
                StateCodec.writeRequest(
                    new foi.tracker.core.request.RequestState(
                        null, null, null, null, null, null, null, null, null, null, null, null,
                        null, null, null, null, null, null, null)),
                old,
                mustNotBeTold));
    assertEquals("town-1", StateCodec.readTotalsAgencyId(good));
  }

  private static Map<String, Long> counters(final Random rnd) {
    final Map<String, Long> m = new TreeMap<>();
    for (String k : KEYS) {
      if (rnd.nextInt(3) > 0) {
        final long v = rnd.nextInt(7) - 3;
        if (v != 0) {
          m.put(k, v);
        }
      }
    }
    return m;
  }
}
