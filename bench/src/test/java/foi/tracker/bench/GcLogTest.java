package foi.tracker.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GcLogTest {
  private static final long END =
      OffsetDateTime.parse("2026-12-01T19:20:01.123+00:00").toInstant().toEpochMilli();

  @Test
  void readsG1PausesWithTheirStartAndLength() {
    final GcLog.Pause p =
        GcLog.parse(
            "[2026-12-01T19:20:01.123+0000] GC(5) Pause Young (Normal) "
                + "(G1 Evacuation Pause) 51M->12M(256M) 23.456ms");
    assertEquals(23.456, p.ms());
    assertEquals(END - 23, p.startMs());
    assertEquals(END, p.endMs());
    assertEquals(
        4.1,
        GcLog.parse("[2026-12-01T19:20:01.123+0000] GC(9) Pause Remark 40M->40M(256M) 4.100ms")
            .ms());
    assertNull(GcLog.parse("[2026-12-01T19:20:01.123+0000] Using G1"));
    assertNull(GcLog.parse("[2026-12-01T19:20:01.123+0000] GC(6) Concurrent Mark Cycle 80.123ms"));
  }

  @Test
  void summarisesThePausesInAWindowAndTheProbesTheyDelayed() {
    final List<GcLog.Pause> pauses =
        List.of(
            new GcLog.Pause(1_000, 10), new GcLog.Pause(5_000, 100), new GcLog.Pause(9_000, 30));
    final Map<String, Object> s = GcLog.summary(pauses, 900, 6_000);
    assertEquals(2, s.get("count"));
    assertEquals(110L, s.get("totalMs"));
    assertEquals(100.0, s.get("maxMs"));
    final List<long[]> windows =
        List.of(
            new long[] {0, 500},
            new long[] {4_950, 5_020},
            new long[] {5_101, 5_200},
            new long[] {8_000, 9_001});
    assertEquals(0.5, GcLog.shareOverlapping(windows, pauses));
  }

  @Test
  void readsTheHeapBeforeAndAfterEachCollectionAndItsPeaksInAWindow() throws Exception {
    final GcLog.Heap h =
        GcLog.parseHeap(
            "[2026-12-01T19:20:01.123+0000] GC(5) Pause Young (Normal) "
                + "(G1 Evacuation Pause) 512M->130M(1024M) 12.345ms");
    assertEquals(512, h.beforeMb());
    assertEquals(130, h.afterMb());
    assertNull(
        GcLog.parseHeap("[2026-12-01T19:20:01.123+0000] GC(6) Concurrent Mark Cycle 80.123ms"));
    final java.nio.file.Path f = java.nio.file.Files.createTempFile("gc", ".log");
    try {
      java.nio.file.Files.writeString(
          f,
          String.join(
              "\n",
              "[2026-12-01T19:20:01.000+0000] GC(1) Pause Young (Normal) (G1 Evacuation Pause) 900M->100M(1024M) 5.0ms",
              "[2026-12-01T19:20:02.000+0000] GC(2) Pause Young (Normal) (G1 Evacuation Pause) 300M->200M(1024M) 5.0ms",
              "[2026-12-01T19:20:03.000+0000] GC(3) Pause Young (Normal) (G1 Evacuation Pause) 400M->150M(1024M) 5.0ms"));
      final long t2 =
          java.time.OffsetDateTime.parse("2026-12-01T19:20:02.000+00:00")
              .toInstant()
              .toEpochMilli();
      final java.util.Map<String, Object> m = GcLog.heapDuring(f, t2, t2 + 1000);
      assertEquals(2L, m.get("gcCount"));
      assertEquals(400L, m.get("peakHeapMb"));
      assertEquals(200L, m.get("peakLiveMb"));
      assertNull(
          GcLog.heapDuring(f, 0, 1).get("peakHeapMb"), "no collection in the window: no figure");
    } finally {
      java.nio.file.Files.delete(f);
    }
  }
}
