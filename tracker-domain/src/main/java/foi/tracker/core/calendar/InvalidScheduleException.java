package foi.tracker.core.calendar;

import java.time.LocalDate;

/**
 * A holiday schedule (部分节假日安排) that cannot be loaded, with a message naming the field or date; an
 * {@link IllegalArgumentException} so an upload handler can answer 400 with it.
 */
public final class InvalidScheduleException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final transient LocalDate date;

  public InvalidScheduleException(final String message, final LocalDate date) {
    super(message);
    this.date = date;
  }

  public InvalidScheduleException(
      final String message, final LocalDate date, final Throwable cause) {
    super(message, cause);
    this.date = date;
  }

  /** The offending date, or null when the problem is not about one day. */
  public LocalDate date() {
    return date;
  }
}
