package foi.tracker.core.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import foi.tracker.core.calendar.WorkingDayCalendar;
import foi.tracker.core.deadline.DeadlineClock;
import foi.tracker.core.deadline.DeadlineSettings;
import foi.tracker.core.event.Amended;
import foi.tracker.core.event.Reopened;
import foi.tracker.core.event.RequestEvent;
import foi.tracker.core.event.Voided;
import foi.tracker.core.request.Decision;
import foi.tracker.core.request.RequestRules;
import foi.tracker.core.request.RequestState;
import foi.tracker.core.table.AgencyTotals;
import foi.tracker.core.table.Cells;
import foi.tracker.core.table.Table3;
import foi.tracker.core.table.Table3Builder;
import foi.tracker.core.table.Table4Builder;
import foi.tracker.core.taxonomy.Taxonomy;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The rules and the cells against the plain recount, with every correction of version 2 in the mix
 * (moved decision dates, entry errors, ordered re-answers, cases concluded and amended into later
 * years, voids, fees): every table of every agency and year, and the fees of every year, must
 * agree. No Kafka: the processor's version is {@code RandomizedOracleTest}.
 */
class CorrectionsOracleTest {
  private static final LocalDate FROM = LocalDate.of(2023, 1, 1);
  private static final LocalDate TODAY = LocalDate.of(2026, 11, 20);

  @ParameterizedTest
  @ValueSource(longs = {3L, 20261207L})
  void shouldAgreeWithThePlainRecountInEveryYearWhenRequestsAreCorrected(final long seed) {
    final RequestRules rules =
        new RequestRules(
            new DeadlineClock(WorkingDayCalendar.bundled(), DeadlineSettings.defaults()));
    final LifecycleGenerator gen = LifecycleGenerator.withCorrections(seed, FROM, TODAY);
    final List<GeneratedRequest> generated = new ArrayList<>();
    final Map<String, Map<String, Long>> totals = new HashMap<>();
    final Map<String, Integer> kinds = new HashMap<>();
    long rejections = 0;
    for (int i = 0; i < 4_000; i++) {
      final GeneratedRequest g = gen.next("agency-" + (i % 7), "r" + i);
      generated.add(g);
      RequestState state = null;
      for (RequestEvent e : g.events()) {
        kinds.merge(kind(e), 1, Integer::sum);
        final Decision d = rules.decide(state, e, TODAY);
        if (d instanceof Decision.Accepted a) {
          AgencyTotals.addTo(
              totals.computeIfAbsent(g.agencyId(), k -> new HashMap<>()),
              Cells.delta(state, a.next()));
          state = a.next();
        } else if (d instanceof Decision.Rejected r) {
          rejections++;
          state = r.next() == null ? state : r.next();
        }
      }
      assertEquals(g.outcome(), state.countedOutcome(), g.requestId());
      assertEquals(g.decidedDate(), state.countedDecidedDate(), g.requestId());
      assertEquals(g.voided(), state.isVoided(), g.requestId());
    }
    assertEquals(
        generated.stream().mapToInt(GeneratedRequest::illegalEvents).sum(),
        rejections,
        "only the deliberately illegal events are refused");
    for (String k :
        List.of(
            "AMENDED decidedDate",
            "AMENDED case",
            "REOPENED ENTRY_ERROR",
            "REOPENED REANSWER_ORDERED",
            "VOIDED desk",
            "VOIDED admin")) {
      assertTrue(kinds.getOrDefault(k, 0) >= 5, "the corpus has " + k + ": " + kinds);
    }
    final Map<String, List<GeneratedRequest>> byAgency =
        generated.stream().collect(Collectors.groupingBy(GeneratedRequest::agencyId));
    for (int y = 2022; y <= 2027; y++) {
      for (Map.Entry<String, List<GeneratedRequest>> e : byAgency.entrySet()) {
        final Map<String, Long> cells = totals.getOrDefault(e.getKey(), Map.of());
        final Table3 t3 = Table3Builder.build(e.getKey(), "agency", y, cells);
        final Map<String, long[]> expected = Recount.table3(e.getValue(), y);
        for (Taxonomy.Row row : Taxonomy.get().rows()) {
          assertArrayEquals(
              expected.get(row.code()),
              t3.rows().get(row.code()),
              e.getKey() + " " + y + " " + row.code());
        }
        assertTrue(t3.balanced(), t3.imbalances().toString());
        assertEquals(
            Recount.table4(e.getValue(), y),
            Table4Builder.build(e.getKey(), "agency", y, cells).cells(),
            e.getKey() + " " + y + " table 四");
        assertEquals(
            Recount.feeFen(e.getValue(), y),
            cells.getOrDefault(Cells.feeFen(y), 0L),
            e.getKey() + " " + y + " fees");
      }
    }
  }

  private static String kind(final RequestEvent e) {
    if (e instanceof Amended a) {
      return a.decidedDate() != null
          ? "AMENDED decidedDate"
          : a.amendsCase() ? "AMENDED case" : "AMENDED";
    }
    if (e instanceof Reopened r) {
      return "REOPENED " + r.reason();
    }
    if (e instanceof Voided v) {
      return v.byDeskToken() ? "VOIDED desk" : "VOIDED admin";
    }
    return e.type();
  }
}
