package foi.tracker.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Reading what was just written and what became of a step, through the whole stack: a request read
 * right after its 201 is never 404; a step's fate is ACCEPTED, or REJECTED with the reason the desk
 * shows; an id never written is 404 once the views have reached the log's end.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StepFateIT {
  private static final String ADMIN = "step-fate-admin-token-0123456789";
  private TrackerStack stack;
  private TestHttp in;
  private TestHttp out;

  @BeforeAll
  void start() throws Exception {
    stack = TrackerStack.start(ADMIN);
    in = stack.ingestHttp();
    out = stack.dashboardHttp();
    assertEquals(
        201,
        in.send("PUT", "/api/v1/agencies/f-town", ADMIN, "{\"name\":\"连城镇人民政府\",\"parentId\":null}")
            .status());
  }

  @AfterAll
  void stop() throws Exception {
    stack.close();
  }

  @Test
  void shouldAnswerARequestReadRightAfterItsCreationWithTheRequestNever404() {
    for (int i = 0; i < 20; i++) {
      final TestHttp.Resp created =
          in.send(
              "POST",
              "/api/v1/agencies/f-town/requests",
              ADMIN,
              "{\"requestId\":\"ryw-"
                  + i
                  + "\",\"applicantType\":\"NATURAL_PERSON\",\"receivedDate\":\"2026-03-02\",\"channel\":\"ONLINE\"}");
      assertEquals(201, created.status(), created.toString());
      final TestHttp.Resp read = out.get("/api/v1/agencies/f-town/requests/ryw-" + i, ADMIN);
      assertEquals(200, read.status(), read.toString());
      assertEquals("ryw-" + i, read.json().get("requestId").asText());
    }
    assertEquals(
        "UNKNOWN_REQUEST",
        out.get("/api/v1/agencies/f-town/requests/never-written", ADMIN)
            .json()
            .get("error")
            .asText());
  }

  @Test
  void shouldTellAStepAcceptedOrRefusedWithItsReason() {
    assertEquals(
        201,
        in.send(
                "POST",
                "/api/v1/agencies/f-town/requests",
                ADMIN,
                "{\"requestId\":\"s1\","
                    + "\"applicantType\":\"NATURAL_PERSON\",\"receivedDate\":\"2026-03-02\",\"channel\":\"ONLINE\"}")
            .status());
    assertEquals(
        202,
        in.send(
                "POST",
                "/api/v1/agencies/f-town/requests/s1/events",
                ADMIN,
                "{\"eventId\":\"d1\",\"type\":\"DECIDED\",\"date\":\"2026-03-10\",\"outcome\":\"DISCLOSED\"}")
            .status());
    assertEquals(
        202,
        in.send(
                "POST",
                "/api/v1/agencies/f-town/requests/s1/events",
                ADMIN,
                "{\"eventId\":\"x1\",\"type\":\"EXTENSION_GRANTED\",\"date\":\"2026-03-11\",\"workingDays\":10}")
            .status());
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> !"PENDING".equals(status("x1").path("status").asText("PENDING")));
    assertEquals("ACCEPTED", status("d1").get("status").asText());
    final JsonNode refused = status("x1");
    assertEquals("REJECTED", refused.get("status").asText(), refused.toString());
    assertTrue(refused.get("reason").asText().contains("办结"), refused.toString());
    final TestHttp.Resp unknown =
        out.get("/api/v1/agencies/f-town/requests/s1/events/never", ADMIN);
    assertEquals(404, unknown.status(), unknown.toString());
    assertEquals("UNKNOWN_EVENT", unknown.json().get("error").asText());
    assertEquals(401, out.get("/api/v1/agencies/f-town/requests/s1/events/d1", null).status());
  }

  private JsonNode status(final String eventId) {
    final TestHttp.Resp r = out.get("/api/v1/agencies/f-town/requests/s1/events/" + eventId, ADMIN);
    assertEquals(200, r.status(), r.toString());
    return r.json();
  }
}
