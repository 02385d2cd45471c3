package foi.tracker.core.request;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;

/**
 * 作废: the registration was voided by event {@code eventId} on {@code date} for {@code reason}; it
 * counts nowhere.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VoidMark(String eventId, LocalDate date, String reason) {}
