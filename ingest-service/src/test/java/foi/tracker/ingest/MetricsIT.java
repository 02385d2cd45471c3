package foi.tracker.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import foi.tracker.core.request.RequestKey;
import foi.tracker.core.topic.EventLogPartitioner;
import foi.tracker.core.topic.Topics;
import foi.tracker.processor.ProcessorHttp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The three services' {@code GET /metrics} on a real broker: after a known sequence of calls the
 * tracker's meters move by exactly what the calls did (writes by type, refusals by code,
 * publications, dead letters, alerts, open requests by deadline status), the HTTP timer counts by
 * route template, the processor's lag and health are served, and each service serves its OpenAPI
 * description.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class MetricsIT {
  private static final String ADMIN = "metrics-admin-token-0123456789abcdef";
  private static final String AGENCY = "m-county";
  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private TrackerStack stack;
  private ProcessorHttp processorHttp;
  private TestHttp in;
  private TestHttp out;

  /** The per-write log lines of this class's calls. */
  private final ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent>
      writes = new ch.qos.logback.core.read.ListAppender<>();

  @BeforeAll
  void start() throws Exception {
    final ch.qos.logback.classic.Logger log =
        (ch.qos.logback.classic.Logger)
            org.slf4j.LoggerFactory.getLogger(IngestMetrics.WRITES_LOGGER);
    writes.setContext(log.getLoggerContext());
    writes.start();
    log.addAppender(writes);
    stack = TrackerStack.start(ADMIN);
    processorHttp = ProcessorHttp.start(stack.processor, "127.0.0.1", 0);
    in = stack.ingestHttp();
    out = stack.dashboardHttp();
    assertEquals(
        201, in.send("PUT", "/api/v1/agencies/" + AGENCY, ADMIN, "{\"name\":\"指标县\"}").status());
  }

  @AfterAll
  void stop() throws Exception {
    processorHttp.close();
    stack.close();
  }

  /**
   * First: the exact counts (open requests, alerts) are of this stack's requests, all made here.
   */
  @Test
  @org.junit.jupiter.api.Order(1)
  void trackerMetricsMoveByExactlyWhatTheCallsDid() throws Exception {
    final Scrape ingest0 = scrape(stack.ingest.port());
    final Scrape dash0 = scrape(stack.dashboard.port());
    final Scrape proc0 = scrape(processorHttp.port());
    final String apps = "/api/v1/agencies/" + AGENCY + "/requests";

    // two applications received 2025-06-02: written once each (the re-send is not), both OVERDUE
    // today
    assertEquals(201, in.send("POST", apps, ADMIN, application("m-1", "ONLINE")).status());
    assertEquals(201, in.send("POST", apps, ADMIN, application("m-1", "ONLINE")).status());
    final TestHttp.Resp conflict = in.send("POST", apps, ADMIN, application("m-1", "POST"));
    assertEquals(409, conflict.status(), conflict.toString());
    final TestHttp.Resp bad = in.send("POST", apps, ADMIN, application("m-bad", "PIGEON"));
    assertEquals(400, bad.status(), bad.toString());
    final String badCode = bad.json().get("error").asText();
    assertEquals(202, in.send("POST", apps + "/m-1/events", ADMIN, event("e1")).status());
    final TestHttp.Resp unknown = in.send("POST", apps + "/m-nope/events", ADMIN, event("e1"));
    assertEquals(404, unknown.status(), unknown.toString());
    assertEquals("UNKNOWN_REQUEST", unknown.json().get("error").asText());
    // a batch: one application and one step written, one item refused with the same code as above
    final TestHttp.Resp batch =
        in.send(
            "POST",
            "/api/v1/agencies/" + AGENCY + "/batch",
            ADMIN,
            "{\"items\":["
                + "{\"application\":"
                + application("m-2", "ONLINE")
                + "},"
                + "{\"requestId\":\"m-2\",\"event\":"
                + event("e1")
                + "},"
                + "{\"application\":"
                + application("m-bad2", "PIGEON")
                + "}]}");
    assertEquals(200, batch.status(), batch.toString());
    assertEquals(2, batch.json().get("written").asInt(), batch.toString());
    final TestHttp.Resp published =
        in.send(
            "PUT",
            "/api/v1/agencies/" + AGENCY + "/reports/2025/publications/1",
            ADMIN,
            "{\"publishedDate\":\"2026-01-20\"}");
    assertEquals(201, published.status(), published.toString());
    // a record no one can read, written past the ingest: the processor dead-letters it
    poison();

    final Scrape ingest1 = scrape(stack.ingest.port());
    assertEquals(
        2.0,
        delta(ingest0, ingest1, "foi_tracker_events_written_total", Map.of("type", "RECEIVED")));
    assertEquals(
        2.0,
        delta(ingest0, ingest1, "foi_tracker_events_written_total", Map.of("type", "FEE_PAID")));
    assertEquals(4.0, delta(ingest0, ingest1, "foi_tracker_events_written_total", Map.of()));
    assertEquals(
        1.0,
        delta(ingest0, ingest1, "foi_tracker_events_refused_total", Map.of("reason", "CONFLICT")));
    assertEquals(
        2.0,
        delta(ingest0, ingest1, "foi_tracker_events_refused_total", Map.of("reason", badCode)));
    assertEquals(
        1.0,
        delta(
            ingest0,
            ingest1,
            "foi_tracker_events_refused_total",
            Map.of("reason", "UNKNOWN_REQUEST")));
    assertEquals(4.0, delta(ingest0, ingest1, "foi_tracker_events_refused_total", Map.of()));
    assertEquals(1.0, delta(ingest0, ingest1, "foi_tracker_publications_total", Map.of()));
    assertEquals(1.0, ingest1.sum("foi_tracker_views_caught_up"));
    // the HTTP timer: by route template (no agency id in any label), method and status
    final Map<String, String> route =
        Map.of("uri", "/api/v1/agencies/{agencyId}/requests", "method", "POST");
    assertEquals(
        2.0,
        delta(
            ingest0, ingest1, "http_server_requests_seconds_count", with(route, "status", "201")));
    assertEquals(
        1.0,
        delta(
            ingest0, ingest1, "http_server_requests_seconds_count", with(route, "status", "409")));
    assertEquals(
        1.0,
        delta(
            ingest0, ingest1, "http_server_requests_seconds_count", with(route, "status", "400")));
    assertTrue(
        ingest1.series().stream()
            .noneMatch(s -> s.labels().values().stream().anyMatch(v -> v.contains(AGENCY))),
        "no label names an agency");
    assertTrue(ingest1.has("kafka_producer_record_send_total"), "the producer's own metrics");
    assertTrue(ingest1.has("jvm_memory_used_bytes"), "the JVM's metrics");

    // the processor: exactly one dead letter, one OVERDUE alert per open request, lag down to 0,
    // healthy
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              final Scrape p = scrape(processorHttp.port());
              assertEquals(1.0, delta(proc0, p, "foi_tracker_dead_letters_total", Map.of()));
              assertEquals(
                  2.0,
                  delta(proc0, p, "foi_tracker_alerts_emitted_total", Map.of("to", "OVERDUE")));
              assertEquals(
                  0.0,
                  delta(proc0, p, "foi_tracker_alerts_emitted_total", Map.of("to", "DUE_SOON")));
              assertEquals(
                  0.0,
                  p.sum("foi_tracker_processor_lag_records"),
                  "lag " + p.named("foi_tracker_processor_lag_records"));
            });
    final Scrape proc1 = scrape(processorHttp.port());
    assertEquals(
        stack.processor.streams().metadataForLocalThreads().stream()
            .mapToLong(t -> t.activeTasks().size())
            .sum(),
        proc1.named("foi_tracker_processor_lag_records").stream()
            .filter(s -> !Double.isNaN(s.value()))
            .count(),
        "a lag for each partition held");
    assertTrue(
        proc1.has("kafka_stream_thread_process_total")
            || proc1.series().stream().anyMatch(s -> s.name().startsWith("kafka_stream_")),
        "Kafka Streams' own metrics");
    final HttpResponse<String> health = get(processorHttp.port(), "/health");
    assertEquals(200, health.statusCode(), health.body());
    final JsonNode h = foi.tracker.core.json.Json.MAPPER.readTree(health.body());
    assertEquals("RUNNING", h.get("state").asText(), health.body());
    assertEquals(0, h.get("lagRecords").asLong(), health.body());

    // the dashboard: both requests open and OVERDUE today, nothing else open; views caught up
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              final Scrape d = scrape(stack.dashboard.port());
              assertEquals(
                  2.0,
                  delta(
                      dash0, d, "foi_tracker_open_requests", Map.of("deadline_status", "OVERDUE")));
              assertEquals(
                  2.0,
                  d.sum("foi_tracker_open_requests"),
                  "open " + d.named("foi_tracker_open_requests"));
              assertEquals(1.0, d.sum("foi_tracker_views_caught_up"));
            });
    assertEquals(
        5,
        scrape(stack.dashboard.port()).named("foi_tracker_open_requests").size(),
        "one series per open deadline status, even at 0");
    assertTrue(
        scrape(stack.dashboard.port()).series().stream()
            .anyMatch(x -> x.name().startsWith("kafka_consumer_")),
        "the views' consumer's own metrics");
    // every name the Grafana dashboard and the alert rules may use (DockerComposeTest) is in a real
    // scrape
    final java.util.Set<String> seen = new java.util.HashSet<>();
    for (int port : new int[] {stack.ingest.port(), stack.dashboard.port(), processorHttp.port()}) {
      scrape(port).series().forEach(x -> seen.add(x.name()));
    }
    for (String name : foi.tracker.ops.TrackerMeters.PROMETHEUS_NAMES) {
      assertTrue(seen.contains(name), name + " is exported");
    }
  }

  /**
   * The per-write lines as {@code TRACKER_LOG_FORMAT=json} writes them (logback's JsonEncoder, as
   * logback.xml sets it): one parseable JSON object per write with agency, request, type, outcome
   * and latency, and nothing of the body beyond them (the applications here carry a subject).
   */
  @Test
  @org.junit.jupiter.api.Order(2)
  void theWriteLinesAreJsonWithTheWriteFieldsAndNoSubject() throws Exception {
    final String apps = "/api/v1/agencies/" + AGENCY + "/requests";
    assertEquals(201, in.send("POST", apps, ADMIN, application("m-log", "ONLINE")).status());
    assertEquals(201, in.send("POST", apps, ADMIN, application("m-log", "ONLINE")).status());
    assertEquals(400, in.send("POST", apps, ADMIN, application("m-log-bad", "PIGEON")).status());
    final ch.qos.logback.classic.encoder.JsonEncoder json =
        new ch.qos.logback.classic.encoder.JsonEncoder();
    json.setContext(writes.getContext());
    json.setWithSequenceNumber(false);
    json.setWithArguments(false);
    json.setWithMessage(false);
    json.setWithFormattedMessage(true);
    json.setWithMDC(false);
    json.setWithContext(false);
    json.start();
    final java.util.List<Map<String, String>> lines = new java.util.ArrayList<>();
    for (ch.qos.logback.classic.spi.ILoggingEvent e : List.copyOf(writes.list)) {
      final String line = new String(json.encode(e), StandardCharsets.UTF_8);
      assertTrue(
          line.endsWith("\n") && line.indexOf('\n') == line.length() - 1, "one line: " + line);
      assertTrue(
          !line.contains("申请公开某某文件")
              && !line.contains("subject")
              && !line.contains("NATURAL_PERSON"),
          "nothing of the body: " + line);
      final JsonNode node = foi.tracker.core.json.Json.MAPPER.readTree(line);
      assertEquals("INFO", node.get("level").asText(), line);
      assertEquals(IngestMetrics.WRITES_LOGGER, node.get("loggerName").asText(), line);
      final Map<String, String> kv = new java.util.HashMap<>();
      node.get("kvpList")
          .forEach(
              pair ->
                  pair.fields()
                      .forEachRemaining(
                          f ->
                              kv.put(
                                  f.getKey(),
                                  f.getValue().isNull() ? null : f.getValue().asText())));
      assertTrue(node.get("formattedMessage").asText().startsWith("write agency=" + AGENCY), line);
      assertTrue(Double.parseDouble(kv.get("latencyMs")) >= 0, line);
      lines.add(kv);
    }
    final List<Map<String, String>> mine =
        lines.stream().filter(kv -> AGENCY.equals(kv.get("agency"))).toList();
    assertTrue(
        mine.stream()
            .anyMatch(
                kv ->
                    "m-log".equals(kv.get("request"))
                        && "RECEIVED".equals(kv.get("type"))
                        && "WRITTEN".equals(kv.get("outcome"))),
        "the write: " + mine);
    assertTrue(
        mine.stream()
            .anyMatch(
                kv ->
                    "m-log".equals(kv.get("request"))
                        && "ALREADY_WRITTEN".equals(kv.get("outcome"))),
        "the re-send: " + mine);
    assertTrue(
        mine.stream().anyMatch(kv -> "REFUSED".equals(kv.get("outcome")) && kv.get("code") != null),
        "the refusal with its code: " + mine);
  }

  @Test
  void eachServiceServesItsOpenApiDescriptionAndUnknownProcessorPathsAre404() throws Exception {
    for (int port : new int[] {stack.ingest.port(), stack.dashboard.port(), processorHttp.port()}) {
      final HttpResponse<String> r = get(port, "/openapi.yml");
      assertEquals(200, r.statusCode(), "port " + port);
      assertTrue(r.body().startsWith("openapi: 3"), r.body());
      assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/yaml"));
      final HttpResponse<String> m = get(port, "/metrics");
      assertEquals(200, m.statusCode());
      assertTrue(m.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
    }
    assertTrue(
        get(stack.ingest.port(), "/openapi.yml")
            .body()
            .contains("/api/v1/agencies/{agencyId}/requests:"));
    assertTrue(
        get(stack.dashboard.port(), "/openapi.yml")
            .body()
            .contains("/api/v1/agencies/{agencyId}/deadlines:"));
    assertEquals(404, get(processorHttp.port(), "/metrics/x").statusCode());
    assertEquals(404, get(processorHttp.port(), "/api/v1/status").statusCode());
  }

  private void poison() throws Exception {
    final Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
      final String key = RequestKey.of(AGENCY, "m-poison");
      final int partitions = producer.partitionsFor(Topics.EVENTS.name()).size();
      producer
          .send(
              new ProducerRecord<>(
                  Topics.EVENTS.name(),
                  EventLogPartitioner.partitionOf(key, partitions),
                  key,
                  "{\"type\":\"DECIDED\",".getBytes(StandardCharsets.UTF_8)))
          .get();
    }
  }

  private static String application(final String id, final String channel) {
    return "{\"requestId\":\""
        + id
        + "\",\"applicantType\":\"NATURAL_PERSON\",\"receivedDate\":\"2025-06-02\","
        + "\"channel\":\""
        + channel
        + "\",\"subject\":\"申请公开某某文件\"}";
  }

  private static String event(final String id) {
    return "{\"eventId\":\"" + id + "\",\"type\":\"FEE_PAID\",\"date\":\"2025-06-03\"}";
  }

  private static Map<String, String> with(
      final Map<String, String> labels, final String k, final String v) {
    final Map<String, String> m = new java.util.HashMap<>(labels);
    m.put(k, v);
    return m;
  }

  private static double delta(
      final Scrape before,
      final Scrape after,
      final String name,
      final Map<String, String> labels) {
    return after.sum(name, labels) - before.sum(name, labels);
  }

  private static Scrape scrape(final int port) throws Exception {
    final HttpResponse<String> r = get(port, "/metrics");
    assertEquals(200, r.statusCode(), r.body());
    return Scrape.parse(r.body());
  }

  private static HttpResponse<String> get(final int port, final String path) throws Exception {
    return CLIENT.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(20))
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }
}
