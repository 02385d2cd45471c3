package foi.tracker.core.event;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;

/**
 * 信息处理费 paid: the answer clock runs again. {@code amountFen} is the amount paid in fen (分), from
 * the desk's {@code amountYuan}; null when not given (events of the first version). Summed per year
 * for the report's section 六.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FeePaid(
    String eventId,
    String agencyId,
    String requestId,
    LocalDate date,
    Instant recordedAt,
    Long amountFen)
    implements RequestEvent {

  /** A payment without an amount (the first version's fields). */
  public FeePaid(
      final String eventId,
      final String agencyId,
      final String requestId,
      final LocalDate date,
      final Instant recordedAt) {
    this(eventId, agencyId, requestId, date, recordedAt, null);
  }

  @Override
  @JsonIgnore
  public String type() {
    return EventType.FEE_PAID;
  }
}
