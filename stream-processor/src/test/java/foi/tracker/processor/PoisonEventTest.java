package foi.tracker.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import foi.tracker.core.event.ApplicationReceived;
import foi.tracker.core.event.Channel;
import foi.tracker.core.event.DelaySet;
import foi.tracker.core.event.RequestEvent;
import foi.tracker.core.request.Bounds;
import foi.tracker.core.request.Rejection;
import foi.tracker.core.request.RequestState;
import foi.tracker.core.sim.GeneratedRequest;
import foi.tracker.core.sim.LifecycleGenerator;
import foi.tracker.core.topic.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Nothing one event holds stops the processor (issue 23): poison events met mid-stream are
 * dead-lettered with their offset, marked REJECTED on their request, and every table still equals
 * the plain recount.
 */
class PoisonEventTest {
  private static final LocalDate FROM = LocalDate.of(2024, 1, 1);
  private static final LocalDate TODAY = LocalDate.of(2026, 11, 20);
  private static final int AGENCIES = 6;
  private static final int REQUESTS = 600;
  private static final String POISON = "poison-";

  /**
   * A rules failure injected through the test seam: the rules throw on every event whose id starts
   * "poison-".
   */
  private static void poisonProbe(final RequestEvent e) {
    if (e.eventId().startsWith(POISON)) {
      throw new IllegalStateException("injected failure of the rules on " + e.eventId());
    }
  }

  @Test
  void poisonEventsMidStreamAreDeadLetteredAndRejectedAndTheTablesStillEqualTheRecount()
      throws Exception {
    final long seed = 23L;
    final LifecycleGenerator gen = LifecycleGenerator.withCorrections(seed, FROM, TODAY);
    final List<GeneratedRequest> generated = new ArrayList<>();
    for (int i = 0; i < REQUESTS; i++) {
      generated.add(gen.next("agency-" + (i % AGENCIES), "r" + i));
    }
    final Random rnd = new Random(seed);
    final List<RequestEvent> stream = RandomizedOracleTest.interleave(generated, rnd);
    // poison events on existing requests, each after its request's application, spread through the
    // stream
    final List<String> poisoned = new ArrayList<>();
    for (int k = 0; k < 30; k++) {
      final GeneratedRequest g = generated.get(rnd.nextInt(REQUESTS));
      final RequestEvent app = g.events().get(0);
      final int after =
          stream.indexOf(app)
              + 1
              + rnd.nextInt(Math.max(1, stream.size() - stream.indexOf(app) - 1));
      final String id = POISON + k;
      stream.add(
          after,
          new foi.tracker.core.event.Withdrawn(
              id, g.agencyId(), g.requestId(), app.date(), app.recordedAt()));
      poisoned.add(g.agencyId() + "/" + g.requestId() + "/" + id);
    }
    // the issue's own poison: a delay to 9999-12-31 (now refused by the rules, a plain refusal)
    final GeneratedRequest delayed = generated.get(7);
    final RequestEvent delayedApp = delayed.events().get(0);
    stream.add(
        stream.indexOf(delayedApp) + 1,
        new DelaySet(
            "far-delay",
            delayed.agencyId(),
            delayed.requestId(),
            delayedApp.date(),
            delayedApp.recordedAt(),
            LocalDate.of(9999, 12, 31)));
    // a poison on a request never written, and an application whose state would be over the bound
    stream.add(
        stream.size() / 3,
        new foi.tracker.core.event.Withdrawn(
            POISON + "ghost",
            "agency-1",
            "ghost",
            FROM,
            FROM.atTime(10, 0).toInstant(ZoneOffset.ofHours(8))));
    stream.add(
        stream.size() / 2,
        new ApplicationReceived(
            "huge",
            "agency-2",
            "huge",
            FROM,
            FROM.atTime(10, 0).toInstant(ZoneOffset.ofHours(8)),
            "NATURAL_PERSON",
            Channel.ONLINE,
            "大".repeat(Bounds.MAX_STATE_BYTES),
            null));

    final long expectedRejections =
        generated.stream().mapToInt(GeneratedRequest::illegalEvents).sum() + poisoned.size() + 1;
    try (TopologyHarness h =
        new TopologyHarness(
            TODAY.atTime(12, 0).toInstant(ZoneOffset.ofHours(8)), PoisonEventTest::poisonProbe)) {
      int i = 0;
      for (RequestEvent e : stream) {
        h.send(e);
        if (++i == stream.size() / 2) {
          h.sendRaw("agency-3/raw", "not json".getBytes(StandardCharsets.UTF_8));
        }
      }
      h.flush();

      // every poison dead-lettered with its offset and the reason; the raw record and the huge
      // state too
      final List<DeadLetter> unhandled =
          h.deadLetters.stream()
              .filter(d -> d.reason().startsWith(Bounds.UNHANDLED_REASON))
              .toList();
      assertEquals(poisoned.size() + 1, unhandled.size(), h.deadLetters.toString());
      assertTrue(
          unhandled.stream().allMatch(d -> d.offset() >= 0 && d.topic() != null),
          unhandled.toString());
      assertTrue(
          h.deadLetters.stream()
              .anyMatch(
                  d -> d.key().equals("agency-2/huge") && d.reason().startsWith("STATE_TOO_LARGE")),
          h.deadLetters.toString());
      assertTrue(h.deadLetters.stream().anyMatch(d -> d.key().equals("agency-3/raw")));
      assertEquals(poisoned.size() + 3, h.deadLetters.size());
      assertNull(h.request("agency-2", "huge"));
      assertNull(h.request("agency-1", "ghost"));

      // each poison REJECTED on its request with the contract's reason
      for (String p : poisoned) {
        final String[] parts = p.split("/");
        final RequestState s = h.request(parts[0], parts[1]);
        assertNotNull(s, p);
        final Rejection r =
            s.rejected().stream()
                .filter(x -> x.eventId().equals(parts[2]))
                .findFirst()
                .orElseThrow(() -> new AssertionError(p + " not marked rejected: " + s.rejected()));
        assertEquals(Bounds.UNHANDLED_REASON, r.reason());
      }
      assertTrue(
          h.request(delayed.agencyId(), delayed.requestId()).rejected().stream()
              .anyMatch(r -> r.eventId().equals("far-delay") && r.reason().contains("超出受理范围")));
      assertEquals(expectedRejections, h.rejected.size(), "rejections");

      // and every table still equals the recount: processing went on after each poison
      for (GeneratedRequest g : generated) {
        final RequestState s = h.request(g.agencyId(), g.requestId());
        assertEquals(g.outcome(), s.countedOutcome(), g.requestId());
        assertEquals(g.decidedDate(), s.countedDecidedDate(), g.requestId());
      }
      RandomizedOracleTest.assertTablesEqualRecount(h, generated);
    }
  }

