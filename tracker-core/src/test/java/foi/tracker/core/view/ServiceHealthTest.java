package foi.tracker.core.view;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceHealthTest {
  private static final ProcessorProbe.Snapshot LAGGING =
      new ProcessorProbe.Snapshot(
          ProcessorProbe.State.REBALANCING,
          1,
          1_200L,
          Map.of(0, 1_200L),
          Instant.parse("2026-01-05T08:00:00Z"));

  @Test
  void shouldSayUpWithTheProcessorsStateAndLagWhenReady() {
    assertEquals(
        "{\"status\":\"UP\",\"processor\":{\"state\":\"REBALANCING\",\"members\":1,\"lagRecords\":1200,"
            + "\"asOf\":\"2026-01-05T08:00:00Z\"}}",
        ServiceHealth.body(true, new TopicTail.Progress(10, 10, 1.0, true), LAGGING));
  }

  @Test
  void shouldSayStartingWithTheRebuildsProgressWhenNotReady() {
    assertEquals(
        "{\"status\":\"STARTING\",\"progress\":{\"read\":1250,\"toRead\":5000,\"percent\":25,"
            + "\"seconds\":12.3},\"processor\":{\"state\":\"UNKNOWN\",\"members\":0,\"lagRecords\":null,\"asOf\":null}}",
        ServiceHealth.body(
            false,
            new TopicTail.Progress(1_250, 5_000, 12.345, false),
            ProcessorProbe.Snapshot.NOT_YET));
  }
}
