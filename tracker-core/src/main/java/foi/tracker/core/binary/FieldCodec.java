package foi.tracker.core.binary;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * How one value is written, read and stepped over in a state record; the three operations of a
 * field live side by side here, so a record's layout ({@link RecordLayout}) states each field once.
 * The codecs are built once (static) and hold no state: reading allocates only the values
 * themselves.
 */
interface FieldCodec<T> {
  void write(BinaryWriter w, T value);

  T read(RecordReader r);

  /**
   * Steps over the value without building it (a damaged value is refused as {@link #read} would
   * refuse it).
   */
  void skip(RecordReader r);

  /**
   * Which primitive this is ({@code T_*}), or 0 for a composite: a {@link RecordLayout} component
   * of a primitive calls the reader or writer itself, so the hot loops make one call through an
   * interface per field, not two.
   */
  default int tag() {
    return 0;
  }

  /**
   * A primitive: its tag and its three operations as method references of the writer and reader.
   */
  record Scalar<T>(
      int tag,
      java.util.function.BiConsumer<BinaryWriter, T> writer,
      java.util.function.Function<RecordReader, T> reader,
      java.util.function.Consumer<RecordReader> skipper)
      implements FieldCodec<T> {
    @Override
    public void write(final BinaryWriter w, final T value) {
      writer.accept(w, value);
    }

    @Override
    public T read(final RecordReader r) {
      return reader.apply(r);
    }

    @Override
    public void skip(final RecordReader r) {
      skipper.accept(r);
    }
  }

  int T_STRING = 1;
  int T_DATE = 2;
  int T_INSTANT = 3;
  int T_NULLABLE_INT = 4;
  int T_COUNT = 5;
  int T_BOOLEAN = 6;
  int T_SIGNED_LONG = 7;
  int T_ENUM = 8;

  /** A nullable string: 0 for null, else UTF-8 length + 1, then the bytes. */
  FieldCodec<String> STRING =
      new Scalar<>(
          T_STRING, BinaryWriter::writeString, RecordReader::readString, RecordReader::skipString);

  /** A nullable date: 0 for null, else (epoch day, zig-zag) + 1. */
  FieldCodec<LocalDate> DATE =
      new Scalar<>(
          T_DATE, BinaryWriter::writeDate, RecordReader::readDate, RecordReader::skipVarLong);

  /** A nullable instant: a presence byte, then epoch seconds (zig-zag) and nanos. */
  FieldCodec<Instant> INSTANT =
      new Scalar<>(
          T_INSTANT,
          BinaryWriter::writeInstant,
          RecordReader::readInstant,
          RecordReader::skipInstant);

  /** A nullable int: 0 for null, else (zig-zag value) + 1. */
  FieldCodec<Integer> NULLABLE_INT =
      new Scalar<>(
          T_NULLABLE_INT,
          BinaryWriter::writeNullableInt,
          RecordReader::readNullableInt,
          RecordReader::skipVarLong);

  /** A non-negative int as an unsigned varint (not null). */
  FieldCodec<Integer> COUNT =
      new Scalar<>(
          T_COUNT, BinaryWriter::writeVarInt, RecordReader::readVarInt, RecordReader::skipVarLong);

  /** One byte, 0 or 1 (not null). */
  FieldCodec<Boolean> BOOLEAN =
      new Scalar<>(
          T_BOOLEAN, BinaryWriter::writeBoolean, RecordReader::readBoolean, RecordReader::readByte);

  /**
   * A signed long, zig-zag varint (not null); {@link RecordReader#nextLong} reads it without
   * boxing.
   */
  LongCodec SIGNED_LONG = new LongCodec();

  /** The codec of a {@code long} component, readable unboxed. */
  final class LongCodec implements FieldCodec<Long> {
    private LongCodec() {}

    @Override
    public int tag() {
      return T_SIGNED_LONG;
    }

    @Override
    public void write(final BinaryWriter w, final Long value) {
      w.writeSignedLong(value);
    }

    @Override
    public Long read(final RecordReader r) {
      return r.readSignedLong();
    }

    long readLong(final RecordReader r) {
      return r.readSignedLong();
    }

    @Override
    public void skip(final RecordReader r) {
      r.skipVarLong();
    }
  }

  /**
   * A nullable enum constant by name (not ordinal, so reordering constants cannot change stored
   * data).
   */
  static <E extends Enum<E>> EnumCodec<E> enumOf(final Class<E> type) {
    return new EnumCodec<>(type);
  }

  /** A nullable enum constant by name. */
  final class EnumCodec<E extends Enum<E>> implements FieldCodec<E> {
    final Class<E> type;

    private EnumCodec(final Class<E> type) {
      this.type = type;
    }

    @Override
    public int tag() {
      return T_ENUM;
    }

    @Override
    public void write(final BinaryWriter w, final E value) {
      w.writeEnum(value);
    }

