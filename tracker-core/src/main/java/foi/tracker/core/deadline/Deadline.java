package foi.tracker.core.deadline;

import java.time.LocalDate;
import java.util.List;

/**
 * A request's answer deadline as of a day: the due date (null while paused), working days left, status, whether the
 * date rests on a calendar year not yet published, and the explanation a clerk can read day by day.
 *
 * @param workingDaysUsed for an answered request: working days from the start to the answer, net of pauses
 * @param lateCorrectionNotice the 补正 notice went out after the 7th working day from receipt (Art. 30)
 */
public record Deadline(LocalDate dueDate, Integer workingDaysLeft, DeadlineStatus status, boolean provisional,
                       LocalDate clockStart, List<ExcludedDay> excludedDays, List<String> explanation,
                       boolean lateCorrectionNotice, Integer workingDaysUsed) {

  /** A calendar day inside the counting window that did not count, and why (周末, a holiday's name, a pause). */
  public record ExcludedDay(LocalDate date, String reason) {
  }
}
