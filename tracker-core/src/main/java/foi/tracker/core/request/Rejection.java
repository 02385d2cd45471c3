package foi.tracker.core.request;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;

/** An event refused for the request's state, kept with its reason (never silently dropped). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Rejection(String agencyId, String requestId, String eventId, String type, LocalDate date,
                        Instant recordedAt, String reason) {
}
