package foi.tracker.core.calendar;

import java.time.LocalDate;

/**
 * 清明 (the solar term at which the sun's apparent longitude reaches 15°), by the published
 * 21st-century formula 「寿星通式」: day of April = ⌊Y × 0.2422 + 4.81⌋ − L, with Y = year − 2000 and L
 * the leap days since 2001-01-01 up to that April (⌊Y/4⌋, one less from 2100, which is no leap
 * year). Used only for years whose holiday notice is not loaded ({@link StatutoryHolidays}).
 *
 * <p>{@code QingmingTest} compares it with ICU's solar ephemeris for every year 2001–2100: they
 * agree wherever the term falls more than an hour from midnight, China time; for the nine years
 * where it falls within an hour (2005, 2009, 2034, 2038, 2042, 2067, 2071, 2075, 2100) the
 * formula's day is kept (the bundled notices confirm 2005 and 2009 as the formula says; 2071 is the
 * one year the two disagree, by 5 minutes).
 */
public final class Qingming {
  /** The first and last year of the formula's century. */
  public static final int FIRST_YEAR = 2001;

  public static final int LAST_YEAR = 2100;
  private static final double D = 0.2422;
  private static final double C = 4.81;

  private Qingming() {}

  /** The day of 清明 in {@code year} (China time), for {@value #FIRST_YEAR}–{@value #LAST_YEAR}. */
  public static LocalDate day(final int year) {
    if (year < FIRST_YEAR || year > LAST_YEAR) {
      throw new IllegalArgumentException(
          "year must be " + FIRST_YEAR + ".." + LAST_YEAR + " (清明公式适用年份), was " + year);
    }
    final int y = year - 2000;
    final int leapDays = y / 4 - (year == 2100 ? 1 : 0); // 2100 is no leap year
    final int dayOfApril = (int) Math.floor(y * D + C) - leapDays;
    return LocalDate.of(year, 4, dayOfApril);
  }
}
