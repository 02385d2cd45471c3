package foi.tracker.core.event;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;

/** 延迟答复 (Art. 35): the agency-set reasonable answer date replaces the due date. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DelaySet(
    String eventId,
    String agencyId,
    String requestId,
    LocalDate date,
    Instant recordedAt,
    LocalDate dueDate)
    implements RequestEvent {
  @Override
  @JsonIgnore
  public String type() {
    return EventType.DELAY_SET;
  }
}
