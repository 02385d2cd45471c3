package foi.tracker.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import foi.tracker.core.config.TrackerConfig;
import foi.tracker.core.json.Json;
import foi.tracker.core.topic.Topics;
import foi.tracker.kafka.junit.BrokerBootstrap;
import foi.tracker.kafka.junit.KafkaBrokerExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * POST /api/v1/agencies/{agencyId}/batch over HTTP against a real in-JVM broker: each item answered
 * as its single call would be, written once (also when the batch is sent again or two batches
 * race), the envelope's refusals write nothing.
 */
@ExtendWith(KafkaBrokerExtension.class)
class IngestBatchIT {
  static final String RUN = UUID.randomUUID().toString().substring(0, 6);
  static final String COUNTY = "bcounty-" + RUN;
  static final String TOWN_A = "btown-a-" + RUN;
  static final String TOWN_B = "btown-b-" + RUN;
  static final String VILLAGE = "bvillage-" + RUN;
  static final String ADMIN = "batch-admin-" + RUN;
  static final String OLD = "old-" + RUN;

  static String bootstrap;
  static IngestApp app;
  static TestHttp http;
  static String deskA;
  static String deskB;

  @BeforeAll
  static void start(@BrokerBootstrap final String servers) throws Exception {
    bootstrap = servers;
    final TrackerConfig config =
        TrackerConfig.from(Map.of())
            .withBootstrapServers(servers)
            .withPorts(0, 0)
            .withAdminToken(ADMIN)
            .withDataDir(java.nio.file.Files.createTempDirectory("ingest-it")); // signing keys
    app = IngestApp.start(config, ADMIN, IngestHttpIT.CLOCK, "127.0.0.1", null);
    Awaitility.await().atMost(Duration.ofSeconds(60)).until(app::isReady);
    http = new TestHttp(app.port());
    put(COUNTY, "{\"name\":\"古镇县人民政府\"}");
    put(TOWN_A, "{\"name\":\"连城镇人民政府\",\"parentId\":\"" + COUNTY + "\"}");
    put(TOWN_B, "{\"name\":\"白沙镇人民政府\",\"parentId\":\"" + COUNTY + "\"}");
    put(VILLAGE, "{\"name\":\"连城镇东村\",\"parentId\":\"" + TOWN_A + "\"}");
    deskA = token(TOWN_A);
    deskB = token(TOWN_B);
    final TestHttp.Resp r =
        http.send(
            "POST",
            "/api/v1/agencies/" + TOWN_A + "/requests",
            deskA,
            application(OLD, "NATURAL_PERSON"));
    assertEquals(201, r.status(), r.toString());
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
  }

