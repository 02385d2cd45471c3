package foi.tracker.core.table;

import static foi.tracker.core.request.Steps.accept;
import static foi.tracker.core.request.Steps.decided;
import static foi.tracker.core.request.Steps.fold;
import static foi.tracker.core.request.Steps.received;
import static foi.tracker.core.request.Steps.review;
import static foi.tracker.core.request.Steps.reviewConcluded;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import foi.tracker.core.event.AppealResult;
import foi.tracker.core.request.RequestState;
import foi.tracker.core.request.Steps;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What one request counts for, year by year. */
class CellsTest {

  @Test
  void shouldCountACaseAsFiledInItsYearAndItsResultInTheConclusionYearWhenItSpansAYearEnd() {
    final RequestState filed =
        fold(
            received("2025-09-01", "NATURAL_PERSON"),
            decided("2025-09-20", "DISCLOSED"),
            review("2025-11-10", "c1"));
    assertEquals(1L, Cells.of(filed).get(Cells.t4Filed(2025, "REVIEW")));
    final RequestState concluded =
        accept(filed, reviewConcluded("2026-02-03", "c1", AppealResult.CORRECTED));
    final Map<String, Long> cells = Cells.of(concluded);
    assertEquals(1L, cells.get(Cells.t4Filed(2025, "REVIEW")));
    assertEquals(1L, cells.get(Cells.t4(2026, "REVIEW_CORRECTED")));
    assertNull(cells.get(Cells.t4(2025, "REVIEW_CORRECTED")));
    assertEquals(Map.of(Cells.t4(2026, "REVIEW_CORRECTED"), 1L), Cells.delta(filed, concluded));

    assertEquals(
        1L, Table4Builder.build("town", "agency", 2025, cells).cells().get("REVIEW_PENDING"));
    assertEquals(
        1L, Table4Builder.build("town", "agency", 2026, cells).cells().get("REVIEW_CORRECTED"));
    assertEquals(
        0L, Table4Builder.build("town", "agency", 2026, cells).cells().get("REVIEW_PENDING"));
  }

  @Test
  void shouldCountAnOpenCaseAsPendingAtEveryYearEndWhenItIsNeverConcluded() {
    final RequestState s =
        fold(
            received("2024-03-01", "COMMERCIAL_ENTERPRISE"),
            decided("2024-03-20", "DISCLOSED"),
            foi.tracker.core.request.Steps.litigation("2024-10-01", "c9", false));
    for (int y = 2024; y <= 2026; y++) {
      assertEquals(
          1L,
          Table4Builder.build("town", "agency", y, Cells.of(s))
              .cells()
              .get("LITIGATION_DIRECT_PENDING"),
          "year " + y);
    }
  }

  private static long t3(final Map<String, Long> cells, final int year, final String row) {
    return Table3Builder.build("town", "agency", year, cells).cell(row, "NATURAL_PERSON");
  }

  @Test
  void shouldMoveTheDecisionToItsNewYearInEveryTableWhenItsDateIsAmended() {
    final RequestState before =
        fold(received("2025-12-01", "NATURAL_PERSON"), decided("2025-12-20", "DISCLOSED"));
    final RequestState after = accept(before, Steps.amendDecidedDate("2026-01-10", "2026-01-05"));
    final Map<String, Long> delta = Cells.delta(before, after);
    assertEquals(-1L, delta.get(Cells.t3(2025, "DISCLOSED", "NATURAL_PERSON")));
    assertEquals(1L, delta.get(Cells.t3(2026, "DISCLOSED", "NATURAL_PERSON")));
    assertEquals(-1L, delta.get(Cells.compliance(2025, "ON_TIME")));
    // due 20 working days after 2025-12-01: an answer moved to 2026-01-05 is late
    assertEquals(1L, delta.get(Cells.compliance(2026, "LATE")));
    final Map<String, Long> cells = Cells.of(after);
    assertEquals(0L, t3(cells, 2025, "DISCLOSED"));
    assertEquals(1L, t3(cells, 2025, "CARRIED_OVER_OUT"));
    assertEquals(1L, t3(cells, 2026, "CARRIED_OVER_IN"));
    assertEquals(1L, t3(cells, 2026, "DISCLOSED"));
    assertEquals(0L, t3(cells, 2026, "CARRIED_OVER_OUT"));
  }

