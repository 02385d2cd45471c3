package foi.tracker.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import foi.tracker.core.config.TrackerConfig;
import foi.tracker.core.topic.Topics;
import foi.tracker.kafka.junit.BrokerBootstrap;
import foi.tracker.kafka.junit.KafkaBrokerExtension;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every call of api.md's ingest table and every refusal, over HTTP against a real in-JVM broker.
 * Each refusal is checked to leave the topics untouched (end offsets before = after).
 */
@ExtendWith(KafkaBrokerExtension.class)
class IngestHttpIT {
  /** "Today" for this test: 2025-06-16 in China. */
  static final Clock CLOCK = Clock.fixed(Instant.parse("2025-06-16T02:00:00Z"), ZoneOffset.UTC);

  static final String RUN = UUID.randomUUID().toString().substring(0, 6);
  static final String COUNTY = "county-" + RUN;
  static final String TOWN_A = "town-a-" + RUN;
  static final String TOWN_B = "town-b-" + RUN;
  static final String VILLAGE = "village-" + RUN;
  static final String ADMIN = "admin-" + RUN + "-secret";
  static final String REF_SECRET = "hmac-key-" + RUN;

  /** An application of TOWN_A every event case refers to. */
  static final String REQ = "req-" + RUN;

  static String bootstrap;
  static IngestApp app;
  static TestHttp http;
  static String deskA;
  static String deskB;

  @BeforeAll
  static void start(@BrokerBootstrap final String servers) throws Exception {
    bootstrap = servers;
    final TrackerConfig config =
        TrackerConfig.from(Map.of("TRACKER_APPLICANT_REF_SECRET", REF_SECRET))
            .withBootstrapServers(servers)
            .withPorts(0, 0)
            .withAdminToken(ADMIN)
            .withDataDir(java.nio.file.Files.createTempDirectory("ingest-it")); // signing keys
    app = IngestApp.start(config, ADMIN, CLOCK, "127.0.0.1", null);
    Awaitility.await().atMost(Duration.ofSeconds(60)).until(app::isReady);
    assertTrue(
        app.port() > 0 && app.port() != 8080, "port 0 must give a random port, got " + app.port());
    http = new TestHttp(app.port());
    assertEquals(201, put(COUNTY, "{\"name\":\"古镇县人民政府\",\"parentId\":null}").status());
    assertEquals(
        201, put(TOWN_A, "{\"name\":\"连城镇人民政府\",\"parentId\":\"" + COUNTY + "\"}").status());
    assertEquals(
        201, put(TOWN_B, "{\"name\":\"白沙镇人民政府\",\"parentId\":\"" + COUNTY + "\"}").status());
    assertEquals(
        201, put(VILLAGE, "{\"name\":\"连城镇东村\",\"parentId\":\"" + TOWN_A + "\"}").status());
    deskA = issue(TOWN_A);
    deskB = issue(TOWN_B);
    final TestHttp.Resp r =
        http.send(
            "POST",
            "/api/v1/agencies/" + TOWN_A + "/requests",
            deskA,
            "{\"requestId\":\""
                + REQ
                + "\",\"applicantType\":\"NATURAL_PERSON\",\"receivedDate\":\"2025-06-02\","
                + "\"channel\":\"ONLINE\"}");
    assertEquals(201, r.status(), r.toString());
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
  }

  static TestHttp.Resp put(final String agencyId, final String json) {
    return http.send("PUT", "/api/v1/agencies/" + agencyId, ADMIN, json);
  }

  static String issue(final String agencyId) {
    final TestHttp.Resp r =
        http.send(
            "POST",
            "/api/v1/agencies/" + agencyId + "/tokens",
            ADMIN,
            "{\"label\":\"" + agencyId + " 受理窗口\"}");
    assertEquals(201, r.status(), r.toString());
    final String token = r.json().get("token").asText();
    assertTrue(token.length() > 30, token);
    return token;
  }

  static String token(final String who) {
    return switch (who) {
      case "admin" -> ADMIN;
      case "deskA" -> deskA;
      case "deskB" -> deskB;
      case "bogus" -> "desk.nosuchtoken.abcdefabcdefabcdef";
      case "none" -> null;
      default -> throw new IllegalArgumentException(who);
    };
  }

  static String app(final String fields) {
    return "{\"applicantType\":\"NATURAL_PERSON\",\"receivedDate\":\"2025-06-02\",\"channel\":\"IN_PERSON\""
        + (fields.isEmpty() ? "" : "," + fields)
        + "}";
  }

  static Arguments err(
      final String name,
      final String method,
      final String path,
      final String who,
      final Object body,
      final int status,
      final String error,
      final String field) {
    return Arguments.of(
        name,
        method,
        path,
        who,
        body instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : (byte[]) body,
        status,
        error,
        field);
  }

