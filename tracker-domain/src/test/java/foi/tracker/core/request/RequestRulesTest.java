package foi.tracker.core.request;

import static foi.tracker.core.request.Steps.AGENCY;
import static foi.tracker.core.request.Steps.REQUEST;
import static foi.tracker.core.request.Steps.RULES;
import static foi.tracker.core.request.Steps.accept;
import static foi.tracker.core.request.Steps.amendCase;
import static foi.tracker.core.request.Steps.amendDecidedDate;
import static foi.tracker.core.request.Steps.at;
import static foi.tracker.core.request.Steps.d;
import static foi.tracker.core.request.Steps.decided;
import static foi.tracker.core.request.Steps.entryError;
import static foi.tracker.core.request.Steps.extension;
import static foi.tracker.core.request.Steps.fold;
import static foi.tracker.core.request.Steps.litigation;
import static foi.tracker.core.request.Steps.reanswer;
import static foi.tracker.core.request.Steps.received;
import static foi.tracker.core.request.Steps.recordedOn;
import static foi.tracker.core.request.Steps.refusal;
import static foi.tracker.core.request.Steps.review;
import static foi.tracker.core.request.Steps.reviewConcluded;
import static foi.tracker.core.request.Steps.voided;
import static foi.tracker.core.request.Steps.withdrawn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import foi.tracker.core.calendar.WorkingDayCalendar;
import foi.tracker.core.deadline.DeadlineStatus;
import foi.tracker.core.event.AppealResult;
import foi.tracker.core.event.ApplicationReceived;
import foi.tracker.core.event.Channel;
import foi.tracker.core.event.LitigationFiled;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The correction rules of version 2: moved decision dates, corrected cases, reopening, voiding,
 * numbers and fees.
 */
class RequestRulesTest {
  private static final String NP = "NATURAL_PERSON";

  private static RequestState decidedIn2025() {
    return fold(received("2025-09-01", NP), decided("2025-09-20", "DISCLOSED"));
  }

  private static void assertRefusedWith(final String expectedPart, final String reason) {
    assertTrue(reason.contains(expectedPart), () -> "reason: " + reason);
  }

  // --- AMENDED decidedDate ---

  @Test
  void shouldMoveTheDecisionWhenItsDateIsAmended() {
    final RequestState s = accept(decidedIn2025(), amendDecidedDate("2026-01-10", "2026-01-05"));
    assertEquals(d("2026-01-05"), s.decidedDate());
    assertEquals("DISCLOSED", s.outcome());
    assertFalse(s.isOpen());
  }

  @Test
  void shouldRefuseAMovedDecisionDateWhenTheRequestIsOpen() {
    assertRefusedWith(
        "尚未办结",
        refusal(fold(received("2025-09-01", NP)), amendDecidedDate("2025-09-10", "2025-09-05")));
  }

  @Test
  void shouldRefuseAMovedDecisionDateWhenItIsBeforeReceipt() {
    assertRefusedWith(
        "早于收到申请日期", refusal(decidedIn2025(), amendDecidedDate("2025-10-01", "2025-08-30")));
  }

  @Test
  void shouldRefuseAMovedDecisionDateWhenItIsBeforeAClockStep() {
    final RequestState s =
        fold(
            received("2025-09-01", NP),
            extension("2025-09-10", 10),
            decided("2025-10-20", "DISCLOSED"));
    assertRefusedWith("早于办理环节延期答复", refusal(s, amendDecidedDate("2025-10-21", "2025-09-05")));
  }

  @Test
  void shouldRefuseAMovedDecisionDateWhenItIsAfterACaseWasFiled() {
    final RequestState s = accept(decidedIn2025(), review("2025-10-01", "c1"));
    assertRefusedWith("立案日期", refusal(s, amendDecidedDate("2025-10-10", "2025-10-05")));
  }

  @Test
  void shouldRefuseAMovedDecisionDateWhenItIsInTheFuture() {
    assertRefusedWith(
        "日期不能晚于录入日",
        refusal(
            decidedIn2025(),
            recordedOn(amendDecidedDate("2025-09-25", "2025-09-28"), "2025-09-25")));
  }

  // --- AMENDED case ---

