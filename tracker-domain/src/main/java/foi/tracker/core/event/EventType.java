package foi.tracker.core.event;

import java.util.List;

/** The wire names of the event types (see api.md); one constant per {@link RequestEvent} record. */
public final class EventType {
  public static final String RECEIVED = "RECEIVED";
  public static final String CORRECTION_REQUESTED = "CORRECTION_REQUESTED";
  public static final String CORRECTION_RECEIVED = "CORRECTION_RECEIVED";
  public static final String CONSULTATION_STARTED = "CONSULTATION_STARTED";
  public static final String CONSULTATION_ENDED = "CONSULTATION_ENDED";
  public static final String EXTENSION_GRANTED = "EXTENSION_GRANTED";
  public static final String FEE_NOTICE_ISSUED = "FEE_NOTICE_ISSUED";
  public static final String FEE_PAID = "FEE_PAID";
  public static final String DELAY_SET = "DELAY_SET";
  public static final String DECIDED = "DECIDED";
  public static final String WITHDRAWN = "WITHDRAWN";
  public static final String AMENDED = "AMENDED";
  public static final String REVIEW_FILED = "REVIEW_FILED";
  public static final String REVIEW_CONCLUDED = "REVIEW_CONCLUDED";
  public static final String LITIGATION_FILED = "LITIGATION_FILED";
  public static final String LITIGATION_CONCLUDED = "LITIGATION_CONCLUDED";
  public static final String REOPENED = "REOPENED";
  public static final String VOIDED = "VOIDED";

  /**
   * The lifecycle types a desk may post to {@code .../requests/{id}/events} (everything but
   * RECEIVED).
   */
  public static final List<String> LIFECYCLE =
      List.of(
          CORRECTION_REQUESTED,
          CORRECTION_RECEIVED,
          CONSULTATION_STARTED,
          CONSULTATION_ENDED,
          EXTENSION_GRANTED,
          FEE_NOTICE_ISSUED,
          FEE_PAID,
          DELAY_SET,
          DECIDED,
          WITHDRAWN,
          AMENDED,
          REVIEW_FILED,
          REVIEW_CONCLUDED,
          LITIGATION_FILED,
          LITIGATION_CONCLUDED,
          REOPENED,
          VOIDED);

  private EventType() {}

  /**
   * The Chinese names of the answer clock's steps, for the texts that name one (refusals,
   * explanations).
   */
  public static final java.util.Map<String, String> CLOCK_STEP_NAMES =
      java.util.Map.of(
          CORRECTION_REQUESTED, "补正告知",
          CORRECTION_RECEIVED, "收到补正",
          CONSULTATION_STARTED, "征求意见开始",
          CONSULTATION_ENDED, "征求意见结束",
          FEE_NOTICE_ISSUED, "收费通知送达",
          FEE_PAID, "缴费",
          EXTENSION_GRANTED, "延期答复",
          DELAY_SET, "延迟答复");
}