  static Stream<Arguments> refusals() {
    final String apps = "/api/v1/agencies/" + TOWN_A + "/requests";
    final String events = apps + "/" + REQ + "/events";
    final List<Arguments> a = new ArrayList<>();
    // agencies
    final String agencyX = "/api/v1/agencies/x-" + RUN;
    a.add(
        err(
            "agency: no token",
            "PUT",
            agencyX,
            "none",
            "{\"name\":\"甲\"}",
            401,
            "UNAUTHORIZED",
            null));
    a.add(
        err(
            "agency: unknown token",
            "PUT",
            agencyX,
            "bogus",
            "{\"name\":\"甲\"}",
            401,
            "UNAUTHORIZED",
            null));
    a.add(
        err(
            "agency: desk token",
            "PUT",
            agencyX,
            "deskA",
            "{\"name\":\"甲\"}",
            403,
            "FORBIDDEN",
            null));
    a.add(
        err(
            "agency: unknown parent",
            "PUT",
            agencyX,
            "admin",
            "{\"name\":\"甲\",\"parentId\":\"nowhere-" + RUN + "\"}",
            400,
            "INVALID_FIELD",
            "parentId"));
    a.add(
        err(
            "agency: own parent",
            "PUT",
            "/api/v1/agencies/" + COUNTY,
            "admin",
            "{\"name\":\"古镇县\",\"parentId\":\"" + COUNTY + "\"}",
            400,
            "INVALID_FIELD",
            "parentId"));
    a.add(
        err(
            "agency: cycle",
            "PUT",
            "/api/v1/agencies/" + COUNTY,
            "admin",
            "{\"name\":\"古镇县\",\"parentId\":\"" + VILLAGE + "\"}",
            400,
            "INVALID_FIELD",
            "parentId"));
    a.add(
        err(
            "agency: name missing",
            "PUT",
            agencyX,
            "admin",
            "{\"parentId\":null}",
            400,
            "MISSING_FIELD",
            "name"));
    a.add(
        err(
            "agency: bad id",
            "PUT",
            "/api/v1/agencies/...",
            "admin",
            "{\"name\":\"甲\"}",
            400,
            "INVALID_ID",
            "agencyId"));
    a.add(
        err(
            "agency: bad parent id",
            "PUT",
            agencyX,
            "admin",
            "{\"name\":\"甲\",\"parentId\":\"a b\"}",
            400,
            "INVALID_ID",
            "parentId"));
    a.add(
        err(
            "agency: unknown field",
            "PUT",
            agencyX,
            "admin",
            "{\"name\":\"甲\",\"head\":\"王\"}",
            400,
            "UNKNOWN_FIELD",
            "head"));
    // tokens
    final String tokens = "/api/v1/agencies/" + TOWN_A + "/tokens";
    a.add(
        err(
            "token: no token",
            "POST",
            tokens,
            "none",
            "{\"label\":\"x\"}",
            401,
            "UNAUTHORIZED",
            null));
    a.add(
        err(
            "token: desk token",
            "POST",
            tokens,
            "deskA",
            "{\"label\":\"x\"}",
            403,
            "FORBIDDEN",
            null));
    a.add(
        err(
            "token: unknown agency",
            "POST",
            "/api/v1/agencies/nowhere-" + RUN + "/tokens",
            "admin",
            "{\"label\":\"x\"}",
            404,
            "UNKNOWN_AGENCY",
            "agencyId"));
    a.add(
        err(
            "token: revoke unknown",
            "DELETE",
            tokens + "/nosuchtoken",
            "admin",
            null,
            404,
            "UNKNOWN_TOKEN",
            "tokenId"));
    a.add(
        err(
            "token: revoke by desk",
            "DELETE",
            tokens + "/nosuchtoken",
            "deskA",
            null,
            403,
            "FORBIDDEN",
            null));
    // applications: auth and scope
    a.add(err("app: no token", "POST", apps, "none", app(""), 401, "UNAUTHORIZED", null));
    a.add(err("app: unknown token", "POST", apps, "bogus", app(""), 401, "UNAUTHORIZED", null));
    a.add(
        err(
            "app: sibling agency",
            "POST",
            "/api/v1/agencies/" + TOWN_B + "/requests",
            "deskA",
            app(""),
            403,
            "FORBIDDEN",
            "agencyId"));
    a.add(
        err(
            "app: parent agency",
            "POST",
            "/api/v1/agencies/" + COUNTY + "/requests",
            "deskA",
            app(""),
            403,
            "FORBIDDEN",
            "agencyId"));
    a.add(
        err(
            "app: unknown agency",
            "POST",
            "/api/v1/agencies/nowhere-" + RUN + "/requests",
            "admin",
            app(""),
            404,
            "UNKNOWN_AGENCY",
            "agencyId"));
    // applications: fields
    a.add(
        err(
            "app: applicantType missing",
            "POST",
            apps,
            "deskA",
            "{\"receivedDate\":\"2025-06-02\",\"channel\":\"POST\"}",
            400,
            "MISSING_FIELD",
            "applicantType"));
    a.add(
        err(
            "app: applicantType unknown",
            "POST",
            apps,
            "deskA",
            "{\"applicantType\":\"PERSON\",\"receivedDate\":\"2025-06-02\",\"channel\":\"POST\"}",
            400,
            "INVALID_FIELD",
            "applicantType"));
    a.add(
        err(
            "app: applicantType number",
            "POST",
            apps,
            "deskA",
            "{\"applicantType\":1,\"receivedDate\":\"2025-06-02\",\"channel\":\"POST\"}",
            400,
            "INVALID_FIELD",
            "applicantType"));
    a.add(
        err(
            "app: channel missing",
            "POST",
            apps,
            "deskA",
            "{\"applicantType\":\"NATURAL_PERSON\",\"receivedDate\":\"2025-06-02\"}",
            400,
            "MISSING_FIELD",
            "channel"));
    a.add(
        err(
            "app: channel unknown",
            "POST",
            apps,
            "deskA",
            "{\"applicantType\":\"NATURAL_PERSON\",\"receivedDate\":\"2025-06-02\",\"channel\":\"PHONE\"}",
            400,
            "INVALID_FIELD",
            "channel"));
    for (String[] d :
        new String[][] {
          {"2025-02-30", "INVALID_FIELD"},
          {"2025-06-17", "INVALID_FIELD"},
          {"2007-12-31", "INVALID_FIELD"},
          {"20250602", "INVALID_FIELD"},
          {"2025-6-2", "INVALID_FIELD"},
          {"", "MISSING_FIELD"}
        }) {
      a.add(
          err(
              "app: receivedDate " + d[0],
              "POST",
              apps,
              "deskA",
              "{\"applicantType\":\"NATURAL_PERSON\",\"receivedDate\":\""
                  + d[0]
                  + "\",\"channel\":\"POST\"}",
              400,
              d[1],
              "receivedDate"));
    }
    a.add(
        err(
            "app: receivedDate missing",
            "POST",
            apps,
            "deskA",
            "{\"applicantType\":\"NATURAL_PERSON\",\"channel\":\"POST\"}",
            400,
            "MISSING_FIELD",
            "receivedDate"));
    for (String id : new String[] {"bad id!", "x".repeat(65), "...", "编号1", "a/b"}) {
      a.add(
          err(
              "app: requestId '" + id + "'",
              "POST",
              apps,
              "deskA",
              app("\"requestId\":\"" + id + "\""),
              400,
              "INVALID_ID",
              "requestId"));
    }
    a.add(
        err(
            "app: applicantName (PII guard)",
            "POST",
            apps,
            "deskA",
            app("\"applicantName\":\"张三\""),
            400,
            "UNKNOWN_FIELD",
            "applicantName"));
    a.add(
        err(
            "app: idNumber (PII guard)",
            "POST",
            apps,
            "deskA",
            app("\"idNumber\":\"110101199003077777\""),
            400,
            "UNKNOWN_FIELD",
            "idNumber"));
    a.add(
        err(
            "app: subject 2001 chars",
            "POST",
            apps,
            "deskA",
            app("\"subject\":\"" + "政".repeat(2001) + "\""),
            400,
            "INVALID_FIELD",
            "subject"));
    a.add(
        err(
            "app: subject number",
            "POST",
            apps,
            "deskA",
            app("\"subject\":42"),
            400,
            "INVALID_FIELD",
            "subject"));
    a.add(
        err(
            "app: body > 64 KiB",
            "POST",
            apps,
            "deskA",
            app("\"subject\":\"" + "a".repeat(70_000) + "\""),
            413,
            "BODY_TOO_LARGE",
            null));
    final byte[] badUtf8 = app("\"subject\":\"XX\"").getBytes(StandardCharsets.UTF_8);
    final int at = new String(badUtf8, StandardCharsets.ISO_8859_1).indexOf("XX");
    badUtf8[at] = (byte) 0xC3;
    badUtf8[at + 1] = (byte) 0x28;
    a.add(err("app: invalid UTF-8", "POST", apps, "deskA", badUtf8, 400, "INVALID_UTF8", null));
    a.add(
        err(
            "app: malformed JSON",
            "POST",
            apps,
            "deskA",
            "{\"applicantType\":\"NATURAL_PERSON\",",
            400,
            "BAD_JSON",
            null));
    a.add(
        err("app: JSON array", "POST", apps, "deskA", "[" + app("") + "]", 400, "BAD_JSON", null));
    a.add(err("app: JSON string", "POST", apps, "deskA", "\"hello\"", 400, "BAD_JSON", null));
    a.add(err("app: empty body", "POST", apps, "deskA", "", 400, "BAD_JSON", null));
    a.add(
        err(
            "app: same requestId, other body",
            "POST",
            apps,
            "deskA",
            "{\"requestId\":\""
                + REQ
                + "\",\"applicantType\":\"NATURAL_PERSON\",\"receivedDate\":\"2025-06-03\","
                + "\"channel\":\"ONLINE\"}",
            409,
            "CONFLICT",
            "requestId"));
    // events
    final String ev = "\"date\":\"2025-06-10\"";
    a.add(
        err(
            "event: no token",
            "POST",
            events,
            "none",
            "{\"type\":\"FEE_PAID\"," + ev + "}",
            401,
            "UNAUTHORIZED",
            null));
    a.add(
        err(
            "event: sibling token",
            "POST",
            events,
            "deskB",
            "{\"type\":\"FEE_PAID\"," + ev + "}",
            403,
            "FORBIDDEN",
            "agencyId"));
    a.add(
        err(
            "event: type missing",
            "POST",
            events,
            "deskA",
            "{" + ev + "}",
            400,
            "MISSING_FIELD",
            "type"));
    a.add(
        err(
            "event: type unknown",
            "POST",
            events,
            "deskA",
            "{\"type\":\"APPROVED\"," + ev + "}",
            400,
            "INVALID_FIELD",
            "type"));
    a.add(
        err(
            "event: type RECEIVED",
            "POST",
            events,
            "deskA",
            "{\"type\":\"RECEIVED\"," + ev + "}",
            400,
            "INVALID_FIELD",
            "type"));
    a.add(
        err(
            "event: date missing",
            "POST",
            events,
            "deskA",
            "{\"type\":\"FEE_PAID\"}",
            400,
            "MISSING_FIELD",
            "date"));
    a.add(
        err(
            "event: date future",
            "POST",
            events,
            "deskA",
            "{\"type\":\"FEE_PAID\",\"date\":\"2025-06-17\"}",
            400,
            "INVALID_FIELD",
            "date"));
    a.add(
        err(
            "event: date 2025-02-29",
            "POST",
            events,
            "deskA",
            "{\"type\":\"FEE_PAID\",\"date\":\"2025-02-29\"}",
            400,
            "INVALID_FIELD",
            "date"));
    for (String wd : new String[] {"0", "21", "\"x\"", "1.5", "-3"}) {
      a.add(
          err(
              "event: EXTENSION_GRANTED workingDays " + wd,
              "POST",
              events,
              "deskA",
              "{\"type\":\"EXTENSION_GRANTED\"," + ev + ",\"workingDays\":" + wd + "}",
              400,
              "INVALID_FIELD",
              "workingDays"));
    }
    a.add(
        err(
            "event: EXTENSION_GRANTED workingDays missing",
            "POST",
            events,
            "deskA",
            "{\"type\":\"EXTENSION_GRANTED\"," + ev + "}",
            400,
            "MISSING_FIELD",
            "workingDays"));
    a.add(
        err(
            "event: CONSULTATION_STARTED party missing",
            "POST",
            events,
            "deskA",
            "{\"type\":\"CONSULTATION_STARTED\"," + ev + "}",
            400,
            "MISSING_FIELD",
            "party"));
    a.add(
        err(
            "event: CONSULTATION_STARTED party unknown",
            "POST",
            events,
            "deskA",
            "{\"type\":\"CONSULTATION_STARTED\"," + ev + ",\"party\":\"NEIGHBOUR\"}",
            400,
            "INVALID_FIELD",
            "party"));
    a.add(
        err(
            "event: DECIDED outcome missing",
            "POST",
            events,
            "deskA",
            "{\"type\":\"DECIDED\"," + ev + "}",
            400,
            "MISSING_FIELD",
            "outcome"));
    a.add(
        err(
            "event: DECIDED outcome unknown",
            "POST",
            events,
            "deskA",
            "{\"type\":\"DECIDED\"," + ev + ",\"outcome\":\"GRANTED\"}",
            400,
            "INVALID_FIELD",
            "outcome"));
    a.add(
        err(
            "event: DECIDED total row",
            "POST",
            events,
            "deskA",
            "{\"type\":\"DECIDED\"," + ev + ",\"outcome\":\"DECIDED_TOTAL\"}",
            400,
            "INVALID_FIELD",
            "outcome"));
    a.add(
        err(
            "event: DECIDED onTheSpot string",
            "POST",
            events,
            "deskA",
            "{\"type\":\"DECIDED\"," + ev + ",\"outcome\":\"DISCLOSED\",\"onTheSpot\":\"yes\"}",
            400,
            "INVALID_FIELD",
            "onTheSpot"));
    a.add(
        err(
            "event: DELAY_SET dueDate before date",
            "POST",
            events,
            "deskA",
            "{\"type\":\"DELAY_SET\"," + ev + ",\"dueDate\":\"2025-06-09\"}",
            400,
            "INVALID_FIELD",
            "dueDate"));
    a.add(
        err(
            "event: DELAY_SET dueDate missing",
            "POST",
            events,
            "deskA",
            "{\"type\":\"DELAY_SET\"," + ev + "}",
            400,
            "MISSING_FIELD",
            "dueDate"));
    a.add(
        err(
            "event: CORRECTION_REQUESTED dueBy before date",
            "POST",
            events,
            "deskA",
            "{\"type\":\"CORRECTION_REQUESTED\"," + ev + ",\"dueBy\":\"2025-06-01\"}",
            400,
            "INVALID_FIELD",
            "dueBy"));
    a.add(
        err(
            "event: AMENDED with nothing",
            "POST",
            events,
            "deskA",
            "{\"type\":\"AMENDED\"," + ev + "}",
            400,
            "MISSING_FIELD",
            "applicantType"));
    a.add(
        err(
            "event: AMENDED bad channel",
            "POST",
            events,
            "deskA",
            "{\"type\":\"AMENDED\"," + ev + ",\"channel\":\"PIGEON\"}",
            400,
            "INVALID_FIELD",
            "channel"));
    a.add(
        err(
            "event: REVIEW_FILED caseId missing",
            "POST",
            events,
            "deskA",
            "{\"type\":\"REVIEW_FILED\"," + ev + "}",
            400,
            "MISSING_FIELD",
            "caseId"));
    a.add(
        err(
            "event: REVIEW_CONCLUDED result missing",
            "POST",
            events,
            "deskA",
            "{\"type\":\"REVIEW_CONCLUDED\"," + ev + ",\"caseId\":\"R-1\"}",
            400,
            "MISSING_FIELD",
            "result"));
    a.add(
        err(
            "event: LITIGATION_CONCLUDED result missing",
            "POST",
            events,
            "deskA",
            "{\"type\":\"LITIGATION_CONCLUDED\"," + ev + ",\"caseId\":\"L-1\"}",
            400,
            "MISSING_FIELD",
            "result"));
    a.add(
        err(
            "event: LITIGATION_CONCLUDED result unknown",
            "POST",
            events,
            "deskA",
            "{\"type\":\"LITIGATION_CONCLUDED\"," + ev + ",\"caseId\":\"L-1\",\"result\":\"WON\"}",
            400,
            "INVALID_FIELD",
            "result"));
    a.add(
        err(
            "event: LITIGATION_FILED afterReview string",
            "POST",
            events,
            "deskA",
            "{\"type\":\"LITIGATION_FILED\"," + ev + ",\"caseId\":\"L-1\",\"afterReview\":\"no\"}",
            400,
            "INVALID_FIELD",
            "afterReview"));
    a.add(
        err(
            "event: field of another type",
            "POST",
            events,
            "deskA",
            "{\"type\":\"DECIDED\"," + ev + ",\"outcome\":\"DISCLOSED\",\"workingDays\":5}",
            400,
            "UNKNOWN_FIELD",
            "workingDays"));
    a.add(
        err(
            "event: unknown field",
            "POST",
            events,
            "deskA",
            "{\"type\":\"FEE_PAID\"," + ev + ",\"applicantPhone\":\"13800000000\"}",
            400,
            "UNKNOWN_FIELD",
            "applicantPhone"));
    a.add(
        err(
            "event: eventId received",
            "POST",
            events,
            "deskA",
            "{\"eventId\":\"received\",\"type\":\"FEE_PAID\"," + ev + "}",
            400,
            "INVALID_ID",
            "eventId"));
    a.add(
        err(
            "event: eventId bad",
            "POST",
            events,
            "deskA",
            "{\"eventId\":\"e 1\",\"type\":\"FEE_PAID\"," + ev + "}",
            400,
            "INVALID_ID",
            "eventId"));
    a.add(
        err(
            "event: unknown request",
            "POST",
            apps + "/nosuch-" + RUN + "/events",
            "deskA",
            "{\"type\":\"FEE_PAID\"," + ev + "}",
            404,
            "UNKNOWN_REQUEST",
            "requestId"));
    a.add(
        err(
            "event: request of another agency",
            "POST",
            "/api/v1/agencies/" + VILLAGE + "/requests/" + REQ + "/events",
            "deskA",
            "{\"type\":\"FEE_PAID\"," + ev + "}",
            404,
            "UNKNOWN_REQUEST",
            "requestId"));
    a.add(
        err(
            "event: bad requestId",
            "POST",
            apps + "/a%21b/events",
            "deskA",
            "{\"type\":\"FEE_PAID\"," + ev + "}",
            400,
            "INVALID_ID",
            "requestId"));
    a.add(
        err(
            "event: unknown agency",
            "POST",
            "/api/v1/agencies/nowhere-" + RUN + "/requests/" + REQ + "/events",
            "admin",
            "{\"type\":\"FEE_PAID\"," + ev + "}",
            404,
            "UNKNOWN_AGENCY",
            "agencyId"));
    a.add(
        err(
            "event: malformed JSON",
            "POST",
            events,
            "deskA",
            "{type: FEE_PAID}",
            400,
            "BAD_JSON",
            null));
    a.add(
        err(
            "event: body > 64 KiB",
            "POST",
            events,
            "deskA",
            "{\"type\":\"FEE_PAID\"," + ev + ",\"x\":\"" + "b".repeat(66_000) + "\"}",
            413,
            "BODY_TOO_LARGE",
            null));
    return a.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusals")
  void refusalWritesNothing(
      final String name,
      final String method,
      final String path,
      final String who,
      final byte[] body,
      final int status,
      final String error,
      final String field) {
    final long before = TestHttp.endOffsets(bootstrap);
    final TestHttp.Resp r = http.send(method, path, token(who), body);
    assertEquals(status, r.status(), name + ": " + r);
    final JsonNode j = r.json();
    assertEquals(error, j.path("error").asText(null), name + ": " + r);
    assertEquals(field, j.hasNonNull("field") ? j.get("field").asText() : null, name + ": " + r);
    assertTrue(
        j.has("field"), "field is always present (null when the error is about no field): " + r);
    final String message = j.path("message").asText("");
    assertFalse(message.isBlank(), r.toString());
    assertTrue(
        message
            .codePoints()
            .anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN),
        "the message should also be in Chinese: " + message);
    final int firstHan =
        java.util.stream.IntStream.range(0, message.length())
            .filter(
                i -> Character.UnicodeScript.of(message.charAt(i)) == Character.UnicodeScript.HAN)
            .findFirst()
            .orElse(-1);
    final int english = message.indexOf(" (");
    assertTrue(english < 0 || firstHan < english, "Chinese first, English after: " + message);
    assertTrue(
        r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
        r.toString());
    assertEquals(
        before, TestHttp.endOffsets(bootstrap), name + ": nothing may be written on a refusal");
  }

