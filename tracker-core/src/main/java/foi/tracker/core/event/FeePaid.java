package foi.tracker.core.event;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;

/** 信息处理费 paid: the answer clock runs again. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FeePaid(String eventId, String agencyId, String requestId, LocalDate date, Instant recordedAt)
    implements RequestEvent {
  @Override
  @JsonIgnore
  public String type() {
    return EventType.FEE_PAID;
  }
}
