package foi.tracker.core.request;

import foi.tracker.core.deadline.ClockEvent;
import foi.tracker.core.deadline.DeadlineClock;
import foi.tracker.core.event.Amended;
import foi.tracker.core.event.ApplicationReceived;
import foi.tracker.core.event.ConsultationEnded;
import foi.tracker.core.event.ConsultationStarted;
import foi.tracker.core.event.CorrectionReceived;
import foi.tracker.core.event.CorrectionRequested;
import foi.tracker.core.event.Decided;
import foi.tracker.core.event.DelaySet;
import foi.tracker.core.event.ExtensionGranted;
import foi.tracker.core.event.FeeNoticeIssued;
import foi.tracker.core.event.FeePaid;
import foi.tracker.core.event.LitigationConcluded;
import foi.tracker.core.event.LitigationFiled;
import foi.tracker.core.event.RequestEvent;
import foi.tracker.core.event.ReviewConcluded;
import foi.tracker.core.event.ReviewFiled;
import foi.tracker.core.event.Withdrawn;
import foi.tracker.core.taxonomy.Taxonomy;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;

/**
 * The lifecycle of a request: which event is legal in which state, and the state after it (a decider and an evolve
 * in one plain class; no Kafka). Every refusal names the state that makes the event illegal.
 */
public final class RequestRules {
  /** Dates are China dates (api.md). */
  public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

  private final DeadlineClock clock;
  private final Taxonomy taxonomy = Taxonomy.get();

  public RequestRules(final DeadlineClock clock) {
    this.clock = clock;
  }

  /** Decides {@code event} against {@code current} (null: no such request yet), as seen on {@code today}. */
  public Decision decide(final RequestState current, final RequestEvent event, final LocalDate today) {
    final String fingerprint = EventFingerprint.of(event);
    if (current == null) {
      if (!(event instanceof ApplicationReceived received)) {
        return new Decision.Rejected(rejection(event, "unknown request: no application " + event.requestId()
            + " has been received by agency " + event.agencyId() + " (未找到该申请)"), null);
      }
      final Optional<String> refusal = refuseReceived(received);
      if (refusal.isPresent()) {
        return new Decision.Rejected(rejection(event, refusal.get()), null);
      }
      return new Decision.Accepted(refresh(open(received, fingerprint), today));
    }
    final String seen = current.eventFingerprints().get(event.eventId());
    if (seen != null) {
      if (seen.equals(fingerprint)) {
        return new Decision.Duplicate(event.eventId());
      }
      return reject(current, event, fingerprint, "eventId " + event.eventId()
          + " was already used for a different event of this request (事件编号重复)");
    }
    if (event instanceof ApplicationReceived) {
      return reject(current, event, fingerprint, "requestId " + current.requestId() + " was already registered on "
          + current.receivedDate() + " with different content (申请编号重复)");
    }
    final Optional<String> refusal = refusal(current, event);
    if (refusal.isPresent()) {
      return reject(current, event, fingerprint, refusal.get());
    }
    final RequestState.Builder b = current.toBuilder();
    b.eventFingerprints.put(event.eventId(), fingerprint);
    b.history.add(new HistoryEntry(event.eventId(), event.type(), event.date(), event.recordedAt(), detail(event)));
    apply(b, event);
    return new Decision.Accepted(refresh(b.build(), today));
  }

  /** The state with its deadline recomputed as of {@code today} (status, days left, explanation). */
  public RequestState refresh(final RequestState state, final LocalDate today) {
    final RequestState.Builder b = state.toBuilder();
    b.deadline = clock.evaluateBrief(state.receivedDate(), state.clock(), state.decidedDate(), today);
    return b.build();
  }

