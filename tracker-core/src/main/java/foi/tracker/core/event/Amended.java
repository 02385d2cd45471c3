package foi.tracker.core.event;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;

/** 更正录入: fixes a data-entry mistake in the applicant type, receipt date, channel or outcome; every table is corrected. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Amended(String eventId, String agencyId, String requestId, LocalDate date, Instant recordedAt, String applicantType, LocalDate receivedDate, Channel channel, String outcome)
    implements RequestEvent {
  @Override
  @JsonIgnore
  public String type() {
    return EventType.AMENDED;
  }
}