  @Test
  void hugeBodyIsRefusedWithoutBeingRead() {
    final long before = TestHttp.endOffsets(bootstrap);
    final TestHttp.Resp r =
        http.send(
            "POST",
            "/api/v1/agencies/" + TOWN_A + "/requests",
            deskA,
            app("\"subject\":\"" + "a".repeat(3 * 1024 * 1024) + "\""));
    assertEquals(
        413,
        r.status(),
        r.status() + " " + r.body().substring(0, Math.min(300, r.body().length())));
    assertEquals("BODY_TOO_LARGE", r.json().get("error").asText(), r.toString());
    assertEquals(before, TestHttp.endOffsets(bootstrap));
  }

  @Test
  void agencyIsCreatedThenUpdated() {
    final String id = "agency-" + RUN;
    final long before = TestHttp.endOffsets(bootstrap);
    final TestHttp.Resp created = put(id, "{\"name\":\"新村\",\"parentId\":\"" + TOWN_A + "\"}");
    assertEquals(201, created.status(), created.toString());
    assertEquals(id, created.json().get("agencyId").asText());
    assertEquals("新村", created.json().get("name").asText());
    assertEquals(TOWN_A, created.json().get("parentId").asText());
    final TestHttp.Resp updated = put(id, "{\"name\":\"新村村委会\",\"parentId\":\"" + TOWN_A + "\"}");
    assertEquals(200, updated.status(), updated.toString());
    assertEquals("新村村委会", updated.json().get("name").asText());
    assertEquals(before + 2, TestHttp.endOffsets(bootstrap));
    final TestHttp.Resp read = http.get("/api/v1/agencies/" + id, deskA);
    assertEquals(200, read.status(), read.toString());
    assertEquals("新村村委会", read.json().get("name").asText());
    assertEquals(403, http.get("/api/v1/agencies/" + id, deskB).status());
  }

