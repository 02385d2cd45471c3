package foi.tracker.core.request;

import foi.tracker.core.deadline.ClockEvent;
import foi.tracker.core.deadline.DeadlineClock;
import foi.tracker.core.deadline.DeadlineStatus;
import foi.tracker.core.event.Amended;
import foi.tracker.core.event.ApplicationReceived;
import foi.tracker.core.event.ConsultationEnded;
import foi.tracker.core.event.ConsultationStarted;
import foi.tracker.core.event.CorrectionReceived;
import foi.tracker.core.event.CorrectionRequested;
import foi.tracker.core.event.Decided;
import foi.tracker.core.event.DelaySet;
import foi.tracker.core.event.EventType;
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
import foi.tracker.core.taxonomy.Taxonomy;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * The lifecycle of a request: which event is legal in which state, and the state after it (a
 * decider and an evolve in one plain class; no Kafka). Every refusal names the state that makes the
 * event illegal.
 */
public final class RequestRules {
  /** Dates are China dates (api.md). */
  public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

  /** The longest registration number (登记号) or case number (案号), in characters. */
  public static final int MAX_NUMBER_CHARS = 100;

  private final DeadlineClock clock;
  private final Taxonomy taxonomy = Taxonomy.get();

  public RequestRules(final DeadlineClock clock) {
    this.clock = clock;
  }

  /**
   * Decides {@code event} against {@code current} (null: no such request yet), as seen on {@code
   * today}.
   */
  public Decision decide(
      final RequestState current, final RequestEvent event, final LocalDate today) {
    final String fingerprint = EventFingerprint.of(event);
    final Optional<Refusal> outOfBounds = outOfBounds(event, today);
    if (current == null) {
      if (!(event instanceof ApplicationReceived received)) {
        return new Decision.Rejected(
            rejection(
                event,
                refusalOf(
                    RefusalCode.UNKNOWN_REQUEST,
                    "未找到该申请：机关 " + event.agencyId() + " 未收到编号为 " + event.requestId() + " 的申请",
                    "unknown request: no application "
                        + event.requestId()
                        + " has been received by agency "
                        + event.agencyId())),
            null);
      }
      if (outOfBounds.isPresent()) {
        return new Decision.Rejected(rejection(event, outOfBounds.get()), null);
      }
      final Optional<Refusal> refusal = refuseReceived(received);
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
      return reject(
          current,
          event,
          fingerprint,
          refusalOf(
              RefusalCode.DUPLICATE_EVENT_ID,
              "事件编号重复：编号 " + event.eventId() + " 已用于本申请的另一事件",
              "eventId "
                  + event.eventId()
                  + " was already used for a different event of this request"));
    }
    if (outOfBounds.isPresent()) {
      return reject(current, event, fingerprint, outOfBounds.get());
    }
    if (event instanceof ApplicationReceived) {
      return reject(
          current,
          event,
          fingerprint,
          refusalOf(
              RefusalCode.DUPLICATE_REQUEST_ID,
              "申请编号重复：编号 " + current.requestId() + " 已于 " + current.receivedDate() + " 登记了内容不同的申请",
              "requestId "
                  + current.requestId()
                  + " was already registered on "
                  + current.receivedDate()
                  + " with different content"));
    }
    if (current.isVoided()) {
      return reject(
          current,
          event,
          fingerprint,
          refusalOf(
              RefusalCode.VOIDED,
              "申请已作废（"
                  + current.voided().date()
                  + "，原因："
                  + current.voided().reason()
                  + "），不再接受任何事件",
              "the registration was voided on "
                  + current.voided().date()
                  + "; no event is accepted after a void"));
    }
    final Optional<Refusal> refusal = refusal(current, event);
    if (refusal.isPresent()) {
      return reject(current, event, fingerprint, refusal.get());
    }
    final RequestState.Builder b = current.toBuilder();
    b.eventFingerprints.put(event.eventId(), fingerprint);
    b.history.add(
        new HistoryEntry(
            event.eventId(), event.type(), event.date(), event.recordedAt(), detail(event)));
    apply(b, event);
    return new Decision.Accepted(refresh(b.build(), today));
  }

