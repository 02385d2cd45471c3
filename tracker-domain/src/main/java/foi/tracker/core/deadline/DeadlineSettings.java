package foi.tracker.core.deadline;

import java.util.Map;

/**
 * The readings of the law that are settings (domain-rules UNCONFIRMED points), with the defaults
 * users expect.
 *
 * @param answerWorkingDays Art. 33: 20
 * @param correctionNoticeWorkingDays Art. 30: the 补正 notice within 7 working days of receipt
 * @param dueSoonWorkingDays DUE_SOON at this many working days left or fewer: 3
 * @param maxExtensionWorkingDays Art. 33: at most 20
 * @param extensionOnlyBeforeDueDate an extension granted after the due date has passed is refused
 *     (implied, UNCONFIRMED)
 * @param feeNoticePausesClock the fee notice → payment period is not counted (109号, UNCONFIRMED
 *     verbatim)
 * @param correctionDefaultWorkingDays the 补正 period of a notice that gives no {@code dueBy}:
 *     working days after the notice's date (Art. 30 「合理的补正期限」 has no statutory length; the
 *     project's reading is 15), env {@value #CORRECTION_DEFAULT_ENV}
 */
public record DeadlineSettings(
    int answerWorkingDays,
    int correctionNoticeWorkingDays,
    int dueSoonWorkingDays,
    int maxExtensionWorkingDays,
    boolean extensionOnlyBeforeDueDate,
    boolean feeNoticePausesClock,
    int correctionDefaultWorkingDays) {
  /** The environment variable of {@link #correctionDefaultWorkingDays}. */
  public static final String CORRECTION_DEFAULT_ENV = "TRACKER_CORRECTION_DEFAULT_WORKING_DAYS";

  /** {@link #correctionDefaultWorkingDays} when the variable is not set. */
  public static final int CORRECTION_DEFAULT_WORKING_DAYS = 15;

  private static final int MAX_CORRECTION_DEFAULT = 250;

  public DeadlineSettings {
    if (correctionDefaultWorkingDays < 1 || correctionDefaultWorkingDays > MAX_CORRECTION_DEFAULT) {
      throw new IllegalArgumentException(
          "correctionDefaultWorkingDays must be 1.."
              + MAX_CORRECTION_DEFAULT
              + " (默认补正期限的工作日数), was "
              + correctionDefaultWorkingDays);
    }
  }

  /** The defaults, with {@value #CORRECTION_DEFAULT_ENV} read from the process environment. */
  public static DeadlineSettings defaults() {
    return fromEnvironment(System.getenv());
  }

  /**
   * The defaults, with {@link #correctionDefaultWorkingDays} from {@code env}'s {@value
   * #CORRECTION_DEFAULT_ENV} ({@value #CORRECTION_DEFAULT_WORKING_DAYS} when unset or blank).
   *
   * @throws IllegalArgumentException naming the variable when it is not a whole number of working
   *     days
   */
  public static DeadlineSettings fromEnvironment(final Map<String, String> env) {
    final String raw = env.get(CORRECTION_DEFAULT_ENV);
    int days = CORRECTION_DEFAULT_WORKING_DAYS;
    if (raw != null && !raw.isBlank()) {
      try {
        days = Integer.parseInt(raw.strip());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            CORRECTION_DEFAULT_ENV
                + " 须为工作日数 must be a whole number of working"
                + " days (1.."
                + MAX_CORRECTION_DEFAULT
                + "), was '"
                + raw
                + "'",
            e);
      }
      if (days < 1 || days > MAX_CORRECTION_DEFAULT) {
        throw new IllegalArgumentException(
            CORRECTION_DEFAULT_ENV
                + " 须为 1.."
                + MAX_CORRECTION_DEFAULT
                + " 个工作日 must be 1.."
                + MAX_CORRECTION_DEFAULT
                + " working days, was "
                + days);
      }
    }
    return new DeadlineSettings(20, 7, 3, 20, true, true, days);
  }

  /** These settings with another {@link #correctionDefaultWorkingDays}. */
  public DeadlineSettings withCorrectionDefaultWorkingDays(final int days) {
    return new DeadlineSettings(
        answerWorkingDays,
        correctionNoticeWorkingDays,
        dueSoonWorkingDays,
        maxExtensionWorkingDays,
        extensionOnlyBeforeDueDate,
        feeNoticePausesClock,
        days);
  }
}
