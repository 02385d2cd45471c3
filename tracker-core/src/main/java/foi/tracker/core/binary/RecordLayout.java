package foi.tracker.core.binary;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The stored layout of one record type, declared once (see {@link StateLayout}): its components in
 * stored order, each with its accessor, its {@link FieldCodec} and the format version that added
 * it. Writing, reading, stepping over and copying a record all follow from this one list. A layout
 * is itself the codec of its record written inline, so records nest.
 *
 * <p>Reading builds the record through its constructor, which takes the components in the declared
 * order from {@link RecordReader#next} (no reflection, no array of values); a constructor that
 * takes more or fewer components than declared fails on its first read.
 */
final class RecordLayout<R> implements FieldCodec<R> {
  /**
   * Builds a record from its components, each taken in declared order with {@link
   * RecordReader#next}.
   */
  @FunctionalInterface
  interface Constructor<R> {
    R build(RecordReader components);
  }

  private static final int PLAIN = 0;

  /**
   * A boolean component stored as bit 0 of a flag byte whose other bits say which FLAGGED
   * components follow.
   */
  private static final int FLAGS = 1;

  /**
   * A component stored only when its bit in the record's flag byte is set (else it reads as its
   * absent value).
   */
  private static final int FLAGGED = 2;

  /** One component of a layout. */
  static final class Component<R, V> {
    final String name;
    final int index;
    private final Function<R, V> accessor;
    private final FieldCodec<V> codec;
    private final int kind;
    private final int since;
    private final V absent;
    private final int bit;
    private final Predicate<V> present;

    /** The codec's {@link FieldCodec#tag}, and its enum type for an enum. */
    private final int tag;

    @SuppressWarnings("rawtypes")
    private final Class<? extends Enum> enumType;

    private Component(
        final String name,
        final int index,
        final Function<R, V> accessor,
        final FieldCodec<V> codec,
        final int kind,
        final int since,
        final V absent,
        final int bit,
        final Predicate<V> present) {
      this.name = name;
      this.index = index;
      this.accessor = accessor;
      this.codec = codec;
      this.kind = kind;
      this.since = since;
      this.absent = absent;
      this.bit = bit;
      this.present = present;
      this.tag = kind == PLAIN ? codec.tag() : 0;
      this.enumType = codec instanceof EnumCodec<?> e ? e.type : null;
    }

    private Component<R, V> since(final int version, final V absentValue) {
      return new Component<>(
          name, index, accessor, codec, kind, version, absentValue, bit, present);
    }

    private boolean isPresent(final R record) {
      return present.test(accessor.apply(record));
    }

    private void write(final BinaryWriter w, final R record, final RecordLayout<R> layout) {
      switch (kind) {
        case PLAIN -> writePlain(w, accessor.apply(record));
        case FLAGS -> w.writeByte(layout.flagsOf(record, (Boolean) accessor.apply(record)));
        default -> {
          final V value = accessor.apply(record);
          if (present.test(value)) {
            codec.write(w, value);
          }
        }
      }
    }

    private void writePlain(final BinaryWriter w, final V value) {
      if (tag == 0) {
        codec.write(w, value);
      } else {
        Primitives.write(tag, w, value);
      }
    }

    @SuppressWarnings("unchecked")
    private V readPlain(final RecordReader r) {
      return tag == 0 ? codec.read(r) : (V) Primitives.read(tag, enumType, r);
    }

    private void skipPlain(final RecordReader r) {
      if (tag == 0) {
        codec.skip(r);
      } else {
        Primitives.skip(tag, r);
      }
    }

    V read(final RecordReader r) {
      if (r.version < since) {
        return absent;
      }
      switch (kind) {
        case PLAIN:
          return readPlain(r);
        case FLAGS:
          final int flags = r.readByte();
          if ((flags & ~r.layout.knownFlags) != 0) {
            throw new IllegalArgumentException("unknown " + r.layout.name + " flags " + flags);
          }
          r.flags = flags;
          @SuppressWarnings("unchecked")
          final V set = (V) Boolean.valueOf((flags & 1) != 0);
          return set;
        default:
          return (r.flags & bit) != 0 ? codec.read(r) : absent;
      }
    }

    long readLong(final RecordReader r) {
      if (r.version < since) {
        return (Long) absent;
      }
      if (kind != PLAIN || !(codec instanceof LongCodec)) {
        throw new IllegalStateException(name + " is not a long component");
      }
      return ((LongCodec) codec).readLong(r);
    }

    void skip(final RecordReader r) {
      if (r.version < since) {
        return;
      }
      switch (kind) {
        case PLAIN -> skipPlain(r);
        case FLAGS -> read(r);
        default -> {
          if ((r.flags & bit) != 0) {
            codec.skip(r);
          }
        }
      }
    }
  }

  final Class<R> type;
  final String name;
  private final Component<R, ?>[] components;
  private final Constructor<R> constructor;

  /** Bit 0 and the bits of the FLAGGED components, when the layout has a flag byte. */
  private final int knownFlags;

  /**
   * For a layout of plain primitives only (most nested records): each component's tag and first
   * version, so that stepping over one is a loop of switches; null otherwise.
   */
  private final int[] primitiveTags;

  private final int[] primitiveSince;

  private RecordLayout(
      final Class<R> type,
      final List<Component<R, ?>> components,
      final Constructor<R> constructor) {
    this.type = type;
    this.name = type.getSimpleName();
    @SuppressWarnings("unchecked")
    final Component<R, ?>[] array = components.toArray(new Component[0]);
    this.components = array;
    this.constructor = constructor;
    int known = 0;
    for (Component<R, ?> c : array) {
      known |= c.kind == FLAGS ? 1 : c.kind == FLAGGED ? c.bit : 0;
    }
    this.knownFlags = known;
    final boolean primitives = Arrays.stream(array).allMatch(c -> c.kind == PLAIN && c.tag != 0);
    this.primitiveTags = primitives ? Arrays.stream(array).mapToInt(c -> c.tag).toArray() : null;
    this.primitiveSince = primitives ? Arrays.stream(array).mapToInt(c -> c.since).toArray() : null;
  }

  static <R> Builder<R> of(final Class<R> type) {
    return new Builder<>(type);
  }

  /** Declares a layout's components in stored order. */
  static final class Builder<R> {
    private final Class<R> type;
    private final List<Component<R, ?>> components = new ArrayList<>();
    private int nextBit;

    private Builder(final Class<R> type) {
      this.type = type;
    }

    /** A component stored as its codec writes it. */
    <V> Builder<R> field(
        final String name, final Function<R, V> accessor, final FieldCodec<V> codec) {
      components.add(
          new Component<>(name, components.size(), accessor, codec, PLAIN, 1, null, 0, null));
      return this;
    }

    /**
     * The last component was added by format version {@code version}: records of earlier versions
     * hold no bytes for it and read it as {@code absent}.
     */
    @SuppressWarnings("unchecked")
    <V> Builder<R> since(final int version, final V absent) {
      final Component<R, V> last = (Component<R, V>) components.remove(components.size() - 1);
      components.add(last.since(version, absent));
      return this;
    }

    /**
     * A boolean component stored as bit 0 of a flag byte; the bits after it say which of the later
     * {@link #flagged} components are stored. A reader refuses a flag byte with any other bit set.
     */
    Builder<R> flags(final String name, final Function<R, Boolean> accessor) {
      if (nextBit != 0) {
        throw new IllegalStateException(type.getSimpleName() + " has one flag byte");
      }
      nextBit = 1;
      components.add(
          new Component<>(
              name, components.size(), accessor, FieldCodec.BOOLEAN, FLAGS, 1, null, 1, null));
      return this;
    }

    /**
     * A component stored only when {@code present} holds (its bit of the flag byte tells); else
     * read as absent.
     */
    <V> Builder<R> flagged(
        final String name,
        final Function<R, V> accessor,
        final FieldCodec<V> codec,
        final Predicate<V> present,
        final V absent) {
      if (nextBit == 0 || nextBit >= 0x80) {
        throw new IllegalStateException(
            name + ": a flagged component needs a flag byte before it with a bit free");
      }
      nextBit <<= 1;
      components.add(
          new Component<>(
              name, components.size(), accessor, codec, FLAGGED, 1, absent, nextBit, present));
      return this;
    }

    RecordLayout<R> build(final Constructor<R> constructor) {
      return new RecordLayout<>(type, components, constructor);
    }
  }

  Component<R, ?> component(final int index) {
    if (index >= components.length) {
      throw new IllegalStateException(
          name
              + "'s constructor takes more than its "
              + components.length
              + " declared components");
    }
    return components[index];
  }

  /** The component of this name (looked up once, when a caller keeps it in a constant). */
  @SuppressWarnings("unchecked")
  <V> Component<R, V> component(final String componentName) {
    for (Component<R, ?> c : components) {
      if (c.name.equals(componentName)) {
        return (Component<R, V>) c;
      }
    }
    throw new IllegalArgumentException(name + " has no component " + componentName);
  }

  /** The components' names in stored order. */
  List<String> componentNames() {
    return Arrays.stream(components).map(c -> c.name).toList();
  }

  private int flagsOf(final R record, final boolean bit0) {
    int flags = bit0 ? 1 : 0;
    for (Component<R, ?> c : components) {
      if (c.kind == FLAGGED && c.isPresent(record)) {
        flags |= c.bit;
      }
    }
    return flags;
  }

  @Override
  public void write(final BinaryWriter w, final R record) {
    for (Component<R, ?> c : components) {
      c.write(w, record, this);
    }
  }

  @Override
  public R read(final RecordReader r) {
    final RecordLayout<?> outer = r.layout;
    final int outerNext = r.next;
    final int outerFlags = r.flags;
    r.layout = this;
    r.next = 0;
    r.flags = 0;
    final R record = constructor.build(r);
    if (r.next != components.length) {
      throw new IllegalStateException(
          name
              + "'s constructor took "
              + r.next
              + " of its "
              + components.length
              + " declared components");
    }
    r.layout = outer;
    r.next = outerNext;
    r.flags = outerFlags;
    return record;
  }

  @Override
  public void skip(final RecordReader r) {
    if (primitiveTags != null) {
      for (int i = 0; i < primitiveTags.length; i++) {
        if (r.version >= primitiveSince[i]) {
          Primitives.skip(primitiveTags[i], r);
        }
      }
      return;
    }
    final RecordLayout<?> outer = r.layout;
    final int outerFlags = r.flags;
    r.layout = this;
    r.flags = 0;
    for (Component<R, ?> c : components) {
      c.skip(r);
    }
    r.layout = outer;
    r.flags = outerFlags;
  }

  /**
   * A reader at the first component of a record of this layout in {@code version}, its format
   * byte(s) before.
   */
  RecordReader open(final byte[] bytes, final int offset, final int version) {
    final RecordReader r = new RecordReader(bytes, offset, version);
    r.layout = this;
    return r;
  }

  /**
   * One component of the record {@link #open} opened, the components before it stepped over;
   * components must be taken in stored order.
   */
  <V> V readComponent(final RecordReader r, final Component<R, V> wanted) {
    skipTo(r, wanted.index);
    r.next++;
    return wanted.read(r);
  }

  private void skipTo(final RecordReader r, final int index) {
    if (r.layout != this || r.next > index) {
      throw new IllegalStateException(name + ": components are read in stored order");
    }
    while (r.next < index) {
      components[r.next++].skip(r);
    }
  }

  /**
   * A copy of a record with some components replaced by fixed values, the other components' bytes
   * copied as they are: the record is walked to its end (a damaged one is refused as a read would
   * refuse it).
   */
  static final class Rewrite<R> {
    private final RecordLayout<R> layout;

    /** For each component, the bytes that replace it, or null to keep it. */
    private final byte[][] replacement;

    private Rewrite(final RecordLayout<R> layout, final byte[][] replacement) {
      this.layout = layout;
      this.replacement = replacement;
    }

    /** This rewrite, also replacing {@code component} (a plain one) by {@code value}. */
    <V> Rewrite<R> replacing(final Component<R, V> component, final V value) {
      if (component.kind != PLAIN) {
        throw new IllegalArgumentException(
            component.name + ": only a plain component can be replaced");
      }
      final BinaryWriter w = new BinaryWriter(16);
      component.codec.write(w, value);
      final byte[][] next = replacement.clone();
      next[component.index] = w.toByteArray();
      return new Rewrite<>(layout, next);
    }

    /**
     * The copy of the record {@code r} ({@link #open}, nothing read yet) reads, from its first
     * byte.
     */
    byte[] apply(final RecordReader r, final byte[] bytes) {
      layout.skipTo(r, 0);
      final BinaryWriter w = new BinaryWriter(bytes.length);
      int copyFrom = 0;
      for (int i = 0; i < replacement.length; i++) {
        final Component<R, ?> c = layout.components[i];
        if (replacement[i] == null || r.version < c.since) {
          c.skip(r);
          continue;
        }
        final int at = r.position();
        w.writeBytes(bytes, copyFrom, at - copyFrom);
        c.skip(r);
        w.writeBytes(replacement[i], 0, replacement[i].length);
        copyFrom = r.position();
      }
      r.next = replacement.length;
      if (!r.atEnd()) {
        throw new IllegalArgumentException("trailing bytes after a " + layout.name + " record");
      }
      w.writeBytes(bytes, copyFrom, bytes.length - copyFrom);
      return w.toByteArray();
    }
  }

  /** A rewrite that keeps every component (add replacements with {@link Rewrite#replacing}). */
  Rewrite<R> rewrite() {
    return new Rewrite<>(this, new byte[components.length][]);
  }
}
