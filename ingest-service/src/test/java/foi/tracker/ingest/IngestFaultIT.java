package foi.tracker.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import foi.tracker.core.config.TrackerConfig;
import foi.tracker.core.json.Json;
import foi.tracker.core.topic.Topics;
import foi.tracker.dashboard.DashboardApp;
import foi.tracker.kafka.EmbeddedKafka;
import foi.tracker.kafka.LoopbackPorts;
import foi.tracker.processor.ProcessorSettings;
import foi.tracker.processor.StreamProcessorApp;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.streams.StreamsConfig;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Faults injected into real processes under load, with the processor and the dashboard counting
 * behind them: the ingest service (its own JVM) is killed with SIGKILL while desks post, and later
 * the broker is stopped and restarted while they post. A desk that got no answer (connection reset,
 * 503) retries the same call with the same ids, as the desk page does. In the end every
 * acknowledged event is on the log, no 201/202 was given for anything that is not there, and Table
 * 三 counts every application and decision exactly once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IngestFaultIT {
  private static final String ADMIN = "fault-admin-token-0123456789";
  private static final String AGENCY = "fault-town";
  private static final String YEAR = "2025";
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private EmbeddedKafka broker;
  private StreamProcessorApp processor;
  private DashboardApp dashboard;
  private Path dataDir;
  private int ingestPort;
  private Process ingest;

  /** Every call a desk got a 201/202 for: "requestId/eventId". */
  private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();

  private final AtomicInteger applications = new AtomicInteger();
  private final AtomicInteger decisions = new AtomicInteger();

  @BeforeAll
  void startStack() throws Exception {
    broker = EmbeddedKafka.startTemporary();
    dataDir = Files.createTempDirectory("ingest-fault-it");
    final TrackerConfig config =
        TrackerConfig.from(Map.of())
            .withBootstrapServers(broker.bootstrapServers())
            .withPorts(0, 0)
            .withDataDir(dataDir);
    processor =
        StreamProcessorApp.start(
            config,
            ProcessorSettings.defaults(config.partitions()),
            Map.of(StreamsConfig.STATE_DIR_CONFIG, dataDir.resolve("streams").toString()));
    dashboard = DashboardApp.start(config, ADMIN, Clock.systemUTC(), "127.0.0.1");
    ingestPort = LoopbackPorts.reserve();
    ingest = startIngest();
    awaitIngestHealthy();
    Awaitility.await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> dashboard.isReady() && processor.isRunning());
    assertEquals(
        201, call("PUT", "/api/v1/agencies/" + AGENCY, "{\"name\":\"故障镇人民政府\",\"parentId\":null}"));
  }

  @AfterAll
  void stopStack() throws Exception {
    if (ingest != null) {
      ingest.destroy();
      ingest.waitFor();
    }
    if (dashboard != null) {
      dashboard.close();
    }
    if (processor != null) {
      processor.close();
    }
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  @Order(1)
  void shouldLoseNothingAndCountOnceWhenTheIngestProcessIsKilledUnderLoad() throws Exception {
    try (Load load = new Load("k", 4)) {
      load.awaitAcknowledged(150);
      ingest.destroyForcibly().waitFor();
      final int ackedAtKill = acknowledged.size();
      System.out.printf(
          "IngestFaultIT: ingest killed with SIGKILL after %d acknowledged calls%n", ackedAtKill);
      ingest = startIngest();
      awaitIngestHealthy();
      load.awaitAcknowledged(ackedAtKill + 150);
      load.finish();
      assertTrue(
          load.failedCalls.get() > 0, "the kill was felt by the desks: " + load.failedCalls.get());
    }
    assertEverythingAcknowledgedIsOnTheLogAndCountedOnce();
  }

  @Test
  @Order(2)
  void shouldAnswer503AndCountOnceWhenTheBrokerStopsUnderLoad() throws Exception {
    try (Load load = new Load("b", 4)) {
      load.awaitAcknowledged(acknowledged.size() + 100);
      broker.stop();
      final long t0 = System.nanoTime();
      Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> load.unavailable.get() >= 4);
      System.out.printf(
          "IngestFaultIT: broker down; %d answers 503 within %.1f s%n",
          load.unavailable.get(), (System.nanoTime() - t0) / 1e9);
      broker.restart();
      load.awaitAcknowledged(acknowledged.size() + 100, Duration.ofSeconds(150));
      load.finish();
    }
    assertEverythingAcknowledgedIsOnTheLogAndCountedOnce();
  }

  private void assertEverythingAcknowledgedIsOnTheLogAndCountedOnce() throws Exception {
    final Map<String, Integer> onLog = new HashMap<>();
    for (var r : TestHttp.readAll(broker.bootstrapServers(), Topics.EVENTS.name())) {
      final JsonNode e = Json.MAPPER.readTree(r.value());
      if (AGENCY.equals(e.path("agencyId").asText())) {
        onLog.merge(e.get("requestId").asText() + "/" + e.get("eventId").asText(), 1, Integer::sum);
      }
    }
    final Set<String> missing = new HashSet<>(acknowledged);
    missing.removeAll(onLog.keySet());
    assertEquals(Set.of(), missing, "acknowledged but not on the log");
    final Set<String> unasked = new HashSet<>(onLog.keySet());
    unasked.removeAll(acknowledged);
    assertEquals(
        Set.of(), unasked, "on the log but never acknowledged (every desk retried until it was)");
    final long rejected =
        TestHttp.readAll(broker.bootstrapServers(), Topics.REJECTED.name()).stream()
            .filter(r -> new String(r.value(), StandardCharsets.UTF_8).contains(AGENCY))
            .count();
    assertEquals(
        0, rejected, "a retried call is a duplicate, never a conflict or an illegal event");
    final int twice = (int) onLog.values().stream().filter(n -> n > 1).count();
    System.out.printf(
        "IngestFaultIT: %d calls acknowledged, %d records on the log, %d written twice by a retry%n",
        acknowledged.size(), onLog.values().stream().mapToInt(Integer::intValue).sum(), twice);

    final long apps = applications.get();
    final long decided = decisions.get();
    final String table = "/api/v1/agencies/" + AGENCY + "/reports/" + YEAR + "/table3";
    Awaitility.await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(300))
        .until(
            () -> {
              final JsonNode rows = rows(table);
              return rows != null
                  && rows.get("NEW").get(6).asLong() == apps
                  && rows.get("DECIDED_TOTAL").get(6).asLong() == decided;
            });
    final JsonNode rows = rows(table);
    assertEquals(apps, rows.get("NEW").get(0).asLong(), "NEW, natural persons");
    assertEquals(decided, rows.get("DISCLOSED").get(6).asLong(), "DISCLOSED");
    assertEquals(
        apps - decided, rows.get("CARRIED_OVER_OUT").get(6).asLong(), "open at the year's end");
    final JsonNode status = Json.MAPPER.readTree(get(table));
    assertTrue(status.get("balanced").asBoolean(), status.toString());
  }

  private JsonNode rows(final String path) {
    try {
      final HttpResponse<String> r =
          CLIENT.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + dashboard.port() + path))
                  .timeout(Duration.ofSeconds(10))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 ? Json.MAPPER.readTree(r.body()).get("rows") : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  private String get(final String path) throws Exception {
    return CLIENT
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + dashboard.port() + path))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  /**
   * Desks posting applications, and a decision for every second one, each call retried with the
   * same body until it is acknowledged.
   */
  private final class Load implements AutoCloseable {
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicInteger failedCalls = new AtomicInteger();
    private final AtomicInteger unavailable = new AtomicInteger();
    private final List<Thread> threads = new ArrayList<>();
    private volatile Throwable failure;

    Load(final String prefix, final int desks) {
      for (int t = 0; t < desks; t++) {
        final String desk = prefix + t;
        final Thread th = new Thread(() -> run(desk), "desk-" + desk);
        th.setDaemon(true);
        threads.add(th);
        th.start();
      }
    }

    private void run(final String desk) {
      try {
        for (int i = 0; !stop.get(); i++) {
          final String requestId = desk + "-" + i;
          untilAcknowledged(
              "/api/v1/agencies/" + AGENCY + "/requests",
              requestId + "/received",
              "{\"requestId\":\""
                  + requestId
                  + "\",\"applicantType\":\"NATURAL_PERSON\","
                  + "\"receivedDate\":\"2025-03-03\",\"channel\":\"ONLINE\"}",
              201);
          applications.incrementAndGet();
          if (i % 2 == 0) {
            untilAcknowledged(
                "/api/v1/agencies/" + AGENCY + "/requests/" + requestId + "/events",
                requestId + "/d",
                "{\"eventId\":\"d\",\"type\":\"DECIDED\",\"date\":\"2025-03-20\",\"outcome\":\"DISCLOSED\"}",
                202);
            decisions.incrementAndGet();
          }
        }
      } catch (Throwable e) {
        failure = e;
      }
    }

    /**
     * Posts until the answer is the expected 201/202; 503 and lost connections are retried,
     * anything else fails.
     */
    private void untilAcknowledged(
        final String path, final String id, final String body, final int expected)
        throws Exception {
      while (true) {
        final int status;
        try {
          status = call("POST", path, body);
        } catch (IOException e) {
          failedCalls.incrementAndGet();
          Thread.sleep(100);
          continue;
        }
        if (status == expected) {
          acknowledged.add(id);
          return;
        }
        if (status == 503) {
          unavailable.incrementAndGet();
          failedCalls.incrementAndGet();
          Thread.sleep(200);
          continue;
        }
        throw new AssertionError("POST " + path + " for " + id + " answered " + status);
      }
    }

    void awaitAcknowledged(final int n) {
      awaitAcknowledged(n, Duration.ofSeconds(90));
    }

    void awaitAcknowledged(final int n, final Duration atMost) {
      Awaitility.await()
          .atMost(atMost)
          .pollInterval(Duration.ofMillis(50))
          .until(() -> failure != null || acknowledged.size() >= n);
      if (failure != null) {
        throw new AssertionError("a desk failed", failure);
      }
    }

    /**
     * Lets every desk finish its current call (each retries until acknowledged), then stops them.
     */
    void finish() throws InterruptedException {
      stop.set(true);
      for (Thread t : threads) {
        t.join(Duration.ofSeconds(120).toMillis());
        assertTrue(!t.isAlive(), t.getName() + " finished its last call");
      }
      if (failure != null) {
        throw new AssertionError("a desk failed", failure);
      }
    }

    @Override
    public void close() {
      stop.set(true);
    }
  }

  private int call(final String method, final String path, final String body)
      throws IOException, InterruptedException {
    final HttpRequest r =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ingestPort + path))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + ADMIN)
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
            .build();
    return CLIENT.send(r, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private Process startIngest() throws IOException {
    final ProcessBuilder pb =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx256m",
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-cp",
            System.getProperty("java.class.path"),
            IngestMain.class.getName());
    final Map<String, String> env = pb.environment();
    env.put("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
    env.put("TRACKER_DATA_DIR", dataDir.toString());
    env.put("TRACKER_INGEST_PORT", String.valueOf(ingestPort));
    env.put("TRACKER_ADMIN_TOKEN", ADMIN);
    env.put("TRACKER_BIND_HOST", "127.0.0.1");
    pb.redirectErrorStream(true);
    pb.redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("ingest.log").toFile()));
    return pb.start();
  }

  private void awaitIngestHealthy() {
    Awaitility.await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(200))
        .ignoreExceptions()
        .until(
            () ->
                CLIENT
                        .send(
                            HttpRequest.newBuilder(
                                    URI.create("http://127.0.0.1:" + ingestPort + "/health"))
                                .build(),
                            HttpResponse.BodyHandlers.discarding())
                        .statusCode()
                    == 200);
  }
}