  private RequestState open(final ApplicationReceived e, final String fingerprint) {
    final RequestState.Builder b = new RequestState.Builder();
    b.agencyId = e.agencyId();
    b.requestId = e.requestId();
    b.applicantType = e.applicantType();
    b.channel = e.channel();
    b.receivedDate = e.date();
    b.subject = e.subject();
    b.applicantRefHash = e.applicantRefHash();
    b.status = RequestStatus.OPEN;
    b.lastStepDate = e.date();
    b.eventFingerprints.put(e.eventId(), fingerprint);
    b.history.add(new HistoryEntry(e.eventId(), e.type(), e.date(), e.recordedAt(), detail(e)));
    return b.build();
  }

  private Optional<String> refuseReceived(final ApplicationReceived e) {
    if (!taxonomy.isApplicantType(e.applicantType())) {
      return Optional.of("applicantType " + e.applicantType() + " is not one of " + taxonomy.applicantTypes());
    }
    if (e.date() == null) {
      return Optional.of("the receipt date is missing");
    }
    return future(e);
  }

  private Optional<String> future(final RequestEvent e) {
    if (e.recordedAt() != null && e.date() != null && e.date().isAfter(e.recordedAt().atZone(CHINA).toLocalDate())) {
      return Optional.of("date " + e.date() + " is after the day it was recorded (" + e.recordedAt().atZone(CHINA)
          .toLocalDate() + "): a date may not be in the future (日期不能晚于录入日)");
    }
    return Optional.empty();
  }

  private Optional<String> refusal(final RequestState s, final RequestEvent e) {
    if (e.date() == null) {
      return Optional.of("the event date is missing");
    }
    final Optional<String> future = future(e);
    if (future.isPresent()) {
      return future;
    }
    if (e.date().isBefore(s.receivedDate()) && !(e instanceof Amended)) {
      return Optional.of("date " + e.date() + " is before the receipt date " + s.receivedDate() + " (早于收到申请日期)");
    }
    if (!s.isOpen() && !e.allowedAfterClosing()) {
      return Optional.of("the request was closed on " + s.decidedDate() + " (" + s.closedBy() + "); after closing only "
          + "AMENDED and review/litigation events are accepted (申请已办结)");
    }
    if (isLifecycleStep(e) && s.lastStepDate() != null && e.date().isBefore(s.lastStepDate())) {
      return Optional.of("date " + e.date() + " is before the previous handling step on " + s.lastStepDate()
          + " (早于上一办理环节)");
    }
    final ClockEvent ce = clockEvent(e);
    if (ce != null) {
      return clock.refusal(s.receivedDate(), s.clock(), ce);
    }
    if (e instanceof Decided d && !taxonomy.isOutcome(d.outcome())) {
      return Optional.of("outcome " + d.outcome() + " is not one of the 21 outcome rows of Table 三");
    }
    if (e instanceof Amended a) {
      return refuseAmendment(s, a);
    }
    if (e instanceof ReviewFiled f) {
      return refuseFiling(s, f.caseId());
    }
    if (e instanceof LitigationFiled f) {
      return refuseFiling(s, f.caseId());
    }
    if (e instanceof ReviewConcluded c) {
      return refuseConclusion(s, c.caseId(), AppealCase.Kind.REVIEW, c.date(), c.result() == null);
    }
    if (e instanceof LitigationConcluded c) {
      return refuseConclusion(s, c.caseId(), AppealCase.Kind.LITIGATION, c.date(), c.result() == null);
    }
    return Optional.empty();
  }

