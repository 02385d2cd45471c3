package foi.tracker.standalone;

import foi.tracker.core.access.AdminToken;
import foi.tracker.core.config.TrackerConfig;
import foi.tracker.dashboard.DashboardApp;
import foi.tracker.ingest.IngestApp;
import foi.tracker.kafka.EmbeddedKafka;
import foi.tracker.processor.ProcessorSettings;
import foi.tracker.processor.StreamProcessorApp;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The whole tracker in one process: an embedded single-node KRaft broker with its data under {@code TRACKER_DATA_DIR}
 * (unless {@code KAFKA_BOOTSTRAP_SERVERS} is set), the stream processor, the ingest service and the dashboard API.
 */
public final class Standalone implements AutoCloseable {
  private final List<AutoCloseable> parts;

  private Standalone(final List<AutoCloseable> parts) {
    this.parts = parts;
  }

  public static void main(final String[] args) throws Exception {
    final long t0 = System.nanoTime();
    // a processor in ERROR stops the whole process (exit 70), so that a supervisor restarts it
    final Standalone s = start(TrackerConfig.fromEnvironment(),
        System.getenv().getOrDefault("TRACKER_BIND_HOST", "127.0.0.1"), true, StreamProcessorApp::exitOnError);
    Runtime.getRuntime().addShutdownHook(new Thread(s::close, "shutdown"));
    System.out.printf("Ready in %.1f s. Press Ctrl-C to stop.%n", (System.nanoTime() - t0) / 1e9);
  }

  /** Starts every part; {@code announce} prints the URLs and (once) the admin token. */
  public static Standalone start(final TrackerConfig env, final String bindHost, final boolean announce)
      throws Exception {
    return start(env, bindHost, announce, () -> { });
  }

  /** {@link #start}, with {@code onProcessorError} run when the stream processor reaches ERROR. */
  public static Standalone start(final TrackerConfig env, final String bindHost, final boolean announce,
                                 final Runnable onProcessorError) throws Exception {
    final List<AutoCloseable> parts = new ArrayList<>();
    try {
      TrackerConfig config = env;
      Files.createDirectories(config.dataDir());
      if (config.bootstrapServers() == null) {
        final int port = Integer.parseInt(System.getenv().getOrDefault("TRACKER_KAFKA_PORT", "0"));
        final EmbeddedKafka broker = EmbeddedKafka.start(config.dataDir().resolve("kafka"), port, 0);
        parts.add(broker);
        config = config.withBootstrapServers(broker.bootstrapServers());
      }
      final AdminToken.Resolved admin = AdminToken.resolve(config.adminToken(), config.dataDir());
      parts.add(StreamProcessorApp.start(config, ProcessorSettings.defaults(config.partitions()),
          StreamProcessorApp.tuningFrom(System.getenv()), onProcessorError));
      final IngestApp ingest = IngestApp.start(config, admin.token(), Clock.systemUTC(), bindHost);
      parts.add(ingest);
      final DashboardApp dashboard = DashboardApp.start(config, admin.token(), Clock.systemUTC(), bindHost);
      parts.add(dashboard);
      if (announce) {
        System.out.println("Kafka:            " + config.bootstrapServers()
            + (env.bootstrapServers() == null ? " (embedded, data in " + config.dataDir() + ")" : ""));
        System.out.println("Request desk:     http://" + bindHost + ":" + ingest.port() + "/");
        System.out.println("Dashboard:        http://" + bindHost + ":" + dashboard.port() + "/");
        if (admin.generated()) {
          System.out.println("Admin token (shown once, kept in " + config.dataDir().resolve("admin-token") + "): "
              + admin.token());
        } else {
          System.out.println("Admin token:      from " + (config.adminToken() != null ? "TRACKER_ADMIN_TOKEN"
              : config.dataDir().resolve("admin-token")));
        }
      }
      return new Standalone(parts);
    } catch (Exception | Error e) {
      new Standalone(parts).close();
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
