package foi.tracker.core.event;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;

/**
 * 延期答复 (Art. 33): approved by the head of the disclosure office and notified; 1–20 working days,
 * once.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExtensionGranted(
    String eventId,
    String agencyId,
    String requestId,
    LocalDate date,
    Instant recordedAt,
    int workingDays)
    implements RequestEvent {
  @Override
  @JsonIgnore
  public String type() {
    return EventType.EXTENSION_GRANTED;
  }
}
