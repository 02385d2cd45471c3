package foi.tracker.core.request;

/**
 * The stable code of each rule that refuses an event ({@link Rejection#reasonCode()}, api.md "What
 * became of a step"), beside its Chinese reason: one code per rule, never renamed (clients match on
 * it; the reason's wording may change). The name is the code; {@link #meaning()} says in one line
 * which rule it is.
 */
public enum RefusalCode {
  // the request as a whole
  UNKNOWN_REQUEST("no application with this requestId has been received by the agency"),
  DUPLICATE_REQUEST_ID("the requestId was already registered with different content"),
  DUPLICATE_EVENT_ID("the eventId was already used for a different event of this request"),
  VOIDED("the registration was voided; no event is accepted after a void"),
  PUBLISHED_YEAR("a desk may not void a registration counted in a published year (the admin may)"),
  UNPROCESSABLE("the processor could not handle the record (系统无法处理此记录，已转人工处理)"),
  // any step
  DATE_MISSING("the event's date is missing"),
  FUTURE_DATE("a date is after the day the event was recorded"),
  OUT_OF_BOUNDS(
      "a date before 2008-05-01, or a named future day more than two years after its event"),
  BEFORE_RECEIPT("a date is before the receipt date"),
  CLOSED("the request is closed; only AMENDED and review/litigation events are accepted"),
  BEFORE_PREVIOUS_STEP("the date is before the previous handling step"),
  REANSWER_CLOCK_CLOSED(
      "a step of the first answer period while a re-answer ordered by a case is running"),
  UNKNOWN_APPLICANT_TYPE("applicantType is not one of the applicant types"),
  UNKNOWN_OUTCOME("outcome is not one of the 21 outcome rows of Table 三"),
  ON_THE_SPOT_DATE("an answer on the spot is not dated the day of receipt"),
  // AMENDED
  AMEND_NEEDS_CASE_ID("a case field is amended without caseId"),
  AMEND_NOTHING("the amendment changes nothing"),
  AMEND_WHILE_OPEN("outcome or decidedDate amended while the request is still open"),
  RECEIPT_AFTER_STEP("the amended receipt date is after a recorded step"),
  DECIDED_BEFORE_REANSWER("the amended decision date is before the re-answer order"),
  DECIDED_BEFORE_STEP("the amended decision date is before a step of the answer clock"),
  DECIDED_AFTER_FILING("the amended decision date is after a review or litigation case was filed"),
  AFTER_REVIEW_NOT_LITIGATION("afterReview is amended on a review (it applies to litigation only)"),
  CASE_NOT_CONCLUDED("concludedDate or result amended on a case not yet concluded"),
  CASE_NUMBER_TOO_LONG("caseNumber is longer than 100 characters"),
  CASE_ORDERED_REANSWER("the case that ordered the re-answer cannot be amended to UPHELD"),
  // cases: REVIEW_FILED, LITIGATION_FILED, *_CONCLUDED (and the cases named by AMENDED and
  // REOPENED)
  CASE_ID_MISSING("caseId is missing"),
  UNKNOWN_CASE("no such case (of this kind) has been filed for this request"),
  CASE_ALREADY_FILED("the case was already filed"),
  CASE_ALREADY_CONCLUDED("the case was already concluded"),
  CONCLUDED_BEFORE_FILED("the case's conclusion is dated before its filing"),
  RESULT_MISSING("result is missing (UPHELD, CORRECTED or OTHER)"),
  // REOPENED
  REOPEN_REASON_MISSING("reason is missing (ENTRY_ERROR or REANSWER_ORDERED)"),
  REOPEN_WHILE_OPEN("only a closed request can be reopened"),
  REOPEN_BEFORE_DECISION("the reopening is dated before the decision it reopens"),
  REOPEN_DUE_DATE_NOT_AFTER("the re-answer's dueDate is not after the event date"),
  ENTRY_ERROR_EXTRA_FIELDS("ENTRY_ERROR takes neither caseId nor dueDate"),
  REANSWER_AFTER_WITHDRAWAL("a withdrawn request cannot be ordered to answer again"),
  REANSWER_CASE_UPHELD("the case was concluded UPHELD; it cannot order a re-answer"),
  REANSWER_BEFORE_FILING("the re-answer order is dated before its case was filed"),
  // VOIDED
  VOID_REASON_MISSING("a void needs a reason"),
  DESK_VOID_NOT_ALLOWED("a desk may void only a request with no decision and no case"),
  // the answer clock (DeadlineClock)
  SECOND_CORRECTION("补正 may be requested only once (Art. 30)"),
  CORRECTION_DUE_BEFORE_NOTICE("the correction's dueBy is before the notice's date"),
  NO_CORRECTION_PENDING("a corrected application arrives with no correction pending"),
  CONSULTATION_OPEN("a consultation starts while another is open"),
  NO_CONSULTATION_OPEN("a consultation ends with none open"),
  FEE_NOTICE_OPEN("a fee notice is issued while another is unpaid"),
  NO_FEE_NOTICE_OPEN("a fee is paid with no fee notice open"),
  PAUSE_END_BEFORE_START("a consultation or fee notice ends before it began"),
  SECOND_EXTENSION("the answer period may be extended only once (Art. 33)"),
  EXTENSION_AFTER_DELAY("an extension after the Art. 35 delay"),
  EXTENSION_DAYS_OUT_OF_RANGE("the extension's workingDays is outside 1..the maximum (Art. 33)"),
  EXTENSION_DURING_CORRECTION("an extension while 补正 is pending"),
  EXTENSION_AFTER_DUE_DATE("an extension granted after the due date has passed"),
  DELAY_DUE_DATE_MISSING("a delay needs its dueDate (Art. 35)"),
  SECOND_DELAY("a delay may be set only once (Art. 35)"),
  DELAY_DURING_CORRECTION("a delay while 补正 is pending"),
  DELAY_AFTER_DUE_DATE("a delay set after the due date has passed"),
  DELAY_DUE_DATE_NOT_LATER("the delay's dueDate is not later than the current due date");

  private final String meaning;

  RefusalCode(final String meaning) {
    this.meaning = meaning;
  }

  /** Which rule refuses, in one English line (docs/api.md lists the same). */
  public String meaning() {
    return meaning;
  }
}
