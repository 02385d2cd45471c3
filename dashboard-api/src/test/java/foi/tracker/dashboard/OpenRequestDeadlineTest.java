package foi.tracker.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import foi.tracker.core.deadline.Deadline;
import foi.tracker.core.deadline.DeadlineStatus;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * An open request's deadline is evaluated once per day and calendar, and again when either changes.
 */
class OpenRequestDeadlineTest {
  @Test
  void shouldEvaluateOncePerDayAndCalendarAndAgainWhenEitherChanges() {
    final AtomicInteger evaluations = new AtomicInteger();
    final Function<foi.tracker.core.request.RequestState, Deadline> evaluate =
        s -> {
          final int n = evaluations.incrementAndGet();
          return new Deadline(
              LocalDate.of(2026, 12, n),
              20 - n,
              DeadlineStatus.ON_TRACK,
              false,
              null,
              List.of(),
              List.of(),
              false,
              null);
        };
    final DashboardViews.OpenRequest open = new DashboardViews.OpenRequest(new byte[0], null);
    final Object calendar = new Object();
    final LocalDate monday = LocalDate.of(2026, 12, 7);

    final Deadline first = open.deadline(calendar, monday, evaluate);
    assertSame(
        first, open.deadline(calendar, monday, evaluate), "the same day and calendar: remembered");
    assertEquals(1, evaluations.get());

    assertEquals(
        LocalDate.of(2026, 12, 2),
        open.deadline(calendar, monday.plusDays(1), evaluate).dueDate(),
        "the next day: evaluated again");
    assertEquals(
        LocalDate.of(2026, 12, 3),
        open.deadline(new Object(), monday.plusDays(1), evaluate).dueDate(),
        "a new calendar (a schedule loaded): evaluated again");
    assertEquals(3, evaluations.get());
  }
}