  @Test
  void aDeadLetterKeepsTheBytesOfASmallRecordButOnlyTheOffsetOfAHugeOne() throws Exception {
    try (TopologyHarness h = new TopologyHarness(Ev.at("2026-03-10"))) {
      h.sendRaw("town/small", "not json".getBytes(StandardCharsets.UTF_8));
      h.sendRaw("town/huge", "x".repeat(1_000_000).getBytes(StandardCharsets.UTF_8));
      h.send(
          new ApplicationReceived(
              "received",
              "town",
              "big-type",
              LocalDate.parse("2026-03-02"),
              Ev.at("2026-03-02"),
              "T".repeat(Bounds.MAX_STATE_BYTES),
              Channel.ONLINE,
              "s",
              null));
      h.send(Ev.received("town", "r1", "2026-03-02", "NATURAL_PERSON"));
      h.flush();
      assertEquals(3, h.deadLetters.size(), h.deadLetters.toString());
      assertNotNull(h.deadLetters.get(0).valueBase64());
      assertNull(h.deadLetters.get(1).valueBase64());
      assertEquals(1L, h.deadLetters.get(1).offset());
      assertTrue(h.deadLetters.get(1).reason().length() <= Bounds.MAX_DEAD_LETTER_REASON_CHARS + 1);
      assertTrue(h.deadLetters.get(2).reason().startsWith("REFUSAL_TOO_LARGE"));
      assertTrue(h.deadLetters.get(2).reason().length() <= Bounds.MAX_DEAD_LETTER_REASON_CHARS + 1);
      assertTrue(h.rejected.isEmpty());
      assertNotNull(h.request("town", "r1"));
    }
  }

  @Test
  void aRequestKeepsAtMost1000RefusedEventsAndStillTakesAcceptedSteps() throws Exception {
    try (TopologyHarness h = new TopologyHarness(Ev.at("2026-03-10"))) {
      h.send(Ev.received("town", "r1", "2026-03-02", "NATURAL_PERSON"));
      for (int i = 0; i <= Bounds.MAX_REFUSED_EVENTS; i++) {
        // nothing to end: refused every time
        h.send(Ev.consultationEnded("town", "r1", "x" + i, "2026-03-03"));
      }
      h.send(Ev.decided("town", "r1", "d1", "2026-03-04", "DISCLOSED"));
      h.flush();
      final RequestState s = h.request("town", "r1");
      assertEquals(Bounds.MAX_REFUSED_EVENTS, s.rejected().size());
      assertEquals("DISCLOSED", s.outcome());
      assertEquals(1, h.deadLetters.size(), h.deadLetters.toString());
      assertTrue(
          h.deadLetters.get(0).reason().startsWith("TOO_MANY_EVENTS"),
          h.deadLetters.get(0).reason());
      assertEquals(Bounds.MAX_REFUSED_EVENTS, h.rejected.size());
      assertTrue(
          h.cells("town").values().stream().anyMatch(v -> v != 0), "the decision is counted");
    }
  }
}
