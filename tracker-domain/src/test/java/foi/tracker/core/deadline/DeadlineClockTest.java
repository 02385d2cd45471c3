package foi.tracker.core.deadline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import foi.tracker.core.calendar.WorkingDayCalendar;
import foi.tracker.core.calendar.YearSchedule;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Expected dates are counted by hand on the published 2025 schedule (国办发明电〔2024〕12号): 春节 01-28 –
 * 02-04 off with 01-26 (Sun) and 02-08 (Sat) worked; 清明节 04-04 – 04-06 off; 劳动节 05-01 – 05-05 off
 * with 04-27 (Sun) worked. March 2025 has no holiday: received Mon 03-03, the working days after it
 * are 03-04 (1) … 03-12 (7) … 03-31 (20), then 04-01, 04-02, 04-03, 04-07, 04-08 … (04-04 清明).
 */
class DeadlineClockTest {
  private static final WorkingDayCalendar CAL = WorkingDayCalendar.bundled();
  private static final DeadlineSettings DEFAULTS = DeadlineSettings.defaults();
  private static final DeadlineClock CLOCK = new DeadlineClock(CAL, DEFAULTS);
  private static final LocalDate MAR3 = d("2025-03-03");

  private static LocalDate d(final String iso) {
    return LocalDate.parse(iso);
  }

  private static ClockEvent ev(final String type, final String date) {
    return new ClockEvent(type, d(date), null, null);
  }

  private static ClockEvent extension(final String date, final Integer days) {
    return new ClockEvent("EXTENSION_GRANTED", d(date), days, null);
  }

  private static ClockEvent delay(final String date, final String dueDate) {
    return new ClockEvent("DELAY_SET", d(date), null, dueDate == null ? null : d(dueDate));
  }

  private static Deadline open(
      final LocalDate received, final List<ClockEvent> events, final String today) {
    return CLOCK.evaluate(received, events, null, d(today));
  }

  private static Deadline answered(
      final LocalDate received, final List<ClockEvent> events, final String decided) {
    return CLOCK.evaluate(received, events, d(decided), d(decided));
  }

  // --- base rule
  // -------------------------------------------------------------------------------------------------

  @Test
  void shouldBeDueOnThe20thWorkingDayWhenNoClockEvent() {
    final Deadline dl = open(d("2025-01-20"), List.of(), "2025-01-20");
    assertEquals(d("2025-02-21"), dl.dueDate());
    assertEquals(20, dl.workingDaysLeft());
    assertEquals(DeadlineStatus.ON_TRACK, dl.status());
    assertEquals(d("2025-01-20"), dl.clockStart());
    assertFalse(dl.provisional());
    assertFalse(dl.lateCorrectionNotice());
    assertNull(dl.workingDaysUsed());
    assertEquals(d("2024-10-30"), CLOCK.baseDueDate(d("2024-09-27")));
    assertEquals(d("2026-03-12"), CLOCK.baseDueDate(d("2026-02-06")));
    assertNull(
        CLOCK.baseDueDate(d("2019-05-14")),
        "a receipt before the Regulation took effect has no due date");
    assertEquals(d("2019-06-13"), CLOCK.baseDueDate(d("2019-05-15")));
  }

  @Test
  void shouldMoveFromOnTrackToDueSoonToOverdueWhenTodayAdvances() {
    final List<ClockEvent> none = List.of();
    assertEquals(DeadlineStatus.ON_TRACK, open(MAR3, none, "2025-03-03").status());
    final Deadline mar25 = open(MAR3, none, "2025-03-25");
    assertEquals(4, mar25.workingDaysLeft());
    assertEquals(DeadlineStatus.ON_TRACK, mar25.status());
    final Deadline mar26 = open(MAR3, none, "2025-03-26");
    assertEquals(3, mar26.workingDaysLeft());
    assertEquals(DeadlineStatus.DUE_SOON, mar26.status());
    final Deadline sat = open(MAR3, none, "2025-03-29");
    assertEquals(1, sat.workingDaysLeft());
    assertEquals(DeadlineStatus.DUE_SOON, sat.status());
    final Deadline dueDay = open(MAR3, none, "2025-03-31");
    assertEquals(0, dueDay.workingDaysLeft());
    assertEquals(DeadlineStatus.DUE_SOON, dueDay.status());
    final Deadline apr1 = open(MAR3, none, "2025-04-01");
    assertEquals(-1, apr1.workingDaysLeft());
    assertEquals(DeadlineStatus.OVERDUE, apr1.status());
    // 04-04 is 清明节: overdue by 04-01, 04-02, 04-03 only
    final Deadline apr5 = open(MAR3, none, "2025-04-05");
    assertEquals(-3, apr5.workingDaysLeft());
    assertEquals(DeadlineStatus.OVERDUE, apr5.status());
    assertEquals(d("2025-03-31"), apr5.dueDate());
  }

