package foi.tracker.standalone;

import foi.tracker.core.access.AdminToken;
import foi.tracker.core.config.TrackerConfig;
import foi.tracker.dashboard.DashboardApp;
import foi.tracker.ingest.IngestApp;
import foi.tracker.kafka.EmbeddedKafka;
import foi.tracker.processor.ProcessorHttp;
import foi.tracker.processor.ProcessorSettings;
import foi.tracker.processor.StreamProcessorApp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The whole tracker in one process: an embedded single-node KRaft broker with its data under {@code
 * TRACKER_DATA_DIR} (unless {@code KAFKA_BOOTSTRAP_SERVERS} is set), the stream processor, the
 * ingest service and the dashboard API.
 */
public final class Standalone implements AutoCloseable {
  private final List<AutoCloseable> parts;
  private final String announcement;
  private final java.util.function.BooleanSupplier ready;

  private Standalone(
      final List<AutoCloseable> parts,
      final String announcement,
      final java.util.function.BooleanSupplier ready) {
    this.parts = parts;
    this.announcement = announcement;
    this.ready = ready;
  }

  public static void main(final String[] args) throws Exception {
    final long t0 = System.nanoTime();
    // a processor in ERROR stops the whole process (exit 70), so that a supervisor restarts it
    final Standalone s =
        start(
            TrackerConfig.fromEnvironment(),
            System.getenv().getOrDefault("TRACKER_BIND_HOST", "127.0.0.1"),
            true,
            StreamProcessorApp::exitOnError);
    Runtime.getRuntime().addShutdownHook(new Thread(s::close, "shutdown"));
    // both services have read what was already on their topics (their start-up lines are out), at
    // most a minute
    final long until = System.nanoTime() + 60_000_000_000L;
    while (!s.ready.getAsBoolean() && System.nanoTime() < until) {
      Thread.sleep(50);
    }
    // last, after the broker's and the processor's start-up lines: where the pages are and where
    // the token is
    System.out.print(s.announcement);
    System.out.printf("Ready in %.1f s. Press Ctrl-C to stop.%n", (System.nanoTime() - t0) / 1e9);
    System.out.flush();
  }

  /**
   * What {@code main} prints once everything has started: the URLs and the admin token's place
   * (empty if not asked).
   */
  public String announcement() {
    return announcement;
  }

  /**
   * Starts every part; with {@code announce} it prepares the URLs and (once) the admin token for
   * {@link #main} to print after everything else has started ({@link #announcement}).
   */
  public static Standalone start(
      final TrackerConfig env, final String bindHost, final boolean announce) throws Exception {
    return start(env, bindHost, announce, () -> {});
  }

  /** {@link #start}, with {@code onProcessorError} run when the stream processor reaches ERROR. */
  public static Standalone start(
      final TrackerConfig env,
      final String bindHost,
      final boolean announce,
      final Runnable onProcessorError)
      throws Exception {
    final List<AutoCloseable> parts = new ArrayList<>();
    try {
      TrackerConfig config = env;
      AdminToken.createPrivateDirectories(
          config.dataDir()); // owner-only: the admin token and the broker's log
      if (config.bootstrapServers() == null) {
        final int port = Integer.parseInt(System.getenv().getOrDefault("TRACKER_KAFKA_PORT", "0"));
        final EmbeddedKafka broker =
            EmbeddedKafka.start(config.dataDir().resolve("kafka"), port, 0);
        parts.add(broker);
        config = config.withBootstrapServers(broker.bootstrapServers());
      }
      final AdminToken.Resolved admin = AdminToken.resolve(config.adminToken(), config.dataDir());
      final StreamProcessorApp processor =
          StreamProcessorApp.start(
              config,
              ProcessorSettings.defaults(config.partitions()),
              StreamProcessorApp.tuningFrom(System.getenv()),
              onProcessorError);
      parts.add(processor);
      // the processor's /metrics and /health on TRACKER_PROCESSOR_PORT (default 8083), as when it
      // runs alone
      final ProcessorHttp processorHttp =
          ProcessorHttp.start(processor, bindHost, ProcessorHttp.portFrom(System.getenv()));
      parts.add(processorHttp);
      final IngestApp ingest = IngestApp.start(config, admin.token(), Clock.systemUTC(), bindHost);
      parts.add(ingest);
      final DashboardApp dashboard =
          DashboardApp.start(config, admin.token(), Clock.systemUTC(), bindHost);
      parts.add(dashboard);
      final StringBuilder out = new StringBuilder();
      if (announce) {
        final String nl = System.lineSeparator();
        out.append(nl).append("==== FOI tracker ====").append(nl);
        out.append("Kafka:            ")
            .append(config.bootstrapServers())
            .append(
                env.bootstrapServers() == null
                    ? " (embedded, data in " + config.dataDir() + ")"
                    : "")
            .append(nl);
        out.append("Request desk:     http://")
            .append(bindHost)
            .append(':')
            .append(ingest.port())
            .append("/   (受理窗口: enter a desk token on the page)")
            .append(nl);
        out.append("Dashboard:        http://")
            .append(bindHost)
            .append(':')
            .append(dashboard.port())
            .append("/   (统计与期限: a token under 令牌 for deadlines and downloads)")
            .append(nl);
        if (admin.generated()) {
          out.append("Admin token (shown once, kept in ")
              .append(config.dataDir().resolve("admin-token"))
              .append("): ")
              .append(admin.token())
              .append(nl);
        } else {
          out.append("Admin token:      from ")
              .append(
                  config.adminToken() != null
                      ? "TRACKER_ADMIN_TOKEN"
                      : config.dataDir().resolve("admin-token"))
              .append(nl);
        }
        final String ih = "http://" + bindHost + ':' + ingest.port();
        final String dh = "http://" + bindHost + ':' + dashboard.port();
        final String ph = "http://" + bindHost + ':' + processorHttp.port();
        out.append("Metrics:          ")
            .append(ih)
            .append("/metrics  ")
            .append(dh)
            .append("/metrics  ")
            .append(ph)
            .append("/metrics   (Prometheus; processor health: ")
            .append(ph)
            .append("/health)")
            .append(nl);
        out.append("OpenAPI:          ")
            .append(ih)
            .append("/openapi.yml  ")
            .append(dh)
            .append("/openapi.yml  ")
            .append(ph)
            .append("/openapi.yml")
            .append(nl);
        out.append("Desk tokens:      POST http://")
            .append(bindHost)
            .append(':')
            .append(ingest.port())
            .append(
                "/api/v1/agencies/{agencyId}/tokens with the admin token (README \"The pages\")")
            .append(nl);
      }
      return new Standalone(parts, out.toString(), () -> ingest.isReady() && dashboard.isReady());
    } catch (Exception | Error e) {
      new Standalone(parts, "", () -> false).close();
      throw e;
    }
  }

  @Override
  public void close() {
    final List<AutoCloseable> reversed = new ArrayList<>(parts);
    Collections.reverse(reversed);
    for (AutoCloseable p : reversed) {
      try {
        p.close();
      } catch (Exception e) {
        System.err.println("while stopping " + p.getClass().getSimpleName() + ": " + e);
      }
    }
  }
}