  @Test
  void shouldCorrectACaseWhenItsFieldsAreAmended() {
    final RequestState s =
        fold(
            received("2025-09-01", NP),
            decided("2025-09-20", "DISCLOSED"),
            litigation("2025-10-01", "c1", false),
            Steps.litigationConcluded("2025-12-01", "c1", AppealResult.UPHELD),
            amendCase(
                "2026-01-05",
                "c1",
                "2025-10-02",
                "2026-01-04",
                AppealResult.CORRECTED,
                true,
                "固行初字〔2025〕1号"));
    final AppealCase c = s.cases().get("c1");
    assertEquals(
        new AppealCase(
            "c1",
            AppealCase.Kind.LITIGATION,
            true,
            d("2025-10-02"),
            d("2026-01-04"),
            AppealResult.CORRECTED,
            "固行初字〔2025〕1号"),
        c);
  }

  @Test
  void shouldRefuseACaseAmendmentWhenItIsIllFormedOrImpossible() {
    final RequestState s =
        fold(
            received("2025-09-01", NP),
            decided("2025-09-20", "DISCLOSED"),
            review("2025-10-01", "c1"));
    assertRefusedWith(
        "本申请没有案件 x",
        refusal(s, amendCase("2025-11-01", "x", "2025-10-02", null, null, null, null)));
    assertRefusedWith(
        "至少修改一项", refusal(s, amendCase("2025-11-01", "c1", null, null, null, null, null)));
    assertRefusedWith(
        "只适用于行政诉讼", refusal(s, amendCase("2025-11-01", "c1", null, null, null, true, null)));
    assertRefusedWith(
        "尚未审结", refusal(s, amendCase("2025-11-01", "c1", null, "2025-10-20", null, null, null)));
    assertRefusedWith(
        "早于收到申请日期",
        refusal(s, amendCase("2025-11-01", "c1", "2025-08-01", null, null, null, null)));
    final RequestState concluded =
        accept(s, reviewConcluded("2025-10-20", "c1", AppealResult.OTHER));
    assertRefusedWith(
        "早于立案日期",
        refusal(concluded, amendCase("2025-11-01", "c1", null, "2025-09-30", null, null, null)));
    assertRefusedWith(
        "超过 100 字",
        refusal(s, amendCase("2025-11-01", "c1", null, null, null, null, "号".repeat(101))));
    final foi.tracker.core.event.Amended noCase =
        new foi.tracker.core.event.Amended(
            "z",
            Steps.AGENCY,
            Steps.REQUEST,
            d("2025-11-01"),
            Steps.at("2025-11-01"),
            null,
            null,
            null,
            null,
            null,
            null,
            d("2025-10-02"),
            null,
            null,
            null,
            null);
    assertRefusedWith("更正案件须指明案件编号", refusal(s, noCase));
  }

  // --- REOPENED ENTRY_ERROR ---

  @Test
  void shouldUndoTheDecisionAndKeepTheClockWhenReopenedForAnEntryError() {
    final RequestState closed =
        fold(
            received("2025-09-01", NP),
            extension("2025-09-10", 10),
            decided("2025-09-20", "DISCLOSED"));
    final RequestState s = accept(closed, entryError("2025-09-22"));
    assertTrue(s.isOpen());
    assertNull(s.outcome());
    assertNull(s.decidedDate());
    assertNull(s.countedOutcome());
    assertEquals(closed.clock(), s.clock());
    assertEquals(
        d("2025-09-10"), s.lastStepDate(), "the next answer is judged against the clock it had");
    // the real answer can now be recorded, dated before the day the mistake was noticed
    final RequestState answered = accept(s, decided("2025-09-15", "UNAVAILABLE_NOT_HELD"));
    assertEquals("UNAVAILABLE_NOT_HELD", answered.outcome());
  }

  @Test
  void shouldRefuseToReopenWhenTheRequestIsOpen() {
    assertRefusedWith(
        "尚未办结，不能重新办理", refusal(fold(received("2025-09-01", NP)), entryError("2025-09-10")));
  }

  @Test
  void shouldRefuseToReopenWhenTheDateIsBeforeTheDecision() {
    assertRefusedWith("早于答复日期", refusal(decidedIn2025(), entryError("2025-09-19")));
  }

  // --- REOPENED REANSWER_ORDERED ---

  private static RequestState orderedCase() {
    return fold(
        received("2025-09-01", NP),
        decided("2025-09-20", "WITHHELD_PROCESS_INFO"),
        review("2025-10-01", "c1"),
        reviewConcluded("2025-12-01", "c1", AppealResult.CORRECTED));
  }

