package foi.tracker.core.event;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;

/** 行政复议 filed against the agency's handling of this request (Table 四). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReviewFiled(
    String eventId,
    String agencyId,
    String requestId,
    LocalDate date,
    Instant recordedAt,
    String caseId,
    String caseNumber)
    implements RequestEvent {

  /** A filing without its 案号 (the first version's fields). */
  public ReviewFiled(
      final String eventId,
      final String agencyId,
      final String requestId,
      final LocalDate date,
      final Instant recordedAt,
      final String caseId) {
    this(eventId, agencyId, requestId, date, recordedAt, caseId, null);
  }

  @Override
  @JsonIgnore
  public String type() {
    return EventType.REVIEW_FILED;
  }
}
