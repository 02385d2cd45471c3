package foi.tracker.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import foi.tracker.core.access.AccessControl;
import foi.tracker.core.agency.Agency;
import foi.tracker.core.config.TrackerConfig;
import foi.tracker.core.deadline.DeadlineSettings;
import foi.tracker.core.event.RequestEvent;
import foi.tracker.core.json.Json;
import foi.tracker.core.request.RequestKey;
import foi.tracker.core.topic.DeskToken;
import foi.tracker.core.topic.EventLogPartitioner;
import foi.tracker.core.topic.Topics;
import foi.tracker.kafka.EmbeddedKafka;
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
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.awaitility.Awaitility;

/**
 * The whole read path in one JVM for the dashboard's broker tests: an in-JVM KRaft broker, the
 * stream processor and the dashboard API. Agencies, desk tokens and events are written to their
 * topics the way the ingest service writes them (ingest-service depends on dashboard-api for its
 * own page test, so it cannot be used here).
 */
final class DashboardStack implements AutoCloseable {
  static final String ADMIN = "dashboard-it-admin-token";
  static final int PARTITIONS = 3;
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final EmbeddedKafka broker;
  private final Path tmp;
  private final TrackerConfig config;
  private final StreamProcessorApp processor;
  private final KafkaProducer<String, byte[]> producer;
  private DashboardApp dashboard;
  private boolean processorStopped;

  record Resp(int status, byte[] bytes, java.net.http.HttpHeaders headers) {
    String body() {
      return new String(bytes, StandardCharsets.UTF_8);
    }

    JsonNode json() {
      try {
        return Json.MAPPER.readTree(bytes);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + body(), e);
      }
    }