  @Test
  void shouldKeepTheOriginalDecisionCountedAndOpenANewAnswerWhenAReanswerIsOrdered() {
    final RequestState s = accept(orderedCase(), reanswer("2025-12-03", "c1", null));
    assertTrue(s.isOpen());
    assertEquals("WITHHELD_PROCESS_INFO", s.countedOutcome());
    assertEquals(d("2025-09-20"), s.countedDecidedDate());
    assertNull(s.outcome());
    assertEquals(new ReanswerOrder("c1", d("2025-12-03"), null), s.reanswer());
    assertEquals(
        WorkingDayCalendar.bundled().nthWorkingDayAfter(d("2025-12-03"), 20),
        s.deadline().dueDate());

    final RequestState answered = accept(s, decided("2025-12-20", "DISCLOSED"));
    assertFalse(answered.isOpen());
    assertEquals("DISCLOSED", answered.outcome());
    assertEquals(d("2025-12-20"), answered.decidedDate());
    assertEquals(
        "WITHHELD_PROCESS_INFO", answered.countedOutcome(), "Table 三 counts the original answer");
    assertEquals(DeadlineStatus.ANSWERED_ON_TIME, answered.deadline().status());
  }

  @Test
  void shouldUseTheOrderedDueDateWhenTheOrderSetsOne() {
    final RequestState s = accept(orderedCase(), reanswer("2025-12-03", "c1", "2025-12-15"));
    assertEquals(d("2025-12-15"), s.deadline().dueDate());
  }

  @Test
  void shouldUndoOnlyTheReanswerWhenAnEntryErrorFollowsIt() {
    final RequestState answered =
        fold(
            received("2025-09-01", NP),
            decided("2025-09-20", "WITHHELD_PROCESS_INFO"),
            review("2025-10-01", "c1"),
            reviewConcluded("2025-12-01", "c1", AppealResult.CORRECTED),
            reanswer("2025-12-03", "c1", null),
            decided("2025-12-20", "DISCLOSED"));
    final RequestState s = accept(answered, entryError("2025-12-22"));
    assertTrue(s.isOpen());
    assertNull(s.outcome());
    assertEquals("WITHHELD_PROCESS_INFO", s.countedOutcome());
    assertEquals(d("2025-12-03"), s.lastStepDate());
    assertEquals(answered.reanswer(), s.reanswer());
  }

  @Test
  void shouldRefuseAReanswerOrderWhenItsCaseIsMissingUnknownOrUpheld() {
    assertRefusedWith(
        "须指明作出决定的复议或诉讼案件", refusal(orderedCase(), reanswer("2025-12-03", null, null)));
    assertRefusedWith("本申请没有案件 c9", refusal(orderedCase(), reanswer("2025-12-03", "c9", null)));
    final RequestState upheld =
        fold(
            received("2025-09-01", NP),
            decided("2025-09-20", "DISCLOSED"),
            review("2025-10-01", "c1"),
            reviewConcluded("2025-12-01", "c1", AppealResult.UPHELD));
    assertRefusedWith("维持", refusal(upheld, reanswer("2025-12-03", "c1", null)));
    assertRefusedWith("须晚于", refusal(orderedCase(), reanswer("2025-12-03", "c1", "2025-12-03")));
  }

  @Test
  void shouldRefuseAReanswerOrderWhenTheRequestWasWithdrawn() {
    final RequestState s =
        fold(received("2025-09-01", NP), withdrawn("2025-09-05"), review("2025-10-01", "c1"));
    assertRefusedWith("申请已撤回", refusal(s, reanswer("2025-12-03", "c1", null)));
  }

  @Test
  void shouldRefuseAClockStepWhileAReanswerIsOpen() {
    final RequestState s = accept(orderedCase(), reanswer("2025-12-03", "c1", null));
    assertRefusedWith("重新答复期间不接受此环节", refusal(s, extension("2025-12-05", 10)));
  }