  private Optional<String> refuseAmendment(final RequestState s, final Amended a) {
    if (a.applicantType() == null && a.receivedDate() == null && a.channel() == null && a.outcome() == null) {
      return Optional.of("an amendment must change at least one of applicantType, receivedDate, channel, outcome");
    }
    if (a.applicantType() != null && !taxonomy.isApplicantType(a.applicantType())) {
      return Optional.of("applicantType " + a.applicantType() + " is not one of " + taxonomy.applicantTypes());
    }
    if (a.outcome() != null) {
      if (!taxonomy.isOutcome(a.outcome())) {
        return Optional.of("outcome " + a.outcome() + " is not one of the 21 outcome rows of Table 三");
      }
      if (s.isOpen()) {
        return Optional.of("the outcome cannot be amended: the request is still open (尚未办结)");
      }
    }
    if (a.receivedDate() != null) {
      final LocalDate earliestStep = earliestStepAfterReceipt(s);
      if (earliestStep != null && a.receivedDate().isAfter(earliestStep)) {
        return Optional.of("receivedDate " + a.receivedDate() + " would be after a recorded step on " + earliestStep
            + " (收到日期不能晚于后续环节)");
      }
      if (a.recordedAt() != null && a.receivedDate().isAfter(a.recordedAt().atZone(CHINA).toLocalDate())) {
        return Optional.of("receivedDate " + a.receivedDate() + " is in the future (日期不能晚于录入日)");
      }
    }
    return Optional.empty();
  }

  private static LocalDate earliestStepAfterReceipt(final RequestState s) {
    LocalDate min = s.decidedDate();
    for (ClockEvent ce : s.clock()) {
      min = min == null || ce.date().isBefore(min) ? ce.date() : min;
    }
    for (AppealCase c : s.cases().values()) {
      min = min == null || c.filedDate().isBefore(min) ? c.filedDate() : min;
    }
    return min;
  }

  private static Optional<String> refuseFiling(final RequestState s, final String caseId) {
    if (caseId == null || caseId.isBlank()) {
      return Optional.of("caseId is missing");
    }
    if (s.cases().containsKey(caseId)) {
      return Optional.of("case " + caseId + " was already filed on " + s.cases().get(caseId).filedDate());
    }
    return Optional.empty();
  }

  private static Optional<String> refuseConclusion(final RequestState s, final String caseId, final AppealCase.Kind kind,
                                                   final LocalDate date, final boolean noResult) {
    final AppealCase c = s.cases().get(caseId);
    if (c == null || c.kind() != kind) {
      return Optional.of("no " + kind.name().toLowerCase(java.util.Locale.ROOT) + " case " + caseId
          + " has been filed for this request");
    }
    if (c.concludedDate() != null) {
      return Optional.of("case " + caseId + " was already concluded on " + c.concludedDate());
    }
    if (date.isBefore(c.filedDate())) {
      return Optional.of("date " + date + " is before the case was filed on " + c.filedDate());
    }
    if (noResult) {
      return Optional.of("result is missing (UPHELD, CORRECTED or OTHER)");
    }
    return Optional.empty();
  }

  private static boolean isLifecycleStep(final RequestEvent e) {
    return !e.allowedAfterClosing();
  }

  /** The clock view of an event, or null for events that do not move the answer clock. */
  static ClockEvent clockEvent(final RequestEvent e) {
    if (e instanceof CorrectionRequested || e instanceof CorrectionReceived || e instanceof ConsultationStarted
        || e instanceof ConsultationEnded || e instanceof FeeNoticeIssued || e instanceof FeePaid) {
      return new ClockEvent(e.type(), e.date(), null, e instanceof CorrectionRequested c ? c.dueBy() : null);
    }
    if (e instanceof ExtensionGranted x) {
      return new ClockEvent(e.type(), e.date(), x.workingDays(), null);
    }
    if (e instanceof DelaySet d) {
      return new ClockEvent(e.type(), e.date(), null, d.dueDate());
    }
    return null;
  }