  @Test
  void eachItemIsAnsweredLikeItsSingleCallAndWrittenOnce() throws Exception {
    final String a = "a-" + RUN;
    final String v = "v-" + RUN;
    final List<String> items =
        List.of(
            "{\"application\":" + application(a, "NATURAL_PERSON") + "}", // 0: 201
            "{\"requestId\":\""
                + a
                + "\",\"event\":"
                + event("e1", "FEE_NOTICE_ISSUED")
                + "}", // 1: 202, same batch
            "{\"requestId\":\"" + a + "\",\"event\":" + event("e2", "FEE_PAID") + "}", // 2: 202
            "{\"application\":" + application(a, "NATURAL_PERSON") + "}", // 3: re-sent in batch
            "{\"application\":" + application(a, "COMMERCIAL_ENTERPRISE") + "}", // 4: 409 in batch
            "{\"application\":"
                + application(OLD, "COMMERCIAL_ENTERPRISE")
                + "}", // 5: 409 with the log
            "{\"requestId\":\"nope-"
                + RUN
                + "\",\"event\":"
                + event("e1", "FEE_PAID")
                + "}", // 6: 404
            "{\"application\":"
                + application("bad-" + RUN, "MARTIAN")
                + "}", // 7: 400 applicantType
            "{\"application\":{\"applicantType\":\"NATURAL_PERSON\",\"receivedDate\":\"2025-06-02\","
                + "\"channel\":\"POST\"}}", // 8: 400 no requestId
            "{\"agencyId\":\""
                + VILLAGE
                + "\",\"application\":"
                + application(v, "NATURAL_PERSON")
                + "}", // 9: 201
            "{\"agencyId\":\""
                + TOWN_B
                + "\",\"application\":"
                + application("b-" + RUN, "NATURAL_PERSON")
                + "}", // 403
            "{\"requestId\":\""
                + OLD
                + "\",\"event\":{\"type\":\"FEE_PAID\",\"date\":\"2025-06-03\"}}", // 11: 400
            // eventId
            "{\"event\":" + event("e9", "FEE_PAID") + "}", // 12: 400 requestId
            "{\"application\":"
                + application("c-" + RUN, "NATURAL_PERSON")
                + ",\"event\":{}}", // 13: 400 both
            "[1]"); // 14: 400 not object
    final String body = "{\"items\":[" + String.join(",", items) + "]}";
    final TestHttp.Resp r = http.send("POST", "/api/v1/agencies/" + TOWN_A + "/batch", deskA, body);
    assertEquals(200, r.status(), r.toString());
    final JsonNode out = r.json();
    final int[] status = {
      201, 202, 202, 201, 409, 409, 404, 400, 400, 201, 403, 400, 400, 400, 400
    };
    final String[] field = {
      null,
      null,
      null,
      null,
      "requestId",
      "requestId",
      "requestId",
      "applicantType",
      "requestId",
      null,
      "agencyId",
      "eventId",
      "requestId",
      "application",
      "items"
    };
    assertEquals(status.length, out.get("items").size(), r.body());
    for (int i = 0; i < status.length; i++) {
      final JsonNode item = out.get("items").get(i);
      assertEquals(status[i], item.get("status").asInt(), "item " + i + ": " + item);
      if (status[i] >= 400) {
        assertEquals(
            field[i],
            item.get("body").get("field").isNull() ? null : item.get("body").get("field").asText(),
            "item " + i + ": " + item);
        assertTrue(
            item.get("body")
                .get("message")
                .asText()
                .codePoints()
                .anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN),
            "item " + i + ": " + item);
      }
    }
    assertEquals(a, out.get("items").get(0).get("body").get("requestId").asText());
    assertEquals(
        "2025-06-30",
        out.get("items").get(0).get("body").get("dueDate").asText(),
        "20 working days after 2 June 2025 (端午 on the 2nd)");
    assertEquals("e1", out.get("items").get(1).get("body").get("eventId").asText());
    assertEquals(4, out.get("written").asInt(), r.body());
    assertEquals(1, out.get("alreadyWritten").asInt(), r.body());
    assertEquals(10, out.get("refused").asInt(), r.body());
    final Map<String, Integer> expected =
        Map.of(
            a + "/received",
            1,
            a + "/e1",
            1,
            a + "/e2",
            1,
            v + "/received",
            1,
            OLD + "/received",
            1);
    assertEquals(expected, onLog(a, v, OLD, "b-" + RUN, "bad-" + RUN, "nope-" + RUN));

