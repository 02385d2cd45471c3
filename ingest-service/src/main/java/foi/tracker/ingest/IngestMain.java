package foi.tracker.ingest;

import foi.tracker.core.access.AdminToken;
import foi.tracker.core.config.TrackerConfig;
import java.time.Clock;

/**
 * Runs the ingest service alone against {@code KAFKA_BOOTSTRAP_SERVERS} (as docker-compose does).
 */
public final class IngestMain {
  private IngestMain() {}

  public static void main(final String[] args) throws Exception {
    final TrackerConfig config = TrackerConfig.fromEnvironment();
    if (config.bootstrapServers() == null) {
      throw new IllegalStateException(
          "KAFKA_BOOTSTRAP_SERVERS must be set to run the ingest service alone");
    }
    final AdminToken.Resolved admin = AdminToken.resolve(config.adminToken(), config.dataDir());
    if (admin.generated()) {
      System.out.println(
          "Admin token (stored in "
              + config.dataDir().resolve("admin-token")
              + "): "
              + admin.token());
    }
    final IngestApp app =
        IngestApp.start(
            config,
            admin.token(),
            Clock.systemUTC(),
            System.getenv().getOrDefault("TRACKER_BIND_HOST", "0.0.0.0"));
    Runtime.getRuntime().addShutdownHook(new Thread(app::close));
    System.out.println("ingest-service on port " + app.port());
  }
}
