package foi.tracker.core.event;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;

/**
 * 政府信息公开申请 received: {@code date} is the Art. 31 receipt date; the applicant is only a type (one of
 * the 6 columns of Table 三) and, optionally, a keyed hash of a reference for spotting repeated
 * applications — never a name, ID number or contact.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApplicationReceived(
    String eventId,
    String agencyId,
    String requestId,
    LocalDate date,
    Instant recordedAt,
    String applicantType,
    Channel channel,
    String subject,
    String applicantRefHash,
    String registrationNumber)
    implements RequestEvent {

  /** An application without the office's registration number (登记号; the first version's fields). */
  public ApplicationReceived(
      final String eventId,
      final String agencyId,
      final String requestId,
      final LocalDate date,
      final Instant recordedAt,
      final String applicantType,
      final Channel channel,
      final String subject,
      final String applicantRefHash) {
    this(
        eventId,
        agencyId,
        requestId,
        date,
        recordedAt,
        applicantType,
        channel,
        subject,
        applicantRefHash,
        null);
  }

  @Override
  @JsonIgnore
  public String type() {
    return EventType.RECEIVED;
  }
}
