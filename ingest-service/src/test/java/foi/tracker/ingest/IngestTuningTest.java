package foi.tracker.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class IngestTuningTest {
  @Test
  void lingerComesFromTheEnvironmentWithinItsRange() {
    assertEquals(IngestApp.DEFAULT_LINGER_MS, IngestApp.lingerMs(Map.of()));
    assertEquals(
        IngestApp.DEFAULT_LINGER_MS, IngestApp.lingerMs(Map.of("TRACKER_INGEST_LINGER_MS", " ")));
    assertEquals(0, IngestApp.lingerMs(Map.of("TRACKER_INGEST_LINGER_MS", "0")));
    assertEquals(20, IngestApp.lingerMs(Map.of("TRACKER_INGEST_LINGER_MS", " 20 ")));
    for (String bad : new String[] {"-1", "51", "5ms", "1.5"}) {
      final IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> IngestApp.lingerMs(Map.of("TRACKER_INGEST_LINGER_MS", bad)));
      assertTrue(
          e.getMessage().contains("TRACKER_INGEST_LINGER_MS") && e.getMessage().contains(bad),
          e.getMessage());
    }
  }
}
