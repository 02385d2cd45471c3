package foi.tracker.ops;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;

/**
 * The tracker's own meters (api.md "Operating it"), by their Micrometer names; the Prometheus
 * scrape shows them with dots as underscores and counters with {@code _total}. None carries an
 * agency label: a label per agency would make a series per agency (thousands) and say who is busy,
 * which the scrape is not the place for.
 */
public final class TrackerMeters {
  /**
   * Counter, tag {@code type}: events the ingest wrote (acknowledged by the broker), re-sends not
   * counted.
   */
  public static final String EVENTS_WRITTEN = "foi.tracker.events.written";

  /**
   * Counter, tag {@code reason}: write calls (or batch items) the ingest refused, by the error code
   * of the answer.
   */
  public static final String EVENTS_REFUSED = "foi.tracker.events.refused";

  /** Counter: records the processor dead-lettered. */
  public static final String DEAD_LETTERS = "foi.tracker.dead.letters";

  /**
   * Gauge, tag {@code partition}: event-log records not yet processed, per partition this processor
   * holds.
   */
  public static final String PROCESSOR_LAG = "foi.tracker.processor.lag.records";

  /**
   * Gauge: 1 while the processor's Kafka Streams client is RUNNING or REBALANCING, 0 in any other
   * state (starting, shutting down, NOT_RUNNING, ERROR): a process that answers its scrape but
   * processes nothing.
   */
  public static final String PROCESSOR_RUNNING = "foi.tracker.processor.running";

  /**
   * Gauge, tag {@code deadline_status}: open requests in the dashboard's views by their deadline
   * status today.
   */
  public static final String OPEN_REQUESTS = "foi.tracker.open.requests";

  /**
   * Counter, tag {@code to}: deadline alerts the processor emitted, by the status alerted
   * (DUE_SOON, OVERDUE, LAPSED).
   */
  public static final String ALERTS_EMITTED = "foi.tracker.alerts.emitted";

  /** Gauge: 1 once the service's views have read their topics to the end, else 0. */
  public static final String VIEWS_CAUGHT_UP = "foi.tracker.views.caught.up";

  /** Counter: report versions the ingest published. */
  public static final String PUBLICATIONS = "foi.tracker.publications";

  /**
   * Timer, tags {@code method}, {@code uri} (the route template), {@code status}: HTTP answers and
   * their latency.
   */
  public static final String HTTP_REQUESTS = "http.server.requests";

  /**
   * The series names the Prometheus scrape shows for the tracker's meters and the HTTP timer, e.g.
   * for a dashboard or an alert rule to be checked against.
   */
  public static final List<String> PROMETHEUS_NAMES =
      List.of(
          "foi_tracker_events_written_total",
          "foi_tracker_events_refused_total",
          "foi_tracker_dead_letters_total",
          "foi_tracker_processor_lag_records",
          "foi_tracker_processor_running",
          "foi_tracker_open_requests",
          "foi_tracker_alerts_emitted_total",
          "foi_tracker_views_caught_up",
          "foi_tracker_publications_total",
          "http_server_requests_seconds_count",
          "http_server_requests_seconds_sum",
          "http_server_requests_seconds_bucket",
          "http_server_requests_seconds_max");

  private TrackerMeters() {}

  /**
   * A Prometheus registry with the JVM's meters (memory, GC, threads, classes, CPU, uptime), tagged
   * by service.
   */
  public static PrometheusMeterRegistry newRegistry(final String service) {
    final PrometheusMeterRegistry r = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    r.config().commonTags("service", service);
    new ClassLoaderMetrics().bindTo(r);
    new JvmMemoryMetrics().bindTo(r);
    new JvmGcMetrics().bindTo(r);
    new JvmThreadMetrics().bindTo(r);
    new ProcessorMetrics().bindTo(r);
    new UptimeMetrics().bindTo(r);
    return r;
  }

  /** {@code 1} or {@code 0}, for a gauge of a condition. */
  public static double oneIf(final boolean condition) {
    return condition ? 1.0 : 0.0;
  }

  /** The Prometheus text of a registry (what {@code GET /metrics} answers). */
  public static String scrape(final MeterRegistry registry) {
    return ((PrometheusMeterRegistry) registry).scrape();
  }

  /** The content type of {@link #scrape}: the Prometheus text format 0.0.4. */
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
}