  @Test
  void shouldBeOverdueWithZeroWorkingDaysLeftWhenTheDayAfterTheDueDateIsAWeekend() {
    // due Fri 2025-02-21; Sat 02-22 is after it by date but no working day has passed
    final Deadline dl = open(d("2025-01-20"), List.of(), "2025-02-22");
    assertEquals(DeadlineStatus.OVERDUE, dl.status());
    assertEquals(0, dl.workingDaysLeft());
  }

  @Test
  void shouldUseTheDueSoonSettingWhenChanged() {
    final DeadlineClock fiveDays =
        new DeadlineClock(CAL, new DeadlineSettings(20, 7, 5, 20, true, true, 15));
    assertEquals(
        DeadlineStatus.DUE_SOON,
        fiveDays.evaluate(MAR3, List.of(), null, d("2025-03-24")).status());
    assertEquals(
        DeadlineStatus.ON_TRACK,
        fiveDays.evaluate(MAR3, List.of(), null, d("2025-03-21")).status());
  }

  @Test
  void shouldBeAnsweredOnTimeWhenDecidedOnTheDueDateAndLateTheDayAfter() {
    final Deadline onTime = answered(MAR3, List.of(), "2025-03-31");
    assertEquals(DeadlineStatus.ANSWERED_ON_TIME, onTime.status());
    assertEquals(d("2025-03-31"), onTime.dueDate());
    assertEquals(20, onTime.workingDaysUsed());
    assertNull(onTime.workingDaysLeft());
    final Deadline late = answered(MAR3, List.of(), "2025-04-01");
    assertEquals(DeadlineStatus.ANSWERED_LATE, late.status());
    assertEquals(21, late.workingDaysUsed());
    final Deadline onTheSpot = answered(MAR3, List.of(), "2025-03-03");
    assertEquals(DeadlineStatus.ANSWERED_ON_TIME, onTheSpot.status());
    assertEquals(0, onTheSpot.workingDaysUsed());
  }

  @Test
  void shouldJudgeTheAnswerByTheDecidedDateWhenTodayIsLater() {
    final Deadline dl = CLOCK.evaluate(MAR3, List.of(), d("2025-03-28"), d("2025-06-01"));
    assertEquals(DeadlineStatus.ANSWERED_ON_TIME, dl.status());
    assertEquals(19, dl.workingDaysUsed());
  }

  // --- 补正 (Art. 30)
  // ---------------------------------------------------------------------------------------------

  @Test
  void shouldPauseWhenACorrectionIsPending() {
    final Deadline dl = open(MAR3, List.of(ev("CORRECTION_REQUESTED", "2025-03-05")), "2025-03-07");
    assertEquals(DeadlineStatus.PAUSED, dl.status());
    assertNull(dl.dueDate());
    assertNull(dl.workingDaysLeft());
    assertFalse(dl.lateCorrectionNotice());
  }

  @Test
  void shouldRestartTwentyWorkingDaysWhenTheCorrectionIsReceived() {
    // fresh count from Mon 03-10: 03-11 (1) … 03-31 (15), 04-01, 04-02, 04-03 (18), [04-04 – 04-06
    // 清明], 04-07, 04-08
    final Deadline dl =
        open(
            MAR3,
            List.of(
                ev("CORRECTION_REQUESTED", "2025-03-05"), ev("CORRECTION_RECEIVED", "2025-03-10")),
            "2025-03-10");
    assertEquals(d("2025-04-08"), dl.dueDate());
    assertEquals(d("2025-03-10"), dl.clockStart());
    assertEquals(20, dl.workingDaysLeft());
    assertEquals(DeadlineStatus.ON_TRACK, dl.status());
    assertEquals(
        List.of(
            new Deadline.ExcludedDay(d("2025-03-15"), "周末"),
            new Deadline.ExcludedDay(d("2025-03-16"), "周末"),
            new Deadline.ExcludedDay(d("2025-03-22"), "周末"),
            new Deadline.ExcludedDay(d("2025-03-23"), "周末"),
            new Deadline.ExcludedDay(d("2025-03-29"), "周末"),
            new Deadline.ExcludedDay(d("2025-03-30"), "周末"),
            new Deadline.ExcludedDay(d("2025-04-04"), "清明节"),
            new Deadline.ExcludedDay(d("2025-04-05"), "清明节"),
            new Deadline.ExcludedDay(d("2025-04-06"), "清明节")),
        dl.excludedDays());
  }

