package foi.tracker.core.binary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import foi.tracker.core.table.AgencyTotals;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class CellTallyTest {
  private static final List<String> KEYS =
      List.of(
          "2025|NEW|NATURAL_PERSON",
          "2025|四|法人",
          "2026|C|WD|20",
          "NOW|OVERDUE",
          "\uD83D\uDE00",
          "\uFF5E",
          "x".repeat(200));

  @Test
  void theRecordIsWriteTotalsOwnAfterEveryChange() {
    final Random rnd = new Random(19);
    for (int round = 0; round < 500; round++) {
      final Map<String, Long> start = new TreeMap<>();
      KEYS.forEach(
          k -> {
            if (rnd.nextBoolean()) {
              start.put(k, (long) rnd.nextInt(5) + 1);
            }
          });
      final CellTally tally = CellTally.of(start);
      final Map<String, Long> expected = new TreeMap<>(start);
      for (int event = 0; event < 20; event++) {
        final Map<String, Long> delta = new HashMap<>();
        delta.put(KEYS.get(rnd.nextInt(KEYS.size())), (long) rnd.nextInt(5) - 2);
        delta.put(KEYS.get(rnd.nextInt(KEYS.size())), (long) rnd.nextInt(3) - 1);
        tally.add(delta);
        AgencyTotals.addTo(expected, delta);
        expected.values().removeIf(v -> v == 0L);
        assertEquals(expected, tally.toMap());
        assertArrayEquals(
            StateCodec.writeTotals(new AgencyTotals("县/town-" + round, expected)),
            tally.toRecord("县/town-" + round));
      }
    }
  }
}