  private static void apply(final RequestState.Builder b, final RequestEvent e) {
    if (isLifecycleStep(e)) {
      b.lastStepDate = e.date();
    }
    final ClockEvent ce = clockEvent(e);
    if (ce != null) {
      b.clock.add(ce);
    } else if (e instanceof Decided d) {
      close(b, d.date(), d.outcome(), d.type());
    } else if (e instanceof Withdrawn w) {
      close(b, w.date(), Taxonomy.WITHDRAWN_OUTCOME, w.type());
    } else if (e instanceof Amended a) {
      if (a.applicantType() != null) {
        b.applicantType = a.applicantType();
      }
      if (a.receivedDate() != null) {
        b.receivedDate = a.receivedDate();
      }
      if (a.channel() != null) {
        b.channel = a.channel();
      }
      if (a.outcome() != null) {
        b.outcome = a.outcome();
      }
    } else if (e instanceof ReviewFiled f) {
      b.cases.put(f.caseId(), new AppealCase(f.caseId(), AppealCase.Kind.REVIEW, false, f.date(), null, null));
    } else if (e instanceof LitigationFiled f) {
      b.cases.put(f.caseId(), new AppealCase(f.caseId(), AppealCase.Kind.LITIGATION, f.afterReview(), f.date(), null,
          null));
    } else if (e instanceof ReviewConcluded c) {
      conclude(b, c.caseId(), c.date(), c.result());
    } else if (e instanceof LitigationConcluded c) {
      conclude(b, c.caseId(), c.date(), c.result());
    }
  }

  private static void close(final RequestState.Builder b, final LocalDate date, final String outcome, final String by) {
    b.status = RequestStatus.CLOSED;
    b.decidedDate = date;
    b.outcome = outcome;
    b.closedBy = by;
  }

  private static void conclude(final RequestState.Builder b, final String caseId, final LocalDate date,
                               final foi.tracker.core.event.AppealResult result) {
    final AppealCase c = b.cases.get(caseId);
    b.cases.put(caseId, new AppealCase(c.caseId(), c.kind(), c.afterReview(), c.filedDate(), date, result));
  }

  private Decision reject(final RequestState s, final RequestEvent e, final String fingerprint, final String reason) {
    final Rejection r = rejection(e, reason);
    final RequestState.Builder b = s.toBuilder();
    b.rejected.add(r);
    if (!b.eventFingerprints.containsKey(e.eventId())) {
      b.eventFingerprints.put(e.eventId(), fingerprint);
    }
    return new Decision.Rejected(r, b.build());
  }

  private static Rejection rejection(final RequestEvent e, final String reason) {
    return new Rejection(e.agencyId(), e.requestId(), e.eventId(), e.type(), e.date(), e.recordedAt(), reason);
  }

  private static String detail(final RequestEvent e) {
    if (e instanceof ApplicationReceived r) {
      return r.applicantType() + ", " + r.channel();
    } else if (e instanceof Decided d) {
      return d.outcome() + (Boolean.TRUE.equals(d.onTheSpot()) ? ", on the spot (当场答复)" : "");
    } else if (e instanceof ExtensionGranted x) {
      return "+" + x.workingDays() + " working days";
    } else if (e instanceof DelaySet d) {
      return "due " + d.dueDate();
    } else if (e instanceof ConsultationStarted c) {
      return String.valueOf(c.party());
    } else if (e instanceof CorrectionRequested c) {
      return c.dueBy() == null ? null : "correction due by " + c.dueBy();
    } else if (e instanceof Amended a) {
      final StringBuilder sb = new StringBuilder();
      if (a.applicantType() != null) {
        sb.append("applicantType=").append(a.applicantType()).append(' ');
      }
      if (a.receivedDate() != null) {
        sb.append("receivedDate=").append(a.receivedDate()).append(' ');
      }
      if (a.channel() != null) {
        sb.append("channel=").append(a.channel()).append(' ');
      }
      if (a.outcome() != null) {
        sb.append("outcome=").append(a.outcome());
      }
      return sb.toString().trim();
    } else if (e instanceof ReviewFiled f) {
      return "case " + f.caseId();
    } else if (e instanceof LitigationFiled f) {
      return "case " + f.caseId() + (f.afterReview() ? " after review" : " direct");
    } else if (e instanceof ReviewConcluded c) {
      return "case " + c.caseId() + " " + c.result();
    } else if (e instanceof LitigationConcluded c) {
      return "case " + c.caseId() + " " + c.result();
    }
    return null;
  }
}
