package foi.tracker.dashboard;

import foi.tracker.core.binary.StateCodec;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

/**
 * The first fields of a binary request record (agency, request, received and decided dates) read
 * without decoding the rest: what the per-request export filters on (the year asked for) before it
 * decodes a record in full. It follows {@link StateCodec#writeRequest}'s order of the leading
 * fields (version byte, agencyId, requestId, applicantType, channel, receivedDate, subject,
 * applicantRefHash, status, outcome, decidedDate) and its encodings (varint lengths plus one with 0
 * for null, dates as zig-zag epoch days plus one); {@code RequestDatesTest} checks it against
 * {@link StateCodec#readRequest} for every record version, so a change of the layout fails there
 * first.
 */
final class RequestDates {
  /** The head as read; {@code decidedDate} null while undecided. */
  record Head(String agencyId, String requestId, LocalDate receivedDate, LocalDate decidedDate) {
    /**
     * Whether Table 三 of {@code year} counts the request: received by the year's end and not
     * decided before its start (null: every year).
     */
    boolean inYear(final Integer year) {
      return year == null
          || !(receivedDate.getYear() > year
              || decidedDate != null && decidedDate.getYear() < year);
    }
  }

  private final byte[] buf;
  private int pos;

  private RequestDates(final byte[] buf) {
    this.buf = buf;
    this.pos = 1;
  }

  /**
   * The head of a binary request record ({@link StateCodec#isBinaryRequest}); a damaged one is
   * refused.
   */
  static Head read(final byte[] bytes) {
    if (!StateCodec.isBinaryRequest(bytes)) {
      throw new IllegalArgumentException("not a binary request record");
    }
    final RequestDates r = new RequestDates(bytes);
    final String agencyId = r.string();
    final String requestId = r.string();
    r.skipString(); // applicantType
    r.skipString(); // channel
    final LocalDate received = r.date();
    r.skipString(); // subject
    r.skipString(); // applicantRefHash
    r.skipString(); // status
    r.skipString(); // outcome
    final LocalDate decided = r.date();
    return new Head(agencyId, requestId, received, decided);
  }

  private int readByte() {
    if (pos >= buf.length) {
      throw new IllegalArgumentException("truncated state record at byte " + pos);
    }
    return buf[pos++] & 0xFF;
  }

  private long varLong() {
    long v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      final int b = readByte();
      v |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return v;
      }
    }
    throw new IllegalArgumentException("malformed varint at byte " + pos);
  }

  private int length() {
    final long n = varLong();
    if (n == 0) {
      return -1;
    }
    if (n - 1 > buf.length - pos) {
      throw new IllegalArgumentException("truncated string at byte " + pos);
    }
    return (int) (n - 1);
  }

  private String string() {
    final int len = length();
    if (len < 0) {
      return null;
    }
    final String s = new String(buf, pos, len, StandardCharsets.UTF_8);
    pos += len;
    return s;
  }

  private void skipString() {
    final int len = length();
    if (len > 0) {
      pos += len;
    }
  }

  private LocalDate date() {
    final long z = varLong();
    if (z == 0) {
      return null;
    }
    final long v = z - 1;
    return LocalDate.ofEpochDay((v >>> 1) ^ -(v & 1));
  }
}