  @Test
  void tokensAreScopedToTheSubtreeAndRevocable() {
    final String body = app("");
    assertEquals(
        201, http.send("POST", "/api/v1/agencies/" + TOWN_A + "/requests", deskA, body).status());
    assertEquals(
        201,
        http.send("POST", "/api/v1/agencies/" + VILLAGE + "/requests", deskA, body).status(),
        "a town's token works for the villages under it");
    assertEquals(
        403, http.send("POST", "/api/v1/agencies/" + TOWN_B + "/requests", deskA, body).status());
    assertEquals(
        201, http.send("POST", "/api/v1/agencies/" + TOWN_B + "/requests", ADMIN, body).status());

    final TestHttp.Resp issued =
        http.send("POST", "/api/v1/agencies/" + TOWN_A + "/tokens", ADMIN, "{\"label\":\"临时窗口\"}");
    assertEquals(201, issued.status());
    final String token = issued.json().get("token").asText();
    final String tokenId = issued.json().get("tokenId").asText();
    final TestHttp.Resp me = http.get("/api/v1/whoami", token);
    assertEquals(200, me.status(), me.toString());
    assertEquals(TOWN_A, me.json().get("agencyId").asText());
    assertEquals("连城镇人民政府", me.json().get("agencyName").asText());
    assertFalse(me.json().get("admin").asBoolean());
    assertTrue(http.get("/api/v1/whoami", ADMIN).json().get("admin").asBoolean());
    assertEquals(401, http.get("/api/v1/whoami", null).status());
    assertEquals(
        201, http.send("POST", "/api/v1/agencies/" + TOWN_A + "/requests", token, body).status());
    assertEquals(
        404,
        http.send(
                "DELETE", "/api/v1/agencies/" + TOWN_B + "/tokens/" + tokenId, ADMIN, (byte[]) null)
            .status(),
        "a token is revoked under its own agency");
    final TestHttp.Resp revoked =
        http.send(
            "DELETE", "/api/v1/agencies/" + TOWN_A + "/tokens/" + tokenId, ADMIN, (byte[]) null);
    assertEquals(200, revoked.status(), revoked.toString());
    final TestHttp.Resp refused =
        http.send("POST", "/api/v1/agencies/" + TOWN_A + "/requests", token, body);
    assertEquals(401, refused.status(), refused.toString());
    assertEquals("UNAUTHORIZED", refused.json().get("error").asText());
    assertEquals(
        201,
        http.send("POST", "/api/v1/agencies/" + TOWN_A + "/requests", deskA, body).status(),
        "other tokens of the agency still work");
  }

