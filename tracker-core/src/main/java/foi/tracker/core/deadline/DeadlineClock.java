package foi.tracker.core.deadline;

import foi.tracker.core.calendar.WorkingDayCalendar;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The statutory answer clock (条例 Arts 30, 33, 35; 109号 fee pause): base 20 working days after receipt, 补正 restart,
 * consultation and fee pauses, one extension, Art. 35 delay. Plain class, no Kafka. (API stub.)
 */
public final class DeadlineClock {
  public DeadlineClock(final WorkingDayCalendar calendar, final DeadlineSettings settings) {
  }

  /**
   * The deadline of a request received on {@code receivedDate} with the clock events so far (chronological), answered
   * on {@code decidedDate} (null while open), as seen on {@code today} (China time).
   */
  public Deadline evaluate(final LocalDate receivedDate, final List<ClockEvent> events, final LocalDate decidedDate,
                           final LocalDate today) {
    throw new UnsupportedOperationException("todo");
  }

  /** Why {@code next} may not be applied after {@code prior} (e.g. a second extension), or empty when it may. */
  public Optional<String> refusal(final LocalDate receivedDate, final List<ClockEvent> prior, final ClockEvent next) {
    throw new UnsupportedOperationException("todo");
  }
}
