package foi.tracker.dashboard;

import foi.tracker.report.Csv;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/**
 * The per-request export (申请明细) as CSV: RFC 4180, CRLF, UTF-8 with a byte-order mark so that Excel shows
 * Chinese; codes and dates only, never a subject or anything about the applicant. A text that a spreadsheet would
 * take for a formula (it starts with = + - @, a tab or a carriage return) gets a leading apostrophe (OWASP).
 */
final class RequestCsv {
  static final String CONTENT_TYPE = Csv.CONTENT_TYPE;
  static final List<String> HEADER = List.of("requestId", "agencyId", "applicantType", "channel", "receivedDate",
      "dueDate", "decidedDate", "outcome", "deadlineStatus", "workingDaysUsed");

  /** One request as exported; {@code workingDaysUsed} is net of pauses (null while it is open). */
  record Line(String requestId, String agencyId, String applicantType, String channel, LocalDate receivedDate,
              LocalDate dueDate, LocalDate decidedDate, String outcome, String deadlineStatus,
              Integer workingDaysUsed) {
  }

  private RequestCsv() {
  }

  static byte[] render(final List<Line> lines) {
    final Csv csv = new Csv().record(HEADER);
    for (Line l : lines) {
      csv.record(Arrays.asList(l.requestId(), l.agencyId(), l.applicantType(), l.channel(), l.receivedDate(),
          l.dueDate(), l.decidedDate(), l.outcome(), l.deadlineStatus(), l.workingDaysUsed()));
    }
    return csv.bytes();
  }
}
