package foi.tracker.core.topic;

import foi.tracker.core.deadline.DeadlineStatus;
import java.time.Instant;
import java.time.LocalDate;

/** A change of a request's deadline status into DUE_SOON or OVERDUE (or answered late), emitted once per change. */
public record DeadlineAlert(String agencyId, String requestId, DeadlineStatus from, DeadlineStatus to,
                           LocalDate dueDate, Integer workingDaysLeft, LocalDate asOf, Instant emittedAt) {
}