  @Test
  void shouldFlagALateCorrectionNoticeWhenSentOnThe8thWorkingDayButNotThe7th() {
    assertEquals(d("2025-03-12"), CLOCK.correctionNoticeDueDate(MAR3));
    assertFalse(
        open(MAR3, List.of(ev("CORRECTION_REQUESTED", "2025-03-12")), "2025-03-12")
            .lateCorrectionNotice());
    assertTrue(
        open(MAR3, List.of(ev("CORRECTION_REQUESTED", "2025-03-13")), "2025-03-13")
            .lateCorrectionNotice());
    // across 春节 2025: received 01-20, the 7th working day is 02-05
    assertFalse(
        open(d("2025-01-20"), List.of(ev("CORRECTION_REQUESTED", "2025-02-05")), "2025-02-05")
            .lateCorrectionNotice());
    assertTrue(
        open(d("2025-01-20"), List.of(ev("CORRECTION_REQUESTED", "2025-02-06")), "2025-02-06")
            .lateCorrectionNotice());
  }

  @Test
  void shouldForgetAnEarlierConsultationWhenTheCorrectionIsReceived() {
    final Deadline dl =
        open(
            MAR3,
            List.of(
                ev("CONSULTATION_STARTED", "2025-03-04"),
                ev("CONSULTATION_ENDED", "2025-03-06"),
                ev("CORRECTION_REQUESTED", "2025-03-07"),
                ev("CORRECTION_RECEIVED", "2025-03-10")),
            "2025-03-11");
    assertEquals(d("2025-04-08"), dl.dueDate());
    assertEquals(19, dl.workingDaysLeft());
  }

  @Test
  void shouldBeOnTimeWhenAnsweredWhileTheCorrectionIsPending() {
    final Deadline dl =
        answered(MAR3, List.of(ev("CORRECTION_REQUESTED", "2025-03-05")), "2025-04-30");
    assertEquals(DeadlineStatus.ANSWERED_ON_TIME, dl.status());
    assertNull(dl.dueDate());
    assertEquals(2, dl.workingDaysUsed(), "03-04 and 03-05 ran before the clock stopped");
  }

  // --- pauses (Art. 33 ¶3, 109号)
  // ----------------------------------------------------------------------------------

  @Test
  void shouldPushTheDueDateBackWhenAConsultationPauses() {
    // paused working days 03-11 – 03-14 (4): 20th counted day is 04-07 instead of 03-31
    final List<ClockEvent> events =
        List.of(ev("CONSULTATION_STARTED", "2025-03-10"), ev("CONSULTATION_ENDED", "2025-03-14"));
    final Deadline dl = open(MAR3, events, "2025-03-17");
    assertEquals(d("2025-04-07"), dl.dueDate());
    assertEquals(DeadlineStatus.ON_TRACK, dl.status());
    // 03-17 … 04-07 minus 03-17 itself: 03-18 … 03-31 (10), 04-01, 04-02, 04-03, 04-07
    assertEquals(14, dl.workingDaysLeft());
  }

  @Test
  void shouldBePausedWhileAConsultationIsOpen() {
    final Deadline dl = open(MAR3, List.of(ev("CONSULTATION_STARTED", "2025-03-10")), "2025-03-12");
    assertEquals(DeadlineStatus.PAUSED, dl.status());
    assertNull(dl.dueDate());
    assertNull(dl.workingDaysLeft());
  }