  /**
   * The state with its deadline recomputed as of {@code today} (status, days left, explanation):
   * the answer clock from receipt; after an order to answer again, the re-answer's clock ({@link
   * #reanswerDeadline}); none once voided.
   */
  public RequestState refresh(final RequestState state, final LocalDate today) {
    final RequestState.Builder b = state.toBuilder();
    if (state.isVoided()) {
      b.deadline = null;
    } else if (state.reanswer() != null) {
      b.deadline = reanswerDeadline(state, today, false);
    } else {
      b.deadline =
          clock.evaluateBrief(state.receivedDate(), state.clock(), state.decidedDate(), today);
    }
    if (b.deadline != null && !state.isVoided()) {
      final LocalDate counted =
          state.counted() != null ? state.countedDecidedDate() : state.decidedDate();
      final List<Integer> years =
          clock.overdueYearEnds(state.receivedDate(), state.clock(), counted, today);
      if (!years.isEmpty()) {
        b.deadline = b.deadline.withOverdueYearEnds(years);
      }
    }
    return b.build();
  }

  /**
   * The deadline of the new answer a review or court ordered (责令重新答复): due on the order's {@code
   * dueDate}, or else 20 working days after the day it was recorded as reopened; answered by the
   * state's latest decision, if any. With {@code explain}, the explanation lines and excluded days
   * are filled in (for the dashboard).
   */
  public foi.tracker.core.deadline.Deadline reanswerDeadline(
      final RequestState state, final LocalDate today, final boolean explain) {
    final ReanswerOrder order = state.reanswer();
    final List<ClockEvent> steps =
        order.dueDate() == null
            ? List.of()
            : List.of(
                new ClockEvent(
                    DeadlineClock.ORDERED_DUE_DATE, order.date(), null, order.dueDate()));
    return explain
        ? clock.evaluate(order.date(), steps, state.decidedDate(), today)
        : clock.evaluateBrief(order.date(), steps, state.decidedDate(), today);
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
    b.registrationNumber = e.registrationNumber();
    b.status = RequestStatus.OPEN;
    b.lastStepDate = e.date();
    b.eventFingerprints.put(e.eventId(), fingerprint);
    b.history.add(new HistoryEntry(e.eventId(), e.type(), e.date(), e.recordedAt(), detail(e)));
    return b.build();
  }

  private Optional<Refusal> refuseReceived(final ApplicationReceived e) {
    if (!taxonomy.isApplicantType(e.applicantType())) {
      return why(
          RefusalCode.UNKNOWN_APPLICANT_TYPE,
          "申请人类型 " + e.applicantType() + " 不是规定的申请人类型之一",
          "applicantType " + e.applicantType() + " is not one of " + taxonomy.applicantTypes());
    }
    if (e.date() == null) {
      return why(RefusalCode.DATE_MISSING, "收到申请日期未填写", "the receipt date is missing");
    }
    return future(e);
  }

  private Optional<Refusal> future(final RequestEvent e) {
    if (e.recordedAt() != null
        && e.date() != null
        && e.date().isAfter(e.recordedAt().atZone(CHINA).toLocalDate())) {
      final LocalDate recordedOn = e.recordedAt().atZone(CHINA).toLocalDate();
      return why(
          RefusalCode.FUTURE_DATE,
          "日期不能晚于录入日：日期 " + e.date() + " 晚于录入当日 " + recordedOn,
          "date "
              + e.date()
              + " is after the day it was recorded, "
              + recordedOn
              + ": a date may not be in the future");
    }
    return Optional.empty();
  }

