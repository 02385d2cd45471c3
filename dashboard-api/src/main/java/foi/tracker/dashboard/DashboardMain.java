package foi.tracker.dashboard;

import foi.tracker.core.access.AdminToken;
import foi.tracker.core.config.TrackerConfig;
import java.time.Clock;

/**
 * Runs the dashboard API alone against {@code KAFKA_BOOTSTRAP_SERVERS} (as docker-compose does).
 */
public final class DashboardMain {
  private DashboardMain() {}

  public static void main(final String[] args) throws Exception {
    final TrackerConfig config = TrackerConfig.fromEnvironment();
    if (config.bootstrapServers() == null) {
      throw new IllegalStateException(
          "KAFKA_BOOTSTRAP_SERVERS must be set to run the dashboard API alone");
    }
    final AdminToken.Resolved admin = AdminToken.resolve(config.adminToken(), config.dataDir());
    final DashboardApp app =
        DashboardApp.start(
            config,
            admin.token(),
            Clock.systemUTC(),
            System.getenv().getOrDefault("TRACKER_BIND_HOST", "0.0.0.0"));
    Runtime.getRuntime().addShutdownHook(new Thread(app::close));
    System.out.println("dashboard-api on port " + app.port());
  }
}
