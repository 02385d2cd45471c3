package foi.tracker.core.deadline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import foi.tracker.core.calendar.WorkingDayCalendar;
import foi.tracker.core.taxonomy.Taxonomy;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * api.md "The clock: lapses and limits", one rule a test. Dates are counted by hand on the 2025
 * notice (see {@link DeadlineClockTest}): received Mon 2025-03-03, due 03-31 (20th working day); 清明
 * 04-04 – 04-06 off; 劳动节 05-01 – 05-05 off with Sun 04-27 worked.
 */
class DeadlineClockLimitsTest {
  private static final DeadlineClock CLOCK =
      new DeadlineClock(WorkingDayCalendar.bundled(), DeadlineSettings.fromEnvironment(Map.of()));
  private static final LocalDate MAR3 = d("2025-03-03");

  private static LocalDate d(final String iso) {
    return LocalDate.parse(iso);
  }

  private static ClockEvent ev(final String type, final String date) {
    return new ClockEvent(type, d(date), null, null);
  }

  private static ClockEvent correction(final String date, final String dueBy) {
    return new ClockEvent("CORRECTION_REQUESTED", d(date), null, dueBy == null ? null : d(dueBy));
  }

  private static ClockEvent extension(final String date, final int days) {
    return new ClockEvent("EXTENSION_GRANTED", d(date), days, null);
  }

  private static ClockEvent delay(final String date, final String dueDate) {
    return new ClockEvent("DELAY_SET", d(date), null, d(dueDate));
  }

  private static Deadline open(final List<ClockEvent> events, final String today) {
    return CLOCK.evaluate(MAR3, events, null, d(today));
  }

  private static Deadline answered(final List<ClockEvent> events, final String decided) {
    return CLOCK.evaluate(MAR3, events, d(decided), d(decided));
  }

  private static boolean explains(final Deadline dl, final String part) {
    return dl.explanation().stream().anyMatch(line -> line.contains(part));
  }

  // --- 1. one 补正
  // -------------------------------------------------------------------------------------------------

  @Test
  void shouldRefuseASecondCorrectionRequestWhenTheFirstCameAfterTheDueDate() {
    assertEquals(
        Optional.of(
            "补正只能一次性告知（第三十条），已于 2025-04-02 告知 a second correction request is"
                + " not allowed; the first was on 2025-04-02"),
        CLOCK.refusal(
            MAR3, List.of(correction("2025-04-02", null)), correction("2025-04-03", null)));
  }

  // --- 2. a pause after the due date
  // ------------------------------------------------------------------------------

  @Test
  void shouldStayOverdueAndFlagTheNoticeWhenACorrectionIsRequestedAfterTheDueDate() {
    final List<ClockEvent> events = List.of(correction("2025-04-02", "2025-04-20"));
    final Deadline dl = open(events, "2025-04-03");
    assertEquals(DeadlineStatus.OVERDUE, dl.status());
    assertEquals(d("2025-03-31"), dl.dueDate());
    assertEquals(-3, dl.workingDaysLeft());
    assertTrue(dl.lateCorrectionNotice());
    assertNull(dl.lapse());
    assertTrue(explains(dl, "晚于答复期限 2025-03-31，不暂停计算"), dl.explanation().toString());
    // its dueBy passing lapses nothing; the corrected application restarts nothing
    assertEquals(DeadlineStatus.OVERDUE, open(events, "2025-05-06").status());
    final List<ClockEvent> received =
        List.of(correction("2025-04-02", "2025-04-20"), ev("CORRECTION_RECEIVED", "2025-04-08"));
    assertEquals(Optional.empty(), CLOCK.refusal(MAR3, events, received.get(1)));
    final Deadline after = open(received, "2025-04-09");
    assertEquals(DeadlineStatus.OVERDUE, after.status());
    assertEquals(MAR3, after.clockStart());
    assertEquals(DeadlineStatus.ANSWERED_LATE, answered(received, "2025-04-10").status());
  }

