package foi.tracker.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Where the processor's HTTP server listens: loopback at 8083 unless the environment says
 * otherwise.
 */
class ProcessorHttpTest {
  @Test
  void listensOnLoopbackAt8083UnlessConfigured() {
    assertEquals("127.0.0.1", ProcessorHttp.hostFrom(Map.of()));
    assertEquals("127.0.0.1", ProcessorHttp.hostFrom(Map.of("TRACKER_PROCESSOR_HOST", " ")));
    assertEquals("0.0.0.0", ProcessorHttp.hostFrom(Map.of("TRACKER_PROCESSOR_HOST", "0.0.0.0")));
    assertEquals(8083, ProcessorHttp.portFrom(Map.of()));
    assertEquals(0, ProcessorHttp.portFrom(Map.of("TRACKER_PROCESSOR_PORT", "0")));
    assertEquals(9183, ProcessorHttp.portFrom(Map.of("TRACKER_PROCESSOR_PORT", " 9183 ")));
  }

  @Test
  void aBadPortIsRefusedNamingTheVariable() {
    for (String bad : new String[] {"-1", "65536", "http", "80.5"}) {
      final IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> ProcessorHttp.portFrom(Map.of("TRACKER_PROCESSOR_PORT", bad)));
      assertTrue(e.getMessage().startsWith("TRACKER_PROCESSOR_PORT"), e.getMessage());
    }
  }
}
