package foi.tracker.core.request;

import foi.tracker.core.deadline.DeadlineStatus;

/** The deadline status for which an alert was last emitted. */
public record DeadlineStatusAlerted(DeadlineStatus status) {}
