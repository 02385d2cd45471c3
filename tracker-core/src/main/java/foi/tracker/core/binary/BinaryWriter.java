package foi.tracker.core.binary;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;

/**
 * Appends the primitives of the compact state format to a growing byte array: unsigned and zig-zag
 * varints, length-prefixed UTF-8 strings, and nullable dates, instants, integers and enum names (0
 * stands for null).
 */
final class BinaryWriter {
  private byte[] buf;
  private int size;

  BinaryWriter(final int initialCapacity) {
    buf = new byte[initialCapacity];
  }

  byte[] toByteArray() {
    return Arrays.copyOf(buf, size);
  }

  void writeByte(final int b) {
    ensure(1);
    buf[size++] = (byte) b;
  }

  /**
   * Copies {@code length} bytes of {@code src} from {@code from} as they are (a run of an already
   * encoded record).
   */
  void writeBytes(final byte[] src, final int from, final int length) {
    ensure(length);
    System.arraycopy(src, from, buf, size, length);
    size += length;
  }

  void writeBoolean(final boolean b) {
    writeByte(b ? 1 : 0);
  }

  /** An unsigned varint (7 bits per byte, low bits first). */
  void writeVarLong(long v) {
    ensure(10);
    while ((v & ~0x7FL) != 0) {
      buf[size++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    buf[size++] = (byte) v;
  }

  void writeVarInt(final int v) {
    writeVarLong(v & 0xFFFFFFFFL);
  }

  /** A signed long, zig-zag encoded so that small negative numbers stay short. */
  void writeSignedLong(final long v) {
    writeVarLong((v << 1) ^ (v >> 63));
  }

  /** A nullable string: 0 for null, else UTF-8 length + 1, then the bytes. */
  void writeString(final String s) {
    if (s == null) {
      writeByte(0);
      return;
    }
    if (writeAscii(s)) {
      return;
    }
    final byte[] b = s.getBytes(StandardCharsets.UTF_8);
    writeVarInt(b.length + 1);
    ensure(b.length);
    System.arraycopy(b, 0, buf, size, b.length);
    size += b.length;
  }

  /**
   * {@code s} written as by {@link #writeString} when it is all ASCII (one byte a character, no
   * copy of its bytes); false, with nothing written, at its first other character.
   */
  private boolean writeAscii(final String s) {
    final int n = s.length();
    final int start = size;
    writeVarInt(n + 1);
    ensure(n);
    for (int i = 0; i < n; i++) {
      final char c = s.charAt(i);
      if (c >= 0x80) {
        size = start;
        return false;
      }
      buf[size++] = (byte) c;
    }
    return true;
  }

  /** A nullable date: 0 for null, else (epoch day, zig-zag) + 1. */
  void writeDate(final LocalDate d) {
    writeVarLong(d == null ? 0 : ((d.toEpochDay() << 1) ^ (d.toEpochDay() >> 63)) + 1);
  }

  /** A nullable instant: a presence byte, then epoch seconds (zig-zag) and nanos. */
  void writeInstant(final Instant i) {
    if (i == null) {
      writeByte(0);
      return;
    }
    writeByte(1);
    writeSignedLong(i.getEpochSecond());
    writeVarInt(i.getNano());
  }

  /** A nullable int: 0 for null, else (zig-zag value) + 1. */
  void writeNullableInt(final Integer v) {
    writeVarLong(v == null ? 0 : (((long) v << 1) ^ ((long) v >> 63)) + 1);
  }

  /** An enum by name (not ordinal, so reordering constants cannot change stored data). */
  void writeEnum(final Enum<?> e) {
    writeString(e == null ? null : e.name());
  }

  private void ensure(final int more) {
    if (size + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
    }
  }
}
