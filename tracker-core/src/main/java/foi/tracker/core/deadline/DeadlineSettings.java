package foi.tracker.core.deadline;

/**
 * The readings of the law that are settings (domain-rules UNCONFIRMED points), with the defaults users expect.
 *
 * @param answerWorkingDays Art. 33: 20
 * @param correctionNoticeWorkingDays Art. 30: the 补正 notice within 7 working days of receipt
 * @param dueSoonWorkingDays DUE_SOON at this many working days left or fewer: 3
 * @param maxExtensionWorkingDays Art. 33: at most 20
 * @param extensionOnlyBeforeDueDate an extension granted after the due date has passed is refused (implied, UNCONFIRMED)
 * @param feeNoticePausesClock the fee notice → payment period is not counted (109号, UNCONFIRMED verbatim)
 */
public record DeadlineSettings(int answerWorkingDays, int correctionNoticeWorkingDays, int dueSoonWorkingDays,
                               int maxExtensionWorkingDays, boolean extensionOnlyBeforeDueDate,
                               boolean feeNoticePausesClock) {
  public static DeadlineSettings defaults() {
    return new DeadlineSettings(20, 7, 3, 20, true, true);
  }
}
