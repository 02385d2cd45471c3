package foi.tracker.processor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import foi.tracker.core.event.RequestEvent;
import foi.tracker.core.request.RequestState;
import foi.tracker.core.sim.GeneratedRequest;
import foi.tracker.core.sim.LifecycleGenerator;
import foi.tracker.core.sim.Recount;
import foi.tracker.core.table.Table3;
import foi.tracker.core.table.Table4;
import foi.tracker.core.taxonomy.Taxonomy;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Thousands of random lifecycles (random types, dates over 3 years, 补正, pauses, extensions,
 * amendments, appeals, duplicates, illegal events, orphans, and the corrections: moved decision
 * dates, entry errors, ordered re-answers, cases concluded or amended into later years, voids,
 * fees) through the topology, interleaved across requests; every table of every agency and year
 * must equal the oracle's plain recount from the facts the generator knows by construction.
 */
class RandomizedOracleTest {
  private static final LocalDate FROM = LocalDate.of(2024, 1, 1);
  private static final LocalDate TODAY = LocalDate.of(2026, 11, 20);
  private static final int AGENCIES = 12;
  private static final int REQUESTS = 3000;

  @ParameterizedTest
  @ValueSource(longs = {1L, 20261122L})
  void shouldEqualThePlainRecountForEveryAgencyAndYear(final long seed) throws Exception {
    final LifecycleGenerator gen = LifecycleGenerator.withCorrections(seed, FROM, TODAY);
    final List<GeneratedRequest> generated = new ArrayList<>();
    for (int i = 0; i < REQUESTS; i++) {
      generated.add(gen.next("agency-" + (i % AGENCIES), "r" + i));
    }
    final List<RequestEvent> stream = interleave(generated, new Random(seed));
    int orphans = 0;
    for (int i = 0; i < 20; i++) {
      stream.add(
          new Random(seed + i).nextInt(stream.size()),
          gen.orphan("agency-" + (i % AGENCIES), "ghost" + i));
      orphans++;
    }
    final long expectedRejections =
        orphans + generated.stream().mapToInt(GeneratedRequest::illegalEvents).sum();

    try (TopologyHarness h =
        new TopologyHarness(TODAY.atTime(12, 0).toInstant(java.time.ZoneOffset.ofHours(8)))) {
      final long t0 = System.nanoTime();
      for (RequestEvent e : stream) {
        h.send(e);
      }
      h.flush();
      final double seconds = (System.nanoTime() - t0) / 1e9;
      System.out.printf(
          "oracle seed %d: %d events through the topology in %.2f s = %.0f events/s%n",
          seed, stream.size(), seconds, stream.size() / seconds);

      assertEquals(expectedRejections, h.rejected.size(), "rejections");
      for (GeneratedRequest g : generated) {
        final RequestState s = h.request(g.agencyId(), g.requestId());
        assertNotNull(s, g.requestId());
        assertEquals(g.applicantType(), s.applicantType(), g.requestId());
        assertEquals(g.receivedDate(), s.receivedDate(), g.requestId());
        assertEquals(g.outcome(), s.countedOutcome(), g.requestId());
        assertEquals(g.decidedDate(), s.countedDecidedDate(), g.requestId());
        assertEquals(g.voided(), s.isVoided(), g.requestId());
      }
      assertTablesEqualRecount(h, generated);
    }
  }

  /**
   * Every agency's Table 三 (each row, balanced), Table 四 and fees of 2023–2026 in the harness equal
   * the independent recount of the generated requests.
   */
  static void assertTablesEqualRecount(
      final TopologyHarness h, final List<GeneratedRequest> generated) {
    final Map<String, List<GeneratedRequest>> byAgency =
        generated.stream().collect(Collectors.groupingBy(GeneratedRequest::agencyId));
    for (int y = 2023; y <= 2026; y++) {
      for (Map.Entry<String, List<GeneratedRequest>> e : byAgency.entrySet()) {
        final Table3 actual = h.table3(e.getKey(), y);
        final Map<String, long[]> expected = Recount.table3(e.getValue(), y);
        for (Taxonomy.Row row : Taxonomy.get().rows()) {
          assertArrayEquals(
              expected.get(row.code()),
              actual.rows().get(row.code()),
              e.getKey() + " " + y + " " + row.code());
        }
        assertTrue(actual.balanced(), actual.imbalances().toString());
        final Table4 t4 = h.table4(e.getKey(), y);
        assertEquals(
            Recount.table4(e.getValue(), y), t4.cells(), e.getKey() + " " + y + " table 四");
        assertEquals(
            Recount.feeFen(e.getValue(), y),
            h.cells(e.getKey()).getOrDefault(foi.tracker.core.table.Cells.feeFen(y), 0L),
            e.getKey() + " " + y + " fees");
      }
    }
  }

  /** Merges the requests' event lists at random, keeping each request's own order. */
  static List<RequestEvent> interleave(final List<GeneratedRequest> requests, final Random rnd) {
    final List<Deque<RequestEvent>> queues = new ArrayList<>();
    requests.forEach(r -> queues.add(new ArrayDeque<>(r.events())));
    final List<RequestEvent> out = new ArrayList<>();
    while (!queues.isEmpty()) {
      final int i = rnd.nextInt(queues.size());
      out.add(queues.get(i).poll());
      if (queues.get(i).isEmpty()) {
        queues.set(i, queues.get(queues.size() - 1));
        queues.remove(queues.size() - 1);
      }
    }
    return out;
  }
}
