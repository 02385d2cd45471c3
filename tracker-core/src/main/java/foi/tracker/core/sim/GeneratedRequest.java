package foi.tracker.core.sim;

import foi.tracker.core.event.AppealResult;
import foi.tracker.core.event.RequestEvent;
import java.time.LocalDate;
import java.util.List;

/**
 * One simulated application: its events in the order a desk would send them (legal ones, duplicates and deliberately
 * illegal ones), and what its final facts must be, known by construction rather than by running the rules.
 */
public record GeneratedRequest(String agencyId, String requestId, List<RequestEvent> events, String applicantType,
                               LocalDate receivedDate, String outcome, LocalDate decidedDate, List<Case> cases,
                               int illegalEvents, int duplicateEvents) {

  /** An appeal as Table 四 must count it. */
  public record Case(String group, LocalDate filedDate, LocalDate concludedDate, AppealResult result) {
  }
}
