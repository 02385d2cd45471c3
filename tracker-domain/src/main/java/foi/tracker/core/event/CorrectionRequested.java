package foi.tracker.core.event;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;

/**
 * 补正告知 sent (Art. 30): the answer clock stops until the corrected application arrives; {@code
 * dueBy} is the agency-set 补正期限, if any.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CorrectionRequested(
    String eventId,
    String agencyId,
    String requestId,
    LocalDate date,
    Instant recordedAt,
    LocalDate dueBy)
    implements RequestEvent {
  @Override
  @JsonIgnore
  public String type() {
    return EventType.CORRECTION_REQUESTED;
  }
}
