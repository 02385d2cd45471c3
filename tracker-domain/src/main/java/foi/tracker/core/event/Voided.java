package foi.tracker.core.event;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;

/**
 * 作废登记: a registration made in error or in bad faith (a duplicate, a test) is removed from every
 * table; its {@code reason} (free text) is kept. {@code byDeskToken} is set by the ingest service,
 * never by the client: true when a desk token (not the admin token) sent it, and then the rules
 * refuse it for a request with a decision or a case.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Voided(
    String eventId,
    String agencyId,
    String requestId,
    LocalDate date,
    Instant recordedAt,
    String reason,
    boolean byDeskToken)
    implements RequestEvent {
  @Override
  @JsonIgnore
  public String type() {
    return EventType.VOIDED;
  }
}