  private Optional<Refusal> refusal(final RequestState s, final RequestEvent e) {
    if (e.date() == null) {
      return why(RefusalCode.DATE_MISSING, "事件日期未填写", "the event date is missing");
    }
    final Optional<Refusal> future = future(e);
    if (future.isPresent()) {
      return future;
    }
    if (e.date().isBefore(s.receivedDate()) && !(e instanceof Amended)) {
      return why(
          RefusalCode.BEFORE_RECEIPT,
          "日期 " + e.date() + " 早于收到申请日期 " + s.receivedDate(),
          "date " + e.date() + " is before the receipt date " + s.receivedDate());
    }
    if (!s.isOpen() && !e.allowedAfterClosing()) {
      return why(
          RefusalCode.CLOSED,
          "申请已办结（"
              + s.decidedDate()
              + " "
              + closedByName(s.closedBy())
              + "），办结后只能更正、登记复议或诉讼、重新办理或作废",
          "the request was closed on "
              + s.decidedDate()
              + " ("
              + s.closedBy()
              + "); after closing only "
              + "AMENDED, review/litigation, REOPENED and VOIDED events are accepted");
    }
    if (s.isOpen() && s.reanswer() != null && clockEvent(e) != null) {
      return why(
          RefusalCode.REANSWER_CLOCK_CLOSED,
          "重新答复期间不接受此环节：责令重新答复的答复期限由 " + s.reanswer().date() + " 起计",
          "a re-answer ordered by case "
              + s.reanswer().caseId()
              + " has its own period; the first period's clock "
              + "steps are closed");
    }
    if (isLifecycleStep(e) && s.lastStepDate() != null && e.date().isBefore(s.lastStepDate())) {
      return why(
          RefusalCode.BEFORE_PREVIOUS_STEP,
          "日期 " + e.date() + " 早于上一办理环节（" + s.lastStepDate() + "）",
          "date " + e.date() + " is before the previous handling step on " + s.lastStepDate());
    }
    final ClockEvent ce = clockEvent(e);
    if (ce != null) {
      return clock.check(s.receivedDate(), s.clock(), ce);
    }
    if (e instanceof Decided d && !taxonomy.isOutcome(d.outcome())) {
      return why(
          RefusalCode.UNKNOWN_OUTCOME,
          "办理结果 " + d.outcome() + " 不是表三的 21 种办理结果之一",
          "outcome " + d.outcome() + " is not one of the 21 outcome rows of Table 三");
    }
    if (e instanceof Decided d
        && Boolean.TRUE.equals(d.onTheSpot())
        && !d.date().equals(s.receivedDate())) {
      return why(
          RefusalCode.ON_THE_SPOT_DATE,
          "当场答复的答复日期应为收到申请当日 " + s.receivedDate() + "，而非 " + d.date(),
          "onTheSpot: an answer on the spot is dated the day of receipt");
    }
    if (e instanceof Amended a) {
      return refuseAmendment(s, a);
    }
    if (e instanceof Reopened r) {
      return refuseReopening(s, r);
    }
    if (e instanceof Voided v) {
      return refuseVoid(s, v);
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
      return refuseConclusion(
          s, c.caseId(), AppealCase.Kind.LITIGATION, c.date(), c.result() == null);
    }
    return Optional.empty();
  }

  private Optional<Refusal> refuseAmendment(final RequestState s, final Amended a) {
    final boolean application =
        a.applicantType() != null
            || a.receivedDate() != null
            || a.channel() != null
            || a.outcome() != null
            || a.decidedDate() != null;
    final boolean caseFields =
        a.filedDate() != null
            || a.concludedDate() != null
            || a.result() != null
            || a.afterReview() != null
            || a.caseNumber() != null;
    if (caseFields && !a.amendsCase()) {
      return why(
          RefusalCode.AMEND_NEEDS_CASE_ID,
          "更正案件须指明案件编号：更正立案日期、审结日期、结果、是否经复议或案号时须指明所更正的案件",
          "caseId is required to amend filedDate, concludedDate, result, afterReview or caseNumber");
    }
    if (!application && !a.amendsCase()) {
      return why(
          RefusalCode.AMEND_NOTHING,
          "更正须至少修改一项：申请人类型、收到申请日期、申请方式、办理结果、答复日期，或指明案件并修改其一项",
          "an amendment must change at least one of applicantType, receivedDate, channel, outcome, decidedDate, "
              + "or name caseId with a case field");
    }
    if (a.applicantType() != null && !taxonomy.isApplicantType(a.applicantType())) {
      return why(
          RefusalCode.UNKNOWN_APPLICANT_TYPE,
          "申请人类型 " + a.applicantType() + " 不是规定的申请人类型之一",
          "applicantType " + a.applicantType() + " is not one of " + taxonomy.applicantTypes());
    }
    if (a.outcome() != null) {
      if (!taxonomy.isOutcome(a.outcome())) {
        return why(
            RefusalCode.UNKNOWN_OUTCOME,
            "办理结果 " + a.outcome() + " 不是表三的 21 种办理结果之一",
            "outcome " + a.outcome() + " is not one of the 21 outcome rows of Table 三");
      }
      if (s.isOpen()) {
        return why(
            RefusalCode.AMEND_WHILE_OPEN,
            "办理结果不能更正：申请尚未办结",
            "the outcome cannot be amended: the request is still open");
      }
    }
    final LocalDate recordedOn =
        a.recordedAt() == null ? null : a.recordedAt().atZone(CHINA).toLocalDate();
    if (a.receivedDate() != null) {
      final LocalDate earliestStep = earliestStepAfterReceipt(s);
      if (earliestStep != null && a.receivedDate().isAfter(earliestStep)) {
        return why(
            RefusalCode.RECEIPT_AFTER_STEP,
            "收到日期不能晚于后续环节：更正后的收到申请日期 " + a.receivedDate() + " 晚于 " + earliestStep + " 已记录的环节",
            "receivedDate "
                + a.receivedDate()
                + " would be after a recorded step on "
                + earliestStep);
      }
      if (recordedOn != null && a.receivedDate().isAfter(recordedOn)) {
        return why(
            RefusalCode.FUTURE_DATE,
            "日期不能晚于录入日：更正后的收到申请日期 " + a.receivedDate() + " 晚于录入当日 " + recordedOn,
            "receivedDate " + a.receivedDate() + " is in the future");
      }
    }
    if (a.decidedDate() != null) {
      final Optional<Refusal> refusal = refuseDecidedDate(s, a, recordedOn);
      if (refusal.isPresent()) {
        return refusal;
      }
    }
    if (a.amendsCase()) {
      return refuseCaseAmendment(s, a, caseFields, recordedOn);
    }
    return Optional.empty();
  }

