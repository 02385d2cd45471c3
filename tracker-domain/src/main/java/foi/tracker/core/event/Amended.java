package foi.tracker.core.event;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;

/**
 * 更正录入: fixes a data-entry mistake; every table of every year is corrected. Either the
 * application's applicant type, receipt date, channel, outcome or decision date ({@code
 * decidedDate}: the decision moves to that date's year), or, with {@code caseId}, a 复议/诉讼 case's
 * {@code filedDate}, {@code concludedDate}, {@code result}, {@code afterReview} or {@code
 * caseNumber} (案号). Never re-judges earlier steps.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Amended(
    String eventId,
    String agencyId,
    String requestId,
    LocalDate date,
    Instant recordedAt,
    String applicantType,
    LocalDate receivedDate,
    Channel channel,
    String outcome,
    LocalDate decidedDate,
    String caseId,
    LocalDate filedDate,
    LocalDate concludedDate,
    AppealResult result,
    Boolean afterReview,
    String caseNumber)
    implements RequestEvent {

  /** An amendment of the application alone (the first version's fields). */
  public Amended(
      final String eventId,
      final String agencyId,
      final String requestId,
      final LocalDate date,
      final Instant recordedAt,
      final String applicantType,
      final LocalDate receivedDate,
      final Channel channel,
      final String outcome) {
    this(
        eventId,
        agencyId,
        requestId,
        date,
        recordedAt,
        applicantType,
        receivedDate,
        channel,
        outcome,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  /** Whether it corrects a case (names {@code caseId}). */
  @JsonIgnore
  public boolean amendsCase() {
    return caseId != null;
  }

  @Override
  @JsonIgnore
  public String type() {
    return EventType.AMENDED;
  }
}