  @Test
  void shouldPauseForAFeeNoticeWhenTheSettingSaysSo() {
    final List<ClockEvent> events =
        List.of(ev("FEE_NOTICE_ISSUED", "2025-03-10"), ev("FEE_PAID", "2025-03-14"));
    assertEquals(d("2025-04-07"), open(MAR3, events, "2025-03-17").dueDate());
    assertEquals(DeadlineStatus.PAUSED, open(MAR3, events.subList(0, 1), "2025-03-12").status());
    final DeadlineClock noFeePause =
        new DeadlineClock(CAL, new DeadlineSettings(20, 7, 3, 20, true, false, 15));
    assertEquals(
        d("2025-03-31"), noFeePause.evaluate(MAR3, events, null, d("2025-03-17")).dueDate());
    final Deadline openFee = noFeePause.evaluate(MAR3, events.subList(0, 1), null, d("2025-03-12"));
    assertEquals(DeadlineStatus.ON_TRACK, openFee.status());
    assertEquals(d("2025-03-31"), openFee.dueDate());
  }

  @Test
  void shouldSkipOnlyTheWorkingDaysWhenAPauseSpansAHoliday() {
    // received Mon 03-24; consultation 04-02 → 04-08 pauses 04-03, 04-07, 04-08 (04-04 – 04-06 are
    // 清明 anyway)
    // counted: 03-25 … 04-02 (7), 04-09 … 04-11 (10), 04-14 … 04-18 (15), 04-21 … 04-25 (20)
    final LocalDate received = d("2025-03-24");
    final List<ClockEvent> events =
        List.of(ev("CONSULTATION_STARTED", "2025-04-02"), ev("CONSULTATION_ENDED", "2025-04-08"));
    assertEquals(d("2025-04-22"), open(received, List.of(), "2025-03-24").dueDate());
    final Deadline dl = open(received, events, "2025-04-09");
    assertEquals(d("2025-04-25"), dl.dueDate());
    assertEquals(
        List.of(
            new Deadline.ExcludedDay(d("2025-03-29"), "周末"),
                new Deadline.ExcludedDay(d("2025-03-30"), "周末"),
            new Deadline.ExcludedDay(d("2025-04-03"), "征求意见"),
                new Deadline.ExcludedDay(d("2025-04-04"), "清明节"),
            new Deadline.ExcludedDay(d("2025-04-05"), "清明节"),
                new Deadline.ExcludedDay(d("2025-04-06"), "清明节"),
            new Deadline.ExcludedDay(d("2025-04-07"), "征求意见"),
                new Deadline.ExcludedDay(d("2025-04-08"), "征求意见"),
            new Deadline.ExcludedDay(d("2025-04-12"), "周末"),
                new Deadline.ExcludedDay(d("2025-04-13"), "周末"),
            new Deadline.ExcludedDay(d("2025-04-19"), "周末"),
                new Deadline.ExcludedDay(d("2025-04-20"), "周末")),
        dl.excludedDays());
  }

  @Test
  void shouldCountWorkingDaysUsedNetOfPausesWhenAnswered() {
    final List<ClockEvent> events =
        List.of(ev("CONSULTATION_STARTED", "2025-03-10"), ev("CONSULTATION_ENDED", "2025-03-14"));
    final Deadline onTime = answered(MAR3, events, "2025-04-07");
    assertEquals(DeadlineStatus.ANSWERED_ON_TIME, onTime.status());
    assertEquals(20, onTime.workingDaysUsed());
    final Deadline late = answered(MAR3, events, "2025-04-08");
    assertEquals(DeadlineStatus.ANSWERED_LATE, late.status());
    assertEquals(21, late.workingDaysUsed());
  }

  @Test
  void shouldBeOnTimeWhenAnsweredDuringAnOpenConsultation() {
    // counted before the pause: 03-04 … 03-20 (13); answered 04-10, before the 15-working-day cap
    // (04-11), the
    // pause ends with the answer: 04-11 (14), 04-14 … 04-18 (19), 04-21 (20)
    final Deadline dl =
        answered(MAR3, List.of(ev("CONSULTATION_STARTED", "2025-03-20")), "2025-04-10");
    assertEquals(DeadlineStatus.ANSWERED_ON_TIME, dl.status());
    assertEquals(d("2025-04-21"), dl.dueDate());
    assertEquals(13, dl.workingDaysUsed());
  }

  @Test
  void shouldStayOverdueWhenAPauseBeginsAfterTheDueDate() {
    final List<ClockEvent> events = List.of(ev("CONSULTATION_STARTED", "2025-04-02"));
    final Deadline dl = open(MAR3, events, "2025-04-03");
    assertEquals(DeadlineStatus.OVERDUE, dl.status());
    assertEquals(d("2025-03-31"), dl.dueDate());
    assertEquals(DeadlineStatus.ANSWERED_LATE, answered(MAR3, events, "2025-04-03").status());
  }

