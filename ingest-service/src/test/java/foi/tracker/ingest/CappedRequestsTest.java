package foi.tracker.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import foi.tracker.core.access.AccessControl;
import foi.tracker.core.api.ApiException;
import foi.tracker.core.calendar.WorkingDayCalendar;
import foi.tracker.core.deadline.DeadlineClock;
import foi.tracker.core.deadline.DeadlineSettings;
import foi.tracker.core.event.ApplicationReceived;
import foi.tracker.core.event.Channel;
import foi.tracker.core.event.ConsultationEnded;
import foi.tracker.core.event.Decided;
import foi.tracker.core.event.RequestEvent;
import foi.tracker.core.request.Bounds;
import foi.tracker.core.request.Decision;
import foi.tracker.core.request.RequestRules;
import foi.tracker.core.request.RequestState;
import foi.tracker.core.topic.Topics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

/**
 * The ingest's side of the bound on refused events (api.md "Bounds on input"): a step the rules
 * refuse on a request at the bound is 400 TOO_MANY_EVENTS; a step is judged only on a state that
 * reflects every event of the request known to be on the log.
 */
class CappedRequestsTest {
  private static final LocalDate TODAY = LocalDate.of(2026, 3, 10);
  private static final Instant AT = Instant.parse("2026-03-10T02:00:00Z");
  private static final RequestRules RULES =
      new RequestRules(
          new DeadlineClock(WorkingDayCalendar.bundled(), DeadlineSettings.defaults()));
  private static final String KEY = "town/r1";

  /** Built once (each refusal copies the state). */
  private static final RequestState BELOW = withRefusals(Bounds.MAX_REFUSED_EVENTS - 1);

  private static final RequestState CAPPED =
      ((Decision.Rejected) RULES.decide(BELOW, ended("last"), TODAY)).next();

  /**
   * A request received on 2026-03-02 with {@code refusals} refused CONSULTATION_ENDED steps (none
   * was open).
   */
  private static RequestState withRefusals(final int refusals) {
    RequestState s =
        ((Decision.Accepted)
                RULES.decide(
                    null,
                    new ApplicationReceived(
                        "received",
                        "town",
                        "r1",
                        LocalDate.of(2026, 3, 2),
                        AT,
                        "NATURAL_PERSON",
                        Channel.ONLINE,
                        null,
                        null),
                    TODAY))
            .next();
    for (int i = 0; i < refusals; i++) {
      s = ((Decision.Rejected) RULES.decide(s, ended("x" + i), TODAY)).next();
    }
    return s;
  }

  private static ConsultationEnded ended(final String id) {
    return new ConsultationEnded(id, "town", "r1", LocalDate.of(2026, 3, 3), AT);
  }

  private static byte[] at(final int partition, final long offset) {
    return ByteBuffer.allocate(12).putInt(partition).putLong(offset).array();
  }

  private static ApiException judge(final RequestState state, final RequestEvent step) {
    return CappedRequests.tooManyEvents(step, state, RULES.decide(state, step, TODAY));
  }

  @Test
  void shouldRefuseAStepTheRulesRefuseOnARequestAtTheBoundNamingRequestId() {
    final RequestState capped = CAPPED;
    final ApiException refused = judge(capped, ended("next"));
    assertNotNull(refused);
    assertEquals(400, refused.status());
    assertEquals("TOO_MANY_EVENTS", refused.code());
    assertEquals("requestId", refused.field());
    assertEquals(
        "requestId：申请 r1 已有 1000 条被拒绝的事件（上限 1000 条），此步骤依规则将被拒绝（NO_CONSULTATION_OPEN），不予保存"
            + " (request r1 already holds 1000 refused events (at most 1000); this step would be refused "
            + "(NO_CONSULTATION_OPEN) and is not written)",
        refused.getMessage());
  }

  @Test
  void shouldLetAStepTheRulesAcceptThroughOnARequestAtTheBound() {
    final RequestState capped = CAPPED;
    assertNull(
        judge(
            capped,
            new Decided("d1", "town", "r1", LocalDate.of(2026, 3, 4), AT, "DISCLOSED", null)));
    assertNull(
        judge(capped, ended("x7")),
        "a re-send of a kept refusal is the same event, not a new refusal");
  }

  @Test
  void shouldLetEveryStepThroughOnARequestBelowTheBound() {
    assertNull(judge(BELOW, ended("next")));
  }

