package foi.tracker.core.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatutoryHolidaysTest {
  private static LocalDate d(final String iso) {
    return LocalDate.parse(iso);
  }

  private static List<LocalDate> named(final int year, final String name) {
    return StatutoryHolidays.of(year).stream()
        .filter(x -> x.name().equals(name))
        .map(YearSchedule.Day::date)
        .toList();
  }

  @Test
  void shouldBeAnOfficialDayOffWhenComputedForAYearWithANotice() {
    final WorkingDayCalendar bundled = WorkingDayCalendar.bundled();
    for (int year = 2019; year <= 2026; year++) {
      final YearSchedule notice = bundled.schedule(year).orElseThrow();
      for (final YearSchedule.Day day : StatutoryHolidays.of(year)) {
        final boolean off =
            notice.days().stream().anyMatch(x -> x.date().equals(day.date()) && x.offDay());
        assertTrue(off, day + " is not a day off in the " + year + " notice");
        assertFalse(bundled.isWorkingDay(day.date()), day.toString());
      }
    }
  }

  @Test
  void shouldFollowTheRevisionInForceWhenCountingSpringFestivalAndLabourDay() {
    // 2024 (国务院令第644号): 初一至初三, 1 May; 除夕 2024-02-09 was a working day
    assertEquals(List.of(d("2024-02-10"), d("2024-02-11"), d("2024-02-12")), named(2024, "春节"));
    assertEquals(List.of(d("2024-05-01")), named(2024, "劳动节"));
    // 2025 on (国务院令第795号): 除夕至初三, 1–2 May
    assertEquals(
        List.of(d("2025-01-28"), d("2025-01-29"), d("2025-01-30"), d("2025-01-31")),
        named(2025, "春节"));
    assertEquals(List.of(d("2025-05-01"), d("2025-05-02")), named(2025, "劳动节"));
    // 2008–2013 (国务院令第513号): 除夕、初一、初二 (2013: 02-09 – 02-11)
    assertEquals(List.of(d("2013-02-09"), d("2013-02-10"), d("2013-02-11")), named(2013, "春节"));
    // before 2008: no 清明, 端午, 中秋; 1–3 May
    assertEquals(List.of(), named(2007, "清明节"));
    assertEquals(3, named(2007, "劳动节").size());
  }

  @Test
  void shouldTakeTheDayOfTheNewMoonWhenIcuMissesItByADay() {
    // 正月初一 by the published almanac (紫金山天文台 / 香港天文台): ICU alone gives 2027-02-07 and 2030-02-02
    final Map<Integer, String> newYear =
        Map.ofEntries(
            Map.entry(2019, "2019-02-05"),
            Map.entry(2020, "2020-01-25"),
            Map.entry(2021, "2021-02-12"),
            Map.entry(2022, "2022-02-01"),
            Map.entry(2023, "2023-01-22"),
            Map.entry(2024, "2024-02-10"),
            Map.entry(2025, "2025-01-29"),
            Map.entry(2026, "2026-02-17"),
            Map.entry(2027, "2027-02-06"),
            Map.entry(2028, "2028-01-26"),
            Map.entry(2029, "2029-02-13"),
            Map.entry(2030, "2030-02-03"),
            Map.entry(2031, "2031-01-23"),
            Map.entry(2032, "2032-02-11"),
            Map.entry(2033, "2033-01-31"),
            Map.entry(2034, "2034-02-19"),
            Map.entry(2035, "2035-02-08"));
    newYear.forEach(
        (year, day) -> assertEquals(d(day), StatutoryHolidays.lunar(year, 1, 1), "正月初一 " + year));
    assertEquals(
        d("2027-02-07"),
        StatutoryHolidays.icuDate(2027, 1, 1),
        "ICU's own answer, corrected above");
    assertEquals(
        List.of(d("2027-02-05"), d("2027-02-06"), d("2027-02-07"), d("2027-02-08")),
        named(2027, "春节"));
    // 端午 and 中秋 of the notices
    assertEquals(List.of(d("2026-06-19")), named(2026, "端午节"));
    assertEquals(List.of(d("2026-09-25")), named(2026, "中秋节"));
  }

  @Test
  void shouldNameTheDayOnceWhenMidAutumnFallsOnNationalDay() {
    // 2020: 中秋 on 1 October
    final List<YearSchedule.Day> days = StatutoryHolidays.of(2020);
    assertEquals(1, days.stream().filter(x -> x.date().equals(d("2020-10-01"))).count());
    assertEquals(
        List.of(d("2020-10-01"), d("2020-10-02"), d("2020-10-03")),
        days.stream()
            .filter(x -> x.date().getMonthValue() == 10)
            .map(YearSchedule.Day::date)
            .toList());
  }

  @Test
  void shouldBeEmptyWhenTheYearIsOutsideTheComputedRange() {
    assertEquals(List.of(), StatutoryHolidays.of(1999));
    assertEquals(List.of(), StatutoryHolidays.of(2101));
  }
}
