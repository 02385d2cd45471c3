package foi.tracker.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import foi.tracker.core.event.RequestEvent;
import foi.tracker.core.json.Json;
import foi.tracker.core.request.Bounds;
import foi.tracker.core.topic.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * api.md "Bounds on input", through the whole stack: once a request holds 1,000 refused events, a
 * step the rules refuse is 400 TOO_MANY_EVENTS (field requestId) and written nowhere, by the single
 * call and in a batch, while a step the rules accept is still written and applied.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TooManyEventsIT {
  private static final String ADMIN = "too-many-events-admin-token-0123";
  private static final String EVENTS = "/api/v1/agencies/cap-town/requests/r1/events";
  private TrackerStack stack;
  private TestHttp in;
  private TestHttp out;
  private final AtomicInteger probes = new AtomicInteger();

  @BeforeAll
  void start() throws Exception {
    stack = TrackerStack.start(ADMIN);
    in = stack.ingestHttp();
    out = stack.dashboardHttp();
    assertEquals(
        201,
        in.send(
                "PUT",
                "/api/v1/agencies/cap-town",
                ADMIN,
                "{\"name\":\"封顶镇人民政府\",\"parentId\":null}")
            .status());
  }

  @AfterAll
  void stop() throws Exception {
    stack.close();
  }

  @Test
  void shouldRefuseARefusableStepBeyond1000RefusalsWithoutWritingItAndStillTakeAcceptedSteps()
      throws Exception {
    assertEquals(
        201,
        in.send(
                "POST",
                "/api/v1/agencies/cap-town/requests",
                ADMIN,
                "{\"requestId\":\"r1\","
                    + "\"applicantType\":\"NATURAL_PERSON\",\"receivedDate\":\"2026-03-02\",\"channel\":\"ONLINE\"}")
            .status());
    // 1,000 steps the rules refuse (no consultation is open), in two batches of 500
    for (int batch = 0; batch < 2; batch++) {
      final StringBuilder items = new StringBuilder("{\"items\":[");
      for (int i = 0; i < 500; i++) {
        items
            .append(i == 0 ? "" : ",")
            .append("{\"requestId\":\"r1\",\"event\":")
            .append(ended("x" + batch + "-" + i))
            .append('}');
      }
      final TestHttp.Resp r =
          in.send("POST", "/api/v1/agencies/cap-town/batch", ADMIN, items.append("]}").toString());
      assertEquals(200, r.status(), r.toString());
      assertEquals(500, r.json().get("written").asInt(), r.toString());
    }
    Awaitility.await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> rejectedOnTheRequest() == Bounds.MAX_REFUSED_EVENTS);
    awaitIngestRefuses();

    // the single call: refused, nothing written, also when sent again
    final long before = TestHttp.endOffsets(stack.bootstrapServers());
    for (int attempt = 0; attempt < 2; attempt++) {
      final TestHttp.Resp refused = in.send("POST", EVENTS, ADMIN, ended("over-1"));
      assertEquals(400, refused.status(), refused.toString());
      assertEquals("TOO_MANY_EVENTS", refused.json().get("error").asText(), refused.toString());
      assertEquals("requestId", refused.json().get("field").asText(), refused.toString());
      assertEquals(
          before, TestHttp.endOffsets(stack.bootstrapServers()), "nothing is written on a refusal");
    }

    // a step the rules accept is written and applied
    final TestHttp.Resp decided =
        in.send(
            "POST",
            EVENTS,
            ADMIN,
            "{\"eventId\":\"d1\",\"type\":\"DECIDED\",\"date\":\"2026-03-04\",\"outcome\":\"DISCLOSED\"}");
    assertEquals(202, decided.status(), decided.toString());
    Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> "ACCEPTED".equals(fate("d1")));

    // a batch: judged item by item on the state after the batch's earlier steps
    awaitIngestRefuses();
    final TestHttp.Resp batch =
        in.send(
            "POST",
            "/api/v1/agencies/cap-town/batch",
            ADMIN,
            "{\"items\":["
                + "{\"requestId\":\"r1\",\"event\":{\"eventId\":\"ext1\",\"type\":\"EXTENSION_GRANTED\",\"date\":\"2026-03-05\","
                + "\"workingDays\":10}},"
                + "{\"requestId\":\"r1\",\"event\":{\"eventId\":\"rv1\",\"type\":\"REVIEW_FILED\",\"date\":\"2026-03-06\","
                + "\"caseId\":\"case-1\"}},"
                + "{\"requestId\":\"r1\",\"event\":{\"eventId\":\"rv2\",\"type\":\"REVIEW_FILED\",\"date\":\"2026-03-07\","
                + "\"caseId\":\"case-1\"}}]}");
    assertEquals(200, batch.status(), batch.toString());
    final JsonNode items = batch.json().get("items");
    assertEquals(
        400, items.get(0).get("status").asInt(), "an extension after the decision: refused");
    assertEquals(
        "TOO_MANY_EVENTS", items.get(0).get("body").get("error").asText(), batch.toString());
    assertEquals(202, items.get(1).get("status").asInt(), "a review of the decision: accepted");
    assertEquals(
        400,
        items.get(2).get("status").asInt(),
        "the same case filed again after the item before it");
    assertEquals(1, batch.json().get("written").asInt(), batch.toString());
    assertEquals(
        List.of("rv1"),
        eventIdsOnTheLog().stream()
            .filter(id -> Set.of("ext1", "rv1", "rv2", "over-1").contains(id))
            .toList(),
        "only the accepted step is on the event log");
    Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> "ACCEPTED".equals(fate("rv1")));
    assertEquals(
        Bounds.MAX_REFUSED_EVENTS, rejectedOnTheRequest(), "no refusal is kept beyond the bound");

    // several ingest instances: a step another instance has just accepted is known before this one
    // refuses (a review filed there makes its conclusion here acceptable)
    try (IngestApp another = stack.startAnotherIngest()) {
      final TestHttp b = new TestHttp(another.port());
      for (int round = 0; round < 3; round++) {
        awaitIngestRefuses();
        final String caseId = "case-b" + round;
        final TestHttp.Resp filed =
            b.send(
                "POST",
                EVENTS,
                ADMIN,
                "{\"eventId\":\"rvb"
                    + round
                    + "\",\"type\":\"REVIEW_FILED\",\"date\":\"2026-03-08\",\"caseId\":\""
                    + caseId
                    + "\"}");
        assertEquals(202, filed.status(), "filed at the other instance: " + filed);
        final TestHttp.Resp concluded =
            in.send(
                "POST",
                EVENTS,
                ADMIN,
                "{\"eventId\":\"rcb"
                    + round
                    + "\",\"type\":\"REVIEW_CONCLUDED\",\"date\":\"2026-03-09\",\"caseId\":\""
                    + caseId
                    + "\",\"result\":\"UPHELD\"}");
        assertEquals(
            202,
            concluded.status(),
            "concluded here right after the filing there (round " + round + "): " + concluded);
        final String filedId = "rvb" + round;
        final String concludedId = "rcb" + round;
        Awaitility.await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> "ACCEPTED".equals(fate(filedId)) && "ACCEPTED".equals(fate(concludedId)));
      }
    }
  }

  /**
   * Waits until the ingest has the processor's state of the request after its latest event: until
   * then a step is written and left to the processor (which does not keep the refusal), so a probe
   * may be written while waiting.
   */
  private void awaitIngestRefuses() {
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () ->
                in.send("POST", EVENTS, ADMIN, ended("probe-" + probes.incrementAndGet())).status()
                    == 400);
  }

  private List<String> eventIdsOnTheLog() {
    return TestHttp.readAll(stack.bootstrapServers(), Topics.EVENTS.name()).stream()
        .map(r -> Json.read(r.value(), RequestEvent.class).eventId())
        .toList();
  }

  private static String ended(final String eventId) {
    return "{\"eventId\":\""
        + eventId
        + "\",\"type\":\"CONSULTATION_ENDED\",\"date\":\"2026-03-03\"}";
  }

  private int rejectedOnTheRequest() {
    final TestHttp.Resp r = out.get("/api/v1/agencies/cap-town/requests/r1", ADMIN);
    return r.status() == 200 ? r.json().get("rejected").size() : -1;
  }

  private String fate(final String eventId) {
    final TestHttp.Resp r =
        out.get("/api/v1/agencies/cap-town/requests/r1/events/" + eventId, ADMIN);
    return r.status() == 200 ? r.json().get("status").asText() : r.toString();
  }
}
