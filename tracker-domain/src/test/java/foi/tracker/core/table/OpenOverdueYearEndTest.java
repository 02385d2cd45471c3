package foi.tracker.core.table;

import static foi.tracker.core.request.Steps.RULES;
import static foi.tracker.core.request.Steps.decided;
import static foi.tracker.core.request.Steps.fold;
import static foi.tracker.core.request.Steps.received;
import static org.junit.jupiter.api.Assertions.assertEquals;

import foi.tracker.core.request.RequestState;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * openOverdue of a past year (Compliance, counted honestly): an application open on 31 December of
 * that year and OVERDUE then counts there, whether it was answered later or is still open.
 */
class OpenOverdueYearEndTest {
  private static final String NP = "NATURAL_PERSON";
  private static final LocalDate TODAY = LocalDate.of(2026, 12, 7);

  private static RequestState asOfToday(final RequestState s) {
    return RULES.refresh(s, TODAY);
  }

  @Test
  void shouldCountAnApplicationOverdueOnTheYearEndAndAnsweredLaterInThatYear() {
    final RequestState s =
        asOfToday(fold(received("2024-11-01", NP), decided("2025-02-10", "DISCLOSED")));
    assertEquals(List.of(2024), s.deadline().overdueYearEnds());
    final Map<String, Long> cells = Cells.of(s);
    assertEquals(1L, cells.get(Cells.compliance(2024, Cells.OPEN_OVERDUE)));
    assertEquals(1L, cells.get(Cells.compliance(2025, "LATE")));
  }

  @Test
  void shouldCountAnApplicationStillOpenInEveryPastYearEndItWasOverdue() {
    final RequestState s = asOfToday(fold(received("2024-11-01", NP)));
    assertEquals(List.of(2024, 2025), s.deadline().overdueYearEnds());
  }

  @Test
  void shouldNotCountAnApplicationNotYetDueOnTheYearEnd() {
    final RequestState s =
        asOfToday(fold(received("2024-12-20", NP), decided("2025-01-10", "DISCLOSED")));
    assertEquals(List.of(), s.deadline().overdueYearEnds());
    assertEquals(null, Cells.of(s).get(Cells.compliance(2024, Cells.OPEN_OVERDUE)));
  }

  @Test
  void shouldNotCountTheCurrentYearWhichIsCountedLiveFromTheOpenRequests() {
    final RequestState s = RULES.refresh(fold(received("2026-01-05", NP)), TODAY);
    assertEquals(List.of(), s.deadline().overdueYearEnds());
  }
}
