package foi.tracker.core.deadline;

import java.time.LocalDate;
import java.util.List;

/**
 * A request's answer deadline as of a day: the due date (null while paused or lapsed), working days
 * left, status, whether the date rests on a calendar year not yet published, and the explanation a
 * clerk can read day by day. A request received before 2019-05-15 has no answer deadline: {@code
 * status} and {@code dueDate} are null.
 *
 * @param workingDaysUsed for an answered request: working days from the start to the answer, net of
 *     pauses
 * @param lateCorrectionNotice the 补正 notice went out after the 7th working day from receipt (Art.
 *     30), or after the due date
 * @param lapse while {@link DeadlineStatus#LAPSED}: what lapsed, since when, and the outcome to
 *     close it with; else null
 * @param overdueYearEnds the years on whose 31 December the request was open (as Table 三 counts it)
 *     and OVERDUE: the compliance figure {@code openOverdue} of a past year (empty when none; set
 *     by the rules, not the clock)
 */
public record Deadline(
    LocalDate dueDate,
    Integer workingDaysLeft,
    DeadlineStatus status,
    boolean provisional,
    LocalDate clockStart,
    List<ExcludedDay> excludedDays,
    List<String> explanation,
    boolean lateCorrectionNotice,
    Integer workingDaysUsed,
    Lapse lapse,
    List<Integer> overdueYearEnds) {

  public Deadline {
    overdueYearEnds = overdueYearEnds == null ? List.of() : List.copyOf(overdueYearEnds);
  }

  /** A deadline with no past year end overdue. */
  public Deadline(
      final LocalDate dueDate,
      final Integer workingDaysLeft,
      final DeadlineStatus status,
      final boolean provisional,
      final LocalDate clockStart,
      final List<ExcludedDay> excludedDays,
      final List<String> explanation,
      final boolean lateCorrectionNotice,
      final Integer workingDaysUsed,
      final Lapse lapse) {
    this(
        dueDate,
        workingDaysLeft,
        status,
        provisional,
        clockStart,
        excludedDays,
        explanation,
        lateCorrectionNotice,
        workingDaysUsed,
        lapse,
        List.of());
  }

  /** This deadline noting the years on whose 31 December the request was open and overdue. */
  public Deadline withOverdueYearEnds(final List<Integer> years) {
    return new Deadline(
        dueDate,
        workingDaysLeft,
        status,
        provisional,
        clockStart,
        excludedDays,
        explanation,
        lateCorrectionNotice,
        workingDaysUsed,
        lapse,
        years);
  }

  /** A deadline without a lapse (every status but LAPSED). */
  public Deadline(
      final LocalDate dueDate,
      final Integer workingDaysLeft,
      final DeadlineStatus status,
      final boolean provisional,
      final LocalDate clockStart,
      final List<ExcludedDay> excludedDays,
      final List<String> explanation,
      final boolean lateCorrectionNotice,
      final Integer workingDaysUsed) {
    this(
        dueDate,
        workingDaysLeft,
        status,
        provisional,
        clockStart,
        excludedDays,
        explanation,
        lateCorrectionNotice,
        workingDaysUsed,
        null);
  }

  /**
   * A calendar day inside the counting window that did not count, and why (周末, a holiday's name, a
   * pause).
   */
  public record ExcludedDay(LocalDate date, String reason) {}

  /**
   * 视为放弃申请: the 补正 period ({@code CORRECTION}, Art. 30) or the fee's 20 working days ({@code FEE},
   * 109号) passed.
   *
   * @param since the first day of the lapse: the day after {@code dueBy}, or the day after the 20th
   *     working day after the fee notice; a DECIDED with {@code suggestedOutcome} dated on or after
   *     it is on time
   * @param suggestedOutcome the Table 三 row to close it with: OTHER_NO_CORRECTION （六）1 or
   *     OTHER_FEE_UNPAID （六）2
   */
  public record Lapse(Kind kind, LocalDate since, String suggestedOutcome) {
    /** What the applicant did not do in time. */
    public enum Kind {
      /** 逾期不补正 → （六）1 OTHER_NO_CORRECTION. */
      CORRECTION("OTHER_NO_CORRECTION"),
      /** 逾期未缴费 → （六）2 OTHER_FEE_UNPAID. */
      FEE("OTHER_FEE_UNPAID");

      private final String outcome;

      Kind(final String outcome) {
        this.outcome = outcome;
      }

      /** The outcome row code a desk closes such a lapse with. */
      public String outcome() {
        return outcome;
      }
    }

    /** The lapse of {@code kind} since {@code since}, with its kind's outcome. */
    public static Lapse of(final Kind kind, final LocalDate since) {
      return new Lapse(kind, since, kind.outcome());
    }
  }
}
