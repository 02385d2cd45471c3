package foi.tracker.core.event;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;

/**
 * 重新办理: a closed request is opened again. {@code ENTRY_ERROR} undoes the decision (its cells go
 * down); with {@code REANSWER_ORDERED} case {@code caseId} ordered a new answer (责令重新答复), due on
 * {@code dueDate} or else 20 working days after {@code date}, and the original decision stays
 * counted in Table 三.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Reopened(
    String eventId,
    String agencyId,
    String requestId,
    LocalDate date,
    Instant recordedAt,
    ReopenReason reason,
    String caseId,
    LocalDate dueDate)
    implements RequestEvent {
  @Override
  @JsonIgnore
  public String type() {
    return EventType.REOPENED;
  }
}
