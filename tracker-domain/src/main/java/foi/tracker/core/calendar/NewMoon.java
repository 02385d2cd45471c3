package foi.tracker.core.calendar;

import java.time.LocalDate;
import java.time.temporal.JulianFields;

/**
 * The day (China time, UTC+8) of a new moon (朔), by Meeus, <i>Astronomical Algorithms</i> ch. 49
 * (error under a minute), with ΔT by Espenak &amp; Meeus's polynomials. ICU's {@code
 * ChineseCalendar} numbers the lunar months, but its moon theory is off by several minutes: it puts
 * the new moon of February 2027 at 00:03 on the 7th, China time, where it is at 23:56 on the 6th
 * (so 春节 2027 is 6 February), and that of February 2030 on the 2nd instead of the 3rd. {@link
 * StatutoryHolidays} takes ICU's first day of a month and moves it to the day of this new moon.
 */
final class NewMoon {
  private static final double CHINA_OFFSET_DAYS = 8.0 / 24;

  private NewMoon() {}

  /** The China-time day of the new moon nearest to {@code approx}. */
  static LocalDate dayNear(final LocalDate approx) {
    final double year = approx.getYear() + (approx.getDayOfYear() - 0.5) / approx.lengthOfYear();
    final long k = Math.round((year - 2000) * 12.3685);
    final double jdUt = julianEphemerisDay(k) - deltaTSeconds(year) / 86_400.0;
    return LocalDate.MIN.with(
        JulianFields.JULIAN_DAY, (long) Math.floor(jdUt + 0.5 + CHINA_OFFSET_DAYS));
  }

  /** JDE (TT) of new moon number {@code k} (k = 0: 2000-01-06). */
  static double julianEphemerisDay(final long k) {
    final double t = k / 1236.85;
    final double t2 = t * t;
    final double t3 = t2 * t;
    final double t4 = t3 * t;
    final double jde =
        2451550.09766 + 29.530588861 * k + 0.00015437 * t2 - 0.000000150 * t3 + 0.00000000073 * t4;
    final double e = 1 - 0.002516 * t - 0.0000074 * t2;
    final double m = rad(2.5534 + 29.10535670 * k - 0.0000014 * t2 - 0.00000011 * t3);
    final double mp =
        rad(201.5643 + 385.81693528 * k + 0.0107582 * t2 + 0.00001238 * t3 - 0.000000058 * t4);
    final double f =
        rad(160.7108 + 390.67050284 * k - 0.0016118 * t2 - 0.00000227 * t3 + 0.000000011 * t4);
    final double om = rad(124.7746 - 1.56375588 * k + 0.0020672 * t2 + 0.00000215 * t3);
    double c =
        -0.40720 * Math.sin(mp)
            + 0.17241 * e * Math.sin(m)
            + 0.01608 * Math.sin(2 * mp)
            + 0.01039 * Math.sin(2 * f)
            + 0.00739 * e * Math.sin(mp - m)
            - 0.00514 * e * Math.sin(mp + m)
            + 0.00208 * e * e * Math.sin(2 * m)
            - 0.00111 * Math.sin(mp - 2 * f)
            - 0.00057 * Math.sin(mp + 2 * f)
            + 0.00056 * e * Math.sin(2 * mp + m)
            - 0.00042 * Math.sin(3 * mp)
            + 0.00042 * e * Math.sin(m + 2 * f)
            + 0.00038 * e * Math.sin(m - 2 * f)
            - 0.00024 * e * Math.sin(2 * mp - m)
            - 0.00017 * Math.sin(om)
            - 0.00007 * Math.sin(mp + 2 * m)
            + 0.00004 * Math.sin(2 * mp - 2 * f)
            + 0.00004 * Math.sin(3 * m)
            + 0.00003 * Math.sin(mp + m - 2 * f)
            + 0.00003 * Math.sin(2 * mp + 2 * f)
            - 0.00003 * Math.sin(mp + m + 2 * f)
            + 0.00003 * Math.sin(mp - m + 2 * f)
            - 0.00002 * Math.sin(mp - m - 2 * f)
            - 0.00002 * Math.sin(3 * mp + m)
            + 0.00002 * Math.sin(4 * mp);
    final double[][] planetary = {
      {0.000325, 299.77, 0.107408}, {0.000165, 251.88, 0.016321}, {0.000164, 251.83, 26.651886},
      {0.000126, 349.42, 36.412478}, {0.000110, 84.66, 18.206239}, {0.000062, 141.74, 53.303771},
      {0.000060, 207.14, 2.453732}, {0.000056, 154.84, 7.306860}, {0.000047, 34.52, 27.261239},
      {0.000042, 207.19, 0.121824}, {0.000040, 291.34, 1.844379}, {0.000037, 161.72, 24.198154},
      {0.000035, 239.56, 25.513099}, {0.000023, 331.55, 3.592518}
    };
    for (int i = 0; i < planetary.length; i++) {
      final double arg = planetary[i][1] + planetary[i][2] * k - (i == 0 ? 0.009173 * t2 : 0);
      c += planetary[i][0] * Math.sin(rad(arg));
    }
    return jde + c;
  }

  /** TT − UT in seconds (Espenak &amp; Meeus, NASA eclipse site: 2005–2050 and 2050–2150). */
  static double deltaTSeconds(final double year) {
    if (year < 2050) {
      final double t = year - 2000;
      return 62.92 + 0.32217 * t + 0.005589 * t * t;
    }
    final double u = (year - 1820) / 100;
    return -20 + 32 * u * u - 0.5628 * (2150 - year);
  }

  private static double rad(final double degrees) {
    return Math.toRadians(degrees % 360);
  }
}
