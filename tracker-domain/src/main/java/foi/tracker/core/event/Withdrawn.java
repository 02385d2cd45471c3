package foi.tracker.core.event;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;

/** 撤回: the applicant withdrew; closes the request and counts as outcome {@code OTHER} （六）3. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Withdrawn(
    String eventId, String agencyId, String requestId, LocalDate date, Instant recordedAt)
    implements RequestEvent {
  @Override
  @JsonIgnore
  public String type() {
    return EventType.WITHDRAWN;
  }
}