  @Test
  void shouldNeverPauseOrLapseWhenAFeeNoticeOrConsultationBeginsAfterTheDueDate() {
    final List<ClockEvent> fee = List.of(ev("FEE_NOTICE_ISSUED", "2025-04-01"));
    assertEquals(DeadlineStatus.OVERDUE, open(fee, "2025-04-02").status());
    assertEquals(
        DeadlineStatus.OVERDUE,
        open(fee, "2025-06-02").status(),
        "20 working days passed: no lapse");
    final List<ClockEvent> consultation = List.of(ev("CONSULTATION_STARTED", "2025-04-01"));
    assertEquals(DeadlineStatus.OVERDUE, open(consultation, "2025-04-02").status());
    assertEquals(DeadlineStatus.ANSWERED_LATE, answered(consultation, "2025-04-02").status());
    // a pause beginning on the due date itself is not after it (it pauses the days after)
    assertEquals(
        DeadlineStatus.PAUSED,
        open(List.of(ev("CONSULTATION_STARTED", "2025-03-28")), "2025-03-31").status());
  }

  // --- 3. consultations: at most 15 working days
  // ------------------------------------------------------------------

  @Test
  void shouldRunAgainAfterFifteenWorkingDaysWhenTheConsultationHasNotEnded() {
    // started 03-10: cap = 15th working day after = 03-31 (03-11 … 03-14, 03-17 … 03-21, 03-24 …
    // 03-28, 03-31);
    // counted before: 03-04 … 03-10 (5); from 04-01: 04-01 … 04-03 (8), 04-07 … 04-11 (13), 04-14 …
    // 04-18 (18),
    // 04-21, 04-22 (20)
    final List<ClockEvent> events = List.of(ev("CONSULTATION_STARTED", "2025-03-10"));
    assertEquals(DeadlineStatus.PAUSED, open(events, "2025-03-31").status());
    final Deadline dl = open(events, "2025-04-01");
    assertEquals(DeadlineStatus.ON_TRACK, dl.status());
    assertEquals(d("2025-04-22"), dl.dueDate());
    assertEquals(14, dl.workingDaysLeft());
    assertTrue(
        explains(dl, "2025-03-31 自 2025-03-10 起的征求意见已满 15 个工作日仍未结束，自 2025-04-01 起恢复计算"),
        dl.explanation().toString());
    assertEquals(DeadlineStatus.ANSWERED_LATE, answered(events, "2025-04-23").status());
  }

  @Test
  void shouldChangeNothingWhenTheConsultationEndsAfterTheCap() {
    final List<ClockEvent> events =
        List.of(ev("CONSULTATION_STARTED", "2025-03-10"), ev("CONSULTATION_ENDED", "2025-04-09"));
    final Deadline dl = open(events, "2025-04-09");
    assertEquals(d("2025-04-22"), dl.dueDate());
    assertTrue(explains(dl, "已超过 15 个工作日上限（2025-03-31），不影响期限"), dl.explanation().toString());
  }

  @Test
  void shouldAcceptASecondConsultationWhenTheFirstIsCappedButNotBefore() {
    final List<ClockEvent> first = List.of(ev("CONSULTATION_STARTED", "2025-03-10"));
    assertTrue(
        CLOCK
            .refusal(MAR3, first, ev("CONSULTATION_STARTED", "2025-03-31"))
            .orElseThrow()
            .startsWith("征求意见尚未结束"));
    assertEquals(
        Optional.empty(), CLOCK.refusal(MAR3, first, ev("CONSULTATION_STARTED", "2025-04-01")));
    // the second pauses from 04-01 on: 5 + 0 counted, paused again
    final List<ClockEvent> both =
        List.of(ev("CONSULTATION_STARTED", "2025-03-10"), ev("CONSULTATION_STARTED", "2025-04-01"));
    assertEquals(DeadlineStatus.PAUSED, open(both, "2025-04-02").status());
  }

  // --- 4. extensions: one per answer period
  // -----------------------------------------------------------------------

