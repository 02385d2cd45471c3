package foi.tracker.core.deadline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import foi.tracker.core.calendar.WorkingDayCalendar;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A state from an untrusted log (a due date of 9999-12-31, a pause that never ends) costs a bounded
 * evaluation and a bounded explanation: at most {@link DeadlineClock#MAX_LISTED_EXCLUDED_DAYS}
 * excluded days are listed, the summary counts the rest (「…等 K 天」).
 */
class DeadlineClockBoundsTest {
  private static final DeadlineClock CLOCK =
      new DeadlineClock(WorkingDayCalendar.bundled(), DeadlineSettings.defaults());
  private static final LocalDate RECEIVED = LocalDate.of(2025, 3, 3);

  @Test
  void aDelayTo9999IsEvaluatedQuicklyWithASummarisedExplanation() {
    final List<ClockEvent> steps =
        List.of(
            new ClockEvent(
                "DELAY_SET", LocalDate.of(2025, 3, 10), null, LocalDate.of(9999, 12, 31)));
    final Deadline[] out = new Deadline[1];
    assertTimeoutPreemptively(
        Duration.ofSeconds(5),
        () -> {
          out[0] = CLOCK.evaluate(RECEIVED, steps, null, LocalDate.of(2026, 6, 30));
        });
    final Deadline d = out[0];
    assertEquals(LocalDate.of(9999, 12, 31), d.dueDate());
    assertEquals(DeadlineStatus.ON_TRACK, d.status());
    assertEquals(DeadlineClock.MAX_LISTED_EXCLUDED_DAYS, d.excludedDays().size());
    final String all = String.join("\n", d.explanation());
    assertTrue(all.length() < 5_000, "explanation of " + all.length() + " chars");
    assertTrue(all.contains("列出前 100 天…等 "), all);
    assertTrue(all.contains("只计算到 "), all);
    assertTrue(all.contains("…等 ") && all.contains("年的节假日安排未载入"), all);
  }

  @Test
  void aLongPauseListsTheFirstDaysAndCountsTheRest() {
    // a 补正 with a period of two years, pending for a year and a half: every day after the notice is
    // excluded
    final List<ClockEvent> steps =
        List.of(
            new ClockEvent(
                "CORRECTION_REQUESTED", LocalDate.of(2025, 3, 4), null, LocalDate.of(2027, 3, 4)));
    final Deadline d = CLOCK.evaluate(RECEIVED, steps, null, LocalDate.of(2026, 9, 1));
    assertEquals(DeadlineStatus.PAUSED, d.status());
    assertEquals(DeadlineClock.MAX_LISTED_EXCLUDED_DAYS, d.excludedDays().size());
    final String summary =
        d.explanation().stream().filter(l -> l.contains("不计算")).findFirst().orElseThrow();
    final int total = Integer.parseInt(summary.replaceAll(".*不计算 (\\d+) 天.*", "$1"));
    // every day after the receipt but the notice's own day (Tue 03-04, counted)
    assertEquals(LocalDate.of(2026, 9, 1).toEpochDay() - RECEIVED.toEpochDay() - 1, total);
    assertTrue(summary.contains("…等 " + total + " 天"), summary);
  }

  @Test
  void aShortWindowStillListsEveryExcludedDay() {
    final Deadline d = CLOCK.evaluate(RECEIVED, List.of(), null, RECEIVED);
    // 20 working days from Mon 03-03: through 03-31, 8 weekend days
    assertEquals(8, d.excludedDays().size());
    assertTrue(
        d.explanation().stream().noneMatch(l -> l.contains("…等")), d.explanation().toString());
  }
}
