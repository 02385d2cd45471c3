package foi.tracker.core.request;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;

/**
 * An event refused for the request's state, kept with its reason (never silently dropped) and the
 * stable code of the rule that refused it ({@link RefusalCode}'s name; null on refusals stored
 * before codes existed).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Rejection(
    String agencyId,
    String requestId,
    String eventId,
    String type,
    LocalDate date,
    Instant recordedAt,
    String reason,
    String reasonCode) {

  /** A refusal without a code, as stored before codes existed (state formats 1 and 2). */
  public Rejection(
      final String agencyId,
      final String requestId,
      final String eventId,
      final String type,
      final LocalDate date,
      final Instant recordedAt,
      final String reason) {
    this(agencyId, requestId, eventId, type, date, recordedAt, reason, null);
  }
}
