package foi.tracker.core.event;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;

/** 补正后申请 received (Art. 30): a fresh answer period counts from this date. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CorrectionReceived(
    String eventId, String agencyId, String requestId, LocalDate date, Instant recordedAt)
    implements RequestEvent {
  @Override
  @JsonIgnore
  public String type() {
    return EventType.CORRECTION_RECEIVED;
  }
}
