package foi.tracker.core.binary;

/**
 * Reads one state record of a known format version: the primitives of {@link BinaryReader}, plus
 * where a {@link RecordLayout} is within the record it reads (its component cursor and flag byte),
 * so that a layout's constructor takes each component with {@link #next} in the order the layout
 * declares them.
 */
final class RecordReader extends BinaryReader {
  /**
   * The record's format version (1 for the first): components added later read as their absent
   * value.
   */
  final int version;

  /** The layout being read, the index of its next component, and its flag byte once read. */
  RecordLayout<?> layout;

  int next;
  int flags;

  RecordReader(final byte[] buf, final int offset, final int version) {
    super(buf, offset);
    this.version = version;
  }

  /** The next component of the record being read (its type is the constructor parameter's). */
  @SuppressWarnings("unchecked")
  <T> T next() {
    return (T) layout.component(next++).read(this);
  }

  /** The next component, a {@code long} ({@link FieldCodec#SIGNED_LONG}), unboxed. */
  long nextLong() {
    return layout.component(next++).readLong(this);
  }
}