  @Test
  void shouldRefuseToMoveTheReanswerBeforeItsOrder() {
    final RequestState s =
        fold(
            received("2025-09-01", NP),
            decided("2025-09-20", "WITHHELD_PROCESS_INFO"),
            review("2025-10-01", "c1"),
            reviewConcluded("2025-12-01", "c1", AppealResult.CORRECTED),
            reanswer("2025-12-03", "c1", null),
            decided("2025-12-20", "DISCLOSED"));
    assertRefusedWith("早于责令重新答复之日", refusal(s, amendDecidedDate("2025-12-21", "2025-12-02")));
  }

  // --- VOIDED ---

  @Test
  void shouldVoidAnOpenRequestAndRefuseEveryLaterEventWhenADeskVoidsIt() {
    final RequestState s =
        accept(fold(received("2025-09-01", NP)), voided("2025-09-02", "重复登记", true));
    assertTrue(s.isVoided());
    assertFalse(s.isOpen());
    assertEquals(new VoidMark(s.voided().eventId(), d("2025-09-02"), "重复登记"), s.voided());
    assertNull(s.deadline());
    assertRefusedWith("申请已作废", refusal(s, decided("2025-09-03", "DISCLOSED")));
  }

  @Test
  void shouldRefuseADeskVoidWhenTheRequestHasADecisionOrACase() {
    assertRefusedWith("只能由管理员作废", refusal(decidedIn2025(), voided("2025-09-25", "测试数据", true)));
    final RequestState withCase = fold(received("2025-09-01", NP), review("2025-09-10", "c1"));
    assertRefusedWith("只能由管理员作废", refusal(withCase, voided("2025-09-25", "测试数据", true)));
    assertTrue(
        accept(decidedIn2025(), voided("2025-09-25", "测试数据", false)).isVoided(), "the admin may");
  }

  @Test
  void shouldRefuseAVoidWithoutAReason() {
    assertRefusedWith(
        "作废须说明原因", refusal(fold(received("2025-09-01", NP)), voided("2025-09-02", " ", false)));
  }

  // --- numbers and fees ---

  @Test
  void shouldKeepTheRegistrationAndCaseNumbersWhenGiven() {
    final RequestState s =
        fold(
            new ApplicationReceived(
                "received",
                Steps.AGENCY,
                Steps.REQUEST,
                d("2025-09-01"),
                Steps.at("2025-09-01"),
                NP,
                Channel.POST,
                null,
                null,
                "连政依申〔2025〕12号"),
            decided("2025-09-20", "DISCLOSED"),
            new LitigationFiled(
                "l1",
                Steps.AGENCY,
                Steps.REQUEST,
                d("2025-10-01"),
                Steps.at("2025-10-01"),
                "c1",
                false,
                "固行初字〔2025〕1号"));
    assertEquals("连政依申〔2025〕12号", s.registrationNumber());
    assertEquals("固行初字〔2025〕1号", s.cases().get("c1").caseNumber());
  }

  @Test
  void shouldRecordEachFeePaymentWithItsAmount() {
    final RequestState s =
        fold(
            received("2025-12-01", NP),
            Steps.feeNotice("2025-12-05"),
            Steps.feePaid("2025-12-10", 5_000L),
            Steps.feeNotice("2025-12-29"),
            Steps.feePaid("2026-01-05", 10_050L),
            Steps.feeNotice("2026-01-06"),
            Steps.feePaid("2026-01-07", null));
    assertEquals(List.of(5_000L, 10_050L), s.fees().stream().map(FeePayment::fen).toList());
    assertEquals(
        List.of(d("2025-12-10"), d("2026-01-05")),
        s.fees().stream().map(FeePayment::date).toList());
  }

  @Test
  void shouldRefuseAnAnswerOnTheSpotDatedAnotherDayThanTheReceipt() {
    final RequestState s = fold(received("2025-09-01", NP));
    final Decision later =
        RULES.decide(
            s,
            new foi.tracker.core.event.Decided(
                "d1", AGENCY, REQUEST, d("2025-09-02"), at("2025-09-02"), "DISCLOSED", true),
            d("2025-09-02"));
    assertRefusedWith(
        "当场答复", assertInstanceOf(Decision.Rejected.class, later).rejection().reason());
    final Decision same =
        RULES.decide(
            s,
            new foi.tracker.core.event.Decided(
                "d1", AGENCY, REQUEST, d("2025-09-01"), at("2025-09-01"), "DISCLOSED", true),
            d("2025-09-01"));
    assertInstanceOf(Decision.Accepted.class, same);
  }
}
