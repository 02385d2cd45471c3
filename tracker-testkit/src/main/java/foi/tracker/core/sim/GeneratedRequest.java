package foi.tracker.core.sim;

import foi.tracker.core.event.AppealResult;
import foi.tracker.core.event.RequestEvent;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * One simulated application: its events in the order a desk would send them (legal ones, duplicates
 * and deliberately illegal ones), and what its final facts must be, known by construction rather
 * than by running the rules. {@code outcome} and {@code decidedDate} are what Table 三 counts (after
 * an ordered re-answer: the original decision); {@code voided} requests count nowhere; {@code
 * feesFen} is the 信息处理费 paid per year, in fen.
 */
public record GeneratedRequest(
    String agencyId,
    String requestId,
    List<RequestEvent> events,
    String applicantType,
    LocalDate receivedDate,
    String outcome,
    LocalDate decidedDate,
    List<Case> cases,
    int illegalEvents,
    int duplicateEvents,
    boolean voided,
    Map<Integer, Long> feesFen) {

  public GeneratedRequest {
    feesFen = feesFen == null ? Map.of() : Map.copyOf(feesFen);
  }

  /** A request that was not voided and paid no fee with an amount. */
  public GeneratedRequest(
      final String agencyId,
      final String requestId,
      final List<RequestEvent> events,
      final String applicantType,
      final LocalDate receivedDate,
      final String outcome,
      final LocalDate decidedDate,
      final List<Case> cases,
      final int illegalEvents,
      final int duplicateEvents) {
    this(
        agencyId,
        requestId,
        events,
        applicantType,
        receivedDate,
        outcome,
        decidedDate,
        cases,
        illegalEvents,
        duplicateEvents,
        false,
        Map.of());
  }

  /** An appeal as Table 四 must count it. */
  public record Case(
      String group, LocalDate filedDate, LocalDate concludedDate, AppealResult result) {}
}
