package foi.tracker.core.request;

import static foi.tracker.core.request.Steps.AGENCY;
import static foi.tracker.core.request.Steps.REQUEST;
import static foi.tracker.core.request.Steps.RULES;
import static foi.tracker.core.request.Steps.accept;
import static foi.tracker.core.request.Steps.amendCase;
import static foi.tracker.core.request.Steps.amendDecidedDate;
import static foi.tracker.core.request.Steps.at;
import static foi.tracker.core.request.Steps.d;
import static foi.tracker.core.request.Steps.entryError;
import static foi.tracker.core.request.Steps.fold;
import static foi.tracker.core.request.Steps.id;
import static foi.tracker.core.request.Steps.reanswer;
import static foi.tracker.core.request.Steps.received;
import static foi.tracker.core.request.Steps.voided;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import foi.tracker.core.calendar.WorkingDayCalendar;
import foi.tracker.core.deadline.ClockEvent;
import foi.tracker.core.deadline.DeadlineClock;
import foi.tracker.core.deadline.DeadlineSettings;
import foi.tracker.core.event.Amended;
import foi.tracker.core.event.AppealResult;
import foi.tracker.core.event.ApplicationReceived;
import foi.tracker.core.event.Channel;
import foi.tracker.core.event.ConsultationEnded;
import foi.tracker.core.event.ConsultationParty;
import foi.tracker.core.event.ConsultationStarted;
import foi.tracker.core.event.CorrectionReceived;
import foi.tracker.core.event.CorrectionRequested;
import foi.tracker.core.event.Decided;
import foi.tracker.core.event.DelaySet;
import foi.tracker.core.event.ExtensionGranted;
import foi.tracker.core.event.FeeNoticeIssued;
import foi.tracker.core.event.FeePaid;
import foi.tracker.core.event.LitigationFiled;
import foi.tracker.core.event.ReopenReason;
import foi.tracker.core.event.Reopened;
import foi.tracker.core.event.RequestEvent;
import foi.tracker.core.event.ReviewConcluded;
import foi.tracker.core.event.ReviewFiled;
import foi.tracker.core.event.Withdrawn;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every refusal the rules make carries the stable code of its rule (api.md "What became of a
 * step"). One row per rule: the rows of ingest-service's IllegalTransitionsIT (with the same reason
 * parts) and one for each further rule; each code of {@link RefusalCode} is produced by at least
 * one row, and rows of different rules never share a code.
 */
class RefusalCodesTest {
  private static final String NP = "NATURAL_PERSON";
  private static final String RECEIVED = "2025-03-03";
  private static final DeadlineClock CLOCK =
      new DeadlineClock(WorkingDayCalendar.bundled(), DeadlineSettings.defaults());

  /** Codes no rule of tracker-domain makes: the callers' own refusals (the processor's). */
  private static final Set<RefusalCode> CALLERS_CODES =
      EnumSet.of(RefusalCode.PUBLISHED_YEAR, RefusalCode.UNPROCESSABLE);

  /** Codes only the clock's own check can reach (the request rules refuse such events earlier). */
  private static final Set<RefusalCode> CLOCK_ONLY = EnumSet.of(RefusalCode.PAUSE_END_BEFORE_START);

