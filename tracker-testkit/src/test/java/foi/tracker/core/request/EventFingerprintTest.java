package foi.tracker.core.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import foi.tracker.core.event.ApplicationReceived;
import foi.tracker.core.event.Channel;
import foi.tracker.core.event.DelaySet;
import foi.tracker.core.event.RequestEvent;
import foi.tracker.core.json.Json;
import foi.tracker.core.sim.GeneratedRequest;
import foi.tracker.core.sim.LifecycleGenerator;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EventFingerprintTest {
  /**
   * The original definition, kept here as the reference: the event's JSON tree without recordedAt,
   * as text.
   */
  private static String original(final RequestEvent event) {
    final ObjectNode tree = Json.MAPPER.valueToTree(event);
    tree.remove("recordedAt");
    return EventFingerprint.sha256(tree.toString());
  }

  @Test
  void shouldGiveExactlyTheFingerprintsOfTheOriginalDefinitionForEveryKindOfEvent() {
    final LocalDate today = LocalDate.of(2026, 12, 1);
    final LifecycleGenerator gen =
        LifecycleGenerator.withCorrections(20261201L, today.minusYears(2), today);
    final List<RequestEvent> events = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      final GeneratedRequest g = gen.next("agency-" + (i % 53), "r" + i);
      events.addAll(g.events());
    }
    final Instant at = Instant.parse("2026-12-01T02:00:00Z");
    for (String subject :
        List.of(
            "关于连城镇2024年土地征收补偿标准的信息",
            "quote \" backslash \\ slash / tab \t nl \n",
            "control \u0001\u001f del \u007f",
            "line sep \u2028 para \u2029",
            "emoji 😀 and 𠀀",
            "",
            "<script>&amp;</script>")) {
      events.add(
          new ApplicationReceived(
              "received",
              "town",
              "edge",
              LocalDate.of(2026, 11, 30),
              at,
              "NATURAL_PERSON",
              Channel.POST,
              subject,
              "hmac-of-ref"));
    }
    events.add(
        new ApplicationReceived(
            "received",
            "town",
            "nulls",
            LocalDate.of(2026, 11, 30),
            at,
            "OTHER_ORG",
            Channel.ONLINE,
            null,
            null));
    events.add(
        new DelaySet(
            "delay-1", "town", "edge", LocalDate.of(2026, 11, 30), at, LocalDate.of(2027, 1, 15)));
    final Set<String> kinds = new HashSet<>();
    for (RequestEvent e : events) {
      kinds.add(e.getClass().getSimpleName());
      assertEquals(
          original(e),
          EventFingerprint.of(e),
          () -> "fingerprint changed for " + Json.writeString(e));
      assertEquals(EventFingerprint.jackson(e), EventFingerprint.contentJson(e));
    }
    assertEquals(
        RequestEvent.class.getPermittedSubclasses().length,
        kinds.size(),
        "the corpus covers every event type: " + kinds);
    // the hand writer is what gives them: every type has one
    assertEquals(
        Set.of(RequestEvent.class.getPermittedSubclasses()), EventFingerprint.handWritten());
  }

  @Test
  void shouldIgnoreWhenTheEventWasRecordedButNotWhatItSays() {
    final ApplicationReceived a =
        new ApplicationReceived(
            "received",
            "town",
            "r1",
            LocalDate.of(2026, 11, 30),
            Instant.parse("2026-11-30T01:00:00Z"),
            "NATURAL_PERSON",
            Channel.ONLINE,
            "subject",
            null);
    final ApplicationReceived resent =
        new ApplicationReceived(
            "received",
            "town",
            "r1",
            LocalDate.of(2026, 11, 30),
            Instant.parse("2026-12-01T09:30:00Z"),
            "NATURAL_PERSON",
            Channel.ONLINE,
            "subject",
            null);
    final ApplicationReceived other =
        new ApplicationReceived(
            "received",
            "town",
            "r1",
            LocalDate.of(2026, 11, 30),
            Instant.parse("2026-11-30T01:00:00Z"),
            "NATURAL_PERSON",
            Channel.ONLINE,
            "another subject",
            null);
    assertEquals(EventFingerprint.of(a), EventFingerprint.of(resent));
    assertNotEquals(EventFingerprint.of(a), EventFingerprint.of(other));
  }
}