  /**
   * A decision date moved: closed requests only; not before receipt or a clock step, not after a
   * filing, not future.
   */
  private static Optional<Refusal> refuseDecidedDate(
      final RequestState s, final Amended a, final LocalDate recordedOn) {
    final LocalDate moved = a.decidedDate();
    if (s.isOpen()) {
      return why(
          RefusalCode.AMEND_WHILE_OPEN,
          "答复日期不能更正：申请尚未办结",
          "decidedDate can only be amended on a closed request");
    }
    final LocalDate received = a.receivedDate() != null ? a.receivedDate() : s.receivedDate();
    if (moved.isBefore(received)) {
      return why(
          RefusalCode.BEFORE_RECEIPT,
          "更正后的答复日期 " + moved + " 早于收到申请日期 " + received,
          "decidedDate " + moved + " is before the receipt date " + received);
    }
    if (s.reanswer() != null && moved.isBefore(s.reanswer().date())) {
      return why(
          RefusalCode.DECIDED_BEFORE_REANSWER,
          "更正后的答复日期 " + moved + " 早于责令重新答复之日 " + s.reanswer().date(),
          "decidedDate "
              + moved
              + " is before "
              + s.reanswer().date()
              + ": the latest answer is the re-answer ordered by case "
              + s.reanswer().caseId());
    }
    for (ClockEvent ce : s.clock()) {
      if (moved.isBefore(ce.date())) {
        return why(
            RefusalCode.DECIDED_BEFORE_STEP,
            "更正后的答复日期 "
                + moved
                + " 早于办理环节"
                + EventType.CLOCK_STEP_NAMES.getOrDefault(ce.type(), "")
                + "（"
                + ce.date()
                + "）",
            "decidedDate "
                + moved
                + " is before a recorded step of the answer clock, "
                + ce.type()
                + " on "
                + ce.date());
      }
    }
    for (AppealCase c : s.cases().values()) {
      if (moved.isAfter(c.filedDate())) {
        return why(
            RefusalCode.DECIDED_AFTER_FILING,
            "更正后的答复日期 " + moved + " 晚于案件 " + c.caseId() + " 的立案日期 " + c.filedDate(),
            "decidedDate "
                + moved
                + " is after review or litigation case "
                + c.caseId()
                + " was filed on "
                + c.filedDate());
      }
    }
    if (recordedOn != null && moved.isAfter(recordedOn)) {
      return why(
          RefusalCode.FUTURE_DATE,
          "日期不能晚于录入日：更正后的答复日期 " + moved + " 晚于录入当日 " + recordedOn,
          "decidedDate " + moved + " is in the future");
    }
    return Optional.empty();
  }