    // sent again as it is (its answer was lost): the same answers, nothing written
    final TestHttp.Resp again =
        http.send("POST", "/api/v1/agencies/" + TOWN_A + "/batch", deskA, body);
    assertEquals(200, again.status(), again.toString());
    for (int i = 0; i < status.length; i++) {
      assertEquals(
          status[i], again.json().get("items").get(i).get("status").asInt(), "again, item " + i);
    }
    assertEquals(0, again.json().get("written").asInt(), again.body());
    assertEquals(5, again.json().get("alreadyWritten").asInt(), again.body());
    assertEquals(expected, onLog(a, v, OLD, "b-" + RUN, "bad-" + RUN, "nope-" + RUN));
    // and the single calls agree: the application is known, the event may follow
    assertEquals(
        201,
        http.send(
                "POST",
                "/api/v1/agencies/" + TOWN_A + "/requests",
                deskA,
                application(a, "NATURAL_PERSON"))
            .status());
    assertEquals(
        202,
        http.send(
                "POST",
                "/api/v1/agencies/" + VILLAGE + "/requests/" + v + "/events",
                deskA,
                event("e1", "FEE_PAID"))
            .status());
  }

  @Test
  void racingBatchesWithTheSameItemsWriteEachOnce() throws Exception {
    final List<String> ids = new ArrayList<>();
    final String body = applicationsWithdrawn("race-", 50, ids);
    final ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      final List<Future<TestHttp.Resp>> answers = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        final TestHttp client = new TestHttp(app.port());
        answers.add(
            pool.submit(
                () -> client.send("POST", "/api/v1/agencies/" + TOWN_A + "/batch", deskA, body)));
      }
      int written = 0;
      for (Future<TestHttp.Resp> f : answers) {
        final TestHttp.Resp r = f.get();
        assertEquals(200, r.status(), r.toString());
        assertEquals(0, r.json().get("refused").asInt(), r.body());
        written += r.json().get("written").asInt();
      }
      assertEquals(100, written, "every item written by exactly one of the four batches");
    } finally {
      pool.shutdownNow();
    }
    final Map<String, Integer> log = onLog(ids.toArray(String[]::new));
    assertEquals(100, log.size(), log.toString());
    assertTrue(log.values().stream().allMatch(n -> n == 1), log.toString());
  }

  /**
   * Single calls (answered from the event loop, each waiting for its id's claim) race each other
   * and batches over the same ids: every id is written once, every call is answered as if it came
   * first or second, and no claim is left.
   */
  @Test
  void racingSingleCallsAndBatchesWriteEachOnce() throws Exception {
    final List<String> ids = new ArrayList<>();
    final String batch = applicationsWithdrawn("srace-", 30, ids);
    final String path = "/api/v1/agencies/" + TOWN_A;
    final ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      final List<Future<List<Integer>>> answers = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        final int thread = t;
        final TestHttp client = new TestHttp(app.port());
        answers.add(
            pool.submit(
                () -> {
                  final List<Integer> statuses = new ArrayList<>();
                  if (thread >= 6) {
                    final TestHttp.Resp r = client.send("POST", path + "/batch", deskA, batch);
                    assertEquals(0, r.json().get("refused").asInt(), r.body());
                    statuses.add(r.status());
                    return statuses;
                  }
                  for (String id : ids) {
                    statuses.add(
                        client
                            .send(
                                "POST",
                                path + "/requests",
                                deskA,
                                application(id, "NATURAL_PERSON"))
                            .status());
                    statuses.add(
                        client
                            .send(
                                "POST",
                                path + "/requests/" + id + "/events",
                                deskA,
                                event("d", "WITHDRAWN"))
                            .status());
                  }
                  return statuses;
                }));
      }
      for (int t = 0; t < 8; t++) {
        final List<Integer> statuses = answers.get(t).get();
        if (t >= 6) {
          assertEquals(List.of(200), statuses);
        } else {
          // an application is answered once it is remembered, so its event never meets 404
          for (int i = 0; i < statuses.size(); i++) {
            assertEquals(i % 2 == 0 ? 201 : 202, statuses.get(i), "answer " + i + ": " + statuses);
          }
        }
      }
    } finally {
      pool.shutdownNow();
    }
    final Map<String, Integer> log = onLog(ids.toArray(String[]::new));
    assertEquals(60, log.size(), log.toString());
    assertTrue(log.values().stream().allMatch(n -> n == 1), log.toString());
    assertEquals(0, app.claimedIds());
  }

  /**
   * Different bodies under one new request id, sent at the same time: one is written (201), the
   * others get 409.
   */
  @Test
  void racingDifferentBodiesUnderOneIdWriteOneAndRefuseTheRest() throws Exception {
    final String id = "conflict-" + RUN;
    final ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      final List<Future<TestHttp.Resp>> answers = new ArrayList<>();
      for (int t = 0; t < 6; t++) {
        final TestHttp client = new TestHttp(app.port());
        final String body =
            application(id, t % 2 == 0 ? "NATURAL_PERSON" : "COMMERCIAL_ENTERPRISE")
                .replace(
                    "\"channel\":\"ONLINE\"", "\"channel\":\"ONLINE\",\"subject\":\"第" + t + "份\"");
        answers.add(
            pool.submit(
                () ->
                    client.send("POST", "/api/v1/agencies/" + TOWN_A + "/requests", deskA, body)));
      }
      int created = 0;
      int refused = 0;
      for (Future<TestHttp.Resp> f : answers) {
        final TestHttp.Resp r = f.get();
        if (r.status() == 201) {
          created++;
        } else {
          assertEquals(409, r.status(), r.toString());
          assertEquals("CONFLICT", r.json().get("error").asText(), r.body());
          assertEquals("requestId", r.json().get("field").asText(), r.body());
          refused++;
        }
      }
      assertEquals(1, created);
      assertEquals(5, refused);
    } finally {
      pool.shutdownNow();
    }
    assertEquals(1, onLog(id).size());
    assertEquals(0, app.claimedIds());
  }

  /**
   * A batch body of {@code n} new applications, each followed by its withdrawal; their ids are
   * added to {@code ids}.
   */
  private static String applicationsWithdrawn(
      final String prefix, final int n, final List<String> ids) {
    final List<String> items = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      final String id = prefix + RUN + "-" + i;
      ids.add(id);
      items.add("{\"application\":" + application(id, "NATURAL_PERSON") + "}");
      items.add("{\"requestId\":\"" + id + "\",\"event\":" + event("d", "WITHDRAWN") + "}");
    }
    return "{\"items\":[" + String.join(",", items) + "]}";
  }

  static Stream<Arguments> refusals() {
    final String one =
        "{\"items\":[{\"application\":" + application("r-" + RUN, "NATURAL_PERSON") + "}]}";
    final String path = "/api/v1/agencies/" + TOWN_A + "/batch";
    final StringBuilder many = new StringBuilder("{\"items\":[");
    for (int i = 0; i <= BatchReader.MAX_ITEMS; i++) {
      many.append(i == 0 ? "" : ",")
          .append("{\"application\":")
          .append(application("m" + i, "NATURAL_PERSON"))
          .append('}');
    }
    many.append("]}");
    return Stream.of(
        Arguments.of("not JSON", path, "deskA", "{items: []}", 400, "BAD_JSON", null),
        Arguments.of("a list, not an object", path, "deskA", "[]", 400, "BAD_JSON", null),
        Arguments.of("no items", path, "deskA", "{}", 400, "MISSING_FIELD", "items"),
        Arguments.of("no item", path, "deskA", "{\"items\":[]}", 400, "INVALID_FIELD", "items"),
        Arguments.of(
            "items not a list", path, "deskA", "{\"items\":{}}", 400, "INVALID_FIELD", "items"),
        Arguments.of(
            "too many items", path, "deskA", many.toString(), 400, "INVALID_FIELD", "items"),
        Arguments.of(
            "unknown field",
            path,
            "deskA",
            "{\"items\":[],\"dryRun\":true}",
            400,
            "UNKNOWN_FIELD",
            "dryRun"),
        Arguments.of("no token", path, "none", one, 401, "UNAUTHORIZED", null),
        Arguments.of("another agency's token", path, "deskB", one, 403, "FORBIDDEN", "agencyId"),
        Arguments.of(
            "unknown agency",
            "/api/v1/agencies/nowhere-" + RUN + "/batch",
            "admin",
            one,
            404,
            "UNKNOWN_AGENCY",
            "agencyId"),
        Arguments.of(
            "body > 1 MiB",
            path,
            "deskA",
            "{\"items\":[{\"application\":{\"subject\":\""
                + "x".repeat(BatchReader.MAX_BATCH_BYTES)
                + "\"}}]}",
            413,
            "BODY_TOO_LARGE",
            null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusals")
  void envelopeRefusalWritesNothing(
      final String name,
      final String path,
      final String who,
      final String body,
      final int status,
      final String error,
      final String field) {
    final long before = TestHttp.endOffsets(bootstrap);
    final String token =
        switch (who) {
          case "admin" -> ADMIN;
          case "deskA" -> deskA;
          case "deskB" -> deskB;
          default -> null;
        };
    final TestHttp.Resp r = http.send("POST", path, token, body);
    assertEquals(status, r.status(), name + ": " + r);
    assertEquals(error, r.json().path("error").asText(null), name + ": " + r);
    assertEquals(
        field,
        r.json().hasNonNull("field") ? r.json().get("field").asText() : null,
        name + ": " + r);
    assertEquals(
        before, TestHttp.endOffsets(bootstrap), name + ": nothing may be written on a refusal");
  }

  /**
   * How often each requestId/eventId of the given requests is on the event log (read_committed).
   */
  static Map<String, Integer> onLog(final String... requestIds) throws Exception {
    final List<String> wanted = List.of(requestIds);
    final Map<String, Integer> out = new HashMap<>();
    for (var rec : TestHttp.readAll(bootstrap, Topics.EVENTS.name())) {
      final JsonNode e = Json.MAPPER.readTree(rec.value());
      if (wanted.contains(e.get("requestId").asText())) {
        out.merge(e.get("requestId").asText() + "/" + e.get("eventId").asText(), 1, Integer::sum);
      }
    }
    return out;
  }

  static String application(final String id, final String applicantType) {
    return "{\"requestId\":\""
        + id
        + "\",\"applicantType\":\""
        + applicantType
        + "\",\"receivedDate\":\"2025-06-02\","
        + "\"channel\":\"ONLINE\"}";
  }

  static String event(final String id, final String type) {
    return "{\"eventId\":\"" + id + "\",\"type\":\"" + type + "\",\"date\":\"2025-06-03\"}";
  }

  private static void put(final String agencyId, final String json) {
    final TestHttp.Resp r = http.send("PUT", "/api/v1/agencies/" + agencyId, ADMIN, json);
    assertEquals(201, r.status(), r.toString());
  }

  private static String token(final String agencyId) {
    final TestHttp.Resp r =
        http.send("POST", "/api/v1/agencies/" + agencyId + "/tokens", ADMIN, "{}");
    assertEquals(201, r.status(), r.toString());
    return r.json().get("token").asText();
  }
}
