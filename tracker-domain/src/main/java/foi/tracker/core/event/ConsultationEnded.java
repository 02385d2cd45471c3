package foi.tracker.core.event;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;

/** 征求意见 ended: the answer clock runs again. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConsultationEnded(
    String eventId, String agencyId, String requestId, LocalDate date, Instant recordedAt)
    implements RequestEvent {
  @Override
  @JsonIgnore
  public String type() {
    return EventType.CONSULTATION_ENDED;
  }
}
