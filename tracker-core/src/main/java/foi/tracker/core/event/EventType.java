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

  /** The lifecycle types a desk may post to {@code .../requests/{id}/events} (everything but RECEIVED). */
  public static final List<String> LIFECYCLE = List.of(
      CORRECTION_REQUESTED, CORRECTION_RECEIVED, CONSULTATION_STARTED, CONSULTATION_ENDED, EXTENSION_GRANTED,
      FEE_NOTICE_ISSUED, FEE_PAID, DELAY_SET, DECIDED, WITHDRAWN, AMENDED,
      REVIEW_FILED, REVIEW_CONCLUDED, LITIGATION_FILED, LITIGATION_CONCLUDED, REOPENED, VOIDED);

  private EventType() {
  }
}