  @Test
  void shouldCountAFreshTwentyDaysWithANewExtensionAllowedWhenTheCorrectionFollowsAnExtension() {
    // extension on 03-20 (+10): due 04-15; a 补正 on 04-08 is before that due date, so it stops the
    // clock
    final List<ClockEvent> events =
        List.of(extension("2025-03-20", 10), correction("2025-04-08", "2025-04-30"));
    assertEquals(DeadlineStatus.PAUSED, open(events, "2025-04-10").status());
    // fresh from 04-14: 04-15 … 04-18 (4), 04-21 … 04-25 (9), Sun 04-27 worked (10), 04-28 … 04-30
    // (13),
    // 05-06 … 05-09 (17), 05-12 … 05-14 (20): 20, not 30
    final List<ClockEvent> fresh =
        List.of(
            extension("2025-03-20", 10),
            correction("2025-04-08", "2025-04-30"),
            ev("CORRECTION_RECEIVED", "2025-04-14"));
    final Deadline dl = open(fresh, "2025-04-14");
    assertEquals(d("2025-05-14"), dl.dueDate());
    assertTrue(explains(dl, "此前的延期只适用于原答复期限"), dl.explanation().toString());
    assertEquals(Optional.empty(), CLOCK.refusal(MAR3, fresh, extension("2025-04-20", 5)));
    // 5 working days after 05-14: 05-15, 05-16, 05-19 … 05-21
    final List<ClockEvent> extendedAgain =
        List.of(
            extension("2025-03-20", 10),
            correction("2025-04-08", null),
            ev("CORRECTION_RECEIVED", "2025-04-14"),
            extension("2025-04-20", 5));
    assertEquals(d("2025-05-21"), open(extendedAgain, "2025-04-21").dueDate());
    assertTrue(
        CLOCK
            .refusal(MAR3, extendedAgain, extension("2025-04-22", 3))
            .orElseThrow()
            .contains("只能一次"));
  }

  @Test
  void shouldRefuseAnExtensionWhenADelayIsSet() {
    final List<ClockEvent> delayed = List.of(delay("2025-03-20", "2025-05-30"));
    assertEquals(
        Optional.of(
            "已于 2025-03-20 确定延迟答复期限 2025-05-30（第三十五条），不能再延期（第三十三条） an extension"
                + " after the Art. 35 delay is not allowed: its date replaces the answer period"),
        CLOCK.refusal(MAR3, delayed, extension("2025-03-25", 10)));
  }

  // --- 5. DELAY_SET (Art. 35)
  // -------------------------------------------------------------------------------------

  @Test
  void shouldRefuseADelayWhenSetAfterTheDueDateOrTwiceOrWhileTheCorrectionIsPending() {
    assertEquals(
        Optional.empty(), CLOCK.refusal(MAR3, List.of(), delay("2025-03-31", "2025-04-30")));
    assertEquals(
        Optional.of(
            "延迟答复须在答复期限届满前确定：答复期限 2025-03-31 已过 the delay is set on 2025-04-01,"
                + " after the due date 2025-03-31 has passed"),
        CLOCK.refusal(MAR3, List.of(), delay("2025-04-01", "2025-04-30")));
    assertEquals(
        Optional.of(
            "延迟答复每件申请只能确定一次，已于 2025-03-20 确定（第三十五条） a second delay is not allowed;"
                + " the first was set on 2025-03-20"),
        CLOCK.refusal(
            MAR3, List.of(delay("2025-03-20", "2025-04-30")), delay("2025-03-25", "2025-05-30")));
    assertEquals(
        Optional.of(
            "补正期间没有答复期限可以延迟：自 2025-03-05 起待补正 no delay while the correction is pending"
                + " since 2025-03-05; there is no due date to replace"),
        CLOCK.refusal(
            MAR3,
            List.of(correction("2025-03-05", "2025-03-20")),
            delay("2025-03-10", "2025-05-30")));
    // a refused delay changes nothing
    assertEquals(
        d("2025-03-31"), open(List.of(delay("2025-04-01", "2025-04-30")), "2025-04-01").dueDate());
  }

