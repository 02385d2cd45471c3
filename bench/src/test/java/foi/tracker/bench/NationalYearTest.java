package foi.tracker.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import foi.tracker.core.sim.GeneratedRequest;
import foi.tracker.core.taxonomy.Taxonomy;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NationalYearTest {

  @Test
  void shouldShapeTheNationalTreeWhenFortyThousandAgencies() {
    final Hierarchy h = Hierarchy.national(40_000);
    assertEquals(40_000, h.size());
    assertEquals(31, h.count(Hierarchy.PROVINCE));
    assertEquals(330, h.count(Hierarchy.CITY));
    assertEquals(2_800, h.count(Hierarchy.COUNTY));
    assertEquals(36_838, h.count(Hierarchy.TOWNSHIP));
    assertEquals(null, h.agency(0).parentId());
    final int town = h.first(Hierarchy.TOWNSHIP) + 1234;
    assertEquals(Hierarchy.COUNTY, h.level(h.parent(town)));
    assertTrue(h.isUnder(town, 0));
    assertTrue(h.isUnder(town, h.parent(h.parent(town))));
    assertEquals(40_000, h.subtreeSize(0));
  }

  @Test
  void shouldSumSubtreesToTheCountryWhenRecounted() {
    final Hierarchy h = Hierarchy.national(400);
    final LocalDate today = LocalDate.of(2026, 12, 1);
    final NationalYear y = new NationalYear(h, 3_000, 1L, today);
    long events = 0;
    while (y.hasNext()) {
      final GeneratedRequest r = y.next();
      events += r.events().size();
    }
    assertEquals(events, y.events());
    assertTrue(events > 6_000, "about 2-3 events per application, got " + events);
    final Map<String, long[]> country = y.expectedTable3(0, true, 2026);
    long provinces = 0;
    for (int p : h.sample(Hierarchy.PROVINCE, h.count(Hierarchy.PROVINCE))) {
      provinces += y.expectedTable3(p, true, 2026).get(Taxonomy.NEW)[6];
    }
    assertEquals(
        country.get(Taxonomy.NEW)[6],
        provinces,
        "the country is the sum of its provinces (root gets none)");
  }

  @Test
  void shouldGiveNearestRankPercentilesWhenSummarised() {
    final Latencies l = new Latencies();
    for (int i = 1; i <= 100; i++) {
      l.add(i * 1_000_000L);
    }
    assertEquals(50.0, l.pct(0.50));
    assertEquals(99.0, l.pct(0.99));
    assertEquals(100.0, l.max());
  }
}