  @Test
  void applicationIsWrittenOnceWithItsDueDate() {
    final String id = "due-" + RUN;
    final String body =
        "{\"requestId\":\""
            + id
            + "\",\"applicantType\":\"COMMERCIAL_ENTERPRISE\","
            + "\"receivedDate\":\"2025-01-20\",\"channel\":\"POST\",\"subject\":\"2024年度财政预算执行情况\"}";
    final long before = TestHttp.endOffsets(bootstrap);
    final TestHttp.Resp first =
        http.send("POST", "/api/v1/agencies/" + TOWN_A + "/requests", deskA, body);
    assertEquals(201, first.status(), first.toString());
    assertEquals(id, first.json().get("requestId").asText());
    assertEquals(
        "2025-02-21",
        first.json().get("dueDate").asText(),
        "20 working days after 2025-01-20 (春节)");
    assertEquals(before + 1, TestHttp.endOffsets(bootstrap));
    final TestHttp.Resp again =
        http.send("POST", "/api/v1/agencies/" + TOWN_A + "/requests", deskA, body);
    assertEquals(201, again.status());
    assertEquals(first.body(), again.body(), "a re-send gets the same answer");
    assertEquals(before + 1, TestHttp.endOffsets(bootstrap), "and is written once");
    final TestHttp.Resp other =
        http.send(
            "POST",
            "/api/v1/agencies/" + TOWN_A + "/requests",
            deskA,
            body.replace("POST", "ONLINE"));
    assertEquals(409, other.status());
    assertEquals("requestId", other.json().get("field").asText());
    assertEquals(before + 1, TestHttp.endOffsets(bootstrap));
    // the same requestId is another application in another agency
    assertEquals(
        201, http.send("POST", "/api/v1/agencies/" + VILLAGE + "/requests", deskA, body).status());
  }