  @Test
  void shouldDropTheDelayWhenTheCorrectedApplicationArrives() {
    // delay set 03-20 to 05-30; 补正 03-25, received Fri 03-28: fresh 20 from 03-28: 03-31 … 04-03
    // (4), 04-07 …
    // 04-11 (9), 04-14 … 04-18 (14), 04-21 … 04-25 (19), Sun 04-27 worked (20)
    final List<ClockEvent> events =
        List.of(
            delay("2025-03-20", "2025-05-30"),
            correction("2025-03-25", "2025-04-10"),
            ev("CORRECTION_RECEIVED", "2025-03-28"));
    assertEquals(DeadlineStatus.PAUSED, open(events.subList(0, 2), "2025-03-26").status());
    final Deadline dl = open(events, "2025-03-28");
    assertEquals(d("2025-04-27"), dl.dueDate());
    assertTrue(explains(dl, "此前确定的延迟答复期限 2025-05-30 不再适用"), dl.explanation().toString());
    // the Art. 35 date no longer replaces the period: an extension may be granted again
    assertEquals(Optional.empty(), CLOCK.refusal(MAR3, events, extension("2025-04-01", 5)));
  }

  // --- 6. lapses
  // --------------------------------------------------------------------------------------------------

  @Test
  void shouldLapseTheDayAfterDueByWhenNoCorrectionArrives() {
    final List<ClockEvent> events = List.of(correction("2025-03-05", "2025-03-20"));
    assertEquals(DeadlineStatus.PAUSED, open(events, "2025-03-20").status());
    final Deadline dl = open(events, "2025-03-21");
    assertEquals(DeadlineStatus.LAPSED, dl.status());
    assertNull(dl.dueDate());
    assertNull(dl.workingDaysLeft());
    assertEquals(
        new Deadline.Lapse(Deadline.Lapse.Kind.CORRECTION, d("2025-03-21"), "OTHER_NO_CORRECTION"),
        dl.lapse());
    assertTrue(
        explains(dl, "逾期未补正：补正期限 2025-03-20 已过，自 2025-03-21 起视为放弃申请（第三十条），可按（六）1 办结"),
        dl.explanation().toString());
    assertEquals(dl.status(), CLOCK.evaluateBrief(MAR3, events, null, d("2025-03-21")).status());
    assertEquals(dl.lapse(), CLOCK.evaluateBrief(MAR3, events, null, d("2025-03-21")).lapse());
  }

  @Test
  void shouldUseTheDefaultCorrectionPeriodAndSaySoWhenNoDueByIsGiven() {
    // 15 working days after 03-05: 03-06, 03-07, 03-10 … 03-14, 03-17 … 03-21, 03-24 … 03-26
    final List<ClockEvent> events = List.of(correction("2025-03-05", null));
    assertEquals(DeadlineStatus.PAUSED, open(events, "2025-03-26").status());
    final Deadline dl = open(events, "2025-03-27");
    assertEquals(DeadlineStatus.LAPSED, dl.status());
    assertEquals(d("2025-03-27"), dl.lapse().since());
    assertTrue(
        explains(dl, "未填写补正期限，按默认 15 个工作日计至 2025-03-26")
            && explains(dl, "setting TRACKER_CORRECTION_DEFAULT_WORKING_DAYS"),
        dl.explanation().toString());
    // the setting: 5 working days → 03-12, lapsed from 03-13
    final DeadlineClock five =
        new DeadlineClock(
            WorkingDayCalendar.bundled(),
            DeadlineSettings.fromEnvironment(Map.of(DeadlineSettings.CORRECTION_DEFAULT_ENV, "5")));
    assertEquals(
        d("2025-03-13"), five.evaluate(MAR3, events, null, d("2025-03-13")).lapse().since());
    assertEquals(
        DeadlineStatus.PAUSED, five.evaluate(MAR3, events, null, d("2025-03-12")).status());
  }