  // --- extension (Art. 33)
  // ---------------------------------------------------------------------------------------

  @Test
  void shouldAddTheExtensionAfterTheDueDateWhenGranted() {
    // 10 working days after 03-31: 04-01, 04-02, 04-03, 04-07 … 04-11 (8), 04-14, 04-15
    final Deadline dl = open(MAR3, List.of(extension("2025-03-20", 10)), "2025-03-20");
    assertEquals(d("2025-04-15"), dl.dueDate());
    assertEquals(DeadlineStatus.ON_TRACK, dl.status());
  }

  @Test
  void shouldSkipPauseDaysWhenTheyFallInsideTheExtension() {
    // extended due 04-15; consultation 04-08 → 04-10 pauses 04-09, 04-10: 04-11 … 04-17 carry the
    // last 5
    final Deadline dl =
        open(
            MAR3,
            List.of(
                extension("2025-03-20", 10),
                ev("CONSULTATION_STARTED", "2025-04-08"),
                ev("CONSULTATION_ENDED", "2025-04-10")),
            "2025-04-10");
    assertEquals(d("2025-04-17"), dl.dueDate());
    assertEquals(5, dl.workingDaysLeft());
  }

  @Test
  void shouldAllowTheExtensionDuringAnOpenConsultationWhenTheDueDateHasNotPassed() {
    final List<ClockEvent> prior = List.of(ev("CONSULTATION_STARTED", "2025-03-20"));
    assertEquals(Optional.empty(), CLOCK.refusal(MAR3, prior, extension("2025-04-10", 5)));
  }

  // --- delay (Art. 35)
  // -------------------------------------------------------------------------------------------

  @Test
  void shouldReplaceTheDueDateWhenADelayIsSetAfterAnExtension() {
    final List<ClockEvent> events =
        new ArrayList<>(List.of(extension("2025-03-20", 10), delay("2025-04-10", "2025-05-30")));
    final Deadline dl = open(MAR3, events, "2025-05-29");
    assertEquals(d("2025-05-30"), dl.dueDate());
    assertEquals(1, dl.workingDaysLeft());
    assertEquals(DeadlineStatus.DUE_SOON, dl.status());
    // a later consultation does not move it
    events.add(ev("CONSULTATION_STARTED", "2025-05-06"));
    events.add(ev("CONSULTATION_ENDED", "2025-05-08"));
    assertEquals(d("2025-05-30"), open(MAR3, events, "2025-05-29").dueDate());
    assertEquals(DeadlineStatus.ANSWERED_LATE, answered(MAR3, events, "2025-06-03").status());
    assertEquals(DeadlineStatus.ANSWERED_ON_TIME, answered(MAR3, events, "2025-05-30").status());
  }

  // --- refusals
  // --------------------------------------------------------------------------------------------------

  @Test
  void shouldRefuseASecondExtension() {
    assertEquals(
        Optional.of(
            "本答复期限已延期一次，延长答复期限只能一次（第三十三条） a second extension in the same"
                + " answer period is not allowed"),
        CLOCK.refusal(MAR3, List.of(extension("2025-03-20", 10)), extension("2025-03-25", 5)));
  }

  @Test
  void shouldRefuseAnExtensionWhenWorkingDaysAreOutOfRange() {
    final String range =
        "延长的期限须为 1..20 个工作日（第三十三条：延长的期限最长不得超过20个工作日） workingDays must be" + " 1..20, was ";
    assertEquals(
        Optional.of(range + "21"), CLOCK.refusal(MAR3, List.of(), extension("2025-03-20", 21)));
    assertEquals(
        Optional.of(range + "0"), CLOCK.refusal(MAR3, List.of(), extension("2025-03-20", 0)));
    assertEquals(
        Optional.of(range + "null"), CLOCK.refusal(MAR3, List.of(), extension("2025-03-20", null)));
    assertEquals(Optional.empty(), CLOCK.refusal(MAR3, List.of(), extension("2025-03-20", 20)));
  }

