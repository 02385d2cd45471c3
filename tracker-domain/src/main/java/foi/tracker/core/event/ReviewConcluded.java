package foi.tracker.core.event;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;

/** 行政复议 concluded: 维持, 纠正 or 其他结果. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReviewConcluded(
    String eventId,
    String agencyId,
    String requestId,
    LocalDate date,
    Instant recordedAt,
    String caseId,
    AppealResult result)
    implements RequestEvent {
  @Override
  @JsonIgnore
  public String type() {
    return EventType.REVIEW_CONCLUDED;
  }
}
