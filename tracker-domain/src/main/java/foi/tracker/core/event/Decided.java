package foi.tracker.core.event;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;

/** 答复: the request is answered with one of the 21 outcome rows of Table 三; closes the request. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Decided(
    String eventId,
    String agencyId,
    String requestId,
    LocalDate date,
    Instant recordedAt,
    String outcome,
    Boolean onTheSpot)
    implements RequestEvent {
  @Override
  @JsonIgnore
  public String type() {
    return EventType.DECIDED;
  }
}
