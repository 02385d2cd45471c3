package foi.tracker.core.view;

import static org.junit.jupiter.api.Assertions.assertEquals;

import foi.tracker.core.json.Json;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class TopicTailProgressTest {
  private static final TopicPartition P0 = new TopicPartition("foi.requests", 0);
  private static final TopicPartition P1 = new TopicPartition("foi.requests", 1);

  @Test
  void countsTheOffsetsPassedOfThoseThereAtStartFromEachPartitionsFirstOffset() {
    // partition 0 was compacted up to offset 100; partition 1 has moved past its end at start (live
    // records)
    final TopicTail.Progress p =
        TopicTail.Progress.of(
            Map.of(P0, 100L, P1, 0L),
            Map.of(P0, 400L, P1, 100L),
            tp -> tp.equals(P0) ? 250L : 180L,
            3.04);
    assertEquals(new TopicTail.Progress(150 + 100, 300 + 100, 3.04, false), p);
    assertEquals(62, p.percent());
  }

  @Test
  void percentStaysBelowAHundredUntilCaughtUpAndIsZeroBeforeTheEndsAreKnown() {
    assertEquals(
        99,
        new TopicTail.Progress(400, 400, 1, false).percent(),
        "every offset passed but the last check not made: not yet ready");
    assertEquals(100, new TopicTail.Progress(400, 400, 1, true).percent());
    assertEquals(0, new TopicTail.Progress(0, 0, 0.2, false).percent());
    assertEquals(
        100, new TopicTail.Progress(0, 0, 0.2, true).percent(), "empty topics: caught up at once");
  }

  @Test
  void theStartingHealthBodySaysHowFarTheRebuildIs() throws Exception {
    final String body = new TopicTail.Progress(1_250, 5_000, 12.345, false).startingHealthBody();
    assertEquals(
        "{\"status\":\"STARTING\",\"progress\":{\"read\":1250,\"toRead\":5000,\"percent\":25,"
            + "\"seconds\":12.3}}",
        body);
    assertEquals("STARTING", Json.MAPPER.readTree(body).get("status").asText());
  }
}
