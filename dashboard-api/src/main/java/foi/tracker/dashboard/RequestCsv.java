package foi.tracker.dashboard;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

/**
 * The per-request export (申请明细) as CSV: RFC 4180, CRLF, UTF-8 with a byte-order mark so that Excel shows
 * Chinese; codes and dates only, never a subject or anything about the applicant. A text that a spreadsheet would
 * take for a formula (it starts with = + - @, a tab or a carriage return) gets a leading apostrophe (OWASP).
 */
final class RequestCsv {
  static final String CONTENT_TYPE = "text/csv; charset=utf-8";
  static final List<String> HEADER = List.of("requestId", "agencyId", "applicantType", "channel", "receivedDate",
      "dueDate", "decidedDate", "outcome", "deadlineStatus", "workingDaysUsed");
  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  /** One request as exported; {@code workingDaysUsed} is net of pauses (null while it is open). */
  record Line(String requestId, String agencyId, String applicantType, String channel, LocalDate receivedDate,
              LocalDate dueDate, LocalDate decidedDate, String outcome, String deadlineStatus,
              Integer workingDaysUsed) {
  }

  private RequestCsv() {
  }

  static byte[] render(final List<Line> lines) {
    final StringBuilder out = new StringBuilder(64 + 120 * lines.size());
    record(out, HEADER.toArray());
    for (Line l : lines) {
      record(out, l.requestId(), l.agencyId(), l.applicantType(), l.channel(), l.receivedDate(), l.dueDate(),
          l.decidedDate(), l.outcome(), l.deadlineStatus(), l.workingDaysUsed());
    }
    final byte[] body = out.toString().getBytes(StandardCharsets.UTF_8);
    final byte[] all = new byte[BOM.length + body.length];
    System.arraycopy(BOM, 0, all, 0, BOM.length);
    System.arraycopy(body, 0, all, BOM.length, body.length);
    return all;
  }

  private static void record(final StringBuilder out, final Object... fields) {
    for (int i = 0; i < fields.length; i++) {
      if (i > 0) {
        out.append(',');
      }
      final Object f = fields[i];
      out.append(f instanceof Number ? f.toString() : quote(formulaSafe(f == null ? "" : f.toString())));
    }
    out.append("\r\n");
  }

  static String formulaSafe(final String text) {
    if (text.isEmpty()) {
      return text;
    }
    final char first = text.charAt(0);
    return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
        ? "'" + text : text;
  }

  static String quote(final String text) {
    final boolean needs = text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0
        || text.indexOf('\r') >= 0;
    return needs ? '"' + text.replace("\"", "\"\"") + '"' : text;
  }
}
