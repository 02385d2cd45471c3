package foi.tracker.core.binary;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Reads what {@link BinaryWriter} wrote, in the same order; a truncated or malformed input throws.
 */
class BinaryReader {
  private final byte[] buf;
  private int pos;

  BinaryReader(final byte[] buf, final int offset) {
    this.buf = buf;
    this.pos = offset;
  }

  boolean atEnd() {
    return pos == buf.length;
  }

  int readByte() {
    if (pos >= buf.length) {
      throw new IllegalArgumentException("truncated state record at byte " + pos);
    }
    return buf[pos++] & 0xFF;
  }

  boolean readBoolean() {
    return readByte() != 0;
  }

  long readVarLong() {
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

  int readVarInt() {
    final long v = readVarLong();
    if (v > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("count out of range at byte " + pos + ": " + v);
    }
    return (int) v;
  }

  /**
   * A count of elements that follow, each at least one byte long: refused when more than the bytes
   * left, so a damaged count cannot make a reader allocate for millions of elements.
   */
  int readCount() {
    final int n = readVarInt();
    if (n > buf.length - pos) {
      throw new IllegalArgumentException("count " + n + " exceeds the bytes left at byte " + pos);
    }
    return n;
  }

  long readSignedLong() {
    final long z = readVarLong();
    return (z >>> 1) ^ -(z & 1);
  }

  String readString() {
    final int n = readVarInt();
    if (n == 0) {
      return null;
    }
    final int len = n - 1;
    if (len > buf.length - pos) {
      throw new IllegalArgumentException("truncated string at byte " + pos);
    }
    final String s = new String(buf, pos, len, StandardCharsets.UTF_8);
    pos += len;
    return s;
  }

  LocalDate readDate() {
    final long z = readVarLong();
    if (z == 0) {
      return null;
    }
    final long v = z - 1;
    return LocalDate.ofEpochDay((v >>> 1) ^ -(v & 1));
  }

  Instant readInstant() {
    if (readByte() == 0) {
      return null;
    }
    final long seconds = readSignedLong();
    return Instant.ofEpochSecond(seconds, readVarInt());
  }

  Integer readNullableInt() {
    final long z = readVarLong();
    if (z == 0) {
      return null;
    }
    final long v = z - 1;
    return (int) ((v >>> 1) ^ -(v & 1));
  }

  <E extends Enum<E>> E readEnum(final Class<E> type) {
    final String name = readString();
    return name == null ? null : Enum.valueOf(type, name);
  }

  /** Where the next read starts. */
  int position() {
    return pos;
  }

  /** Steps over a varint (a count, a date, a nullable integer) without decoding it. */
  void skipVarLong() {
    readVarLong();
  }

  /** Steps over a nullable string or enum name without building it. */
  void skipString() {
    final int n = readVarInt();
    if (n == 0) {
      return;
    }
    skipBytes(n - 1);
  }

  void skipBytes(final int n) {
    if (n < 0 || n > buf.length - pos) {
      throw new IllegalArgumentException("truncated state record at byte " + pos);
    }
    pos += n;
  }

  void skipInstant() {
    if (readByte() != 0) {
      readVarLong();
      readVarLong();
    }
  }
}
