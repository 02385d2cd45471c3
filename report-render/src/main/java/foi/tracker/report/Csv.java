package foi.tracker.report;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * CSV (逗号分隔值) writing per RFC 4180: CRLF line ends, fields with a comma, quote or line break
 * quoted, quotes doubled; UTF-8 with a byte-order mark so that Excel reads Chinese correctly. Text
 * fields are made formula-safe.
 */
public final class Csv {
  /** Content type of the rendered CSV. */
  public static final String CONTENT_TYPE = "text/csv; charset=utf-8";

  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  private final StringBuilder out = new StringBuilder(4096);

  /**
   * Appends one record; a {@link Number} is written as is, anything else as its text (null: empty).
   */
  public Csv record(final List<?> fields) {
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      final Object field = fields.get(i);
      out.append(
          field instanceof Number
              ? field.toString()
              : quote(formulaSafe(field == null ? "" : field.toString())));
    }
    out.append("\r\n");
    return this;
  }

  /** The records as UTF-8 bytes behind a byte-order mark. */
  public byte[] bytes() {
    final byte[] body = out.toString().getBytes(StandardCharsets.UTF_8);
    final byte[] all = new byte[BOM.length + body.length];
    System.arraycopy(BOM, 0, all, 0, BOM.length);
    System.arraycopy(body, 0, all, BOM.length, body.length);
    return all;
  }

  /**
   * A text that a spreadsheet would read as a formula (it starts with = + - or @, or with a tab or
   * carriage return that some spreadsheets strip first) gets a leading apostrophe, the OWASP
   * CSV-injection advice.
   */
  public static String formulaSafe(final String text) {
    if (text == null || text.isEmpty()) {
      return "";
    }
    final char first = text.charAt(0);
    return first == '='
            || first == '+'
            || first == '-'
            || first == '@'
            || first == '\t'
            || first == '\r'
        ? "'" + text
        : text;
  }

  static String quote(final String text) {
    final boolean needs =
        text.indexOf(',') >= 0
            || text.indexOf('"') >= 0
            || text.indexOf('\n') >= 0
            || text.indexOf('\r') >= 0;
    return needs ? '"' + text.replace("\"", "\"\"") + '"' : text;
  }
}