  @Test
  void shouldBeOnTimeWhenTheLapseIsClosedWithTheSuggestedOutcomeOnOrAfterSince() {
    final List<ClockEvent> events = List.of(correction("2025-03-05", "2025-03-20"));
    final Deadline closed = answered(events, "2025-03-21");
    assertEquals(DeadlineStatus.ANSWERED_ON_TIME, closed.status());
    assertNull(closed.lapse());
    final List<ClockEvent> fee = List.of(ev("FEE_NOTICE_ISSUED", "2025-03-05"));
    assertEquals(DeadlineStatus.ANSWERED_ON_TIME, answered(fee, "2025-05-06").status());
  }

  @Test
  void shouldEndTheLapseAndCountAFreshPeriodWhenTheCorrectionArrivesLate() {
    // received 03-25 after dueBy 03-20: fresh 20 from 03-25: 03-26 … 03-28 (3), 03-31 … 04-03 (7),
    // 04-07 … 04-11
    // (12), 04-14 … 04-18 (17), 04-21 … 04-23 (20)
    final List<ClockEvent> events =
        List.of(correction("2025-03-05", "2025-03-20"), ev("CORRECTION_RECEIVED", "2025-03-25"));
    final Deadline dl = open(events, "2025-03-25");
    assertEquals(DeadlineStatus.ON_TRACK, dl.status());
    assertEquals(d("2025-04-23"), dl.dueDate());
    assertEquals(d("2025-03-25"), dl.clockStart());
    assertNull(dl.lapse());
    assertTrue(explains(dl, "逾期后补正，视为有正当理由"), dl.explanation().toString());
  }

  @Test
  void shouldLapseWhenTheFeeIsNotPaidWithinTwentyWorkingDaysAndResumeWhenPaidLater() {
    // notice delivered 03-05; 20th working day after it: 03-06, 03-07 (2), 03-10 … 03-28 (17),
    // 03-31 … 04-02 (20)
    final List<ClockEvent> notice = List.of(ev("FEE_NOTICE_ISSUED", "2025-03-05"));
    assertEquals(d("2025-04-02"), CLOCK.feePaymentDueBy(d("2025-03-05")));
    assertEquals(DeadlineStatus.PAUSED, open(notice, "2025-04-02").status());
    final Deadline dl = open(notice, "2025-04-03");
    assertEquals(DeadlineStatus.LAPSED, dl.status());
    assertEquals(
        new Deadline.Lapse(Deadline.Lapse.Kind.FEE, d("2025-04-03"), "OTHER_FEE_UNPAID"),
        dl.lapse());
    assertNull(dl.dueDate());
    assertNull(dl.workingDaysLeft());
    assertTrue(
        explains(dl, "逾期未缴费：收费通知 2025-03-05 送达后 20 个工作日内未缴费，自 2025-04-03 起视为放弃申请"),
        dl.explanation().toString());
    // paid 04-08: counted before the notice 03-04, 03-05 (2); from 04-09: 04-09 … 04-11 (5), 04-14
    // … 04-18 (10),
    // 04-21 … 04-25 (15), Sun 04-27 (16), 04-28 … 04-30 (19), 05-06 (20)
    final List<ClockEvent> paid =
        List.of(ev("FEE_NOTICE_ISSUED", "2025-03-05"), ev("FEE_PAID", "2025-04-08"));
    final Deadline resumed = open(paid, "2025-04-08");
    assertEquals(DeadlineStatus.ON_TRACK, resumed.status());
    assertEquals(d("2025-05-06"), resumed.dueDate());
    assertNull(resumed.lapse());
    assertTrue(explains(resumed, "逾期后缴费，视为有正当理由"), resumed.explanation().toString());
  }

  @Test
  void shouldSuggestOutcomesThatAreTable3Rows() {
    for (final Deadline.Lapse.Kind kind : Deadline.Lapse.Kind.values()) {
      assertTrue(
          Taxonomy.get().rows().stream().anyMatch(r -> r.code().equals(kind.outcome())),
          kind.outcome());
    }
    assertEquals(
        DeadlineStatus.values().length - 1,
        DeadlineStatus.LAPSED.ordinal(),
        "LAPSED is appended last");
  }

