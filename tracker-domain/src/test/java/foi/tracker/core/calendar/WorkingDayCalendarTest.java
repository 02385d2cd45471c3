package foi.tracker.core.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Expected values are the check values of domain-rules §5, computed by hand from the published
 * notices.
 */
class WorkingDayCalendarTest {
  private static final WorkingDayCalendar CAL = WorkingDayCalendar.bundled();

  private static LocalDate d(final String iso) {
    return LocalDate.parse(iso);
  }

  @Test
  void shouldLoadEveryBundledYearWhenBundled() {
    assertEquals(Set.of(2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026), CAL.loadedYears());
    assertFalse(CAL.isLoaded(2018));
    assertFalse(CAL.isLoaded(2027));
  }

  @Test
  void shouldCountPublishedWorkingDaysPerYearWhenBundled() {
    final String counts =
        "2019="
            + CAL.workingDaysInYear(2019)
            + " 2020="
            + CAL.workingDaysInYear(2020)
            + " 2021="
            + CAL.workingDaysInYear(2021)
            + " 2022="
            + CAL.workingDaysInYear(2022)
            + " 2023="
            + CAL.workingDaysInYear(2023)
            + " 2024="
            + CAL.workingDaysInYear(2024)
            + " 2025="
            + CAL.workingDaysInYear(2025)
            + " 2026="
            + CAL.workingDaysInYear(2026);
    assertEquals(249, CAL.workingDaysInYear(2023), counts);
    assertEquals(251, CAL.workingDaysInYear(2024), counts);
    assertEquals(248, CAL.workingDaysInYear(2025), counts);
    assertEquals(248, CAL.workingDaysInYear(2026), counts);
    // hand-transcribed years (holidays/README.md): counted from the notices
    assertEquals(250, CAL.workingDaysInYear(2019), counts);
    assertEquals(249, CAL.workingDaysInYear(2020), counts);
    assertEquals(250, CAL.workingDaysInYear(2021), counts);
    assertEquals(249, CAL.workingDaysInYear(2022), counts);
  }

  @Test
  void shouldTreatEveryDeclaredMakeUpDayAsWorkingAndEveryDeclaredOffDayAsNotWhenBundled() {
    int makeUp = 0;
    for (final int year : CAL.loadedYears()) {
      for (final YearSchedule.Day day : CAL.schedule(year).orElseThrow().ownDays()) {
        assertEquals(!day.offDay(), CAL.isWorkingDay(day.date()), day.toString());
        if (!day.offDay()) {
          assertTrue(YearSchedule.isWeekend(day.date()), day.toString());
          makeUp++;
        }
      }
    }
    // 2019: 6, 2020: 6, 2021: 7, 2022: 7, 2023: 7, 2024: 8, 2025: 5, 2026: 6
    assertEquals(52, makeUp);
  }

  @Test
  void shouldTreatNewYearsEveAsWorkingDayWhen2024() {
    assertTrue(CAL.isWorkingDay(d("2024-02-09")));
    assertEquals(DayInfo.Kind.WORKING_DAY, CAL.dayInfo(d("2024-02-09")).kind());
  }

  @Test
  void shouldFollowTheExtendedSpringFestivalWhen2020() {
    assertFalse(CAL.isWorkingDay(d("2020-02-01")), "02-01 Sat became a day off (国办发明电〔2020〕1号)");
    assertFalse(CAL.isWorkingDay(d("2020-01-31")));
    assertTrue(CAL.isWorkingDay(d("2020-01-19")));
    assertTrue(CAL.isWorkingDay(d("2020-02-03")));
  }

  @Test
  void shouldUseTheSpillOverDaysWhenAScheduleListsTheYearBefore() {
    assertFalse(CAL.isWorkingDay(d("2018-12-31")), "元旦 2019 starts on Mon 2018-12-31");
    assertFalse(CAL.isWorkingDay(d("2018-12-29")), "2018 is not loaded: weekend rule");
    assertFalse(CAL.isWorkingDay(d("2022-12-31")));
  }