    @Override
    public String toString() {
      return status + " " + body();
    }
  }

  private DashboardStack(
      final EmbeddedKafka broker,
      final Path tmp,
      final TrackerConfig config,
      final StreamProcessorApp processor,
      final DashboardApp dashboard) {
    this.broker = broker;
    this.tmp = tmp;
    this.config = config;
    this.processor = processor;
    this.dashboard = dashboard;
    final Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
  }

  static DashboardStack start() throws Exception {
    final EmbeddedKafka broker = EmbeddedKafka.startTemporary();
    final Path tmp = Files.createTempDirectory("dashboard-it");
    final TrackerConfig config =
        TrackerConfig.from(
                Map.of(
                    "TRACKER_PARTITIONS",
                    String.valueOf(PARTITIONS),
                    "TRACKER_DATA_DIR",
                    tmp.toString()))
            .withBootstrapServers(broker.bootstrapServers())
            .withPorts(0, 0);
    final StreamProcessorApp processor =
        StreamProcessorApp.start(
            config,
            new ProcessorSettings(
                Clock.systemUTC(),
                DeadlineSettings.defaults(),
                Duration.ofMillis(100),
                Duration.ofMillis(500),
                PARTITIONS),
            Map.of(StreamsConfig.STATE_DIR_CONFIG, tmp.resolve("streams").toString()));
    final DashboardApp dashboard =
        DashboardApp.start(config, ADMIN, Clock.systemUTC(), "127.0.0.1");
    final DashboardStack stack = new DashboardStack(broker, tmp, config, processor, dashboard);
    Awaitility.await()
        .atMost(Duration.ofSeconds(90))
        .until(() -> dashboard.isReady() && processor.isRunning());
    return stack;
  }

  int port() {
    return dashboard.port();
  }

  String base() {
    return "http://127.0.0.1:" + dashboard.port();
  }

  DashboardApp dashboard() {
    return dashboard;
  }

  String bootstrapServers() {
    return broker.bootstrapServers();
  }

  /**
   * Closes the dashboard and starts a fresh one on the same broker; waits until it has caught up.
   */
  void restartDashboard() throws Exception {
    dashboard.close();
    dashboard = DashboardApp.start(config, ADMIN, Clock.systemUTC(), "127.0.0.1");
    Awaitility.await().atMost(Duration.ofSeconds(60)).until(dashboard::isReady);
  }

  /**
   * Closes the dashboard and starts a fresh one on the same broker with {@code rebuildHold} run
   * before each record of its rebuild; does not wait for it to be ready.
   */
  void restartDashboard(final Runnable rebuildHold) throws Exception {
    dashboard.close();
    dashboard = DashboardApp.start(config, ADMIN, Clock.systemUTC(), "127.0.0.1", rebuildHold);
  }

  /** Stops the stream processor (it leaves its group); {@link #close()} does not stop it again. */
  void stopProcessor() {
    processor.close();
    processorStopped = true;
  }

  void putAgency(final String id, final String name, final String parentId) {
    write(Topics.AGENCIES.name(), null, id, Json.write(new Agency(id, name, parentId)));
  }

  /**
   * An agency's counters written straight to the totals topic, as only a faulty processor would.
   */
  void putTotals(final foi.tracker.core.table.AgencyTotals totals) {
    write(Topics.AGENCY_TOTALS.name(), null, totals.agencyId(), Json.write(totals));
  }

  /**
   * Waits until the subtree Table 三 of {@code rootId} equals the recount of {@code generated} for
   * every year from 2024 to {@code today}'s, and the subtree's per-request export lists every
   * generated request.
   */
  void awaitViewsEqualRecount(
      final String rootId,
      final java.util.List<foi.tracker.core.sim.GeneratedRequest> generated,
      final java.time.LocalDate today) {
    Awaitility.await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              for (int y = 2024; y <= today.getYear(); y++) {
                final Map<String, long[]> expected =
                    foi.tracker.core.sim.Recount.table3(generated, y);
                final Map<String, long[]> actual =
                    DashboardHttpIT.rows(
                        get(
                                "/api/v1/agencies/"
                                    + rootId
                                    + "/reports/"
                                    + y
                                    + "/table3?scope=subtree",
                                null)
                            .json());
                if (!expected.keySet().stream()
                    .allMatch(k -> java.util.Arrays.equals(expected.get(k), actual.get(k)))) {
                  return false;
                }
              }
              return get("/api/v1/agencies/" + rootId + "/requests?scope=subtree", ADMIN)
                      .body()
                      .split("\r\n")
                      .length
                  == 1 + generated.size();
            });
  }

  /**
   * Issues a desk token for {@code agencyId} as the ingest service does; returns the bearer token.
   */
  String issueToken(final String agencyId) {
    final String tokenId = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    final String secret = AccessControl.newSecret();
    write(
        Topics.TOKENS.name(),
        null,
        tokenId,
        Json.write(
            new DeskToken(
                tokenId,
                agencyId,
                agencyId + " desk",
                AccessControl.hashForStorage(secret),
                Instant.now(),
                false)));
    return "desk." + tokenId + "." + secret;
  }

  void send(final Collection<? extends RequestEvent> events) {
    for (RequestEvent e : events) {
      sendRaw(RequestKey.of(e.agencyId(), e.requestId()), Json.write(e));
    }
    producer.flush();
  }

  /**
   * Bytes on the event log, on the agency's partition, as a careless hand-written producer might
   * write them.
   */
  void sendRaw(final String key, final byte[] value) {
    write(Topics.EVENTS.name(), EventLogPartitioner.partitionOf(key, PARTITIONS), key, value);
  }

  private void write(
      final String topic, final Integer partition, final String key, final byte[] value) {
    try {
      producer.send(new ProducerRecord<>(topic, partition, key, value)).get();
    } catch (Exception e) {
      throw new AssertionError("could not write to " + topic, e);
    }
  }

  Resp get(final String path, final String token) {
    final HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(40));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    try {
      final HttpResponse<byte[]> r =
          CLIENT.send(b.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
      return new Resp(r.statusCode(), r.body(), r.headers());
    } catch (IOException e) {
      throw new AssertionError("GET " + path + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  static HttpClient client() {
    return CLIENT;
  }

  @Override
  public void close() throws IOException {
    producer.close(Duration.ofSeconds(5));
    dashboard.close();
    if (!processorStopped) {
      processor.close();
    }
    broker.close();
    try (var walk = Files.walk(tmp)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
