package foi.tracker.dashboard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClosedRequestFileTest {
  @TempDir Path dir;

  @Test
  void everyRecordReadsBackAsAppendedWhetherBufferedOrOnDisk() {
    final Random rnd = new Random(3);
    final List<byte[]> records = new ArrayList<>();
    final List<Long> offsets = new ArrayList<>();
    try (ClosedRequestFile f = new ClosedRequestFile(dir)) {
      for (int i = 0; i < 5_000; i++) {
        // mostly request-sized, some empty, a few larger than the write buffer
        final int size =
            i % 997 == 0 ? 300_000 + rnd.nextInt(1000) : i % 101 == 0 ? 0 : 100 + rnd.nextInt(600);
        final byte[] b = new byte[size];
        rnd.nextBytes(b);
        records.add(b);
        offsets.add(f.append(b));
        if (i % 250 == 0) {
          final int j = rnd.nextInt(records.size());
          assertArrayEquals(
              records.get(j), f.read(offsets.get(j)), "record " + j + " while writing");
        }
      }
      for (int j = 0; j < records.size(); j++) {
        assertArrayEquals(records.get(j), f.read(offsets.get(j)), "record " + j);
      }
      assertTrue(f.bytesWritten() > 2_000_000, "large records went through: " + f.bytesWritten());
    }
    assertEquals(0, files(), "the file is deleted on close");
  }

  @Test
  void filesOfAProcessThatIsGoneAreDeletedAndALiveOneIsLeftAlone() throws Exception {
    final Path abandoned =
        Files.write(dir.resolve("closed-requests-123.bin"), new byte[] {1, 2, 3});
    try (ClosedRequestFile live = new ClosedRequestFile(dir)) {
      assertFalse(Files.exists(abandoned), "no process holds its lock");
      live.append(new byte[] {9});
      try (ClosedRequestFile second = new ClosedRequestFile(dir)) {
        assertEquals(
            2, files(), "a second dashboard on the same data dir keeps the first one's file");
        assertArrayEquals(new byte[] {9}, live.read(0));
      }
    }
  }

  private long files() {
    try (Stream<Path> s = Files.list(dir)) {
      return s.count();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
