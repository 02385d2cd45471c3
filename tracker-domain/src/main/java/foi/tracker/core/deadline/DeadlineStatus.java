package foi.tracker.core.deadline;

/**
 * The live status of a request's answer deadline (api.md). New values go at the end: the name is
 * what is stored, but an ordinal may be too.
 */
public enum DeadlineStatus {
  ON_TRACK,
  DUE_SOON,
  OVERDUE,
  PAUSED,
  ANSWERED_ON_TIME,
  ANSWERED_LATE,
  /**
   * 逾期未补正 or 逾期未缴费: the applicant let the 补正 period or the fee's 20 working days pass ({@link
   * Deadline#lapse}).
   */
  LAPSED
}
