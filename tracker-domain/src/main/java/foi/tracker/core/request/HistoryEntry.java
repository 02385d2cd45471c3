package foi.tracker.core.request;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;

/** One accepted step in a request's history (or a system note such as a recomputed deadline). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HistoryEntry(
    String eventId, String type, LocalDate date, Instant recordedAt, String detail) {}
