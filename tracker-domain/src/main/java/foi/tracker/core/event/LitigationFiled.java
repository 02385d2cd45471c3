package foi.tracker.core.event;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;

/** 行政诉讼 filed, directly (未经复议直接起诉) or after review (复议后起诉). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LitigationFiled(
    String eventId,
    String agencyId,
    String requestId,
    LocalDate date,
    Instant recordedAt,
    String caseId,
    boolean afterReview,
    String caseNumber)
    implements RequestEvent {

  /** A filing without its 案号 (the first version's fields). */
  public LitigationFiled(
      final String eventId,
      final String agencyId,
      final String requestId,
      final LocalDate date,
      final Instant recordedAt,
      final String caseId,
      final boolean afterReview) {
    this(eventId, agencyId, requestId, date, recordedAt, caseId, afterReview, null);
  }

  @Override
  @JsonIgnore
  public String type() {
    return EventType.LITIGATION_FILED;
  }
}