    @Override
    public E read(final RecordReader r) {
      return r.readEnum(type);
    }

    @Override
    public void skip(final RecordReader r) {
      r.skipString();
    }
  }

  /** A list that is never null: its size, then each element. */
  static <E> FieldCodec<List<E>> list(final FieldCodec<E> element) {
    final Primitives.Of<E> each = Primitives.of(element);
    return new FieldCodec<>() {
      @Override
      public void write(final BinaryWriter w, final List<E> value) {
        w.writeVarInt(value.size());
        for (E e : value) {
          each.write(w, e);
        }
      }

      @Override
      public List<E> read(final RecordReader r) {
        final int n = r.readCount();
        final List<E> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          out.add(each.read(r));
        }
        return out;
      }

      @Override
      public void skip(final RecordReader r) {
        for (int i = r.readVarInt(); i > 0; i--) {
          each.skip(r);
        }
      }
    };
  }

  /**
   * A list that may be null: 0 for null, else size + 1, then each element; read as an unmodifiable
   * list.
   */
  static <E> FieldCodec<List<E>> nullableList(final FieldCodec<E> element) {
    final Primitives.Of<E> each = Primitives.of(element);
    return new FieldCodec<>() {
      @Override
      public void write(final BinaryWriter w, final List<E> value) {
        w.writeVarInt(value == null ? 0 : value.size() + 1);
        if (value != null) {
          for (E e : value) {
            each.write(w, e);
          }
        }
      }

      @Override
      public List<E> read(final RecordReader r) {
        final int n = r.readCount();
        if (n == 0) {
          return null;
        }
        final List<E> out = new ArrayList<>(n - 1);
        for (int i = 1; i < n; i++) {
          out.add(each.read(r));
        }
        return List.copyOf(out);
      }

      @Override
      public void skip(final RecordReader r) {
        for (int i = r.readVarInt() - 1; i > 0; i--) {
          each.skip(r);
        }
      }
    };
  }

  /**
   * A map that is never null, in its iteration order: its size, then each key and value; read in
   * that order.
   */
  static <K, V> FieldCodec<Map<K, V>> orderedMap(
      final FieldCodec<K> key, final FieldCodec<V> value) {
    final Primitives.Of<K> keys = Primitives.of(key);
    final Primitives.Of<V> values = Primitives.of(value);
    return new FieldCodec<>() {
      @Override
      public void write(final BinaryWriter w, final Map<K, V> map) {
        w.writeVarInt(map.size());
        for (Map.Entry<K, V> e : map.entrySet()) {
          keys.write(w, e.getKey());
          values.write(w, e.getValue());
        }
      }

      @Override
      public Map<K, V> read(final RecordReader r) {
        final int n = r.readCount();
        final Map<K, V> out = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
          final K k = keys.read(r);
          out.put(k, values.read(r));
        }
        return out;
      }

      @Override
      public void skip(final RecordReader r) {
        for (int i = r.readVarInt(); i > 0; i--) {
          keys.skip(r);
          values.skip(r);
        }
      }
    };
  }

  /**
   * A map that is never null, written in key order (so equal maps are equal bytes); read as a
   * {@link TreeMap}.
   */
  static <K extends Comparable<K>, V> FieldCodec<Map<K, V>> sortedMap(
      final FieldCodec<K> key, final FieldCodec<V> value) {
    final FieldCodec<Map<K, V>> ordered = orderedMap(key, value);
    final Primitives.Of<K> keys = Primitives.of(key);
    final Primitives.Of<V> values = Primitives.of(value);
    return new FieldCodec<>() {
      @Override
      public void write(final BinaryWriter w, final Map<K, V> map) {
        ordered.write(
            w,
            map instanceof SortedMap<K, V> && ((SortedMap<K, V>) map).comparator() == null
                ? map
                : new TreeMap<>(map));
      }

      @Override
      public Map<K, V> read(final RecordReader r) {
        final int n = r.readCount();
        final TreeMap<K, V> out = new TreeMap<>();
        for (int i = 0; i < n; i++) {
          final K k = keys.read(r);
          out.put(k, values.read(r));
        }
        return out;
      }

      @Override
      public void skip(final RecordReader r) {
        ordered.skip(r);
      }
    };
  }

  /** A value that may be null: a presence byte, then the value when present. */
  static <T> FieldCodec<T> optional(final FieldCodec<T> present) {
    return new FieldCodec<>() {
      @Override
      public void write(final BinaryWriter w, final T value) {
        w.writeBoolean(value != null);
        if (value != null) {
          present.write(w, value);
        }
      }

      @Override
      public T read(final RecordReader r) {
        return r.readBoolean() ? present.read(r) : null;
      }

      @Override
      public void skip(final RecordReader r) {
        if (r.readBoolean()) {
          present.skip(r);
        }
      }
    };
  }
}
