package foi.tracker.core.request;

import com.fasterxml.jackson.annotation.JsonInclude;
import foi.tracker.core.deadline.ClockEvent;
import foi.tracker.core.deadline.Deadline;
import foi.tracker.core.event.Channel;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A request (政府信息公开申请) as folded from its accepted events: what Table 三 counts (applicant type,
 * receipt date, outcome and decision date), its answer clock, its appeals, its history and the
 * events refused for it. Immutable; every change returns a copy.
 *
 * @param alerted the last deadline status an alert was emitted for (so each change is alerted once)
 * @param registrationNumber the office's own 登记号 as written (free text, may be null)
 * @param fees the 信息处理费 payments with an amount, in the order recorded
 * @param counted the answer Table 三 counts when a new answer was ordered (null: the state's own
 *     outcome and decision date are counted, if closed)
 * @param reanswer the latest order to answer again (null when none)
 * @param voided set when the registration was voided: the request counts in no table
 * @param eventFingerprints every accepted or refused event id → fingerprint of its content, kept
 *     for the life of the request so that a duplicate is recognised however late it arrives
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RequestState(
    String agencyId,
    String requestId,
    String applicantType,
    Channel channel,
    LocalDate receivedDate,
    String subject,
    String applicantRefHash,
    RequestStatus status,
    String outcome,
    LocalDate decidedDate,
    String closedBy,
    LocalDate lastStepDate,
    List<ClockEvent> clock,
    Map<String, AppealCase> cases,
    Map<String, String> eventFingerprints,
    List<HistoryEntry> history,
    List<Rejection> rejected,
    Deadline deadline,
    DeadlineStatusAlerted alerted,
    String registrationNumber,
    List<FeePayment> fees,
    CountedAnswer counted,
    ReanswerOrder reanswer,
    VoidMark voided) {

  public RequestState {
    clock = clock == null ? List.of() : List.copyOf(clock);
    cases =
        cases == null
            ? Map.of()
            : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(cases));
    eventFingerprints =
        eventFingerprints == null
            ? Map.of()
            : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(eventFingerprints));
    history = history == null ? List.of() : List.copyOf(history);
    rejected = rejected == null ? List.of() : List.copyOf(rejected);
    fees = fees == null ? List.of() : List.copyOf(fees);
  }

  /**
   * A state of the first version's components (no registration number, fees, re-answer or void).
   */
  public RequestState(
      final String agencyId,
      final String requestId,
      final String applicantType,
      final Channel channel,
      final LocalDate receivedDate,
      final String subject,
      final String applicantRefHash,
      final RequestStatus status,
      final String outcome,
      final LocalDate decidedDate,
      final String closedBy,
      final LocalDate lastStepDate,
      final List<ClockEvent> clock,
      final Map<String, AppealCase> cases,
      final Map<String, String> eventFingerprints,
      final List<HistoryEntry> history,
      final List<Rejection> rejected,
      final Deadline deadline,
      final DeadlineStatusAlerted alerted) {
    this(
        agencyId,
        requestId,
        applicantType,
        channel,
        receivedDate,
        subject,
        applicantRefHash,
        status,
        outcome,
        decidedDate,
        closedBy,
        lastStepDate,
        clock,
        cases,
        eventFingerprints,
        history,
        rejected,
        deadline,
        alerted,
        null,
        null,
        null,
        null,
        null);
  }

  /** Whether the registration was voided (作废): it counts in no table and takes no further event. */
  @com.fasterxml.jackson.annotation.JsonIgnore
  public boolean isVoided() {
    return voided != null;
  }

  /**
   * The outcome Table 三 counts: the original decision's once a new answer was ordered, else this
   * state's own.
   */
  public String countedOutcome() {
    return counted != null ? counted.outcome() : isOpen() ? null : outcome;
  }

  /**
   * The decision date Table 三 counts (see {@link #countedOutcome()}); null while nothing is
   * counted.
   */
  public LocalDate countedDecidedDate() {
    return counted != null ? counted.decidedDate() : isOpen() ? null : decidedDate;
  }

  public boolean isOpen() {
    return status == RequestStatus.OPEN;
  }

  /** The Kafka key of this request: {@code agencyId/requestId}. */
  public String key() {
    return RequestKey.of(agencyId, requestId);
  }

  /** This state, noting that an alert for {@code status} has been emitted. */
  public RequestState withAlerted(final foi.tracker.core.deadline.DeadlineStatus status) {
    final Builder b = toBuilder();
    b.alerted = new DeadlineStatusAlerted(status);
    return b.build();
  }

  /**
   * This state with a system note in its history (e.g. a deadline recomputed after a calendar
   * change).
   */
  public RequestState withNote(final HistoryEntry note) {
    final Builder b = toBuilder();
    b.history.add(note);
    return b.build();
  }

  /**
   * This state without what only the stream processor needs: the event fingerprints (duplicate
   * detection), the stored deadline and the alert mark (views recompute the deadline as of the day
   * they are asked). What the dashboard keeps per request.
   */
  public RequestState forViews() {
    return new RequestState(
        agencyId,
        requestId,
        applicantType,
        channel,
        receivedDate,
        subject,
        applicantRefHash,
        status,
        outcome,
        decidedDate,
        closedBy,
        lastStepDate,
        clock,
        cases,
        Map.of(),
        history,
        rejected,
        null,
        null,
        registrationNumber,
        fees,
        counted,
        reanswer,
        voided);
  }

  Builder toBuilder() {
    return new Builder(this);
  }

  /** Copy-with helper for the rules. */
  static final class Builder {
    String agencyId;
    String requestId;
    String applicantType;
    Channel channel;
    LocalDate receivedDate;
    String subject;
    String applicantRefHash;
    RequestStatus status;
    String outcome;
    LocalDate decidedDate;
    String closedBy;
    LocalDate lastStepDate;
    List<ClockEvent> clock;
    Map<String, AppealCase> cases;
    Map<String, String> eventFingerprints;
    List<HistoryEntry> history;
    List<Rejection> rejected;
    Deadline deadline;
    DeadlineStatusAlerted alerted;
    String registrationNumber;
    List<FeePayment> fees;
    CountedAnswer counted;
    ReanswerOrder reanswer;
    VoidMark voided;

    Builder() {
      clock = new ArrayList<>();
      cases = new LinkedHashMap<>();
      eventFingerprints = new LinkedHashMap<>();
      history = new ArrayList<>();
      rejected = new ArrayList<>();
      fees = new ArrayList<>();
    }

    Builder(final RequestState s) {
      agencyId = s.agencyId;
      requestId = s.requestId;
      applicantType = s.applicantType;
      channel = s.channel;
      receivedDate = s.receivedDate;
      subject = s.subject;
      applicantRefHash = s.applicantRefHash;
      status = s.status;
      outcome = s.outcome;
      decidedDate = s.decidedDate;
      closedBy = s.closedBy;
      lastStepDate = s.lastStepDate;
      clock = new ArrayList<>(s.clock);
      cases = new LinkedHashMap<>(s.cases);
      eventFingerprints = new LinkedHashMap<>(s.eventFingerprints);
      history = new ArrayList<>(s.history);
      rejected = new ArrayList<>(s.rejected);
      deadline = s.deadline;
      alerted = s.alerted;
      registrationNumber = s.registrationNumber;
      fees = new ArrayList<>(s.fees);
      counted = s.counted;
      reanswer = s.reanswer;
      voided = s.voided;
    }

    RequestState build() {
      return new RequestState(
          agencyId,
          requestId,
          applicantType,
          channel,
          receivedDate,
          subject,
          applicantRefHash,
          status,
          outcome,
          decidedDate,
          closedBy,
          lastStepDate,
          clock,
          cases,
          eventFingerprints,
          history,
          rejected,
          deadline,
          alerted,
          registrationNumber,
          fees,
          counted,
          reanswer,
          voided);
    }
  }
}
