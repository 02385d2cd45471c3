package foi.tracker.dashboard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The closed requests' bytes ({@code StateCodec}) outside the heap: an append-only scratch file
 * under the data dir, read back by offset. The views are rebuilt from Kafka at every start, so the
 * file is only a cache of this process: it is created empty, locked while the process lives, and
 * deleted on close; files left by a killed process (their lock is free) are deleted at the next
 * start. A request closed again (an amendment, an appeal) appends a new record; the old one is
 * simply no longer pointed to.
 *
 * <p>Not thread-safe: the views call it under their own lock.
 */
final class ClosedRequestFile implements AutoCloseable {
  private static final int BUFFER_BYTES = 256 * 1024;

  private final Path path;
  private final FileChannel channel;
  private final FileLock lock;
  private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES);

  /** File offset of the first byte in {@link #buffer}. */
  private long flushedEnd;

  ClosedRequestFile(final Path dir) {
    try {
      Files.createDirectories(dir);
      deleteAbandoned(dir);
      path = Files.createTempFile(dir, "closed-requests-", ".bin");
      channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
      lock = channel.lock();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the dashboard's request file under " + dir, e);
    }
  }

  /** Deletes the files of processes that are gone (nobody holds their lock). */
  private static void deleteAbandoned(final Path dir) throws IOException {
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "closed-requests-*.bin")) {
      for (Path f : files) {
        try (FileChannel c = FileChannel.open(f, StandardOpenOption.WRITE)) {
          final FileLock l = c.tryLock();
          if (l != null) {
            l.release();
            Files.deleteIfExists(f);
          }
        } catch (IOException | java.nio.channels.OverlappingFileLockException e) {
          // held by a live process (or this one): leave it
        }
      }
    }
  }

  /** Appends one record and returns its offset. */
  long append(final byte[] bytes) {
    final int need = 4 + bytes.length;
    if (need > buffer.remaining()) {
      flush();
    }
    final long offset = flushedEnd + buffer.position();
    if (need > buffer.capacity()) {
      write(ByteBuffer.allocate(need).putInt(bytes.length).put(bytes).flip());
      return offset;
    }
    buffer.putInt(bytes.length).put(bytes);
    return offset;
  }

  /** The record at {@code offset}, as appended. */
  byte[] read(final long offset) {
    if (offset >= flushedEnd) {
      final int at = (int) (offset - flushedEnd);
      final byte[] out = new byte[buffer.getInt(at)];
      buffer.get(at + 4, out);
      return out;
    }
    try {
      final ByteBuffer len = ByteBuffer.allocate(4);
      readFully(len, offset);
      final ByteBuffer out = ByteBuffer.allocate(len.flip().getInt());
      readFully(out, offset + 4);
      return out.array();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the dashboard's request file " + path, e);
    }
  }

  long bytesWritten() {
    return flushedEnd + buffer.position();
  }

  private void readFully(final ByteBuffer b, final long at) throws IOException {
    while (b.hasRemaining()) {
      if (channel.read(b, at + b.position()) < 0) {
        throw new IOException("record at " + at + " runs past the end of " + path);
      }
    }
  }

  private void flush() {
    buffer.flip();
    write(buffer);
    buffer.clear();
  }

  private void write(final ByteBuffer b) {
    try {
      while (b.hasRemaining()) {
        flushedEnd += channel.write(b, flushedEnd);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the dashboard's request file " + path, e);
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
      channel.close();
      Files.deleteIfExists(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
