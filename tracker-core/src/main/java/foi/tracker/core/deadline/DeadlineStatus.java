package foi.tracker.core.deadline;

/** The live status of a request's answer deadline (api.md). */
public enum DeadlineStatus {
  ON_TRACK, DUE_SOON, OVERDUE, PAUSED, ANSWERED_ON_TIME, ANSWERED_LATE
}
