package foi.tracker.core.event;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;

/** 行政复议 filed against the agency's handling of this request (Table 四). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReviewFiled(String eventId, String agencyId, String requestId, LocalDate date, Instant recordedAt, String caseId)
    implements RequestEvent {
  @Override
  @JsonIgnore
  public String type() {
    return EventType.REVIEW_FILED;
  }
}