  @Test
  void shouldJudgeOnlyOnAStateThatReflectsEveryEventOfItsRequestKnownOnTheLog() {
    final RequestState capped = CAPPED;
    final CappedRequests c = new CappedRequests();
    c.onLog("town/other", 0, 1001);
    c.published(KEY, capped, at(0, 1000));
    assertTrue(capped == c.current(KEY), "another request's event after it does not matter");
    c.onLog(KEY, 0, 1002); // e.g. this service's own write, acknowledged
    assertFalse(
        isCurrent(c, KEY), "a step of the request after the published state: not judged here");
    c.published(KEY, capped, at(0, 1001));
    assertFalse(isCurrent(c, KEY), "still behind");
    c.published(KEY, capped, at(0, 1002));
    assertTrue(capped == c.current(KEY));
    c.published(KEY, BELOW, at(0, 1000));
    assertTrue(
        capped == c.current(KEY), "an older publication read late does not replace a newer one");
    assertFalse(isCurrent(c, "town/other"));
  }

  @Test
  void shouldCountAnEventReadBeforeItsRequestReachedTheBound() {
    final CappedRequests c = new CappedRequests();
    c.onLog(KEY, 0, 1005);
    c.onLog("town/other", 0, 1006);
    c.published(KEY, CAPPED, at(0, 1003));
    assertFalse(isCurrent(c, KEY), "the event at 1005 is not in the state published at 1003");
    c.published(KEY, CAPPED, at(0, 1005));
    assertTrue(isCurrent(c, KEY));
  }

  @Test
  void shouldCountARequestBehindWhenItsPartitionsMemoryDoesNotReachBackToItsState() {
    final CappedRequests c = new CappedRequests();
    final int newest = 2001 + CappedRequests.RECENT_PER_PARTITION;
    for (int offset = 2000; offset <= newest; offset++) {
      c.onLog("town/other-" + offset, 0, offset); // 2000 and 2001 are forgotten
    }
    c.published(KEY, CAPPED, at(0, 2000));
    assertFalse(
        isCurrent(c, KEY), "the event at 2001 was forgotten: it may have been one of this request");
    c.published(KEY, CAPPED, at(0, newest - 1));
    assertFalse(isCurrent(c, KEY), "not yet at the latest event seen on the partition");
    c.published(KEY, CAPPED, at(0, newest));
    assertTrue(isCurrent(c, KEY), "published again at the latest event seen on the partition");
    final CappedRequests remembered = new CappedRequests();
    for (int offset = 2001; offset <= newest; offset++) {
      remembered.onLog("town/other-" + offset, 0, offset); // only 2001 is forgotten
    }
    remembered.published(KEY, CAPPED, at(0, 2001));
    assertTrue(
        isCurrent(remembered, KEY), "every event after 2001 is remembered, none of this request");
    // another partition's memory is its own
    c.published("city/r2", CAPPED, at(1, 10));
    assertTrue(isCurrent(c, "city/r2"));
  }

  private static boolean isCurrent(final CappedRequests c, final String key) {
    return c.current(key) != null;
  }

  @Test
  void shouldReadTheCappedTopicAndTheEventLogIntoTheLedger() {
    try (IngestLedger ledger =
        new IngestLedger("127.0.0.1:1", new AccessControl("admin-token-for-tests"))) {
      final RequestState capped = CAPPED;
      final RecordHeaders headers = new RecordHeaders();
      headers.add(Topics.CAPPED_AT_HEADER, at(0, 40));
      ledger.apply(
          new ConsumerRecord<>(
              Topics.CAPPED_REQUESTS.name(),
              0,
              7,
              AT.toEpochMilli(),
              TimestampType.CREATE_TIME,
              0,
              0,
              KEY.getBytes(StandardCharsets.UTF_8),
              Topics.CAPPED_REQUESTS.valueSerde().serializer().serialize(null, capped),
              headers,
              Optional.empty()));
      assertEquals(Bounds.MAX_REFUSED_EVENTS, ledger.capped().current(KEY).rejected().size());
      ledger.apply(
          new ConsumerRecord<>(
              Topics.EVENTS.name(),
              0,
              41,
              AT.toEpochMilli(),
              TimestampType.CREATE_TIME,
              0,
              0,
              KEY.getBytes(StandardCharsets.UTF_8),
              foi.tracker.core.json.Json.write(ended("y")),
              new RecordHeaders(),
              Optional.empty()));
      assertTrue(
          ledger.capped().current(KEY) == null, "an event of the request read after the state");
    }
  }
}
