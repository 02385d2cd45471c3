package foi.tracker.ingest;

import foi.tracker.core.config.TrackerConfig;
import foi.tracker.dashboard.DashboardApp;
import foi.tracker.kafka.EmbeddedKafka;
import foi.tracker.kafka.LoopbackPorts;
import foi.tracker.processor.ProcessorSettings;
import foi.tracker.processor.StreamProcessorApp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;
import org.awaitility.Awaitility;

/**
 * The whole tracker in this JVM for a test class: a temporary broker, the stream processor, the
 * dashboard API and the ingest service (the desk page finds the dashboard by its URL), started and
 * ready; closed in reverse order.
 */
final class TrackerStack implements AutoCloseable {
  final EmbeddedKafka broker;
  final StreamProcessorApp processor;
  DashboardApp dashboard;
  IngestApp ingest;
  private final Path dataDir;
  private TrackerConfig config;

  private TrackerStack(
      final EmbeddedKafka broker,
      final Path dataDir,
      final StreamProcessorApp processor,
      final DashboardApp dashboard,
      final IngestApp ingest) {
    this.broker = broker;
    this.dataDir = dataDir;
    this.processor = processor;
    this.dashboard = dashboard;
    this.ingest = ingest;
  }

  static TrackerStack start(final String adminToken) throws Exception {
    return start(adminToken, bootstrap -> {});
  }

  /**
   * With {@code seed} run on the broker before any service starts (e.g. records an older version
   * wrote).
   */
  static TrackerStack start(final String adminToken, final java.util.function.Consumer<String> seed)
      throws Exception {
    final EmbeddedKafka broker = EmbeddedKafka.startTemporary();
    seed.accept(broker.bootstrapServers());
    final Path dataDir = Files.createTempDirectory("tracker-stack");
    // the ingest port is chosen first, so the dashboard knows the desk page's origin (CORS, CSP)
    final int ingestPort = LoopbackPorts.reserve();
    final TrackerConfig config =
        TrackerConfig.from(Map.of())
            .withBootstrapServers(broker.bootstrapServers())
            .withPorts(ingestPort, 0)
            .withDataDir(dataDir);
    final StreamProcessorApp processor =
        StreamProcessorApp.start(
            config,
            ProcessorSettings.defaults(config.partitions()),
            Map.of(StreamsConfig.STATE_DIR_CONFIG, dataDir.resolve("streams").toString()));
    final DashboardApp dashboard =
        DashboardApp.start(config, adminToken, Clock.systemUTC(), "127.0.0.1");
    final IngestApp ingest =
        IngestApp.start(
            config,
            adminToken,
            Clock.systemUTC(),
            "127.0.0.1",
            "http://127.0.0.1:" + dashboard.port());
    final TrackerStack stack = new TrackerStack(broker, dataDir, processor, dashboard, ingest);
    stack.config = config;
    stack.adminToken = adminToken;
    Awaitility.await()
        .atMost(Duration.ofSeconds(120))
        .until(() -> ingest.isReady() && dashboard.isReady() && processor.isRunning());
    return stack;
  }

  private String adminToken;

  /**
   * Closes the dashboard and starts a fresh one on the same broker (its views rebuilt from Kafka);
   * waits for it.
   */
  void restartDashboard() throws Exception {
    dashboard.close();
    dashboard = DashboardApp.start(config, adminToken, Clock.systemUTC(), "127.0.0.1");
    Awaitility.await().atMost(Duration.ofSeconds(60)).until(dashboard::isReady);
  }

  /**
   * Closes the ingest service and starts a fresh one on the same broker and data dir; waits for it.
   */
  void restartIngest() throws Exception {
    restartIngest(null);
    Awaitility.await().atMost(Duration.ofSeconds(60)).until(ingest::isReady);
  }

  Path dataDir() {
    return dataDir;
  }

  /**
   * Closes the ingest and starts a fresh one on the same broker with {@code rebuildHold} run before
   * each record of its rebuild (null: none); does not wait for it to be ready.
   */
  void restartIngest(final Runnable rebuildHold) throws Exception {
    ingest.close();
    ingest =
        IngestApp.start(
            config,
            adminToken,
            Clock.systemUTC(),
            "127.0.0.1",
            "http://127.0.0.1:" + dashboard.port(),
            rebuildHold);
  }

  /**
   * A second ingest instance on the same broker and data dir (its own port), as a deployment with
   * several behind a load balancer runs them; waits for it. The caller closes it.
   */
  IngestApp startAnotherIngest() throws Exception {
    final IngestApp another =
        IngestApp.start(
            config.withPorts(0, config.dashboardPort()),
            adminToken,
            Clock.systemUTC(),
            "127.0.0.1",
            "http://127.0.0.1:" + dashboard.port());
    Awaitility.await().atMost(Duration.ofSeconds(60)).until(another::isReady);
    return another;
  }

  String bootstrapServers() {
    return broker.bootstrapServers();
  }

  TestHttp ingestHttp() {
    return new TestHttp(ingest.port());
  }

  TestHttp dashboardHttp() {
    return new TestHttp(dashboard.port());
  }

  @Override
  public void close() throws IOException {
    ingest.close();
    dashboard.close();
    processor.close();
    broker.close();
    try (var files = Files.walk(dataDir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