  private static Optional<Refusal> refuseCaseAmendment(
      final RequestState s, final Amended a, final boolean caseFields, final LocalDate recordedOn) {
    final AppealCase c = s.cases().get(a.caseId());
    if (c == null) {
      return why(
          RefusalCode.UNKNOWN_CASE,
          "本申请没有案件 " + a.caseId(),
          "no review or litigation case " + a.caseId() + " has been filed for this request");
    }
    if (!caseFields) {
      return why(
          RefusalCode.AMEND_NOTHING,
          "更正案件须至少修改一项：立案日期、审结日期、结果、是否经复议或案号",
          "name at least one of filedDate, concludedDate, result, afterReview, caseNumber with caseId");
    }
    if (a.afterReview() != null && c.kind() != AppealCase.Kind.LITIGATION) {
      return why(
          RefusalCode.AFTER_REVIEW_NOT_LITIGATION,
          "“是否经复议”只适用于行政诉讼，案件 " + c.caseId() + " 是行政复议",
          "afterReview applies to litigation only; case " + c.caseId() + " is a review");
    }
    if ((a.concludedDate() != null || a.result() != null) && c.concludedDate() == null) {
      return why(
          RefusalCode.CASE_NOT_CONCLUDED,
          "案件 "
              + c.caseId()
              + " 尚未审结，请先登记"
              + (c.kind() == AppealCase.Kind.REVIEW ? "复议决定" : "诉讼判决")
              + "，不能更正审结日期或结果",
          "case "
              + c.caseId()
              + " is not concluded: send its "
              + (c.kind() == AppealCase.Kind.REVIEW ? "REVIEW_CONCLUDED" : "LITIGATION_CONCLUDED"));
    }
    if (a.caseNumber() != null
        && a.caseNumber().codePointCount(0, a.caseNumber().length()) > MAX_NUMBER_CHARS) {
      return why(
          RefusalCode.CASE_NUMBER_TOO_LONG,
          "案号超过 " + MAX_NUMBER_CHARS + " 字",
          "caseNumber is longer than " + MAX_NUMBER_CHARS + " characters");
    }
    final LocalDate filed = a.filedDate() != null ? a.filedDate() : c.filedDate();
    final LocalDate concluded = a.concludedDate() != null ? a.concludedDate() : c.concludedDate();
    final LocalDate received = a.receivedDate() != null ? a.receivedDate() : s.receivedDate();
    if (filed.isBefore(received)) {
      return why(
          RefusalCode.BEFORE_RECEIPT,
          "立案日期 " + filed + " 早于收到申请日期 " + received,
          "filedDate " + filed + " is before the receipt date " + received);
    }
    if (concluded != null && concluded.isBefore(filed)) {
      return why(
          RefusalCode.CONCLUDED_BEFORE_FILED,
          "审结日期 " + concluded + " 早于立案日期 " + filed,
          "concludedDate " + concluded + " is before the case was filed on " + filed);
    }
    if (recordedOn != null
        && (filed.isAfter(recordedOn) || concluded != null && concluded.isAfter(recordedOn))) {
      return why(
          RefusalCode.FUTURE_DATE,
          "案件日期不能晚于录入日（" + recordedOn + "）",
          "a case date may not be after the day it was recorded, " + recordedOn);
    }
    if (s.reanswer() != null
        && a.caseId().equals(s.reanswer().caseId())
        && concluded != null
        && (a.result() != null ? a.result() : c.result())
            == foi.tracker.core.event.AppealResult.UPHELD) {
      return why(
          RefusalCode.CASE_ORDERED_REANSWER,
          "案件 " + c.caseId() + " 已责令重新答复，结果不能更正为维持",
          "this case ordered the re-answer; its result cannot be amended to UPHELD");
    }
    return Optional.empty();
  }

  /**
   * REOPENED: closed requests only; a re-answer needs a case of this request not concluded UPHELD.
   */
  private static Optional<Refusal> refuseReopening(final RequestState s, final Reopened r) {
    if (r.reason() == null) {
      return why(
          RefusalCode.REOPEN_REASON_MISSING,
          "重新办理须说明原因：录入错误或责令重新答复",
          "reason is missing: ENTRY_ERROR or REANSWER_ORDERED");
    }
    if (s.isOpen()) {
      return why(
          RefusalCode.REOPEN_WHILE_OPEN,
          "申请尚未办结，不能重新办理",
          "only a closed request can be reopened; this one is open");
    }
    if (s.decidedDate() != null && r.date().isBefore(s.decidedDate())) {
      return why(
          RefusalCode.REOPEN_BEFORE_DECISION,
          "重新办理日期 " + r.date() + " 早于答复日期 " + s.decidedDate(),
          "date " + r.date() + " is before the decision it reopens, " + s.decidedDate());
    }
    if (r.dueDate() != null && !r.dueDate().isAfter(r.date())) {
      return why(
          RefusalCode.REOPEN_DUE_DATE_NOT_AFTER,
          "重新答复期限 " + r.dueDate() + " 须晚于重新办理日期 " + r.date(),
          "dueDate " + r.dueDate() + " must be after the event date " + r.date());
    }
    if (r.reason() == ReopenReason.ENTRY_ERROR) {
      if (r.caseId() != null || r.dueDate() != null) {
        return why(
            RefusalCode.ENTRY_ERROR_EXTRA_FIELDS,
            "因录入错误重新办理的，不填案件编号和重新答复期限",
            "ENTRY_ERROR takes neither caseId nor dueDate");
      }
      return Optional.empty();
    }
    if (Taxonomy.WITHDRAWN_OUTCOME.equals(s.outcome())
        && EventType.WITHDRAWN.equals(s.closedBy())) {
      return why(
          RefusalCode.REANSWER_AFTER_WITHDRAWAL,
          "申请已撤回，不能责令重新答复",
          "a withdrawn request cannot be ordered to answer again");
    }
    if (r.caseId() == null || r.caseId().isBlank()) {
      return why(
          RefusalCode.CASE_ID_MISSING,
          "责令重新答复须指明作出决定的复议或诉讼案件",
          "caseId is missing: name the review or litigation case that ordered the re-answer");
    }
    final AppealCase c = s.cases().get(r.caseId());
    if (c == null) {
      return why(
          RefusalCode.UNKNOWN_CASE,
          "本申请没有案件 " + r.caseId(),
          "no review or litigation case " + r.caseId() + " has been filed for this request");
    }
    if (c.result() == foi.tracker.core.event.AppealResult.UPHELD) {
      return why(
          RefusalCode.REANSWER_CASE_UPHELD,
          "案件 " + c.caseId() + " 的结果为维持（" + c.concludedDate() + " 审结），不能据此责令重新答复",
          "case "
              + c.caseId()
              + " was concluded UPHELD on "
              + c.concludedDate()
              + "; it cannot order a re-answer");
    }
    if (r.date().isBefore(c.filedDate())) {
      return why(
          RefusalCode.REANSWER_BEFORE_FILING,
          "重新办理日期 " + r.date() + " 早于案件 " + c.caseId() + " 的立案日期 " + c.filedDate(),
          "date " + r.date() + " is before case " + c.caseId() + " was filed on " + c.filedDate());
    }
    return Optional.empty();
  }

