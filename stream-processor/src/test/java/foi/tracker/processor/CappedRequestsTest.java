package foi.tracker.processor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import foi.tracker.core.request.Bounds;
import foi.tracker.core.request.RequestKey;
import foi.tracker.core.request.RequestState;
import foi.tracker.core.topic.Topics;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/**
 * The requests at the bound on refused events (api.md "Bounds on input") are published to {@code
 * foi.capped-requests} at each of their events, with the event's place on the log; no other request
 * is.
 */
class CappedRequestsTest {

  @Test
  void shouldPublishARequestAtEachEventOnceItHolds1000RefusalsWithTheEventsPlaceOnTheLog()
      throws Exception {
    try (TopologyHarness h = new TopologyHarness(Ev.at("2026-03-10"))) {
      h.send(Ev.received("town", "r1", "2026-03-02", "NATURAL_PERSON")); // offset 0
      h.send(Ev.received("town", "calm", "2026-03-02", "NATURAL_PERSON")); // offset 1
      for (int i = 1; i < Bounds.MAX_REFUSED_EVENTS; i++) {
        h.send(
            Ev.consultationEnded(
                "town", "r1", "x" + i, "2026-03-03")); // refused: none open; offsets 2..1000
      }
      h.send(
          Ev.consultationEnded(
              "town", "calm", "c1", "2026-03-03")); // offset 1001: another request, refused
      h.flush();
      assertEquals(List.of(), h.capped, "999 refusals: not at the bound yet");

      h.send(
          Ev.consultationEnded(
              "town", "r1", "x1000", "2026-03-03")); // offset 1002: the 1,000th refusal
      h.send(
          Ev.consultationEnded(
              "town", "r1", "x1001", "2026-03-03")); // offset 1003: dead-lettered, not kept
      h.send(Ev.decided("town", "r1", "d1", "2026-03-04", "DISCLOSED")); // offset 1004: accepted
      h.flush();

      assertEquals(3, h.capped.size(), h.capped.toString());
      assertCapped(h.capped.get(0), 1002, null);
      assertCapped(h.capped.get(1), 1003, null);
      assertCapped(h.capped.get(2), 1004, "DISCLOSED");
      assertEquals(1, h.deadLetters.size(), h.deadLetters.toString());
      assertTrue(
          h.deadLetters.get(0).reason().startsWith("TOO_MANY_EVENTS"),
          h.deadLetters.get(0).reason());
    }
  }

  private static void assertCapped(
      final TestRecord<String, RequestState> r, final long offset, final String outcome) {
    assertEquals(RequestKey.of("town", "r1"), r.key());
    assertEquals(Bounds.MAX_REFUSED_EVENTS, r.value().rejected().size());
    assertEquals(outcome, r.value().outcome());
    assertArrayEquals(
        ByteBuffer.allocate(12).putInt(0).putLong(offset).array(),
        r.headers().lastHeader(Topics.CAPPED_AT_HEADER).value(),
        "the event's partition and offset");
    assertEquals(
        1, r.headers().toArray().length, "no header of the event is copied: " + r.headers());
  }
}
