package foi.tracker.core.event;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One fact about one application (依申请公开申请), as logged by a request desk. Immutable; the event log
 * is the system of record, so the JSON type names below are a wire format and never change.
 *
 * <p>{@code date} is the event's own legal date (China time); {@code recordedAt} is when the desk
 * recorded it.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = ApplicationReceived.class, name = EventType.RECEIVED),
  @JsonSubTypes.Type(value = CorrectionRequested.class, name = EventType.CORRECTION_REQUESTED),
  @JsonSubTypes.Type(value = CorrectionReceived.class, name = EventType.CORRECTION_RECEIVED),
  @JsonSubTypes.Type(value = ConsultationStarted.class, name = EventType.CONSULTATION_STARTED),
  @JsonSubTypes.Type(value = ConsultationEnded.class, name = EventType.CONSULTATION_ENDED),
  @JsonSubTypes.Type(value = ExtensionGranted.class, name = EventType.EXTENSION_GRANTED),
  @JsonSubTypes.Type(value = FeeNoticeIssued.class, name = EventType.FEE_NOTICE_ISSUED),
  @JsonSubTypes.Type(value = FeePaid.class, name = EventType.FEE_PAID),
  @JsonSubTypes.Type(value = DelaySet.class, name = EventType.DELAY_SET),
  @JsonSubTypes.Type(value = Decided.class, name = EventType.DECIDED),
  @JsonSubTypes.Type(value = Withdrawn.class, name = EventType.WITHDRAWN),
  @JsonSubTypes.Type(value = Amended.class, name = EventType.AMENDED),
  @JsonSubTypes.Type(value = ReviewFiled.class, name = EventType.REVIEW_FILED),
  @JsonSubTypes.Type(value = ReviewConcluded.class, name = EventType.REVIEW_CONCLUDED),
  @JsonSubTypes.Type(value = LitigationFiled.class, name = EventType.LITIGATION_FILED),
  @JsonSubTypes.Type(value = LitigationConcluded.class, name = EventType.LITIGATION_CONCLUDED),
  @JsonSubTypes.Type(value = Reopened.class, name = EventType.REOPENED),
  @JsonSubTypes.Type(value = Voided.class, name = EventType.VOIDED),
})
public sealed interface RequestEvent
    permits ApplicationReceived,
        CorrectionRequested,
        CorrectionReceived,
        ConsultationStarted,
        ConsultationEnded,
        ExtensionGranted,
        FeeNoticeIssued,
        FeePaid,
        DelaySet,
        Decided,
        Withdrawn,
        Amended,
        ReviewFiled,
        ReviewConcluded,
        LitigationFiled,
        LitigationConcluded,
        Reopened,
        Voided {

  /**
   * The stable wire name of this event's type, e.g. {@code DECIDED}; written by Jackson as the
   * {@code type} property.
   */
  @com.fasterxml.jackson.annotation.JsonIgnore
  String type();

  String eventId();

  String agencyId();

  String requestId();

  /**
   * The event's legal date in China time (e.g. the Art. 31 receipt date, the date of the answer).
   */
  LocalDate date();

  /** When the desk recorded the event. */
  Instant recordedAt();

  /**
   * True for the events that act on a closed request too: corrections of data entry, appeals,
   * reopening and voiding. They are not handling steps: they do not move the date the next step is
   * judged against.
   */
  default boolean allowedAfterClosing() {
    return this instanceof Amended
        || this instanceof ReviewFiled
        || this instanceof ReviewConcluded
        || this instanceof LitigationFiled
        || this instanceof LitigationConcluded
        || this instanceof Reopened
        || this instanceof Voided;
  }
}
