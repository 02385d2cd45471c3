package foi.tracker.core.topic;

import foi.tracker.core.deadline.Deadline;
import foi.tracker.core.deadline.DeadlineStatus;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A change of a request's deadline status into DUE_SOON, OVERDUE or LAPSED, emitted once per
 * change. For LAPSED, {@code dueDate} and {@code workingDaysLeft} are null and {@code lapse} says
 * what lapsed and since when; otherwise {@code lapse} is null.
 */
public record DeadlineAlert(
    String agencyId,
    String requestId,
    DeadlineStatus from,
    DeadlineStatus to,
    LocalDate dueDate,
    Integer workingDaysLeft,
    LocalDate asOf,
    Instant emittedAt,
    Deadline.Lapse lapse) {

  /** An alert without a lapse (DUE_SOON, OVERDUE). */
  public DeadlineAlert(
      final String agencyId,
      final String requestId,
      final DeadlineStatus from,
      final DeadlineStatus to,
      final LocalDate dueDate,
      final Integer workingDaysLeft,
      final LocalDate asOf,
      final Instant emittedAt) {
    this(agencyId, requestId, from, to, dueDate, workingDaysLeft, asOf, emittedAt, null);
  }
}
