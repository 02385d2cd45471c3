package foi.tracker.standalone;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import foi.tracker.core.json.Json;
import foi.tracker.kafka.LoopbackPorts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The README's run: the standalone jar started as its own process (embedded broker, data dir),
 * driven over HTTP with the applications of a published report (seed 002, 连城镇 2024), which must
 * come back as exactly that report's Table 三; then the process is killed with SIGKILL and started
 * again on the same data dir: agencies, tokens, tables and requests come back identical.
 */
class StandaloneProcessIT {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final String ADMIN = "admin-test-token-0123456789";
  private Process process;

  @AfterEach
  void stop() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      process.waitFor();
    }
  }

  @Test
  void shouldReproduceSeed002AndSurviveAKillWithItsDataDir() throws Exception {
    // a data dir that does not exist yet: the standalone creates it, owner-only
    final Path dataDir = Files.createTempDirectory("standalone-it").resolve("data");
    final int ingest = LoopbackPorts.reserve();
    final int dashboard = LoopbackPorts.reserve();
    final long t0 = System.nanoTime();
    process = start(dataDir, ingest, dashboard);
    awaitHealthy(process, dataDir, ingest, dashboard);
    assertEquals(
        "rwx------",
        java.nio.file.attribute.PosixFilePermissions.toString(
            Files.getPosixFilePermissions(dataDir)),
        "the data dir holds the admin token and the broker's log: owner-only");
    System.out.printf(
        "standalone: healthy %.1f s after the process started%n", (System.nanoTime() - t0) / 1e9);

    final String in = "http://127.0.0.1:" + ingest + "/api/v1";
    assertEquals(
        201,
        call("PUT", in + "/agencies/guzhen", ADMIN, "{\"name\":\"固镇县人民政府\",\"parentId\":null}")
            .statusCode());
    assertEquals(
        201,
        call(
                "PUT",
                in + "/agencies/liancheng",
                ADMIN,
                "{\"name\":\"连城镇人民政府\",\"parentId\":\"guzhen\"}")
            .statusCode());
    final HttpResponse<String> token =
        call("POST", in + "/agencies/liancheng/tokens", ADMIN, "{\"label\":\"desk\"}");
    assertEquals(201, token.statusCode());
    final String desk = Json.MAPPER.readTree(token.body()).get("token").asText();
    for (String[] r :
        List.of(
            new String[] {"2024-001", "2024-03-11"},
            new String[] {"2024-002", "2024-06-03"},
            new String[] {"2024-003", "2024-10-21"})) {
      final HttpResponse<String> created =
          call(
              "POST",
              in + "/agencies/liancheng/requests",
              desk,
              "{\"requestId\":\""
                  + r[0]
                  + "\",\"applicantType\":\"NATURAL_PERSON\",\"receivedDate\":\""
                  + r[1]
                  + "\",\"channel\":\"ONLINE\",\"subject\":\"申请公开道路建设资金\"}");
      assertEquals(201, created.statusCode(), created.body());
    }
    assertEquals(
        202,
        call(
                "POST",
                in + "/agencies/liancheng/requests/2024-001/events",
                desk,
                "{\"eventId\":\"d1\",\"type\":\"DECIDED\",\"date\":\"2024-03-29\",\"outcome\":\"DISCLOSED\"}")
            .statusCode());
    assertEquals(
        202,
        call(
                "POST",
                in + "/agencies/liancheng/requests/2024-002/events",
                desk,
                "{\"eventId\":\"d1\",\"type\":\"DECIDED\",\"date\":\"2024-06-20\",\"outcome\":\"OTHER\"}")
            .statusCode());
    assertEquals(
        202,
        call(
                "POST",
                in + "/agencies/liancheng/requests/2024-003/events",
                desk,
                "{\"eventId\":\"w1\",\"type\":\"WITHDRAWN\",\"date\":\"2024-11-01\"}")
            .statusCode());

    assertAnnouncedOpsUrlsAnswer(dataDir);

    final String table =
        "http://127.0.0.1:"
            + dashboard
            + "/api/v1/agencies/guzhen/reports/2024/table3?scope=subtree";
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> row(table, "DECIDED_TOTAL").get(6).asLong() == 3);
    final JsonNode t = Json.MAPPER.readTree(call("GET", table, null, null).body());
    assertEquals("[3,0,0,0,0,0,3]", t.get("rows").get("NEW").toString());
    assertEquals("[0,0,0,0,0,0,0]", t.get("rows").get("CARRIED_OVER_IN").toString());
    assertEquals("[1,0,0,0,0,0,1]", t.get("rows").get("DISCLOSED").toString());
    assertEquals("[2,0,0,0,0,0,2]", t.get("rows").get("OTHER").toString());
    assertEquals("[3,0,0,0,0,0,3]", t.get("rows").get("DECIDED_TOTAL").toString());
    assertEquals("[0,0,0,0,0,0,0]", t.get("rows").get("CARRIED_OVER_OUT").toString());
    t.get("rows")
        .fields()
        .forEachRemaining(
            e -> {
              if (!List.of("NEW", "DISCLOSED", "OTHER", "DECIDED_TOTAL").contains(e.getKey())) {
                assertEquals("[0,0,0,0,0,0,0]", e.getValue().toString(), e.getKey());
              }
            });
    assertTrue(t.get("balanced").asBoolean());
    final String ref = "身份证110101199003071234";
    final HttpResponse<String> withRef =
        call(
            "POST",
            in + "/agencies/liancheng/requests",
            desk,
            "{\"requestId\":\"2024-ref\",\"applicantType\":\"NATURAL_PERSON\",\"receivedDate\":\"2024-12-02\","
                + "\"channel\":\"POST\",\"applicantRef\":\""
                + ref
                + "\"}");
    assertEquals(201, withRef.statusCode(), withRef.body());
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> row(table, "CARRIED_OVER_OUT").get(6).asLong() == 1);
    assertSecretsNowhere(
        dataDir, List.of(ADMIN, desk, desk.substring(desk.lastIndexOf('.') + 1), ref));
    assertSecretsNotOnTopics(
        dataDir, List.of(ADMIN, desk, desk.substring(desk.lastIndexOf('.') + 1), ref));
    // the county publishes 2024 (年报发布); the published table survives the kill exactly
    assertEquals(
        201,
        call(
                "PUT",
                in + "/agencies/guzhen/reports/2024/publications/1",
                ADMIN,
                "{\"publishedDate\":\"2025-01-20\"}")
            .statusCode());
    final String published = table + "&version=published";
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> call("GET", published, null, null).statusCode() == 200);
    final String publishedBefore = call("GET", published, null, null).body();
    assertTrue(publishedBefore.contains("\"CARRIED_OVER_OUT\":[1,0,0,0,0,0,1]"), publishedBefore);
    final String request =
        "http://127.0.0.1:" + dashboard + "/api/v1/agencies/liancheng/requests/2024-001";
    final String before = call("GET", request, desk, null).body();
    final String tableBefore = call("GET", table, null, null).body();
    final String deadlines =
        "http://127.0.0.1:" + dashboard + "/api/v1/agencies/guzhen/deadlines?scope=subtree";
    final String deadlinesBefore = call("GET", deadlines, ADMIN, null).body();
    assertTrue(
        deadlinesBefore.contains("\"2024-ref\""), "the open request is listed: " + deadlinesBefore);
    final String compliance =
        "http://127.0.0.1:" + dashboard + "/api/v1/agencies/guzhen/compliance/2024?scope=subtree";
    final String complianceBefore = call("GET", compliance, null, null).body();
    final String agencyBefore = call("GET", in + "/agencies/liancheng", desk, null).body();
    assertTrue(agencyBefore.contains("连城镇人民政府"), agencyBefore);
    assertTrue(tableBefore.contains("\"CARRIED_OVER_OUT\":[1,0,0,0,0,0,1]"), tableBefore);

    process.destroyForcibly().waitFor();
    final long t1 = System.nanoTime();
    process = start(dataDir, ingest, dashboard);
    awaitHealthy(process, dataDir, ingest, dashboard);
    System.out.printf(
        "standalone: healthy again %.1f s after a restart on its data dir%n",
        (System.nanoTime() - t1) / 1e9);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> call("GET", table, null, null).body().equals(tableBefore));
    assertEquals(before, call("GET", request, desk, null).body(), "request detail after restart");
    assertEquals(
        deadlinesBefore, call("GET", deadlines, ADMIN, null).body(), "deadlines after restart");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> call("GET", published, null, null).statusCode() == 200);
    assertEquals(
        publishedBefore,
        call("GET", published, null, null).body(),
        "published table after restart");
    assertEquals(
        complianceBefore, call("GET", compliance, null, null).body(), "compliance after restart");
    assertEquals(
        agencyBefore,
        call("GET", in + "/agencies/liancheng", desk, null).body(),
        "agency after restart");
    assertEquals(
        200,
        call(
                "PUT",
                in + "/agencies/liancheng",
                ADMIN,
                "{\"name\":\"连城镇人民政府\",\"parentId\":\"guzhen\"}")
            .statusCode(),
        "agency still registered");
    assertEquals(
        202,
        call(
                "POST",
                in + "/agencies/liancheng/requests/2024-003/events",
                desk,
                "{\"eventId\":\"w1\",\"type\":\"WITHDRAWN\",\"date\":\"2024-11-01\"}")
            .statusCode(),
        "token and ledger back");
    assertEquals(
        409,
        call(
                "POST",
                in + "/agencies/liancheng/requests/2024-003/events",
                desk,
                "{\"eventId\":\"w1\",\"type\":\"WITHDRAWN\",\"date\":\"2024-11-02\"}")
            .statusCode());

    // the clock's lapses and limits on the jar: a 补正 not answered by its dueBy lapses; a delay
    // after the due date is
    // refused with its reason, and the step's fate says so
    final String d = "http://127.0.0.1:" + dashboard + "/api/v1/agencies/liancheng";
    assertEquals(
        201,
        call(
                "POST",
                in + "/agencies/liancheng/requests",
                desk,
                "{\"requestId\":\"2025-lapse\","
                    + "\"applicantType\":\"NATURAL_PERSON\",\"receivedDate\":\"2025-04-01\",\"channel\":\"ONLINE\"}")
            .statusCode());
    assertEquals(
        202,
        call(
                "POST",
                in + "/agencies/liancheng/requests/2025-lapse/events",
                desk,
                "{\"eventId\":\"c1\","
                    + "\"type\":\"CORRECTION_REQUESTED\",\"date\":\"2025-04-03\",\"dueBy\":\"2025-04-18\"}")
            .statusCode());
    assertEquals(
        202,
        call(
                "POST",
                in + "/agencies/liancheng/requests/2024-ref/events",
                desk,
                "{\"eventId\":\"late\","
                    + "\"type\":\"DELAY_SET\",\"date\":\"2025-03-03\",\"dueDate\":\"2025-04-30\"}")
            .statusCode());
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                call("GET", d + "/deadlines?status=LAPSED", desk, null)
                    .body()
                    .contains("\"2025-lapse\""));
    final JsonNode lapsed =
        Json.MAPPER.readTree(call("GET", d + "/requests/2025-lapse", desk, null).body());
    assertEquals("LAPSED", lapsed.get("deadlineStatus").asText(), lapsed.toString());
    assertEquals("2025-04-19", lapsed.get("lapse").get("since").asText());
    assertEquals("OTHER_NO_CORRECTION", lapsed.get("lapse").get("suggestedOutcome").asText());
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                call("GET", d + "/requests/2024-ref/events/late", desk, null)
                    .body()
                    .contains("REJECTED"));
    assertTrue(
        call("GET", d + "/requests/2024-ref/events/late", desk, null).body().contains("延迟答复"));
  }

  /**
   * No token and no applicant reference in clear anywhere the process wrote: its log (beside the
   * data dir), the broker's log segments, the state stores (the admin token file is the one place
   * the admin token is kept by design, so it is skipped).
   */
  private static void assertSecretsNowhere(final Path dataDir, final List<String> secrets)
      throws IOException {
    try (var files =
        java.util.stream.Stream.concat(
            Files.walk(dataDir), java.util.stream.Stream.of(logOf(dataDir)))) {
      for (Path f :
          files
              .filter(Files::isRegularFile)
              .filter(f -> !f.getFileName().toString().equals("admin-token"))
              .toList()) {
        final String content = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
        for (String secret : secrets) {
          final String needle =
              new String(secret.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
          assertTrue(!content.contains(needle), "a secret appears in clear in " + f);
        }
      }
    }
  }

  /** The start-up lines name the three /metrics and /openapi.yml URLs, and each answers 200. */
  private static void assertAnnouncedOpsUrlsAnswer(final Path dataDir) throws Exception {
    // printed once both services are ready, right after their /health turned 200
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> Files.readString(logOf(dataDir), StandardCharsets.UTF_8).contains("Ready in"));
    final String log = Files.readString(logOf(dataDir), StandardCharsets.UTF_8);
    final java.util.regex.Matcher metrics =
        java.util.regex.Pattern.compile("(?m)^Metrics:\\s+(\\S+)\\s+(\\S+)\\s+(\\S+)").matcher(log);
    final java.util.regex.Matcher openApi =
        java.util.regex.Pattern.compile("(?m)^OpenAPI:\\s+(\\S+)\\s+(\\S+)\\s+(\\S+)").matcher(log);
    assertTrue(
        metrics.find() && openApi.find(),
        "the standalone announces its metrics and OpenAPI URLs:\n" + log);
    for (int i = 1; i <= 3; i++) {
      assertTrue(metrics.group(i).endsWith("/metrics"), metrics.group());
      final HttpResponse<String> m = call("GET", metrics.group(i), null, null);
      assertEquals(200, m.statusCode(), metrics.group(i));
      assertTrue(m.body().contains("jvm_memory_used_bytes"), metrics.group(i));
      final HttpResponse<String> o = call("GET", openApi.group(i), null, null);
      assertEquals(200, o.statusCode(), openApi.group(i));
      assertTrue(o.body().startsWith("openapi: 3"), openApi.group(i));
    }
  }

  /**
   * Every record of every project topic, decompressed, as text: the secrets must not be in any of
   * them.
   */
  private static void assertSecretsNotOnTopics(final Path dataDir, final List<String> secrets)
      throws IOException {
    final String log = Files.readString(logOf(dataDir), StandardCharsets.UTF_8);
    final java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("Kafka:\\s+(\\S+)").matcher(log);
    assertTrue(m.find(), "the standalone announces its broker");
    final java.util.Properties p = new java.util.Properties();
    p.put("bootstrap.servers", m.group(1));
    int records = 0;
    try (var c =
        new org.apache.kafka.clients.consumer.KafkaConsumer<byte[], byte[]>(
            p,
            new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
            new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
      final List<org.apache.kafka.common.TopicPartition> parts = new java.util.ArrayList<>();
      for (var t : foi.tracker.core.topic.Topics.ALL) {
        c.partitionsFor(t.name())
            .forEach(
                i ->
                    parts.add(
                        new org.apache.kafka.common.TopicPartition(i.topic(), i.partition())));
      }
      c.assign(parts);
      c.seekToBeginning(parts);
      final var end = c.endOffsets(parts);
      final long until = System.currentTimeMillis() + 20_000;
      while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp))
          && System.currentTimeMillis() < until) {
        for (var r : c.poll(Duration.ofMillis(200))) {
          records++;
          final String text =
              (r.key() == null ? "" : new String(r.key(), StandardCharsets.UTF_8))
                  + (r.value() == null ? "" : new String(r.value(), StandardCharsets.UTF_8));
          for (String secret : secrets) {
            assertTrue(!text.contains(secret), "a secret appears in clear on " + r.topic());
          }
        }
      }
    }
    assertTrue(records > 10, "read the topics (" + records + " records)");
  }

  private static JsonNode row(final String table, final String code)
      throws IOException, InterruptedException {
    final HttpResponse<String> r = call("GET", table, null, null);
    return r.statusCode() == 200
        ? Json.MAPPER.readTree(r.body()).get("rows").get(code)
        : Json.MAPPER.readTree("[0,0,0,0,0,0,-1]");
  }

  private static Process start(final Path dataDir, final int ingest, final int dashboard)
      throws IOException {
    return start(dataDir, ingest, dashboard, ADMIN);
  }

  /** The process's output: beside the data dir, which the process itself may have to create. */
  static Path logOf(final Path dataDir) {
    return dataDir.resolveSibling(dataDir.getFileName() + "-standalone.log");
  }

  private static String logTail(final Path dataDir) {
    try {
      final List<String> lines = Files.readAllLines(logOf(dataDir), StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (final IOException e) {
      return "(no log: " + e + ")";
    }
  }

  /**
   * The standalone jar as its own process on {@code dataDir}, 2 partitions, output appended to
   * {@link #logOf}.
   */
  static Process start(
      final Path dataDir, final int ingest, final int dashboard, final String admin)
      throws IOException {
    final Path jar = Path.of("target", "tracker-standalone.jar").toAbsolutePath();
    final ProcessBuilder pb =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx768m",
            "-jar",
            jar.toString());
    final Map<String, String> env = pb.environment();
    env.remove("KAFKA_BOOTSTRAP_SERVERS");
    env.put("TRACKER_DATA_DIR", dataDir.toString());
    env.put("TRACKER_INGEST_PORT", String.valueOf(ingest));
    env.put("TRACKER_DASHBOARD_PORT", String.valueOf(dashboard));
    env.put("TRACKER_PROCESSOR_PORT", "0");
    env.put("TRACKER_ADMIN_TOKEN", admin);
    env.put("TRACKER_PARTITIONS", "2");
    env.put("TRACKER_APPLICANT_REF_SECRET", "test-hmac-key");
    pb.redirectErrorStream(true);
    pb.redirectOutput(ProcessBuilder.Redirect.appendTo(logOf(dataDir).toFile()));
    return pb.start();
  }

  /**
   * Waits until both services answer /health with 200; fails at once, with the end of the process's
   * log, when the process has exited (a port it could not bind, say).
   */
  static void awaitHealthy(
      final Process process, final Path dataDir, final int ingest, final int dashboard) {
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(250))
        .failFast(
            () -> {
              if (!process.isAlive()) {
                throw new AssertionError(
                    "the standalone exited (" + process.exitValue() + "):\n" + logTail(dataDir));
              }
            })
        .ignoreExceptions()
        .until(
            () ->
                call("GET", "http://127.0.0.1:" + ingest + "/health", null, null).statusCode()
                        == 200
                    && call("GET", "http://127.0.0.1:" + dashboard + "/health", null, null)
                            .statusCode()
                        == 200);
  }

  static HttpResponse<String> call(
      final String method, final String url, final String token, final String body)
      throws IOException, InterruptedException {
    final HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(30))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
            .header("Content-Type", "application/json");
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }
}
