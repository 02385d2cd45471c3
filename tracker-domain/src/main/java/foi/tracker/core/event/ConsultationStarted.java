package foi.tracker.core.event;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;

/**
 * 征求意见 started: third party (Art. 32) or other agency (Art. 34); the period until it ends is not
 * counted (Art. 33).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConsultationStarted(
    String eventId,
    String agencyId,
    String requestId,
    LocalDate date,
    Instant recordedAt,
    ConsultationParty party)
    implements RequestEvent {
  @Override
  @JsonIgnore
  public String type() {
    return EventType.CONSULTATION_STARTED;
  }
}