  @Test
  void shouldComputeTheWorkedExamplesWhenReceiptDayExcluded() {
    assertEquals(d("2025-02-05"), CAL.nthWorkingDayAfter(d("2025-01-20"), 7));
    assertEquals(d("2025-02-21"), CAL.nthWorkingDayAfter(d("2025-01-20"), 20));
    assertEquals(d("2024-10-30"), CAL.nthWorkingDayAfter(d("2024-09-27"), 20));
    assertEquals(d("2024-01-29"), CAL.nthWorkingDayAfter(d("2023-12-29"), 20));
    assertEquals(d("2026-03-12"), CAL.nthWorkingDayAfter(d("2026-02-06"), 20));
    assertEquals(d("2026-10-22"), CAL.nthWorkingDayAfter(d("2026-09-18"), 20));
  }

  @Test
  void shouldNotCountTheStartDayWhenItIsAWorkingDay() {
    assertEquals(d("2025-01-21"), CAL.nthWorkingDayAfter(d("2025-01-20"), 1));
    assertEquals(d("2025-01-20"), CAL.nthWorkingDayAfter(d("2025-01-20"), 0));
    // received on a holiday: the first working day after 春节 2025 is Wed 02-05
    assertEquals(d("2025-02-05"), CAL.nthWorkingDayAfter(d("2025-02-01"), 1));
  }

  @Test
  void shouldCountWorkingDaysBetweenWhenEitherOrder() {
    assertEquals(20, CAL.workingDaysBetween(d("2025-01-20"), d("2025-02-21")));
    assertEquals(-20, CAL.workingDaysBetween(d("2025-02-21"), d("2025-01-20")));
    assertEquals(0, CAL.workingDaysBetween(d("2025-02-21"), d("2025-02-21")));
    // Sat 02-22 and Sun 02-23 do not count
    assertEquals(0, CAL.workingDaysBetween(d("2025-02-21"), d("2025-02-23")));
    assertEquals(1, CAL.workingDaysBetween(d("2025-02-21"), d("2025-02-24")));
    // across the 2024 春节 week: 02-08 Thu, 02-09 Fri, (10–17 off), 02-18 Sun worked, 02-19 Mon
    assertEquals(4, CAL.workingDaysBetween(d("2024-02-07"), d("2024-02-19")));
  }

  @Test
  void shouldCountWeekdaysLessStatutoryHolidaysWhenYearNotLoaded() {
    assertFalse(CAL.isWorkingDay(d("2027-01-01")), "no 2027 notice: 元旦 (Fri) by the 放假办法");
    assertEquals(
        new DayInfo(d("2027-01-01"), DayInfo.Kind.HOLIDAY, "元旦"), CAL.dayInfo(d("2027-01-01")));
    assertFalse(CAL.isWorkingDay(d("2027-01-02")));
    assertTrue(CAL.isWorkingDay(d("2027-01-04")), "no 补假 and no 调休 assumed");
    // 春节 2027: 除夕 Fri 02-05 to 初三 Mon 02-08 (from 2025 four days); 02-09 works
    assertFalse(CAL.isWorkingDay(d("2027-02-05")));
    assertFalse(CAL.isWorkingDay(d("2027-02-08")));
    assertTrue(CAL.isWorkingDay(d("2027-02-09")));
    // outside the precomputed years: weekends only
    assertTrue(CAL.isWorkingDay(d("1990-01-01")));
    assertTrue(CAL.isWorkingDay(d("2150-01-01")));
    assertEquals(5, CAL.workingDaysBetween(d("2149-12-31"), d("2150-01-07")));
  }

  @Test
  void shouldBeProvisionalWhenDueDateRunsInto2027() {
    // from Tue 2026-12-15: Dec 16–18 (3), 21–25 (8), 28–31 (12), then provisional 2027: Jan 1 元旦,
    // 4–8 (17),
    // 11–13 (20)
    final DueDate due = CAL.dueDate(d("2026-12-15"), 20);
    assertEquals(new DueDate(d("2026-12-15"), 20, d("2027-01-13"), true), due);
    assertEquals(
        new DueDate(d("2025-01-20"), 20, d("2025-02-21"), false), CAL.dueDate(d("2025-01-20"), 20));
    assertFalse(CAL.dueDate(d("2026-12-01"), 20).provisional(), "due 2026-12-29 stays in 2026");
    assertTrue(CAL.dueDate(d("2018-12-20"), 20).provisional(), "2018 days are counted");
  }

