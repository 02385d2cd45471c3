package foi.tracker.core.event;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;

/** 收费通知 issued (国办函〔2020〕109号): the answer clock stops until payment. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FeeNoticeIssued(
    String eventId, String agencyId, String requestId, LocalDate date, Instant recordedAt)
    implements RequestEvent {
  @Override
  @JsonIgnore
  public String type() {
    return EventType.FEE_NOTICE_ISSUED;
  }
}