  @Test
  void shouldMoveACaseResultBetweenYearsWhenItsConclusionDateIsAmended() {
    final RequestState before =
        fold(
            received("2025-09-01", "NATURAL_PERSON"),
            decided("2025-09-20", "DISCLOSED"),
            review("2025-10-01", "c1"),
            reviewConcluded("2025-12-15", "c1", AppealResult.CORRECTED));
    final RequestState after =
        accept(before, Steps.amendCase("2026-01-20", "c1", null, "2026-01-15", null, null, null));
    assertEquals(
        Map.of(Cells.t4(2025, "REVIEW_CORRECTED"), -1L, Cells.t4(2026, "REVIEW_CORRECTED"), 1L),
        Cells.delta(before, after));
    final Map<String, Long> cells = Cells.of(after);
    assertEquals(
        1L, Table4Builder.build("town", "agency", 2025, cells).cells().get("REVIEW_PENDING"));
    assertEquals(
        0L, Table4Builder.build("town", "agency", 2025, cells).cells().get("REVIEW_CORRECTED"));
    assertEquals(
        1L, Table4Builder.build("town", "agency", 2026, cells).cells().get("REVIEW_CORRECTED"));
  }

  @Test
  void shouldTakeTheDecisionOutOfTable3WhenItIsUndoneAsAnEntryError() {
    final RequestState before =
        fold(received("2025-09-01", "NATURAL_PERSON"), decided("2025-09-20", "DISCLOSED"));
    final RequestState after = accept(before, Steps.entryError("2026-01-05"));
    final Map<String, Long> delta = Cells.delta(before, after);
    assertEquals(-1L, delta.get(Cells.t3(2025, "DISCLOSED", "NATURAL_PERSON")));
    assertEquals(-1L, delta.get(Cells.compliance(2025, "ON_TIME")));
    assertEquals(1L, t3(Cells.of(after), 2025, "CARRIED_OVER_OUT"));
    assertEquals(1L, t3(Cells.of(after), 2026, "CARRIED_OVER_IN"));
  }

  @Test
  void shouldKeepTheOriginalDecisionInTable3WhenAReanswerIsOrderedAndGiven() {
    final RequestState before =
        fold(
            received("2025-09-01", "NATURAL_PERSON"),
            decided("2025-09-20", "WITHHELD_PROCESS_INFO"),
            review("2025-10-01", "c1"),
            reviewConcluded("2025-12-01", "c1", AppealResult.CORRECTED));
    final RequestState reopened = accept(before, Steps.reanswer("2025-12-03", "c1", null));
    final Map<String, Long> reopenDelta = Cells.delta(before, reopened);
    reopenDelta
        .keySet()
        .forEach(k -> assertTrue(k.startsWith(Cells.NOW), "only the live count moves: " + k));
    final RequestState answered = accept(reopened, decided("2026-01-06", "DISCLOSED"));
    final Map<String, Long> cells = Cells.of(answered);
    assertEquals(1L, cells.get(Cells.t3(2025, "WITHHELD_PROCESS_INFO", "NATURAL_PERSON")));
    assertNull(cells.get(Cells.t3(2026, "DISCLOSED", "NATURAL_PERSON")));
    assertEquals(1L, cells.get(Cells.compliance(2025, "ON_TIME")));
    // the re-answer was due 20 working days after 2025-12-03, before 2026-01-06
    assertEquals(1L, cells.get(Cells.compliance(2026, "RE_LATE")));
    assertNull(cells.get(Cells.compliance(2026, "LATE")));
    assertEquals(0L, t3(cells, 2026, "DISCLOSED"));
    assertEquals(0L, t3(cells, 2025, "CARRIED_OVER_OUT"));
  }

  @Test
  void shouldRemoveEveryCellOfEveryYearWhenTheRequestIsVoided() {
    final RequestState before =
        fold(
            received("2024-12-20", "NATURAL_PERSON"),
            decided("2025-01-06", "DISCLOSED"),
            review("2025-02-01", "c1"));
    final RequestState after = accept(before, Steps.voided("2026-01-05", "测试数据", false));
    assertEquals(Map.of(), Cells.of(after));
    final Map<String, Long> down = new java.util.HashMap<>();
    Cells.of(before).forEach((k, v) -> down.put(k, -v));
    assertEquals(down, Cells.delta(before, after));
  }

  @Test
  void shouldSumFeesPerYearOfPaymentInFen() {
    final RequestState s =
        fold(
            received("2025-12-01", "NATURAL_PERSON"),
            Steps.feeNotice("2025-12-05"),
            Steps.feePaid("2025-12-10", 5_000L),
            Steps.feeNotice("2025-12-29"),
            Steps.feePaid("2026-01-05", 10_050L));
    final Map<String, Long> cells = Cells.of(s);
    assertEquals(5_000L, cells.get(Cells.feeFen(2025)));
    assertEquals(10_050L, cells.get(Cells.feeFen(2026)));
  }
}
