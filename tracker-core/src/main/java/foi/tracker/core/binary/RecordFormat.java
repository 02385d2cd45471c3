package foi.tracker.core.binary;

/**
 * The format versions of one record kind: each record starts with one format byte that names its kind and version
 * (request and totals records share the byte space, so the byte alone tells them apart; JSON of earlier releases
 * starts with {@code '{'}, which no format byte is). Version {@code n} is the n-th byte given; the last one is written.
 */
final class RecordFormat<R> {
  final RecordLayout<R> layout;
  private final byte[] formatBytes;

  RecordFormat(final RecordLayout<R> layout, final byte... formatBytes) {
    this.layout = layout;
    this.formatBytes = formatBytes.clone();
  }

  /** The version written today. */
  int currentVersion() {
    return formatBytes.length;
  }

  byte formatByte(final int version) {
    return formatBytes[version - 1];
  }

  /** The version of a record starting with this byte, or 0 when it is not a record of this kind. */
  int versionOf(final byte formatByte) {
    for (int i = 0; i < formatBytes.length; i++) {
      if (formatBytes[i] == formatByte) {
        return i + 1;
      }
    }
    return 0;
  }

  boolean isRecord(final byte[] bytes) {
    return bytes.length > 0 && versionOf(bytes[0]) > 0;
  }

  /** A reader at the first component of a record of this kind; anything else is refused. */
  RecordReader open(final byte[] bytes) {
    final int version = bytes.length == 0 ? 0 : versionOf(bytes[0]);
    if (version == 0) {
      throw new IllegalArgumentException(
          "not a binary "
              + layout.name
              + " (format byte "
              + (bytes.length == 0 ? "missing" : bytes[0])
              + ")");
    }
    return layout.open(bytes, 1, version);
  }

  byte[] write(final R record, final int initialCapacity) {
    final BinaryWriter w = new BinaryWriter(initialCapacity);
    w.writeByte(formatByte(currentVersion()));
    layout.write(w, record);
    return w.toByteArray();
  }

  R read(final byte[] bytes) {
    final RecordReader r = open(bytes);
    final R record = layout.read(r);
    if (!r.atEnd()) {
      throw new IllegalArgumentException("trailing bytes after a " + layout.name + " record");
    }
    return record;
  }
}