  @Test
  void shouldRefuseAnExtensionWhenTheDueDateHasPassed() {
    assertEquals(Optional.empty(), CLOCK.refusal(MAR3, List.of(), extension("2025-03-31", 5)));
    assertEquals(
        Optional.of(
            "延期须在答复期限届满前决定：答复期限 2025-03-31 已过 the extension is granted on"
                + " 2025-04-01, after the due date 2025-03-31 has passed"),
        CLOCK.refusal(MAR3, List.of(), extension("2025-04-01", 5)));
    final DeadlineClock lenient =
        new DeadlineClock(CAL, new DeadlineSettings(20, 7, 3, 20, false, true, 15));
    assertEquals(Optional.empty(), lenient.refusal(MAR3, List.of(), extension("2025-04-01", 5)));
    // a refused extension does not count in evaluate
    final Deadline dl = open(MAR3, List.of(extension("2025-04-01", 5)), "2025-04-01");
    assertEquals(d("2025-03-31"), dl.dueDate());
    assertEquals(
        "2025-04-01 忽略此项延期答复：延期须在答复期限届满前决定：答复期限 2025-03-31 已过 (EXTENSION_GRANTED"
            + " ignored: the extension is granted on 2025-04-01, after the due date 2025-03-31 has passed)",
        dl.explanation().get(1));
  }

  @Test
  void shouldRefuseAnExtensionWhileTheCorrectionIsPending() {
    assertEquals(
        Optional.of(
            "补正期间答复期限不计算，不能延期：自 2025-03-05 起待补正 the clock is stopped for 补正"
                + " since 2025-03-05; no extension while the correction is pending"),
        CLOCK.refusal(
            MAR3, List.of(ev("CORRECTION_REQUESTED", "2025-03-05")), extension("2025-03-06", 5)));
  }

  @Test
  void shouldRefuseAnEndWhenNothingIsOpen() {
    assertEquals(
        Optional.of("没有进行中的征求意见 no consultation is open"),
        CLOCK.refusal(MAR3, List.of(), ev("CONSULTATION_ENDED", "2025-03-10")));
    assertEquals(
        Optional.of("没有待缴费的收费通知 no fee notice is open"),
        CLOCK.refusal(
            MAR3,
            List.of(ev("FEE_NOTICE_ISSUED", "2025-03-05"), ev("FEE_PAID", "2025-03-06")),
            ev("FEE_PAID", "2025-03-10")));
    assertEquals(
        Optional.of("没有待补正的申请（第三十条） no correction is pending"),
        CLOCK.refusal(MAR3, List.of(), ev("CORRECTION_RECEIVED", "2025-03-10")));
    assertEquals(
        Optional.of(
            "征求意见结束日期 2025-03-09 早于开始日期 2025-03-10 the"
                + " consultation cannot end on 2025-03-09, before it began on 2025-03-10"),
        CLOCK.refusal(
            MAR3,
            List.of(ev("CONSULTATION_STARTED", "2025-03-10")),
            ev("CONSULTATION_ENDED", "2025-03-09")));
  }

  @Test
  void shouldRefuseASecondCorrectionRequest() {
    final String reason =
        "补正只能一次性告知（第三十条），已于 2025-03-05 告知 a second correction request is"
            + " not allowed; the first was on 2025-03-05";
    assertEquals(
        Optional.of(reason),
        CLOCK.refusal(
            MAR3,
            List.of(ev("CORRECTION_REQUESTED", "2025-03-05")),
            ev("CORRECTION_REQUESTED", "2025-03-06")));
    assertEquals(
        Optional.of(reason),
        CLOCK.refusal(
            MAR3,
            List.of(
                ev("CORRECTION_REQUESTED", "2025-03-05"), ev("CORRECTION_RECEIVED", "2025-03-10")),
            ev("CORRECTION_REQUESTED", "2025-03-12")));
  }

  @Test
  void shouldRefuseAPauseStartWhenTheSamePauseIsOpen() {
    assertEquals(
        Optional.of(
            "征求意见尚未结束：自 2025-03-05 起的征求意见仍在进行（至多到 2025-03-26），同一时间只能有一项"
                + "征求意见 a consultation is already open since 2025-03-05, until 2025-03-26 at most"),
        CLOCK.refusal(
            MAR3,
            List.of(ev("CONSULTATION_STARTED", "2025-03-05")),
            ev("CONSULTATION_STARTED", "2025-03-06")));
    assertEquals(
        Optional.of(
            "收费通知尚未缴费：自 2025-03-05 起的收费通知仍待缴费 a fee notice is already open since" + " 2025-03-05"),
        CLOCK.refusal(
            MAR3,
            List.of(ev("FEE_NOTICE_ISSUED", "2025-03-05")),
            ev("FEE_NOTICE_ISSUED", "2025-03-06")));
    // a different pause may overlap, and a closed one may start again
    assertEquals(
        Optional.empty(),
        CLOCK.refusal(
            MAR3,
            List.of(ev("CONSULTATION_STARTED", "2025-03-05")),
            ev("FEE_NOTICE_ISSUED", "2025-03-06")));
    assertEquals(
        Optional.empty(),
        CLOCK.refusal(
            MAR3,
            List.of(
                ev("CONSULTATION_STARTED", "2025-03-05"), ev("CONSULTATION_ENDED", "2025-03-06")),
            ev("CONSULTATION_STARTED", "2025-03-07")));
  }