  @Test
  void applicationWithoutRequestIdGetsOne() {
    final TestHttp.Resp r =
        http.send(
            "POST", "/api/v1/agencies/" + TOWN_A + "/requests", deskA, app("\"subject\":\"\""));
    assertEquals(201, r.status(), r.toString());
    assertTrue(r.json().get("requestId").asText().matches("[A-Za-z0-9._-]{1,64}"));
  }

  static Stream<Arguments> lifecycle() {
    final String d = "\"date\":\"2025-06-05\"";
    return Stream.of(
        Arguments.of("CORRECTION_REQUESTED", d + ",\"dueBy\":\"2025-06-20\""),
        Arguments.of("CORRECTION_RECEIVED", d),
        Arguments.of("CONSULTATION_STARTED", d + ",\"party\":\"THIRD_PARTY\""),
        Arguments.of("CONSULTATION_ENDED", d),
        Arguments.of("EXTENSION_GRANTED", d + ",\"workingDays\":20"),
        Arguments.of("FEE_NOTICE_ISSUED", d),
        Arguments.of("FEE_PAID", d),
        Arguments.of("DELAY_SET", d + ",\"dueDate\":\"2025-08-01\""),
        Arguments.of("AMENDED", d + ",\"channel\":\"EMAIL\",\"applicantType\":\"OTHER_ORG\""),
        Arguments.of("DECIDED", d + ",\"outcome\":\"PARTIALLY_DISCLOSED\",\"onTheSpot\":false"),
        Arguments.of("WITHDRAWN", d),
        Arguments.of("REVIEW_FILED", d + ",\"caseId\":\"FY-2025-7\""),
        Arguments.of("REVIEW_CONCLUDED", d + ",\"caseId\":\"FY-2025-7\",\"result\":\"UPHELD\""),
        Arguments.of("LITIGATION_FILED", d + ",\"caseId\":\"SS-2025-3\",\"afterReview\":true"),
        Arguments.of(
            "LITIGATION_CONCLUDED", d + ",\"caseId\":\"SS-2025-3\",\"result\":\"CORRECTED\""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("lifecycle")
  void eachLifecycleEventIsAcceptedOnce(final String type, final String fields) {
    final String req =
        "life-" + type.toLowerCase(java.util.Locale.ROOT).replace('_', '-') + "-" + RUN;
    assertEquals(
        201,
        http.send(
                "POST",
                "/api/v1/agencies/" + TOWN_A + "/requests",
                deskA,
                "{\"requestId\":\""
                    + req
                    + "\",\"applicantType\":\"NATURAL_PERSON\",\"receivedDate\":\"2025-06-03\","
                    + "\"channel\":\"ONLINE\"}")
            .status());
    final String path = "/api/v1/agencies/" + TOWN_A + "/requests/" + req + "/events";
    final String eventId = "ev-1." + type;
    final String body =
        "{\"eventId\":\"" + eventId + "\",\"type\":\"" + type + "\"," + fields + "}";
    final long before = TestHttp.endOffsets(bootstrap);
    final TestHttp.Resp first = http.send("POST", path, deskA, body);
    assertEquals(202, first.status(), first.toString());
    assertEquals(eventId, first.json().get("eventId").asText());
    assertEquals(before + 1, TestHttp.endOffsets(bootstrap));
    final TestHttp.Resp again = http.send("POST", path, deskA, body);
    assertEquals(202, again.status());
    assertEquals(first.body(), again.body());
    assertEquals(before + 1, TestHttp.endOffsets(bootstrap), "a re-sent event counts once");
    final TestHttp.Resp other =
        http.send("POST", path, deskA, body.replace("2025-06-05", "2025-06-06"));
    assertEquals(409, other.status(), other.toString());
    assertEquals("CONFLICT", other.json().get("error").asText());
    assertEquals("eventId", other.json().get("field").asText());
    assertEquals(before + 1, TestHttp.endOffsets(bootstrap));
    // without an eventId the service makes one
    if (!type.equals("DECIDED") && !type.equals("WITHDRAWN")) {
      final TestHttp.Resp generated =
          http.send("POST", path, deskA, "{\"type\":\"" + type + "\"," + fields + "}");
      assertEquals(202, generated.status(), generated.toString());
      assertNotEquals(eventId, generated.json().get("eventId").asText());
    }
  }

  @Test
  void applicantReferenceIsStoredOnlyAsKeyedHash() throws Exception {
    final String reference = "张三 110101199003077777";
    final String id = "ref-" + RUN;
    final TestHttp.Resp r =
        http.send(
            "POST",
            "/api/v1/agencies/" + TOWN_A + "/requests",
            deskA,
            app("\"requestId\":\"" + id + "\",\"applicantRef\":\"" + reference + "\""));
    assertEquals(201, r.status(), r.toString());
    final Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(REF_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    final String expected =
        java.util.HexFormat.of().formatHex(mac.doFinal(reference.getBytes(StandardCharsets.UTF_8)));
    boolean found = false;
    for (var rec : TestHttp.readAll(bootstrap, Topics.EVENTS.name())) {
      final String value = new String(rec.value(), StandardCharsets.UTF_8);
      final String latin = new String(rec.value(), StandardCharsets.ISO_8859_1);
      assertFalse(
          value.contains("110101199003077777") || latin.contains("110101199003077777"),
          "the applicant reference must never be on the log in clear: " + value);
      assertFalse(value.contains("张三"), value);
      found |= value.contains(expected);
    }
    assertTrue(found, "the HMAC of the reference is on the log");
  }

  @Test
  void deskPageAndItsConfigAreServed() {
    final TestHttp.Resp page = http.get("/", null);
    assertEquals(200, page.status());
    assertTrue(page.body().contains("依申请公开受理窗口"), page.body());
    assertEquals(200, http.get("/desk.js", null).status());
    assertEquals(200, http.get("/desk.css", null).status());
    final TestHttp.Resp config = http.get("/desk-config.json", null);
    assertEquals(200, config.status());
    assertTrue(config.json().get("dashboardUrl").isNull(), config.toString());
    assertEquals(
        0,
        config.json().get("dashboardPort").asInt(),
        "TRACKER_DASHBOARD_PORT as configured (0 here)");
    final JsonNode t = http.get("/api/v1/taxonomy", null).json();
    assertEquals(21, t.get("outcomes").size());
    assertEquals(6, t.get("applicantTypes").size());
    assertEquals(7, t.get("columns").size());
    assertEquals(25, t.get("rows").size());
    assertEquals(6, t.get("outcomeGroups").size());
    assertEquals("（一）予以公开", t.get("outcomeGroups").get(0).get("group").asText());
    assertEquals("1.属于国家秘密", t.get("outcomes").get("WITHHELD_STATE_SECRET").asText());
    assertEquals(17, t.get("eventTypes").size());
    assertEquals(200, http.get("/health", null).status());
  }
}
