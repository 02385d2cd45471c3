package foi.tracker.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import foi.tracker.core.request.RequestRules;
import java.time.Duration;
import java.time.LocalDate;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Compliance as an auditor would count it by hand, through the whole stack: every figure below was
 * worked out on paper from the 2025 calendar (Qingming 4–6 April, National Day 1–8 October with 调休
 * on Sunday 28 September and Saturday 11 October), not by the code under test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ComplianceIT {
  private static final String ADMIN = "compliance-admin-token-0123456789";

  private TrackerStack stack;
  private TestHttp in;
  private TestHttp out;

  @BeforeAll
  void startStackAndLogTheYear() throws Exception {
    stack = TrackerStack.start(ADMIN);
    in = stack.ingestHttp();
    out = stack.dashboardHttp();

    agency("c-county", null);
    agency("c-town", "c-county");
    agency("c-village", "c-county");
    // r1: 3 Mar → 20 Mar: 4 + 5 + 4 = 13 working days, on time (due 31 Mar)
    application("c-town", "r1", "2025-03-03");
    event("c-town", "r1", "DECIDED", "2025-03-20", "\"outcome\":\"DISCLOSED\"");
    // r2: 3 Mar → 3 Apr = 23 working days, minus the consultation 5 Mar → 12 Mar (6, 7, 10, 11, 12
    // Mar) = 18
    application("c-town", "r2", "2025-03-03");
    event("c-town", "r2", "CONSULTATION_STARTED", "2025-03-05", "\"party\":\"THIRD_PARTY\"");
    event("c-town", "r2", "CONSULTATION_ENDED", "2025-03-12", "");
    event("c-town", "r2", "DECIDED", "2025-04-03", "\"outcome\":\"PARTIALLY_DISCLOSED\"");
    // r3: 3 Mar → 15 Apr = 23 to 3 Apr, Qingming 4 Apr off, 7–11 Apr 5, 14–15 Apr 2 = 30: late
    application("c-town", "r3", "2025-03-03");
    event("c-town", "r3", "DECIDED", "2025-04-15", "\"outcome\":\"UNAVAILABLE_NOT_HELD\"");
    // r4: 29 Sep → 20 Oct = 30 Sep, 9, 10, Sat 11 (调休), 13–17, 20 Oct = 10, on time
    application("c-town", "r4", "2025-09-29");
    event("c-town", "r4", "DECIDED", "2025-10-20", "\"outcome\":\"DISCLOSED\"");
    // r5: received Tue 3 Jun; the 补正 notice was due by the 7th working day (12 Jun) and went out 16
    // Jun: late
    // notice. Corrected 20 Jun, a fresh period from then: 23–27 Jun, 30 Jun, 1 Jul = 7, on time
    application("c-town", "r5", "2025-06-03");
    event("c-town", "r5", "CORRECTION_REQUESTED", "2025-06-16", "");
    event("c-town", "r5", "CORRECTION_RECEIVED", "2025-06-20", "");
    event("c-town", "r5", "DECIDED", "2025-07-01", "\"outcome\":\"DISCLOSED\"");
    // the village: v1 6 May → 9 May = 3, on time; v2 withdrawn (not an answer); v3 3 Nov → 5 Dec =
    // 24, late
    application("c-village", "v1", "2025-05-06");
    event("c-village", "v1", "DECIDED", "2025-05-09", "\"outcome\":\"DISCLOSED\"");
    application("c-village", "v2", "2025-05-06");
    event("c-village", "v2", "WITHDRAWN", "2025-05-12", "");
    application("c-village", "v3", "2025-11-03");
    event("c-village", "v3", "DECIDED", "2025-12-05", "\"outcome\":\"OTHER\"");
    // open and overdue today, whatever today is (two of them), and one received today (on track)
    application("c-town", "open-1", LocalDate.now(RequestRules.CHINA).minusDays(90).toString());
    application("c-village", "open-0", LocalDate.now(RequestRules.CHINA).minusDays(120).toString());
    application("c-town", "open-2", LocalDate.now(RequestRules.CHINA).toString());
    Awaitility.await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> compliance("c-county", "2025", "subtree").get("decided").asLong() == 7);
  }

  @AfterAll
  void stopStack() throws Exception {
    stack.close();
  }

  @Test
  void shouldCountTheTownsYearAsAnAuditorWould() {
    final JsonNode c = compliance("c-town", "2025", null);
    assertEquals(5, c.get("decided").asLong(), c.toString());
    assertEquals(4, c.get("onTime").asLong(), c.toString());
    assertEquals(1, c.get("late").asLong(), c.toString());
    assertEquals(0.8, c.get("onTimeRate").asDouble(), 1e-9, c.toString());
    assertEquals(13.0, c.get("medianWorkingDays").asDouble(), 1e-9, c.toString());
    assertFalse(c.get("smallSample").asBoolean(), c.toString());
    assertEquals(1, c.get("lateCorrectionNotices").asLong(), c.toString());
    assertEquals(
        "{\"7\":1,\"10\":1,\"13\":1,\"18\":1,\"30\":1}", c.get("workingDaysHistogram").toString());
  }

  @Test
  void shouldGiveTheRateHoweverFewWereDecidedAndSaySoWhenTheSampleIsSmall() {
    final JsonNode c = compliance("c-village", "2025", null);
    assertEquals(2, c.get("decided").asLong(), c.toString());
    assertEquals(1, c.get("onTime").asLong(), c.toString());
    assertEquals(1, c.get("late").asLong(), c.toString());
    assertTrue(c.get("smallSample").asBoolean(), c.toString());
    assertEquals(0.5, c.get("onTimeRate").asDouble(), 1e-9, c.toString());
    assertEquals(13.5, c.get("medianWorkingDays").asDouble(), 1e-9, c.toString());
  }

  @Test
  void shouldRollTheCountyUpOverItsSubtree() {
    final JsonNode c = compliance("c-county", "2025", "subtree");
    assertEquals("subtree", c.get("scope").asText());
    assertEquals(7, c.get("decided").asLong(), c.toString());
    assertEquals(5, c.get("onTime").asLong(), c.toString());
    assertEquals(2, c.get("late").asLong(), c.toString());
    assertEquals(0.714, c.get("onTimeRate").asDouble(), 1e-9, c.toString());
    assertEquals(
        13.0, c.get("medianWorkingDays").asDouble(), 1e-9, "median of 3 7 10 13 18 24 30: " + c);
    assertEquals(
        "{\"3\":1,\"7\":1,\"10\":1,\"13\":1,\"18\":1,\"24\":1,\"30\":1}",
        c.get("workingDaysHistogram").toString());
    assertEquals(
        0,
        compliance("c-county", "2025", null).get("decided").asLong(),
        "the county itself decided none");
  }

  @Test
  void shouldCountOpenOverdueRequestsNow() {
    final String year = String.valueOf(LocalDate.now(RequestRules.CHINA).getYear());
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> deadlines("c-county", "").size() == 3);
    assertEquals(1, compliance("c-town", year, null).get("openOverdue").asLong());
    assertEquals(2, compliance("c-county", year, "subtree").get("openOverdue").asLong());
    assertEquals(1, compliance("c-village", year, null).get("openOverdue").asLong());
  }

  @Test
  void shouldListTheOpenRequestsOfOneDeadlineStatusByDueDate() {
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> deadlines("c-county", "").size() == 3);
    assertEquals(java.util.List.of("open-0", "open-1"), ids(deadlines("c-county", "OVERDUE")));
    assertEquals(java.util.List.of("open-2"), ids(deadlines("c-county", "ON_TRACK")));
    assertEquals(java.util.List.of(), ids(deadlines("c-county", "PAUSED")));
    assertEquals(
        java.util.List.of("open-0", "open-1", "open-2"),
        ids(deadlines("c-county", "")),
        "no status: every open request, the earliest due first");
    for (JsonNode r : deadlines("c-county", "OVERDUE")) {
      assertEquals("OVERDUE", r.get("deadlineStatus").asText(), r.toString());
      assertTrue(r.get("workingDaysLeft").asInt() < 0, r.toString());
    }
  }

  private JsonNode deadlines(final String agency, final String status) {
    final TestHttp.Resp r =
        out.get(
            "/api/v1/agencies/"
                + agency
                + "/deadlines?scope=subtree"
                + (status.isEmpty() ? "" : "&status=" + status),
            ADMIN);
    assertEquals(200, r.status(), r.toString());
    return r.json().get("requests");
  }

  private static java.util.List<String> ids(final JsonNode requests) {
    final java.util.List<String> out = new java.util.ArrayList<>();
    requests.forEach(r -> out.add(r.get("requestId").asText()));
    return out;
  }

  @Test
  void shouldExplainEachAnswerDayByDay() {
    final JsonNode r2 = out.get("/api/v1/agencies/c-town/requests/r2", ADMIN).json();
    assertEquals("ANSWERED_ON_TIME", r2.get("deadlineStatus").asText(), r2.toString());
    assertEquals(18, r2.get("workingDaysUsed").asInt(), r2.toString());
    assertEquals(
        "2025-04-08",
        r2.get("dueDate").asText(),
        "31 Mar + 5 paused working days, over Qingming: " + r2);
    final JsonNode r3 = out.get("/api/v1/agencies/c-town/requests/r3", ADMIN).json();
    assertEquals("ANSWERED_LATE", r3.get("deadlineStatus").asText(), r3.toString());
    assertEquals("2025-03-31", r3.get("dueDate").asText(), r3.toString());
    final JsonNode r5 = out.get("/api/v1/agencies/c-town/requests/r5", ADMIN).json();
    assertTrue(r5.get("lateCorrectionNotice").asBoolean(), r5.toString());
    final JsonNode r4 = out.get("/api/v1/agencies/c-town/requests/r4", ADMIN).json();
    assertEquals(
        "2025-11-03",
        r4.get("dueDate").asText(),
        "20 working days over National Day with 调休: " + r4);
  }

  private JsonNode compliance(final String agency, final String year, final String scope) {
    final TestHttp.Resp r =
        out.get(
            "/api/v1/agencies/"
                + agency
                + "/compliance/"
                + year
                + (scope == null ? "" : "?scope=" + scope),
            null);
    assertEquals(200, r.status(), r.toString());
    return r.json();
  }

  private void agency(final String id, final String parent) {
    final TestHttp.Resp r =
        in.send(
            "PUT",
            "/api/v1/agencies/" + id,
            ADMIN,
            "{\"name\":\""
                + id
                + "\",\"parentId\":"
                + (parent == null ? "null" : "\"" + parent + "\"")
                + "}");
    assertEquals(201, r.status(), r.toString());
  }

  private void application(final String agency, final String id, final String date) {
    final TestHttp.Resp r =
        in.send(
            "POST",
            "/api/v1/agencies/" + agency + "/requests",
            ADMIN,
            "{\"requestId\":\""
                + id
                + "\",\"applicantType\":\"NATURAL_PERSON\",\"receivedDate\":\""
                + date
                + "\",\"channel\":\"IN_PERSON\"}");
    assertEquals(201, r.status(), r.toString());
  }

  private void event(
      final String agency,
      final String id,
      final String type,
      final String date,
      final String fields) {
    final TestHttp.Resp r =
        in.send(
            "POST",
            "/api/v1/agencies/" + agency + "/requests/" + id + "/events",
            ADMIN,
            "{\"type\":\""
                + type
                + "\",\"date\":\""
                + date
                + "\""
                + (fields.isEmpty() ? "" : "," + fields)
                + "}");
    assertEquals(202, r.status(), r.toString());
  }
}