  /** VOIDED: a reason is required; a desk may void only a request with no decision and no case. */
  private static Optional<Refusal> refuseVoid(final RequestState s, final Voided v) {
    if (v.reason() == null || v.reason().isBlank()) {
      return why(
          RefusalCode.VOID_REASON_MISSING, "作废须说明原因", "reason is missing: a void needs a reason");
    }
    if (v.byDeskToken()
        && (s.countedDecidedDate() != null || !s.isOpen() || !s.cases().isEmpty())) {
      final String someCase = s.cases().isEmpty() ? null : s.cases().keySet().iterator().next();
      return why(
          RefusalCode.DESK_VOID_NOT_ALLOWED,
          "已有答复或复议、诉讼案件的申请只能由管理员作废："
              + (someCase == null ? "本申请已于 " + s.decidedDate() + " 办结" : "本申请有案件 " + someCase),
          "a desk may void only a request with no decision and no case; this one "
              + (someCase == null ? "was closed on " + s.decidedDate() : "has case " + someCase));
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

  private static Optional<Refusal> refuseFiling(final RequestState s, final String caseId) {
    if (caseId == null || caseId.isBlank()) {
      return why(RefusalCode.CASE_ID_MISSING, "登记复议、诉讼须填写案件编号", "caseId is missing");
    }
    if (s.cases().containsKey(caseId)) {
      return why(
          RefusalCode.CASE_ALREADY_FILED,
          "案件 " + caseId + " 已于 " + s.cases().get(caseId).filedDate() + " 登记，不能重复登记",
          "case " + caseId + " was already filed on " + s.cases().get(caseId).filedDate());
    }
    return Optional.empty();
  }

  private static Optional<Refusal> refuseConclusion(
      final RequestState s,
      final String caseId,
      final AppealCase.Kind kind,
      final LocalDate date,
      final boolean noResult) {
    final AppealCase c = s.cases().get(caseId);
    if (c == null || c.kind() != kind) {
      return why(
          RefusalCode.UNKNOWN_CASE,
          "本申请没有" + (kind == AppealCase.Kind.REVIEW ? "行政复议" : "行政诉讼") + "案件 " + caseId,
          "no "
              + kind.name().toLowerCase(java.util.Locale.ROOT)
              + " case "
              + caseId
              + " has been filed for this request");
    }
    if (c.concludedDate() != null) {
      return why(
          RefusalCode.CASE_ALREADY_CONCLUDED,
          "案件 " + caseId + " 已于 " + c.concludedDate() + " 审结，不能重复登记审结",
          "case " + caseId + " was already concluded on " + c.concludedDate());
    }
    if (date.isBefore(c.filedDate())) {
      return why(
          RefusalCode.CONCLUDED_BEFORE_FILED,
          "审结日期 " + date + " 早于立案日期 " + c.filedDate() + "（案件 " + caseId + "）",
          "date " + date + " is before the case was filed on " + c.filedDate());
    }
    if (noResult) {
      return why(
          RefusalCode.RESULT_MISSING,
          "审结须填写结果：维持、纠正或其他",
          "result is missing: UPHELD, CORRECTED or OTHER");
    }
    return Optional.empty();
  }

  /** How a closed request was closed, in Chinese (the event type when there is no name for it). */
  private static String closedByName(final String closedBy) {
    if (EventType.DECIDED.equals(closedBy)) {
      return "作出答复";
    }
    return EventType.WITHDRAWN.equals(closedBy) ? "申请人撤回" : String.valueOf(closedBy);
  }

  /**
   * A refusal as a clerk reads it (api.md "For people"): one Chinese sentence first, then the
   * English in one trailing parenthesis, as the clock's own refusals and explanation lines are
   * worded.
   */
  static Refusal refusalOf(final RefusalCode code, final String zh, final String en) {
    return new Refusal(code, zh + " (" + en + ")");
  }

  private static Optional<Refusal> why(final RefusalCode code, final String zh, final String en) {
    return Optional.of(refusalOf(code, zh, en));
  }

  private static boolean isLifecycleStep(final RequestEvent e) {
    return !e.allowedAfterClosing();
  }

  /** The clock view of an event, or null for events that do not move the answer clock. */
  static ClockEvent clockEvent(final RequestEvent e) {
    if (e instanceof CorrectionRequested
        || e instanceof CorrectionReceived
        || e instanceof ConsultationStarted
        || e instanceof ConsultationEnded
        || e instanceof FeeNoticeIssued
        || e instanceof FeePaid) {
      return new ClockEvent(
          e.type(), e.date(), null, e instanceof CorrectionRequested c ? c.dueBy() : null);
    }
    if (e instanceof ExtensionGranted x) {
      return new ClockEvent(e.type(), e.date(), x.workingDays(), null);
    }
    if (e instanceof DelaySet d) {
      return new ClockEvent(e.type(), e.date(), null, d.dueDate());
    }
    return null;
  }

  private void apply(final RequestState.Builder b, final RequestEvent e) {
    if (isLifecycleStep(e)) {
      b.lastStepDate = e.date();
    }
    final ClockEvent ce = clockEvent(e);
    if (ce != null) {
      b.clock.add(ce);
      if (e instanceof FeePaid p && p.amountFen() != null) {
        b.fees.add(new FeePayment(p.eventId(), p.date(), p.amountFen()));
      }
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
      if (a.decidedDate() != null) {
        b.decidedDate = a.decidedDate();
        b.lastStepDate = a.decidedDate();
      }
      if (a.amendsCase()) {
        final AppealCase c = b.cases.get(a.caseId());
        b.cases.put(
            c.caseId(),
            new AppealCase(
                c.caseId(),
                c.kind(),
                a.afterReview() != null ? a.afterReview() : c.afterReview(),
                a.filedDate() != null ? a.filedDate() : c.filedDate(),
                a.concludedDate() != null ? a.concludedDate() : c.concludedDate(),
                a.result() != null ? a.result() : c.result(),
                a.caseNumber() != null ? a.caseNumber() : c.caseNumber()));
      }
    } else if (e instanceof Reopened r) {
      reopen(b, r);
    } else if (e instanceof Voided v) {
      b.voided = new VoidMark(v.eventId(), v.date(), v.reason());
      if (b.status == RequestStatus.OPEN) {
        b.status = RequestStatus.CLOSED;
        b.closedBy = v.type();
      }
    } else if (e instanceof ReviewFiled f) {
      b.cases.put(
          f.caseId(),
          new AppealCase(
              f.caseId(), AppealCase.Kind.REVIEW, false, f.date(), null, null, f.caseNumber()));
    } else if (e instanceof LitigationFiled f) {
      b.cases.put(
          f.caseId(),
          new AppealCase(
              f.caseId(),
              AppealCase.Kind.LITIGATION,
              f.afterReview(),
              f.date(),
              null,
              null,
              f.caseNumber()));
    } else if (e instanceof ReviewConcluded c) {
      conclude(b, c.caseId(), c.date(), c.result());
    } else if (e instanceof LitigationConcluded c) {
      conclude(b, c.caseId(), c.date(), c.result());
    }
  }

  /**
   * ENTRY_ERROR undoes the latest decision (after a re-answer, only the re-answer): the request is
   * open again with the clock it had. REANSWER_ORDERED keeps the original decision counted ({@link
   * CountedAnswer}, with how it stood against its deadline) and opens the request for a new answer.
   */
  private void reopen(final RequestState.Builder b, final Reopened r) {
    if (r.reason() == ReopenReason.REANSWER_ORDERED) {
      if (b.counted == null) {
        final foi.tracker.core.deadline.Deadline d =
            clock.evaluateBrief(b.receivedDate, b.clock, b.decidedDate, b.decidedDate);
        b.counted =
            new CountedAnswer(
                b.outcome,
                b.decidedDate,
                d.status() == DeadlineStatus.ANSWERED_LATE,
                d.workingDaysUsed(),
                d.lateCorrectionNotice());
      }
      b.reanswer = new ReanswerOrder(r.caseId(), r.date(), r.dueDate());
      b.lastStepDate = r.date();
    } else if (b.reanswer != null) {
      b.lastStepDate = b.reanswer.date();
    } else {
      LocalDate last = b.receivedDate;
      for (ClockEvent ce : b.clock) {
        last = ce.date().isAfter(last) ? ce.date() : last;
      }
      b.lastStepDate = last;
    }
    b.status = RequestStatus.OPEN;
    b.outcome = null;
    b.decidedDate = null;
    b.closedBy = null;
  }

  private static void close(
      final RequestState.Builder b, final LocalDate date, final String outcome, final String by) {
    b.status = RequestStatus.CLOSED;
    b.decidedDate = date;
    b.outcome = outcome;
    b.closedBy = by;
  }

  private static void conclude(
      final RequestState.Builder b,
      final String caseId,
      final LocalDate date,
      final foi.tracker.core.event.AppealResult result) {
    final AppealCase c = b.cases.get(caseId);
    b.cases.put(
        caseId, new AppealCase(c.caseId(), c.kind(), c.afterReview(), c.filedDate(), date, result));
  }

  /**
   * Refuses {@code event} on {@code current} for a reason only the caller knows (e.g. the processor
   * knows which years are published), exactly as the rules refuse: recorded on the request with
   * {@code code}, changing no table. A re-send of an event already decided is still a duplicate.
   */
  public Decision refuse(
      final RequestState current,
      final RequestEvent event,
      final RefusalCode code,
      final String reason) {
    final String fingerprint = EventFingerprint.of(event);
    final String seen = current.eventFingerprints().get(event.eventId());
    if (fingerprint.equals(seen)) {
      return new Decision.Duplicate(event.eventId());
    }
    return reject(current, event, fingerprint, new Refusal(code, reason));
  }

  /**
   * The bounds on input ({@link Bounds}): a date before 2008-05-01 or after today, a named future
   * day more than two years after its event.
   */
  private static Optional<Refusal> outOfBounds(final RequestEvent event, final LocalDate today) {
    return Bounds.dateRefusal(event, today);
  }

  private Decision reject(
      final RequestState s, final RequestEvent e, final String fingerprint, final Refusal refusal) {
    final Rejection r = rejection(e, refusal);
    final RequestState.Builder b = s.toBuilder();
    b.rejected.add(r);
    if (!b.eventFingerprints.containsKey(e.eventId())) {
      b.eventFingerprints.put(e.eventId(), fingerprint);
    }
    return new Decision.Rejected(r, b.build());
  }

  private static Rejection rejection(final RequestEvent e, final Refusal refusal) {
    return new Rejection(
        e.agencyId(),
        e.requestId(),
        e.eventId(),
        e.type(),
        e.date(),
        e.recordedAt(),
        refusal.reason(),
        refusal.code().name());
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
        sb.append("outcome=").append(a.outcome()).append(' ');
      }
      if (a.decidedDate() != null) {
        sb.append("decidedDate=").append(a.decidedDate()).append(' ');
      }
      if (a.amendsCase()) {
        sb.append("case ").append(a.caseId()).append(':');
        if (a.filedDate() != null) {
          sb.append(" filedDate=").append(a.filedDate());
        }
        if (a.concludedDate() != null) {
          sb.append(" concludedDate=").append(a.concludedDate());
        }
        if (a.result() != null) {
          sb.append(" result=").append(a.result());
        }
        if (a.afterReview() != null) {
          sb.append(" afterReview=").append(a.afterReview());
        }
        if (a.caseNumber() != null) {
          sb.append(" caseNumber=").append(a.caseNumber());
        }
      }
      return sb.toString().trim();
    } else if (e instanceof Reopened r) {
      return r.reason()
          + (r.caseId() == null ? "" : ", case " + r.caseId())
          + (r.dueDate() == null ? "" : ", due " + r.dueDate());
    } else if (e instanceof Voided v) {
      return "作废: " + v.reason();
    } else if (e instanceof FeePaid p && p.amountFen() != null) {
      return "信息处理费 " + java.math.BigDecimal.valueOf(p.amountFen(), 2).toPlainString() + " 元";
    } else if (e instanceof ReviewFiled f) {
      return "case " + f.caseId() + (f.caseNumber() == null ? "" : " " + f.caseNumber());
    } else if (e instanceof LitigationFiled f) {
      return "case "
          + f.caseId()
          + (f.afterReview() ? " after review" : " direct")
          + (f.caseNumber() == null ? "" : " " + f.caseNumber());
    } else if (e instanceof ReviewConcluded c) {
      return "case " + c.caseId() + " " + c.result();
    } else if (e instanceof LitigationConcluded c) {
      return "case " + c.caseId() + " " + c.result();
    }
    return null;
  }
}
