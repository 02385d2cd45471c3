package foi.tracker.core.binary;

import static foi.tracker.core.binary.FieldCodec.T_BOOLEAN;
import static foi.tracker.core.binary.FieldCodec.T_COUNT;
import static foi.tracker.core.binary.FieldCodec.T_DATE;
import static foi.tracker.core.binary.FieldCodec.T_ENUM;
import static foi.tracker.core.binary.FieldCodec.T_INSTANT;
import static foi.tracker.core.binary.FieldCodec.T_NULLABLE_INT;
import static foi.tracker.core.binary.FieldCodec.T_SIGNED_LONG;
import static foi.tracker.core.binary.FieldCodec.T_STRING;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The primitive codecs' operations by {@link FieldCodec#tag}, called directly: a layout's loops
 * switch on the tag instead of calling a codec through its interface for every field (such a call
 * site sees every codec, so the JIT cannot inline it). The bytes are the primitive codecs' own.
 */
final class Primitives {
  private Primitives() {}

  static void write(final int tag, final BinaryWriter w, final Object value) {
    switch (tag) {
      case T_STRING -> w.writeString((String) value);
      case T_DATE -> w.writeDate((LocalDate) value);
      case T_INSTANT -> w.writeInstant((Instant) value);
      case T_NULLABLE_INT -> w.writeNullableInt((Integer) value);
      case T_COUNT -> w.writeVarInt((Integer) value);
      case T_BOOLEAN -> w.writeBoolean((Boolean) value);
      case T_SIGNED_LONG -> w.writeSignedLong((Long) value);
      case T_ENUM -> w.writeEnum((Enum<?>) value);
      default -> throw new IllegalArgumentException("not a primitive tag: " + tag);
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  static Object read(final int tag, final Class<? extends Enum> enumType, final RecordReader r) {
    return switch (tag) {
      case T_STRING -> r.readString();
      case T_DATE -> r.readDate();
      case T_INSTANT -> r.readInstant();
      case T_NULLABLE_INT -> r.readNullableInt();
      case T_COUNT -> r.readVarInt();
      case T_BOOLEAN -> r.readBoolean();
      case T_SIGNED_LONG -> r.readSignedLong();
      case T_ENUM -> r.readEnum((Class) enumType);
      default -> throw new IllegalArgumentException("not a primitive tag: " + tag);
    };
  }

  static void skip(final int tag, final RecordReader r) {
    switch (tag) {
      case T_STRING, T_ENUM -> r.skipString();
      case T_DATE, T_NULLABLE_INT, T_COUNT, T_SIGNED_LONG -> r.skipVarLong();
      case T_INSTANT -> r.skipInstant();
      case T_BOOLEAN -> r.readByte();
      default -> throw new IllegalArgumentException("not a primitive tag: " + tag);
    }
  }

  /**
   * A codec called through one final class: a primitive directly by its tag, anything else through
   * its interface.
   */
  static <T> Of<T> of(final FieldCodec<T> codec) {
    return new Of<>(codec);
  }

  /** See {@link #of}. */
  static final class Of<T> {
    private final FieldCodec<T> codec;
    private final int tag;

    @SuppressWarnings("rawtypes")
    private final Class<? extends Enum> enumType;

    private Of(final FieldCodec<T> codec) {
      this.codec = codec;
      this.tag = codec.tag();
      this.enumType = codec instanceof FieldCodec.EnumCodec<?> e ? e.type : null;
    }

    void write(final BinaryWriter w, final T value) {
      if (tag == 0) {
        codec.write(w, value);
      } else {
        Primitives.write(tag, w, value);
      }
    }

    @SuppressWarnings("unchecked")
    T read(final RecordReader r) {
      return tag == 0 ? codec.read(r) : (T) Primitives.read(tag, enumType, r);
    }

    void skip(final RecordReader r) {
      if (tag == 0) {
        codec.skip(r);
      } else {
        Primitives.skip(tag, r);
      }
    }
  }
}
