package foi.tracker.core.request;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import foi.tracker.core.calendar.WorkingDayCalendar;
import foi.tracker.core.deadline.DeadlineClock;
import foi.tracker.core.deadline.DeadlineSettings;
import foi.tracker.core.event.Amended;
import foi.tracker.core.event.AppealResult;
import foi.tracker.core.event.ApplicationReceived;
import foi.tracker.core.event.Channel;
import foi.tracker.core.event.Decided;
import foi.tracker.core.event.ExtensionGranted;
import foi.tracker.core.event.FeeNoticeIssued;
import foi.tracker.core.event.FeePaid;
import foi.tracker.core.event.LitigationConcluded;
import foi.tracker.core.event.LitigationFiled;
import foi.tracker.core.event.ReopenReason;
import foi.tracker.core.event.Reopened;
import foi.tracker.core.event.RequestEvent;
import foi.tracker.core.event.ReviewConcluded;
import foi.tracker.core.event.ReviewFiled;
import foi.tracker.core.event.Voided;
import foi.tracker.core.event.Withdrawn;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Test helper: terse events of one request ({@code town/r1}, each recorded at 10:00 China time on
 * {@code recorded}, default its own date) and a fold through {@link RequestRules} that fails on a
 * refusal.
 */
public final class Steps {
  public static final String AGENCY = "town";
  public static final String REQUEST = "r1";
  public static final RequestRules RULES =
      new RequestRules(
          new DeadlineClock(WorkingDayCalendar.bundled(), DeadlineSettings.defaults()));
  private static int seq;

  private Steps() {}

  public static LocalDate d(final String date) {
    return LocalDate.parse(date);
  }

  public static Instant at(final String date) {
    return d(date).atTime(10, 0).toInstant(ZoneOffset.ofHours(8));
  }

  public static String id() {
    return "e" + (++seq);
  }

  public static ApplicationReceived received(final String date, final String type) {
    return new ApplicationReceived(
        "received", AGENCY, REQUEST, d(date), at(date), type, Channel.ONLINE, "s", null);
  }

  public static Decided decided(final String date, final String outcome) {
    return new Decided(id(), AGENCY, REQUEST, d(date), at(date), outcome, null);
  }

  public static ReviewFiled review(final String date, final String caseId) {
    return new ReviewFiled(id(), AGENCY, REQUEST, d(date), at(date), caseId);
  }

  public static ReviewConcluded reviewConcluded(
      final String date, final String caseId, final AppealResult result) {
    return new ReviewConcluded(id(), AGENCY, REQUEST, d(date), at(date), caseId, result);
  }

  public static LitigationFiled litigation(
      final String date, final String caseId, final boolean afterReview) {
    return new LitigationFiled(id(), AGENCY, REQUEST, d(date), at(date), caseId, afterReview);
  }

  public static LitigationConcluded litigationConcluded(
      final String date, final String caseId, final AppealResult result) {
    return new LitigationConcluded(id(), AGENCY, REQUEST, d(date), at(date), caseId, result);
  }

  public static Amended amendDecidedDate(final String date, final String decidedDate) {
    return new Amended(
        id(),
        AGENCY,
        REQUEST,
        d(date),
        at(date),
        null,
        null,
        null,
        null,
        d(decidedDate),
        null,
        null,
        null,
        null,
        null,
        null);
  }

  public static Amended amendCase(
      final String date,
      final String caseId,
      final String filedDate,
      final String concludedDate,
      final AppealResult result,
      final Boolean afterReview,
      final String caseNumber) {
    return new Amended(
        id(),
        AGENCY,
        REQUEST,
        d(date),
        at(date),
        null,
        null,
        null,
        null,
        null,
        caseId,
        filedDate == null ? null : d(filedDate),
        concludedDate == null ? null : d(concludedDate),
        result,
        afterReview,
        caseNumber);
  }

  public static Reopened entryError(final String date) {
    return new Reopened(
        id(), AGENCY, REQUEST, d(date), at(date), ReopenReason.ENTRY_ERROR, null, null);
  }

  public static Reopened reanswer(final String date, final String caseId, final String dueDate) {
    return new Reopened(
        id(),
        AGENCY,
        REQUEST,
        d(date),
        at(date),
        ReopenReason.REANSWER_ORDERED,
        caseId,
        dueDate == null ? null : d(dueDate));
  }

  public static Voided voided(final String date, final String reason, final boolean byDesk) {
    return new Voided(id(), AGENCY, REQUEST, d(date), at(date), reason, byDesk);
  }

  public static FeePaid feePaid(final String date, final Long fen) {
    return new FeePaid(id(), AGENCY, REQUEST, d(date), at(date), fen);
  }

  public static FeeNoticeIssued feeNotice(final String date) {
    return new FeeNoticeIssued(id(), AGENCY, REQUEST, d(date), at(date));
  }

  public static Withdrawn withdrawn(final String date) {
    return new Withdrawn(id(), AGENCY, REQUEST, d(date), at(date));
  }

  public static ExtensionGranted extension(final String date, final int days) {
    return new ExtensionGranted(id(), AGENCY, REQUEST, d(date), at(date), days);
  }

  /** {@code e} recorded on {@code recordedOn} instead of its own date. */
  public static Amended recordedOn(final Amended e, final String recordedOn) {
    return new Amended(
        e.eventId(),
        e.agencyId(),
        e.requestId(),
        e.date(),
        at(recordedOn),
        e.applicantType(),
        e.receivedDate(),
        e.channel(),
        e.outcome(),
        e.decidedDate(),
        e.caseId(),
        e.filedDate(),
        e.concludedDate(),
        e.result(),
        e.afterReview(),
        e.caseNumber());
  }

  /**
   * The state after {@code events}, each accepted (fails the test otherwise), as seen on the last
   * event's date.
   */
  public static RequestState fold(final RequestEvent... events) {
    RequestState s = null;
    for (RequestEvent e : events) {
      s = accept(s, e);
    }
    return s;
  }

  /** {@code state} after {@code e}, which must be accepted. */
  public static RequestState accept(final RequestState state, final RequestEvent e) {
    final Decision decision = RULES.decide(state, e, e.date());
    return assertInstanceOf(
            Decision.Accepted.class, decision, () -> e.type() + " refused: " + decision)
        .next();
  }

  /** The reason {@code e} is refused for {@code state} (fails the test if accepted). */
  public static String refusal(final RequestState state, final RequestEvent e) {
    final Decision decision = RULES.decide(state, e, e.date());
    return assertInstanceOf(Decision.Rejected.class, decision, () -> e.type() + " accepted")
        .rejection()
        .reason();
  }
}
