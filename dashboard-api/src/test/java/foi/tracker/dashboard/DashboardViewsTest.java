package foi.tracker.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DashboardViewsTest {
  @Test
  void changesAreNewMinusOldWithoutZeros() {
    assertEquals(Map.of("a", 1L, "c", -3L, "d", 4L),
        DashboardViews.changes(Map.of("a", 1L, "b", 2L, "c", 3L), Map.of("a", 2L, "b", 2L, "d", 4L)));
    assertEquals(Map.of(), DashboardViews.changes(Map.of("a", 1L), Map.of("a", 1L)));
    assertEquals(Map.of("a", 5L), DashboardViews.changes(Map.of(), Map.of("a", 5L)));
  }

  @Test
  void oldPlusChangesIsNewOnRandomCounters() {
    final Random rnd = new Random(16);
    for (int round = 0; round < 2_000; round++) {
      final Map<String, Long> old = counters(rnd);
      final Map<String, Long> now = counters(rnd);
      final Map<String, Long> sum = new HashMap<>(old);
      DashboardViews.changes(old, now).forEach((k, v) -> sum.merge(k, v, Long::sum));
      sum.values().removeIf(v -> v == 0L);
      final Map<String, Long> expected = new HashMap<>(now);
      expected.values().removeIf(v -> v == 0L);
      assertEquals(expected, sum);
    }
  }

  private static Map<String, Long> counters(final Random rnd) {
    final Map<String, Long> m = new HashMap<>();
    for (int i = 0; i < 8; i++) {
      if (rnd.nextBoolean()) {
        m.put("c" + i, (long) rnd.nextInt(4) - 1);
      }
    }
    return m;
  }
}
