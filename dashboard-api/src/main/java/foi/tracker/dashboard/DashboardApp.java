package foi.tracker.dashboard;

import foi.tracker.core.access.AccessControl;
import foi.tracker.core.config.TrackerConfig;
import foi.tracker.core.deadline.DeadlineSettings;
import foi.tracker.core.edge.EdgePolicy;
import foi.tracker.core.topic.TopicAdmin;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;

/** Wires and starts the dashboard API: views from the output topics, HTTP server. */
public final class DashboardApp implements AutoCloseable {
  private final DashboardViews views;
  private final ApplicationContext context;
  private final EmbeddedServer server;

  private DashboardApp(
      final DashboardViews views, final ApplicationContext context, final EmbeddedServer server) {
    this.views = views;
    this.context = context;
    this.server = server;
  }

  public static DashboardApp start(
      final TrackerConfig config, final String adminToken, final Clock clock, final String bindHost)
      throws Exception {
    return start(config, adminToken, clock, bindHost, null);
  }

  /**
   * As {@link #start(TrackerConfig, String, Clock, String)}, with {@code rebuildHold} run before
   * each record the views are rebuilt from (tests: hold the rebuild to see the dashboard before it
   * is ready; null: none).
   */
  static DashboardApp start(
      final TrackerConfig config,
      final String adminToken,
      final Clock clock,
      final String bindHost,
      final Runnable rebuildHold)
      throws Exception {
    try (Admin admin =
        Admin.create(
            foi.tracker.core.config.KafkaClientSecurity.withBootstrap(config.bootstrapServers()))) {
      TopicAdmin.ensureTopics(
          admin, config.partitions(), config.replicationFactor(), config.minInsyncReplicas());
    }
    final DashboardViews views =
        new DashboardViews(
                config.bootstrapServers(),
                new AccessControl(adminToken),
                config.dataDir().resolve("dashboard"),
                foi.tracker.core.access.RecordVerifier.fromEnvironment(
                    System.getenv(), config.dataDir()),
                rebuildHold)
            .start();
    final DashboardService service =
        new DashboardService(views, clock, DeadlineSettings.defaults());
    final Map<String, Object> props = new HashMap<>();
    props.put("tracker.service", "dashboard");
    props.put("micronaut.server.port", config.dashboardPort());
    props.put("micronaut.server.host", bindHost);
    props.put("micronaut.application.name", "foi-tracker-dashboard");
    // the desk page (another origin) reads deadlines, requests and the calendar here: CORS for its
    // origins only,
    // GET with the Authorization header, no credentials, no private-network access
    final List<String> origins = EdgePolicy.pageOrigins(null, config.ingestPort(), System.getenv());
    props.put("micronaut.server.cors.enabled", true);
    props.put("micronaut.server.cors.configurations.pages.allowed-origins", origins);
    props.put("micronaut.server.cors.configurations.pages.allowed-methods", List.of("GET"));
    props.put(
        "micronaut.server.cors.configurations.pages.allowed-headers", List.of("Authorization"));
    props.put("micronaut.server.cors.configurations.pages.allow-credentials", false);
    props.put("micronaut.server.cors.configurations.pages.allow-private-network", false);
    props.put("tracker.edge.connect-origins", origins);
    props.put("tracker.sse.heartbeat", System.getProperty("tracker.sse.heartbeat", "15s"));
    props.put(
        "tracker.sse.streams-per-token",
        System.getenv()
            .getOrDefault(
                "TRACKER_ALERT_STREAMS_PER_TOKEN",
                String.valueOf(AlertStreamCap.DEFAULT_PER_TOKEN)));
    props.put("micronaut.router.static-resources.dashboard.paths", "classpath:public/dashboard");
    props.put("micronaut.router.static-resources.dashboard.mapping", "/**");
    // GET /metrics: open requests by deadline status, views caught up, the HTTP timer and the JVM's
    // meters
    final io.micrometer.prometheusmetrics.PrometheusMeterRegistry registry =
        foi.tracker.ops.TrackerMeters.newRegistry("dashboard");
    DashboardMetrics.bind(registry, service, views);
    props.put("tracker.openapi", DashboardApi.OPENAPI_RESOURCE);
    final ApplicationContext ctx =
        ApplicationContext.builder()
            .properties(props)
            .singletons(service, views.access(), registry)
            .deduceEnvironment(false)
            .banner(false)
            .start();
    final EmbeddedServer server = ctx.getBean(EmbeddedServer.class);
    server.start();
    return new DashboardApp(views, ctx, server);
  }

  public int port() {
    return server.getPort();
  }

  /** Token and agency records ignored since start for want of a valid signature. */
  public long refusedSignatures() {
    return views.refusedSignatures();
  }

  /** The views, for tests in this package. */
  DashboardViews views() {
    return views;
  }

  public boolean isReady() {
    return views.isCaughtUp();
  }

  @Override
  public void close() {
    server.stop();
    context.close();
    views.close();
  }
}
