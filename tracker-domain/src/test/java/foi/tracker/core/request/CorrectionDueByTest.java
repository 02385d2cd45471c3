package foi.tracker.core.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import foi.tracker.core.calendar.WorkingDayCalendar;
import foi.tracker.core.deadline.ClockEvent;
import foi.tracker.core.deadline.Deadline;
import foi.tracker.core.deadline.DeadlineClock;
import foi.tracker.core.deadline.DeadlineSettings;
import foi.tracker.core.deadline.DeadlineStatus;
import foi.tracker.core.event.ApplicationReceived;
import foi.tracker.core.event.Channel;
import foi.tracker.core.event.CorrectionRequested;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The 补正 notice's {@code dueBy} reaches the clock (RequestRules.clockEvent), so the request lapses
 * after it.
 */
class CorrectionDueByTest {
  private static final RequestRules RULES =
      new RequestRules(
          new DeadlineClock(
              WorkingDayCalendar.bundled(), DeadlineSettings.fromEnvironment(Map.of())));

  @Test
  void shouldLapseTheDayAfterTheNoticesDueByWhenNoCorrectionArrives() {
    final LocalDate today = LocalDate.of(2025, 3, 21);
    final Instant at = Instant.parse("2025-03-05T02:00:00Z");
    final Decision received =
        RULES.decide(
            null,
            new ApplicationReceived(
                "a",
                "town",
                "r1",
                LocalDate.of(2025, 3, 3),
                at,
                "NATURAL_PERSON",
                Channel.ONLINE,
                null,
                null),
            today);
    final RequestState open = assertInstanceOf(Decision.Accepted.class, received).next();
    final Decision noticed =
        RULES.decide(
            open,
            new CorrectionRequested(
                "c1", "town", "r1", LocalDate.of(2025, 3, 5), at, LocalDate.of(2025, 3, 20)),
            today);
    final RequestState state = assertInstanceOf(Decision.Accepted.class, noticed).next();
    assertEquals(
        new ClockEvent(
            "CORRECTION_REQUESTED", LocalDate.of(2025, 3, 5), null, LocalDate.of(2025, 3, 20)),
        state.clock().get(0));
    final RequestState refreshed = RULES.refresh(state, today);
    assertEquals(DeadlineStatus.LAPSED, refreshed.deadline().status());
    assertEquals(
        Deadline.Lapse.of(Deadline.Lapse.Kind.CORRECTION, LocalDate.of(2025, 3, 21)),
        refreshed.deadline().lapse());
  }
}