  @Test
  void shouldRefuseADelayWhoseDueDateIsNotLaterThanTheCurrentDueDate() {
    final String notLater =
        "延迟答复的期限 %s 须晚于当前答复期限 2025-03-31 dueDate %s must be later than the current due"
            + " date 2025-03-31";
    assertEquals(
        Optional.of(notLater.formatted("2025-03-09", "2025-03-09")),
        CLOCK.refusal(MAR3, List.of(), delay("2025-03-10", "2025-03-09")));
    assertEquals(
        Optional.of(notLater.formatted("2025-03-31", "2025-03-31")),
        CLOCK.refusal(MAR3, List.of(), delay("2025-03-10", "2025-03-31")));
    assertEquals(
        Optional.of("延迟答复须确定合理期限（第三十五条） dueDate is required"),
        CLOCK.refusal(MAR3, List.of(), delay("2025-03-10", null)));
    assertEquals(
        Optional.empty(), CLOCK.refusal(MAR3, List.of(), delay("2025-03-10", "2025-04-01")));
  }

  @Test
  void shouldNotRefuseWhenTheEventIsNoClockEvent() {
    assertEquals(Optional.empty(), CLOCK.refusal(MAR3, List.of(), ev("DECIDED", "2025-03-10")));
    assertEquals(
        Optional.empty(), CLOCK.refusal(MAR3, List.of(), ev("CONSULTATION_STARTED", "2025-03-10")));
    assertEquals(
        Optional.of("日期必填 date is required"),
        CLOCK.refusal(MAR3, List.of(), new ClockEvent("FEE_PAID", null, null, null)));
  }

  // --- explanation, provisional
  // ----------------------------------------------------------------------------------

  @Test
  void shouldExplainTheCountWhenReceivedBeforeSpringFestival() {
    final Deadline dl = open(d("2025-01-20"), List.of(), "2025-01-20");
    assertEquals(
        List.of(
            "2025-01-20 收到申请，答复期限为 20 个工作日（第三十三条），收到当日不计入 (received; answer within 20 working"
                + " days, Art. 33; the day of receipt is not counted)",
            "至 2025-02-21 不计算 12 天：周末 4 天，春节 8 天 (12 days not counted through 2025-02-21: weekend ×4, 春节 holiday ×8)",
            "2025-02-21 截止；2025-01-20 剩余 20 个工作日 (due; 20 working days left on 2025-01-20)"),
        dl.explanation());
    final List<Deadline.ExcludedDay> expected = new ArrayList<>();
    expected.add(new Deadline.ExcludedDay(d("2025-01-25"), "周末"));
    for (final String day :
        List.of("01-28", "01-29", "01-30", "01-31", "02-01", "02-02", "02-03", "02-04")) {
      expected.add(new Deadline.ExcludedDay(d("2025-" + day), "春节"));
    }
    expected.add(new Deadline.ExcludedDay(d("2025-02-09"), "周末"));
    expected.add(new Deadline.ExcludedDay(d("2025-02-15"), "周末"));
    expected.add(new Deadline.ExcludedDay(d("2025-02-16"), "周末"));
    assertEquals(expected, dl.excludedDays());
  }

