package foi.tracker.core.table;

import static foi.tracker.core.request.Steps.accept;
import static foi.tracker.core.request.Steps.decided;
import static foi.tracker.core.request.Steps.fold;
import static foi.tracker.core.request.Steps.received;
import static foi.tracker.core.request.Steps.review;
import static foi.tracker.core.request.Steps.reviewConcluded;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import foi.tracker.core.event.AppealResult;
import foi.tracker.core.request.RequestState;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What one request counts for, year by year. */
class CellsTest {

  @Test
  void shouldCountACaseAsFiledInItsYearAndItsResultInTheConclusionYearWhenItSpansAYearEnd() {
    final RequestState filed = fold(received("2025-09-01", "NATURAL_PERSON"), decided("2025-09-20", "DISCLOSED"),
        review("2025-11-10", "c1"));
    assertEquals(1L, Cells.of(filed).get(Cells.t4Filed(2025, "REVIEW")));
    final RequestState concluded = accept(filed, reviewConcluded("2026-02-03", "c1", AppealResult.CORRECTED));
    final Map<String, Long> cells = Cells.of(concluded);
    assertEquals(1L, cells.get(Cells.t4Filed(2025, "REVIEW")));
    assertEquals(1L, cells.get(Cells.t4(2026, "REVIEW_CORRECTED")));
    assertNull(cells.get(Cells.t4(2025, "REVIEW_CORRECTED")));
    assertEquals(Map.of(Cells.t4(2026, "REVIEW_CORRECTED"), 1L), Cells.delta(filed, concluded));

    assertEquals(1L, Table4Builder.build("town", "agency", 2025, cells).cells().get("REVIEW_PENDING"));
    assertEquals(1L, Table4Builder.build("town", "agency", 2026, cells).cells().get("REVIEW_CORRECTED"));
    assertEquals(0L, Table4Builder.build("town", "agency", 2026, cells).cells().get("REVIEW_PENDING"));
  }

  @Test
  void shouldCountAnOpenCaseAsPendingAtEveryYearEndWhenItIsNeverConcluded() {
    final RequestState s = fold(received("2024-03-01", "COMMERCIAL_ENTERPRISE"), decided("2024-03-20", "DISCLOSED"),
        foi.tracker.core.request.Steps.litigation("2024-10-01", "c9", false));
    for (int y = 2024; y <= 2026; y++) {
      assertEquals(1L, Table4Builder.build("town", "agency", y, Cells.of(s)).cells().get("LITIGATION_DIRECT_PENDING"),
          "year " + y);
    }
  }
}
