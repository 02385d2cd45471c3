package foi.tracker.core.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The calendar never walks day by day over a range its caller gives: far dates cost what near ones
 * do, and the counts equal a plain day-by-day count wherever that count is affordable.
 */
class WorkingDayCalendarBoundsTest {
  private static final WorkingDayCalendar CAL = WorkingDayCalendar.bundled();

  private static LocalDate naiveNth(final LocalDate start, final int n) {
    LocalDate d = start;
    int left = n;
    while (left > 0) {
      d = d.plusDays(1);
      if (CAL.isWorkingDay(d)) {
        left--;
      }
    }
    return d;
  }

  private static int naiveBetween(final LocalDate from, final LocalDate to) {
    final boolean forward = !to.isBefore(from);
    final LocalDate a = forward ? from : to;
    final LocalDate b = forward ? to : from;
    int n = 0;
    for (LocalDate d = a.plusDays(1); !d.isAfter(b); d = d.plusDays(1)) {
      if (CAL.isWorkingDay(d)) {
        n++;
      }
    }
    return forward ? n : -n;
  }

  @Test
  void nthWorkingDayAndCountsMatchADayByDayCountInsideAndAcrossTheEdgesOfThePrecomputedYears() {
    final Random random = new Random(23);
    final long[] anchors = {
      LocalDate.of(1998, 12, 1).toEpochDay(),
      LocalDate.of(2025, 1, 1).toEpochDay(),
      LocalDate.of(2101, 11, 20).toEpochDay(),
      LocalDate.of(2102, 12, 25).toEpochDay(),
      LocalDate.of(2150, 6, 1).toEpochDay()
    };
    for (int k = 0; k < 3_000; k++) {
      final LocalDate start =
          LocalDate.ofEpochDay(anchors[k % anchors.length] + random.nextInt(120) - 60);
      final int n = random.nextInt(k % 10 == 0 ? 2_000 : 60);
      final LocalDate due = CAL.nthWorkingDayAfter(start, n);
      assertEquals(naiveNth(start, n), due, start + " + " + n);
      final LocalDate other = start.plusDays(random.nextInt(800) - 400);
      assertEquals(
          naiveBetween(start, other), CAL.workingDaysBetween(start, other), start + " .. " + other);
    }
  }

  @Test
  void aDueDateOf9999IsCountedInConstantTime() {
    final LocalDate today = LocalDate.of(2026, 6, 30);
    final LocalDate far = LocalDate.of(9999, 12, 31);
    assertTimeoutPreemptively(
        Duration.ofSeconds(2),
        () -> {
          for (int i = 0; i < 100_000; i++) {
            CAL.workingDaysBetween(today, far);
            CAL.nthWorkingDayAfter(today, 2_000_000);
          }
        });
    final int count = CAL.workingDaysBetween(today, far);
    // the weekend rule beyond the precomputed years: 5 of every 7 days, a few holidays less before
    // 2102
    final long days = far.toEpochDay() - today.toEpochDay();
    final long weekdays = days / 7 * 5;
    assertEquals(true, count < weekdays + 5 && count > weekdays - 2_000, "count " + count);
    assertEquals(-count, CAL.workingDaysBetween(far, today));
    final LocalDate back = CAL.nthWorkingDayAfter(today, count);
    assertEquals(true, !back.isAfter(far) && back.isAfter(far.minusDays(4)), back.toString());
  }
}
