package foi.tracker.dashboard;

import foi.tracker.core.access.AccessControl;
import foi.tracker.core.config.TrackerConfig;
import foi.tracker.core.deadline.DeadlineSettings;
import foi.tracker.core.topic.TopicAdmin;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/** Wires and starts the dashboard API: views from the output topics, HTTP server. */
public final class DashboardApp implements AutoCloseable {
  private final DashboardViews views;
  private final ApplicationContext context;
  private final EmbeddedServer server;

  private DashboardApp(final DashboardViews views, final ApplicationContext context, final EmbeddedServer server) {
    this.views = views;
    this.context = context;
    this.server = server;
  }

  public static DashboardApp start(final TrackerConfig config, final String adminToken, final Clock clock,
                                   final String bindHost) throws Exception {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers()))) {
      TopicAdmin.ensureTopics(admin, config.partitions(), config.replicationFactor(), config.minInsyncReplicas());
    }
    final DashboardViews views = new DashboardViews(config.bootstrapServers(), new AccessControl(adminToken),
        config.dataDir().resolve("dashboard")).start();
    final DashboardService service = new DashboardService(views, clock, DeadlineSettings.defaults());
    final Map<String, Object> props = new HashMap<>();
    props.put("tracker.service", "dashboard");
    props.put("micronaut.server.port", config.dashboardPort());
    props.put("micronaut.server.host", bindHost);
    props.put("micronaut.application.name", "foi-tracker-dashboard");
    props.put("micronaut.server.cors.enabled", true);
    props.put("tracker.sse.heartbeat", System.getProperty("tracker.sse.heartbeat", "15s"));
    props.put("micronaut.router.static-resources.dashboard.paths", "classpath:public/dashboard");
    props.put("micronaut.router.static-resources.dashboard.mapping", "/**");
    // GET /metrics: open requests by deadline status, views caught up, the HTTP timer and the JVM's meters
    final io.micrometer.prometheusmetrics.PrometheusMeterRegistry registry =
        foi.tracker.ops.TrackerMeters.newRegistry("dashboard");
    DashboardMetrics.bind(registry, service, views);
    props.put("tracker.openapi", DashboardApi.OPENAPI_RESOURCE);
    final ApplicationContext ctx = ApplicationContext.builder().properties(props).singletons(service, registry)
        .deduceEnvironment(false).banner(false).start();
    final EmbeddedServer server = ctx.getBean(EmbeddedServer.class);
    server.start();
    return new DashboardApp(views, ctx, server);
  }

  public int port() {
    return server.getPort();
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