  static Stream<Arguments> rows() {
    final List<Arguments> a = new ArrayList<>();
    // --- the rows of IllegalTransitionsIT, from an application received on 2025-03-03 ---
    a.add(
        row(
            "decided twice",
            RefusalCode.CLOSED,
            "申请已办结",
            app(),
            decided("2025-03-20"),
            decided("2025-03-25", "UNAVAILABLE_NOT_HELD")));
    a.add(
        row(
            "withdrawn after the decision",
            RefusalCode.CLOSED,
            "申请已办结",
            app(),
            decided("2025-03-20"),
            withdrawn("2025-03-25")));
    a.add(
        row(
            "a step after closing",
            RefusalCode.CLOSED,
            "申请已办结",
            app(),
            decided("2025-03-20"),
            feeNotice("2025-03-25")));
    a.add(
        row(
            "date before receipt",
            RefusalCode.BEFORE_RECEIPT,
            "早于收到申请日期",
            app(),
            consultation("2025-02-27")));
    a.add(
        row(
            "date before the previous step",
            RefusalCode.BEFORE_PREVIOUS_STEP,
            "早于上一办理环节",
            app(),
            consultation("2025-03-12"),
            consultationEnded("2025-03-10")));
    a.add(
        row(
            "second extension",
            RefusalCode.SECOND_EXTENSION,
            "只能一次",
            app(),
            extension("2025-03-20", 10),
            extension("2025-03-24", 5)));
    a.add(
        row(
            "extension after the due date",
            RefusalCode.EXTENSION_AFTER_DUE_DATE,
            "届满前",
            app(),
            extension("2025-04-08", 10)));
    a.add(
        row(
            "extension while 补正 is pending",
            RefusalCode.EXTENSION_DURING_CORRECTION,
            "补正期间",
            app(),
            correction("2025-03-05", null),
            extension("2025-03-06", 10)));
    a.add(
        row(
            "second correction request",
            RefusalCode.SECOND_CORRECTION,
            "一次性告知",
            app(),
            correction("2025-03-05", null),
            corrected("2025-03-07"),
            correction("2025-03-10", null)));
    a.add(
        row(
            "correction received with none pending",
            RefusalCode.NO_CORRECTION_PENDING,
            "没有待补正",
            app(),
            corrected("2025-03-07")));
    a.add(
        row(
            "delay after the due date",
            RefusalCode.DELAY_AFTER_DUE_DATE,
            "届满前确定",
            app(),
            delay("2025-04-08", "2025-05-30")));
    a.add(
        row(
            "delay more than two years ahead",
            RefusalCode.OUT_OF_BOUNDS,
            "超出受理范围",
            app(),
            delay("2025-03-10", "9999-12-31")));
    a.add(
        row(
            "delay not later than the due date",
            RefusalCode.DELAY_DUE_DATE_NOT_LATER,
            "须晚于当前答复期限",
            app(),
            delay("2025-03-10", "2025-03-20")));
    a.add(
        row(
            "second delay",
            RefusalCode.SECOND_DELAY,
            "只能确定一次",
            app(),
            delay("2025-03-10", "2025-04-30"),
            delay("2025-03-12", "2025-05-30")));
    a.add(
        row(
            "delay while 补正 is pending",
            RefusalCode.DELAY_DURING_CORRECTION,
            "补正期间没有答复期限",
            app(),
            correction("2025-03-05", null),
            delay("2025-03-06", "2025-05-30")));
    a.add(
        row(
            "extension after a delay",
            RefusalCode.EXTENSION_AFTER_DELAY,
            "不能再延期",
            app(),
            delay("2025-03-10", "2025-04-30"),
            extension("2025-03-12", 10)));
    a.add(
        row(
            "answer on the spot dated another day",
            RefusalCode.ON_THE_SPOT_DATE,
            "当场答复",
            app(),
            new Decided(
                id(), AGENCY, REQUEST, d("2025-03-05"), at("2025-03-05"), "DISCLOSED", true)));
    a.add(
        row(
            "consultation ended with none open",
            RefusalCode.NO_CONSULTATION_OPEN,
            "没有进行中的征求意见",
            app(),
            consultationEnded("2025-03-07")));
    a.add(
        row(
            "second consultation while one is open",
            RefusalCode.CONSULTATION_OPEN,
            "征求意见尚未结束",
            app(),
            consultation("2025-03-05"),
            consultation("2025-03-06")));
    a.add(
        row(
            "fee paid with no notice",
            RefusalCode.NO_FEE_NOTICE_OPEN,
            "没有待缴费",
            app(),
            new FeePaid(id(), AGENCY, REQUEST, d("2025-03-07"), at("2025-03-07"), null)));
    a.add(
        row(
            "second fee notice while one is open",
            RefusalCode.FEE_NOTICE_OPEN,
            "收费通知尚未缴费",
            app(),
            feeNotice("2025-03-05"),
            feeNotice("2025-03-06")));
    a.add(
        row(
            "outcome amended while open",
            RefusalCode.AMEND_WHILE_OPEN,
            "尚未办结",
            app(),
            amend("2025-03-10", null, null, "UNAVAILABLE_NOT_HELD")));
    a.add(
        row(
            "receipt date amended after a step",
            RefusalCode.RECEIPT_AFTER_STEP,
            "收到日期不能晚于后续环节",
            app(),
            decided("2025-03-20"),
            amend("2025-03-25", null, "2025-03-24", null)));
    a.add(
        row(
            "review concluded with no case filed",
            RefusalCode.UNKNOWN_CASE,
            "本申请没有行政复议案件",
            app(),
            decided("2025-03-20"),
            concluded("2025-04-10", "R-1", AppealResult.UPHELD)));
    a.add(
        row(
            "the same review filed twice",
            RefusalCode.CASE_ALREADY_FILED,
            "不能重复登记",
            app(),
            decided("2025-03-20"),
            review("2025-04-01", "R-1"),
            review("2025-04-02", "R-1")));
    a.add(
        row(
            "review concluded before it was filed",
            RefusalCode.CONCLUDED_BEFORE_FILED,
            "早于立案日期",
            app(),
            decided("2025-03-20"),
            review("2025-04-10", "R-1"),
            concluded("2025-04-05", "R-1", AppealResult.UPHELD)));
    a.add(
        row(
            "review concluded twice",
            RefusalCode.CASE_ALREADY_CONCLUDED,
            "不能重复登记审结",
            app(),
            decided("2025-03-20"),
            review("2025-04-01", "R-1"),
            concluded("2025-05-06", "R-1", AppealResult.UPHELD),
            concluded("2025-05-08", "R-1", AppealResult.CORRECTED)));
    a.add(
        row(
            "litigation concluded as a review",
            RefusalCode.UNKNOWN_CASE,
            "本申请没有行政复议案件",
            app(),
            decided("2025-03-20"),
            new LitigationFiled(
                id(), AGENCY, REQUEST, d("2025-04-01"), at("2025-04-01"), "L-1", false),
            concluded("2025-05-06", "L-1", AppealResult.UPHELD)));
    a.add(
        row(
            "reopened while open",
            RefusalCode.REOPEN_WHILE_OPEN,
            "尚未办结，不能重新办理",
            app(),
            entryError("2025-03-10")));
    a.add(
        row(
            "re-answer ordered by an upheld case",
            RefusalCode.REANSWER_CASE_UPHELD,
            "维持",
            app(),
            decided("2025-03-20"),
            review("2025-04-01", "R-1"),
            concluded("2025-05-06", "R-1", AppealResult.UPHELD),
            reanswer("2025-05-08", "R-1", null)));
    a.add(
        row(
            "decision date moved after a filing",
            RefusalCode.DECIDED_AFTER_FILING,
            "立案日期",
            app(),
            decided("2025-03-20"),
            review("2025-04-01", "R-1"),
            amendDecidedDate("2025-04-10", "2025-04-02")));
    a.add(
        row(
            "a step after a void",
            RefusalCode.VOIDED,
            "申请已作废",
            app(),
            voided("2025-03-05", "重复登记", false),
            decided("2025-03-20")));
    // --- every further rule ---
    a.add(
        row(
            "a step of an unknown request",
            RefusalCode.UNKNOWN_REQUEST,
            "未找到该申请",
            decided("2025-03-20")));
    a.add(
        row(
            "an unknown applicant type",
            RefusalCode.UNKNOWN_APPLICANT_TYPE,
            "不是规定的申请人类型之一",
            new ApplicationReceived(
                "received",
                AGENCY,
                REQUEST,
                d(RECEIVED),
                at(RECEIVED),
                "ALIEN",
                Channel.ONLINE,
                "s",
                null)));
    a.add(
        row(
            "an application without a date",
            RefusalCode.DATE_MISSING,
            "日期未填写",
            new ApplicationReceived(
                "received", AGENCY, REQUEST, null, at(RECEIVED), NP, Channel.ONLINE, "s", null)));
    a.add(
        row(
            "an application dated after it was recorded",
            RefusalCode.FUTURE_DATE,
            "日期不能晚于录入日",
            new ApplicationReceived(
                "received",
                AGENCY,
                REQUEST,
                d("2025-03-04"),
                at(RECEIVED),
                NP,
                Channel.ONLINE,
                "s",
                null)));
    a.add(
        row(
            "a step without a date",
            RefusalCode.DATE_MISSING,
            "日期未填写",
            app(),
            new Decided(id(), AGENCY, REQUEST, null, at("2025-03-20"), "DISCLOSED", null)));
    a.add(
        row(
            "a step dated after it was recorded",
            RefusalCode.FUTURE_DATE,
            "日期不能晚于录入日",
            app(),
            new Decided(
                id(), AGENCY, REQUEST, d("2025-03-20"), at("2025-03-19"), "DISCLOSED", null)));
    a.add(
        row(
            "the same requestId with other content",
            RefusalCode.DUPLICATE_REQUEST_ID,
            "申请编号重复",
            app(),
            new ApplicationReceived(
                "again",
                AGENCY,
                REQUEST,
                d("2025-03-04"),
                at("2025-03-04"),
                NP,
                Channel.ONLINE,
                "s",
                null)));
    a.add(
        row(
            "the same eventId with other content",
            RefusalCode.DUPLICATE_EVENT_ID,
            "事件编号重复",
            app(),
            new Decided("x", AGENCY, REQUEST, d("2025-03-20"), at("2025-03-20"), "DISCLOSED", null),
            new Decided(
                "x", AGENCY, REQUEST, d("2025-03-21"), at("2025-03-21"), "DISCLOSED", null)));
    a.add(
        row(
            "an unknown outcome",
            RefusalCode.UNKNOWN_OUTCOME,
            "21 种办理结果",
            app(),
            decided("2025-03-20", "NOT_AN_OUTCOME")));
    a.add(
        row(
            "an amended outcome that is unknown",
            RefusalCode.UNKNOWN_OUTCOME,
            "21 种办理结果",
            app(),
            decided("2025-03-20"),
            amend("2025-03-25", null, null, "NOT_AN_OUTCOME")));
    a.add(
        row(
            "an amended applicant type that is unknown",
            RefusalCode.UNKNOWN_APPLICANT_TYPE,
            "不是规定的申请人类型之一",
            app(),
            amend("2025-03-10", "ALIEN", null, null)));
    a.add(
        row(
            "a clock step during a re-answer",
            RefusalCode.REANSWER_CLOCK_CLOSED,
            "重新答复期间不接受此环节",
            reanswering()));
    a.add(
        row(
            "a case field amended without caseId",
            RefusalCode.AMEND_NEEDS_CASE_ID,
            "更正案件须指明案件编号",
            app(),
            decided("2025-03-20"),
            new Amended(
                id(),
                AGENCY,
                REQUEST,
                d("2025-03-25"),
                at("2025-03-25"),
                null,
                null,
                null,
                null,
                null,
                null,
                d("2025-03-21"),
                null,
                null,
                null,
                null)));
    a.add(
        row(
            "an amendment changing nothing",
            RefusalCode.AMEND_NOTHING,
            "至少修改一项",
            app(),
            amend("2025-03-10", null, null, null)));
    a.add(
        row(
            "a case amendment changing nothing",
            RefusalCode.AMEND_NOTHING,
            "至少修改一项",
            app(),
            decided("2025-03-20"),
            review("2025-04-01", "R-1"),
            amendCase("2025-04-02", "R-1", null, null, null, null, null)));
    a.add(
        row(
            "a decision date amended while open",
            RefusalCode.AMEND_WHILE_OPEN,
            "尚未办结",
            app(),
            amendDecidedDate("2025-03-10", "2025-03-05")));
    a.add(
        row(
            "a receipt date amended into the future",
            RefusalCode.FUTURE_DATE,
            "日期不能晚于录入日",
            app(),
            amend("2025-03-05", null, "2025-03-06", null)));
    a.add(
        row(
            "a decision date amended before receipt",
            RefusalCode.BEFORE_RECEIPT,
            "早于收到申请日期",
            app(),
            decided("2025-03-20"),
            amendDecidedDate("2025-03-25", "2025-03-01")));
    a.add(
        row(
            "a decision date amended before the re-answer order",
            RefusalCode.DECIDED_BEFORE_REANSWER,
            "早于责令重新答复之日",
            reanswered(decided("2025-05-20"), amendDecidedDate("2025-05-21", "2025-05-07"))));
    a.add(
        row(
            "a decision date amended before a clock step",
            RefusalCode.DECIDED_BEFORE_STEP,
            "早于办理环节",
            app(),
            extension("2025-03-20", 10),
            decided("2025-03-25"),
            amendDecidedDate("2025-03-26", "2025-03-19")));
    a.add(
        row(
            "a decision date amended into the future",
            RefusalCode.FUTURE_DATE,
            "日期不能晚于录入日",
            app(),
            decided("2025-03-20"),
            amendDecidedDate("2025-03-25", "2025-03-26")));
    a.add(
        row(
            "a case amended that was never filed",
            RefusalCode.UNKNOWN_CASE,
            "本申请没有案件 R-9",
            app(),
            decided("2025-03-20"),
            amendCase("2025-04-02", "R-9", "2025-03-25", null, null, null, null)));
    a.add(
        row(
            "afterReview amended on a review",
            RefusalCode.AFTER_REVIEW_NOT_LITIGATION,
            "只适用于行政诉讼",
            app(),
            decided("2025-03-20"),
            review("2025-04-01", "R-1"),
            amendCase("2025-04-02", "R-1", null, null, null, true, null)));
    a.add(
        row(
            "a conclusion amended on an open case",
            RefusalCode.CASE_NOT_CONCLUDED,
            "尚未审结",
            app(),
            decided("2025-03-20"),
            review("2025-04-01", "R-1"),
            amendCase("2025-04-05", "R-1", null, "2025-04-03", null, null, null)));
    a.add(
        row(
            "a case number too long",
            RefusalCode.CASE_NUMBER_TOO_LONG,
            "超过 100 字",
            app(),
            decided("2025-03-20"),
            review("2025-04-01", "R-1"),
            amendCase("2025-04-02", "R-1", null, null, null, null, "号".repeat(101))));
    a.add(
        row(
            "a filing date amended before receipt",
            RefusalCode.BEFORE_RECEIPT,
            "早于收到申请日期",
            app(),
            decided("2025-03-20"),
            review("2025-04-01", "R-1"),
            amendCase("2025-04-02", "R-1", "2025-03-01", null, null, null, null)));
    a.add(
        row(
            "a conclusion date amended before the filing",
            RefusalCode.CONCLUDED_BEFORE_FILED,
            "早于立案日期",
            app(),
            decided("2025-03-20"),
            review("2025-04-01", "R-1"),
            concluded("2025-04-10", "R-1", AppealResult.UPHELD),
            amendCase("2025-04-12", "R-1", null, "2025-03-30", null, null, null)));
    a.add(
        row(
            "a case date amended into the future",
            RefusalCode.FUTURE_DATE,
            "案件日期不能晚于录入日",
            app(),
            decided("2025-03-20"),
            review("2025-04-01", "R-1"),
            amendCase("2025-04-02", "R-1", "2025-04-03", null, null, null, null)));
    a.add(
        row(
            "the case that ordered the re-answer amended to UPHELD",
            RefusalCode.CASE_ORDERED_REANSWER,
            "结果不能更正为维持",
            reanswered(
                amendCase("2025-05-09", "R-1", null, null, AppealResult.UPHELD, null, null))));
    a.add(
        row(
            "a filing without caseId",
            RefusalCode.CASE_ID_MISSING,
            "须填写案件编号",
            app(),
            decided("2025-03-20"),
            review("2025-04-01", null)));
    a.add(
        row(
            "a conclusion without result",
            RefusalCode.RESULT_MISSING,
            "审结须填写结果",
            app(),
            decided("2025-03-20"),
            review("2025-04-01", "R-1"),
            concluded("2025-04-10", "R-1", null)));
    a.add(
        row(
            "a reopening without reason",
            RefusalCode.REOPEN_REASON_MISSING,
            "重新办理须说明原因",
            app(),
            decided("2025-03-20"),
            new Reopened(
                id(), AGENCY, REQUEST, d("2025-03-25"), at("2025-03-25"), null, null, null)));
    a.add(
        row(
            "a reopening before the decision",
            RefusalCode.REOPEN_BEFORE_DECISION,
            "早于答复日期",
            app(),
            decided("2025-03-20"),
            entryError("2025-03-19")));
    a.add(
        row(
            "a re-answer due on its own date",
            RefusalCode.REOPEN_DUE_DATE_NOT_AFTER,
            "须晚于",
            app(),
            decided("2025-03-20"),
            review("2025-04-01", "R-1"),
            concluded("2025-05-06", "R-1", AppealResult.CORRECTED),
            reanswer("2025-05-08", "R-1", "2025-05-08")));
    a.add(
        row(
            "an entry error naming a case",
            RefusalCode.ENTRY_ERROR_EXTRA_FIELDS,
            "不填案件编号",
            app(),
            decided("2025-03-20"),
            new Reopened(
                id(),
                AGENCY,
                REQUEST,
                d("2025-03-25"),
                at("2025-03-25"),
                ReopenReason.ENTRY_ERROR,
                "R-1",
                null)));
    a.add(
        row(
            "a re-answer of a withdrawn request",
            RefusalCode.REANSWER_AFTER_WITHDRAWAL,
            "申请已撤回",
            app(),
            withdrawn("2025-03-10"),
            reanswer("2025-03-15", "R-1", null)));
    a.add(
        row(
            "a re-answer without caseId",
            RefusalCode.CASE_ID_MISSING,
            "须指明作出决定的复议或诉讼案件",
            app(),
            decided("2025-03-20"),
            reanswer("2025-03-25", null, null)));
    a.add(
        row(
            "a re-answer by an unknown case",
            RefusalCode.UNKNOWN_CASE,
            "本申请没有案件 R-9",
            app(),
            decided("2025-03-20"),
            reanswer("2025-03-25", "R-9", null)));
    a.add(
        row(
            "a re-answer dated before its case was filed",
            RefusalCode.REANSWER_BEFORE_FILING,
            "立案日期",
            app(),
            decided("2025-03-20"),
            review("2025-04-10", "R-1"),
            reanswer("2025-04-05", "R-1", null)));
    a.add(
        row(
            "a void without reason",
            RefusalCode.VOID_REASON_MISSING,
            "作废须说明原因",
            app(),
            voided("2025-03-05", " ", false)));
    a.add(
        row(
            "a desk's void of a decided request",
            RefusalCode.DESK_VOID_NOT_ALLOWED,
            "只能由管理员作废",
            app(),
            decided("2025-03-20"),
            voided("2025-03-25", "测试数据", true)));
    a.add(
        row(
            "a correction due before its notice",
            RefusalCode.CORRECTION_DUE_BEFORE_NOTICE,
            "早于告知日期",
            app(),
            correction("2025-03-05", "2025-03-04")));
    a.add(
        row(
            "an extension of no days",
            RefusalCode.EXTENSION_DAYS_OUT_OF_RANGE,
            "延长的期限须为",
            app(),
            extension("2025-03-10", 0)));
    a.add(
        row(
            "a delay without its date",
            RefusalCode.DELAY_DUE_DATE_MISSING,
            "须确定合理期限",
            app(),
            delay("2025-03-10", null)));
    return a.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void shouldRefuseWithTheRulesCode(
      final String name,
      final RefusalCode code,
      final String reasonPart,
      final List<RequestEvent> steps) {
    final Rejection r = refuseLast(steps);
    assertEquals(code.name(), r.reasonCode(), () -> name + ": " + r.reason());
    assertTrue(
        r.reason().contains(reasonPart),
        () -> name + ": the reason names the rule (" + reasonPart + "): " + r.reason());
  }

  /**
   * api.md "For people": a reason is read by a clerk, so it is Chinese first. After at most a
   * leading date its first character is a Chinese one, and its Chinese part (all before the
   * English: the text before " (", the trailing parenthesis; the clock's own reasons are "zh en"
   * with no Latin letter in zh, so theirs ends at the first Latin letter) names no Latin word but
   * the ids and codes it quotes.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void shouldWordEveryReasonChineseFirst(
      final String name,
      final RefusalCode code,
      final String reasonPart,
      final List<RequestEvent> steps) {
    final String reason = refuseLast(steps).reason();
    final String head = reason.replaceFirst("^\\d{4}-\\d{2}-\\d{2} ", "");
    assertTrue(
        isChinese(head.codePointAt(0)), () -> name + ": the reason starts with Chinese: " + reason);
    final String chinese = chinesePart(reason);
    for (String word : chinese.split("[^A-Za-z0-9_-]+")) {
      if (word.chars().anyMatch(Character::isLetter)) {
        assertTrue(
            isIdOrCode(word),
            () -> name + ": a Latin word '" + word + "' in the Chinese part: " + reason);
      }
    }
  }

  private static String chinesePart(final String reason) {
    final int paren = reason.indexOf(" (");
    if (paren >= 0) {
      return reason.substring(0, paren);
    }
    final java.util.regex.Matcher latin =
        java.util.regex.Pattern.compile("[A-Za-z]").matcher(reason);
    return latin.find() ? reason.substring(0, latin.start()) : reason;
  }

  /** A Han character, or CJK / full-width punctuation (「（」「，」「：」). */
  private static boolean isChinese(final int cp) {
    return Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN
        || (cp >= 0x3000 && cp <= 0x303F)
        || (cp >= 0xFF00 && cp <= 0xFFEF)
        || cp == '“'
        || cp == '”';
  }

  /**
   * The rows' ids (agency, request, events, cases) and codes (UPPER_CASE values the reason quotes).
   */
  private static boolean isIdOrCode(final String word) {
    return word.equals(AGENCY)
        || word.equals(REQUEST)
        || word.equals("x")
        || word.matches("e\\d+")
        || word.matches("[RL]-\\d+")
        || word.matches("[A-Z][A-Z0-9_]*");
  }

  @Test
  void shouldProduceEveryCodeAndNoCodeForTwoRules() {
    final Set<RefusalCode> seen = EnumSet.noneOf(RefusalCode.class);
    rows().forEach(a -> seen.add((RefusalCode) a.get()[1]));
    final Set<RefusalCode> expected = EnumSet.allOf(RefusalCode.class);
    expected.removeAll(CALLERS_CODES);
    expected.removeAll(CLOCK_ONLY);
    assertEquals(expected, seen, "every rule of the request rules has a row, every code a rule");
    // a code names one rule: its meaning is its own
    assertEquals(
        RefusalCode.values().length,
        Stream.of(RefusalCode.values()).map(RefusalCode::meaning).distinct().count());
  }

  /** docs/api.md lists each code with its meaning, as the enum has it. */
  @Test
  void shouldListEveryCodeInTheApiDocument() throws java.io.IOException {
    final java.nio.file.Path doc = java.nio.file.Path.of("../docs/api.md");
    assertTrue(
        java.nio.file.Files.exists(doc),
        "docs/api.md is read from the module directory, as Maven runs the tests");
    final String text = java.nio.file.Files.readString(doc);
    for (RefusalCode c : RefusalCode.values()) {
      assertTrue(
          text.contains("| `" + c.name() + "` | " + c.meaning() + " |"),
          () -> c + " missing from docs/api.md");
    }
  }

  @Test
  void shouldGiveTheClocksOwnRefusalsTheirCodes() {
    final ClockEvent started = new ClockEvent("CONSULTATION_STARTED", d("2025-03-10"), null, null);
    final ClockEvent endedBefore =
        new ClockEvent("CONSULTATION_ENDED", d("2025-03-09"), null, null);
    assertEquals(
        RefusalCode.PAUSE_END_BEFORE_START,
        CLOCK.check(d(RECEIVED), List.of(started), endedBefore).orElseThrow().code());
    final ClockEvent fee = new ClockEvent("FEE_NOTICE_ISSUED", d("2025-03-10"), null, null);
    final ClockEvent paidBefore = new ClockEvent("FEE_PAID", d("2025-03-09"), null, null);
    assertEquals(
        RefusalCode.PAUSE_END_BEFORE_START,
        CLOCK.check(d(RECEIVED), List.of(fee), paidBefore).orElseThrow().code());
    assertEquals(
        RefusalCode.DATE_MISSING,
        CLOCK
            .check(d(RECEIVED), List.of(), new ClockEvent("FEE_PAID", null, null, null))
            .orElseThrow()
            .code());
    // the reason alone is what it always was
    assertEquals(
        CLOCK.refusal(d(RECEIVED), List.of(started), endedBefore),
        CLOCK.check(d(RECEIVED), List.of(started), endedBefore).map(Refusal::reason));
  }

  @Test
  void shouldRecordTheCallersCodeOnARefusalOfItsOwn() {
    final RequestState s = fold(app());
    final Decided step = decided("2025-03-20");
    final Decision decision = RULES.refuse(s, step, RefusalCode.PUBLISHED_YEAR, "2025年度年报已发布");
    final Rejection r = assertInstanceOf(Decision.Rejected.class, decision).rejection();
    assertEquals("PUBLISHED_YEAR", r.reasonCode());
    assertEquals("2025年度年报已发布", r.reason());
    assertEquals(r, assertInstanceOf(Decision.Rejected.class, decision).next().rejected().get(0));
  }

  /**
   * Folds all but the last step (each accepted) and returns the refusal of the last, which must be
   * refused.
   */
  private static Rejection refuseLast(final List<RequestEvent> steps) {
    RequestState s = null;
    for (RequestEvent e : steps.subList(0, steps.size() - 1)) {
      s = accept(s, e);
    }
    final RequestEvent last = steps.get(steps.size() - 1);
    final Decision decision =
        RULES.decide(s, last, last.date() == null ? d("2025-12-31") : last.date());
    final Decision.Rejected rejected =
        assertInstanceOf(Decision.Rejected.class, decision, () -> last.type() + " accepted");
    assertNotNull(rejected.rejection().reasonCode(), "every refusal has a code");
    if (rejected.next() != null) {
      assertEquals(
          rejected.rejection(),
          rejected.next().rejected().get(rejected.next().rejected().size() - 1),
          "the request keeps the refusal with its code");
    }
    return rejected.rejection();
  }

  private static Arguments row(
      final String name,
      final RefusalCode code,
      final String reasonPart,
      final RequestEvent... steps) {
    return Arguments.of(name, code, reasonPart, List.of(steps));
  }

  private static RequestEvent[] reanswering() {
    return new RequestEvent[] {
      app(),
      decided("2025-03-20"),
      review("2025-04-01", "R-1"),
      concluded("2025-05-06", "R-1", AppealResult.CORRECTED),
      reanswer("2025-05-08", "R-1", null),
      extension("2025-05-12", 10)
    };
  }

  /** A request reopened on 2025-05-08 for the re-answer case R-1 ordered, then {@code more}. */
  private static RequestEvent[] reanswered(final RequestEvent... more) {
    final List<RequestEvent> l =
        new ArrayList<>(
            List.of(
                app(),
                decided("2025-03-20"),
                review("2025-04-01", "R-1"),
                concluded("2025-05-06", "R-1", AppealResult.CORRECTED),
                reanswer("2025-05-08", "R-1", null)));
    l.addAll(List.of(more));
    return l.toArray(new RequestEvent[0]);
  }

  private static ApplicationReceived app() {
    return received(RECEIVED, NP);
  }

  private static Decided decided(final String date) {
    return decided(date, "DISCLOSED");
  }

  private static Decided decided(final String date, final String outcome) {
    return new Decided(id(), AGENCY, REQUEST, d(date), at(date), outcome, null);
  }

  private static Withdrawn withdrawn(final String date) {
    return new Withdrawn(id(), AGENCY, REQUEST, d(date), at(date));
  }

  private static FeeNoticeIssued feeNotice(final String date) {
    return new FeeNoticeIssued(id(), AGENCY, REQUEST, d(date), at(date));
  }

  private static ConsultationStarted consultation(final String date) {
    return new ConsultationStarted(
        id(), AGENCY, REQUEST, d(date), at(date), ConsultationParty.THIRD_PARTY);
  }

  private static ConsultationEnded consultationEnded(final String date) {
    return new ConsultationEnded(id(), AGENCY, REQUEST, d(date), at(date));
  }

  private static ExtensionGranted extension(final String date, final int days) {
    return new ExtensionGranted(id(), AGENCY, REQUEST, d(date), at(date), days);
  }

  private static CorrectionRequested correction(final String date, final String dueBy) {
    return new CorrectionRequested(
        id(), AGENCY, REQUEST, d(date), at(date), dueBy == null ? null : d(dueBy));
  }

  private static CorrectionReceived corrected(final String date) {
    return new CorrectionReceived(id(), AGENCY, REQUEST, d(date), at(date));
  }

  private static DelaySet delay(final String date, final String dueDate) {
    return new DelaySet(
        id(), AGENCY, REQUEST, d(date), at(date), dueDate == null ? null : d(dueDate));
  }

  private static ReviewFiled review(final String date, final String caseId) {
    return new ReviewFiled(id(), AGENCY, REQUEST, d(date), at(date), caseId);
  }

  private static ReviewConcluded concluded(
      final String date, final String caseId, final AppealResult result) {
    return new ReviewConcluded(id(), AGENCY, REQUEST, d(date), at(date), caseId, result);
  }

  /** An amendment of the application's fields (null: unchanged). */
  private static Amended amend(
      final String date,
      final String applicantType,
      final String receivedDate,
      final String outcome) {
    return new Amended(
        id(),
        AGENCY,
        REQUEST,
        d(date),
        at(date),
        applicantType,
        receivedDate == null ? null : d(receivedDate),
        null,
        outcome,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }
}
