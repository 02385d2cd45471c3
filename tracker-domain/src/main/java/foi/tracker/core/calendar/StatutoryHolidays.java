package foi.tracker.core.calendar;

import com.ibm.icu.util.ChineseCalendar;
import com.ibm.icu.util.TimeZone;
import java.time.LocalDate;
import java.time.temporal.JulianFields;
import java.util.ArrayList;
import java.util.List;

/**
 * 全体公民放假的节日 of 《全国年节及纪念日放假办法》 as in force in a year: the days off of a year whose 部分节假日安排 is not
 * loaded (api.md "Provisional years"). No 调休 working weekend and no 补假 for a holiday on a weekend.
 *
 * <ul>
 *   <li>from 2025 (国务院令第795号): 元旦 1 Jan; 春节 农历除夕至正月初三; 清明; 劳动节 1–2 May; 端午; 中秋; 国庆 1–3 Oct;
 *   <li>2014–2024 (国务院令第644号): 春节 正月初一至初三, 劳动节 1 May, the rest the same;
 *   <li>2008–2013 (国务院令第513号): 春节 除夕、正月初一、初二, 劳动节 1 May;
 *   <li>before 2008 (国务院令第270号): 元旦; 春节 正月初一至初三; 劳动节 1–3 May; 国庆 1–3 Oct (no 清明, 端午, 中秋).
 * </ul>
 *
 * Lunar months come from ICU4J's {@link ChineseCalendar}, their first days from {@link NewMoon}, 清明
 * from {@link Qingming}. Every result is cached.
 */
public final class StatutoryHolidays {
  /**
   * The first and last year computed; other years have none (the calendar counts them by weekends
   * only).
   */
  public static final int FIRST_YEAR = 2000;

  public static final int LAST_YEAR = Qingming.LAST_YEAR;

  /** One calendar reused (building one is the slow part); every use holds its lock. */
  private static final ChineseCalendar CHINESE =
      new ChineseCalendar(TimeZone.getTimeZone("Asia/Shanghai"));

  @SuppressWarnings("unchecked")
  private static final List<YearSchedule.Day>[] CACHE = new List[LAST_YEAR - FIRST_YEAR + 1];

  private StatutoryHolidays() {}

  /**
   * The statutory days off of {@code year}, in date order (weekend days included: they are off
   * anyway).
   */
  public static List<YearSchedule.Day> of(final int year) {
    if (year < FIRST_YEAR || year > LAST_YEAR) {
      return List.of();
    }
    synchronized (CACHE) {
      List<YearSchedule.Day> days = CACHE[year - FIRST_YEAR];
      if (days == null) {
        days = compute(year);
        CACHE[year - FIRST_YEAR] = days;
      }
      return days;
    }
  }

  private static List<YearSchedule.Day> compute(final int year) {
    final List<YearSchedule.Day> out = new ArrayList<>();
    add(out, LocalDate.of(year, 1, 1), 1, "元旦");
    final LocalDate newYear = lunar(year, 1, 1);
    if (year >= 2025) {
      add(out, newYear.minusDays(1), 4, "春节");
    } else if (year >= 2008 && year <= 2013) {
      add(out, newYear.minusDays(1), 3, "春节");
    } else {
      add(out, newYear, 3, "春节");
    }
    if (year >= 2008) {
      add(out, Qingming.day(year), 1, "清明节");
    }
    add(out, LocalDate.of(year, 5, 1), year >= 2025 ? 2 : year >= 2008 ? 1 : 3, "劳动节");
    if (year >= 2008) {
      add(out, lunar(year, 5, 5), 1, "端午节");
      add(out, lunar(year, 8, 15), 1, "中秋节");
    }
    add(out, LocalDate.of(year, 10, 1), 3, "国庆节");
    // 中秋 may fall on 1–3 October (2020, 2001): one day off either way, named once
    final List<YearSchedule.Day> unique = new ArrayList<>();
    out.stream()
        .sorted(java.util.Comparator.comparing(YearSchedule.Day::date))
        .forEach(
            d -> {
              if (unique.isEmpty() || !unique.get(unique.size() - 1).date().equals(d.date())) {
                unique.add(d);
              }
            });
    return List.copyOf(unique);
  }

  private static void add(
      final List<YearSchedule.Day> out, final LocalDate first, final int days, final String name) {
    for (int i = 0; i < days; i++) {
      out.add(new YearSchedule.Day(first.plusDays(i), name, true));
    }
  }

  /**
   * The Gregorian date of lunar {@code month}/{@code day} (not a leap month) of the Chinese year
   * that begins in Gregorian {@code year}: ICU numbers the months, the month's first day is the day
   * of its new moon ({@link NewMoon}, which corrects ICU where it misses by a day).
   */
  static LocalDate lunar(final int year, final int month, final int day) {
    final LocalDate icuFirst = icuDate(year, month, 1);
    final LocalDate first = NewMoon.dayNear(icuFirst);
    if (Math.abs(first.toEpochDay() - icuFirst.toEpochDay()) > 1) {
      throw new IllegalStateException(
          "new moon "
              + first
              + " is not next to ICU's lunar "
              + year
              + "-"
              + month
              + "-1 "
              + icuFirst);
    }
    return first.plusDays(day - 1L);
  }

  /**
   * ICU's Gregorian date of lunar {@code month}/{@code day}. The 60-year cycle is given as ICU's
   * era (cycle 78 began in 1984) and year in the cycle.
   */
  static LocalDate icuDate(final int year, final int month, final int day) {
    synchronized (CHINESE) {
      return icuDate(CHINESE, year, month, day);
    }
  }

  private static LocalDate icuDate(
      final ChineseCalendar cc, final int year, final int month, final int day) {
    cc.clear();
    final int sinceCycle78 = year - 1984;
    cc.set(ChineseCalendar.ERA, 78 + Math.floorDiv(sinceCycle78, 60));
    cc.set(ChineseCalendar.YEAR, Math.floorMod(sinceCycle78, 60) + 1);
    cc.set(ChineseCalendar.MONTH, month - 1);
    cc.set(ChineseCalendar.IS_LEAP_MONTH, 0);
    cc.set(ChineseCalendar.DAY_OF_MONTH, day);
    return LocalDate.MIN.with(JulianFields.JULIAN_DAY, cc.get(ChineseCalendar.JULIAN_DAY));
  }
}