  // --- 7. receipts before 2019-05-15
  // ------------------------------------------------------------------------------

  @Test
  void shouldHaveNoDeadlineWhenReceivedBeforeTheRegulationTookEffect() {
    final Deadline open = CLOCK.evaluate(d("2019-05-14"), List.of(), null, d("2019-07-01"));
    assertNull(open.status());
    assertNull(open.dueDate());
    assertNull(open.workingDaysLeft());
    assertTrue(open.explanation().get(0).startsWith("2019-05-14 收到申请，早于 2019-05-15 现行条例施行，不计答复期限"));
    final Deadline decided =
        CLOCK.evaluateBrief(
            d("2019-05-14"),
            List.of(correction("2019-06-30", null)),
            d("2019-08-01"),
            d("2019-08-01"));
    assertNull(decided.status());
    assertNull(decided.workingDaysUsed());
    assertFalse(decided.lateCorrectionNotice());
    assertEquals(
        DeadlineStatus.ON_TRACK,
        CLOCK.evaluate(d("2019-05-15"), List.of(), null, d("2019-05-16")).status());
  }

  // --- 9. overdue on a day (compliance openOverdue)
  // ---------------------------------------------------------------

  @Test
  void shouldTellWhetherTheRequestWasOpenAndOverdueOnTheDay() {
    // received 2025-12-01: due 2025-12-29 (12-02 … 12-05, 12-08 … 12-12, 12-15 … 12-19, 12-22 …
    // 12-26, 12-29)
    final LocalDate received = d("2025-12-01");
    final LocalDate dec31 = d("2025-12-31");
    assertTrue(CLOCK.overdueAt(received, List.of(), null, dec31));
    assertTrue(
        CLOCK.overdueAt(received, List.of(), d("2026-01-05"), dec31),
        "answered after the day: open on it");
    assertFalse(
        CLOCK.overdueAt(received, List.of(), d("2025-12-30"), dec31), "answered by the day");
    assertFalse(CLOCK.overdueAt(received, List.of(), null, d("2025-12-29")), "due that day");
    assertFalse(
        CLOCK.overdueAt(received, List.of(correction("2025-12-10", "2026-01-30")), null, dec31),
        "paused");
    assertTrue(
        CLOCK.overdueAt(received, List.of(correction("2026-01-02", null)), null, dec31),
        "a step after the day is not known on it");
    assertFalse(
        CLOCK.overdueAt(received, List.of(correction("2025-12-05", "2025-12-20")), null, dec31),
        "lapsed");
    assertFalse(CLOCK.overdueAt(d("2026-01-02"), List.of(), null, dec31), "not yet received");
    assertFalse(
        CLOCK.overdueAt(d("2019-01-10"), List.of(), null, d("2019-12-31")),
        "no deadline before 2019-05-15");
  }

  // --- settings
  // ---------------------------------------------------------------------------------------------------

  @Test
  void shouldReadTheDefaultCorrectionPeriodFromTheEnvironmentAndRefuseNonsense() {
    assertEquals(15, DeadlineSettings.fromEnvironment(Map.of()).correctionDefaultWorkingDays());
    assertEquals(
        10,
        DeadlineSettings.fromEnvironment(Map.of(DeadlineSettings.CORRECTION_DEFAULT_ENV, " 10 "))
            .correctionDefaultWorkingDays());
    final IllegalArgumentException notANumber =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                DeadlineSettings.fromEnvironment(
                    Map.of(DeadlineSettings.CORRECTION_DEFAULT_ENV, "ten")));
    assertTrue(
        notANumber.getMessage().startsWith("TRACKER_CORRECTION_DEFAULT_WORKING_DAYS"),
        notANumber.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () ->
            DeadlineSettings.fromEnvironment(Map.of(DeadlineSettings.CORRECTION_DEFAULT_ENV, "0")));
  }
}