  @Test
  void shouldExplainEachClockEventWhenPresent() {
    final Deadline dl =
        open(
            MAR3,
            List.of(
                ev("CORRECTION_REQUESTED", "2025-03-13"),
                ev("CORRECTION_RECEIVED", "2025-03-17"),
                ev("CONSULTATION_STARTED", "2025-03-18"),
                ev("CONSULTATION_ENDED", "2025-03-20")),
            "2025-03-21");
    assertTrue(dl.lateCorrectionNotice());
    assertEquals(
        List.of(
            "2025-03-03 收到申请，答复期限为 20 个工作日（第三十三条），收到当日不计入 (received; answer within 20 working"
                + " days, Art. 33; the day of receipt is not counted)",
            "2025-03-13 补正告知（第三十条），答复期限停止计算；告知逾期，应在 2025-03-12 前告知（7 个工作日）；未填写补正期限，"
                + "按默认 15 个工作日计至 2025-04-03，请在补正告知中填写补正期限 (correction requested, Art. 30: clock stopped;"
                + " late notice: due by 2025-03-12, 7 working days; no dueBy given: the default of 15 working days was used,"
                + " through 2025-04-03; setting TRACKER_CORRECTION_DEFAULT_WORKING_DAYS)",
            "2025-03-17 收到补正（第三十条），自当日起重新计算 20 个工作日 (correction received, Art. 30: a fresh 20 working"
                + " days from this day)",
            "2025-03-18 征求意见开始（第三十二条、第三十四条），暂停计算，至多 15 个工作日，至 2025-04-09 为止 (consultation"
                + " started, Art. 32/34: clock paused, Art. 33, for at most 15 working days, through 2025-04-09)",
            "2025-03-20 征求意见结束，2025-03-18 至 2025-03-20 的 2 个工作日不计算 (consultation ended: 2 working days not"
                + " counted)",
            // fresh from 03-17: 03-18 (1), [03-19, 03-20 paused], 03-21 … 04-03 (11), 04-07 … 04-11
            // (16), 04-14 … 04-17
            // (20); left on 03-21: 03-24 … 04-17 = 18
            "至 2025-04-17 不计算 11 天：征求意见 2 天，周末 6 天，清明节 3 天 (11 days not counted through 2025-04-17:"
                + " consultation ×2, weekend ×6, 清明节 holiday ×3)",
            "2025-04-17 截止；2025-03-21 剩余 18 个工作日 (due; 18 working days left on 2025-03-21)"),
        dl.explanation());
  }

  @Test
  void shouldBeProvisionalWhenTheDueDateFallsInAnUnloadedYear() {
    // from Tue 2026-12-15: 12-16 … 12-31 (12), provisional 2027: 01-01 元旦 off, 01-04 … 01-08 (17),
    // 01-11 …
    // 01-13 (20)
    final Deadline dl = open(d("2026-12-15"), List.of(), "2026-12-15");
    assertEquals(d("2027-01-13"), dl.dueDate());
    assertTrue(dl.provisional());
    assertTrue(dl.excludedDays().contains(new Deadline.ExcludedDay(d("2027-01-01"), "元旦")));
    assertEquals(
        "暂定：2027 年节假日安排未载入，按放假办法的法定节假日计算，不含调休 (provisional: holiday schedule of"
            + " [2027] not loaded; statutory holidays only, no 调休)",
        dl.explanation().get(dl.explanation().size() - 1));
    // the notice gives 01-04 off too (synthetic): one working day later, no longer provisional
    final DeadlineClock with2027 =
        new DeadlineClock(
            CAL.withSchedule(
                new YearSchedule(
                    2027,
                    "synthetic",
                    List.of(
                        new YearSchedule.Day(d("2027-01-01"), "元旦", true),
                        new YearSchedule.Day(d("2027-01-04"), "元旦", true)))),
            DEFAULTS);
    final Deadline loaded = with2027.evaluate(d("2026-12-15"), List.of(), null, d("2026-12-15"));
    assertEquals(d("2027-01-14"), loaded.dueDate());
    assertFalse(loaded.provisional());
  }

  @Test
  void shouldLeaveTheListsEmptyWhenEvaluatedBriefly() {
    final Deadline brief =
        CLOCK.evaluateBrief(
            d("2025-01-20"), List.of(extension("2025-01-21", 5)), null, d("2025-01-20"));
    final Deadline full =
        CLOCK.evaluate(d("2025-01-20"), List.of(extension("2025-01-21", 5)), null, d("2025-01-20"));
    assertEquals(List.of(), brief.explanation());
    assertEquals(List.of(), brief.excludedDays());
    // 5 working days after 02-21: 02-24 … 02-28
    assertEquals(d("2025-02-28"), brief.dueDate());
    assertEquals(full.dueDate(), brief.dueDate());
    assertEquals(full.workingDaysLeft(), brief.workingDaysLeft());
    assertEquals(full.status(), brief.status());
  }
}