  @Test
  void shouldMoveTheDueDateWhenA2027ScheduleIsAdded() {
    final YearSchedule y2027 =
        new YearSchedule(
            2027,
            "synthetic",
            List.of(
                new YearSchedule.Day(d("2027-01-01"), "元旦", true),
                new YearSchedule.Day(d("2027-01-04"), "元旦", true)));
    final WorkingDayCalendar with2027 = CAL.withSchedule(y2027);
    assertEquals(
        new DueDate(d("2026-12-15"), 20, d("2027-01-14"), false),
        with2027.dueDate(d("2026-12-15"), 20));
    assertTrue(with2027.isLoaded(2027));
    // the original is unchanged
    assertFalse(CAL.isLoaded(2027));
    assertEquals(d("2027-01-13"), CAL.dueDate(d("2026-12-15"), 20).dueDate());
  }

  @Test
  void shouldReplaceAYearWhenWithScheduleGivenALoadedYear() {
    // a 2025 schedule without 春节: received 2025-01-20 → 20th working day is Mon 02-17
    final YearSchedule plain =
        new YearSchedule(2025, "test", List.of(new YearSchedule.Day(d("2025-01-01"), "元旦", true)));
    final WorkingDayCalendar replaced = CAL.withSchedule(plain);
    assertEquals(d("2025-02-17"), replaced.nthWorkingDayAfter(d("2025-01-20"), 20));
    assertTrue(replaced.isWorkingDay(d("2025-01-28")));
    assertFalse(replaced.isWorkingDay(d("2025-01-26")), "the Sunday is no longer a make-up day");
    assertEquals(
        d("2024-01-29"), replaced.nthWorkingDayAfter(d("2023-12-29"), 20), "other years unchanged");
    assertFalse(replaced.withoutSchedule(2025).isLoaded(2025));
  }

  @Test
  void shouldDescribeDaysWhenAskedForExplanations() {
    assertEquals(
        new DayInfo(d("2025-01-28"), DayInfo.Kind.HOLIDAY, "春节"), CAL.dayInfo(d("2025-01-28")));
    assertEquals(
        new DayInfo(d("2024-02-04"), DayInfo.Kind.MAKE_UP_WORKING_DAY, "春节"),
        CAL.dayInfo(d("2024-02-04")));
    assertEquals(
        new DayInfo(d("2025-01-25"), DayInfo.Kind.WEEKEND, null), CAL.dayInfo(d("2025-01-25")));
    assertEquals(
        new DayInfo(d("2025-01-27"), DayInfo.Kind.WORKING_DAY, null), CAL.dayInfo(d("2025-01-27")));
    assertEquals("2024-02-04 春节 调休上班 make-up working day", CAL.describe(d("2024-02-04")));
    assertEquals("2025-01-28 春节 放假 holiday", CAL.describe(d("2025-01-28")));
    assertEquals("2025-01-25 周末 weekend", CAL.describe(d("2025-01-25")));
    assertEquals("周末", CAL.dayInfo(d("2025-01-25")).offReason());
    assertEquals("国庆节、中秋节", CAL.dayInfo(d("2025-10-08")).offReason());
  }

  @Test
  void shouldLandEveryDueDateOnAWorkingDayWhenComputingAMillion() {
    // the stream processor's load: 1M due dates (also a smoke check that nothing is slow or
    // quadratic)
    final long start = LocalDate.of(2019, 1, 1).toEpochDay();
    int onWorkingDay = 0;
    for (int i = 0; i < 1_000_000; i++) {
      final LocalDate from = LocalDate.ofEpochDay(start + i % 2900);
      final LocalDate due = CAL.nthWorkingDayAfter(from, 20);
      if (CAL.isWorkingDay(due) && CAL.workingDaysBetween(from, due) == 20) {
        onWorkingDay++;
      }
    }
    assertEquals(1_000_000, onWorkingDay);
  }
}
