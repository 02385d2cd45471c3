package foi.tracker.dashboard;

import foi.tracker.core.deadline.DeadlineStatus;
import foi.tracker.ops.TrackerMeters;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The dashboard's meters: open requests by deadline status (as the deadline lists count them today,
 * every agency; counted once per second at most, however often it is scraped) and whether the views
 * have caught up.
 */
final class DashboardMetrics {
  /** The deadline statuses an open request can have. */
  static final DeadlineStatus[] OPEN_STATUSES = {
    DeadlineStatus.ON_TRACK,
    DeadlineStatus.DUE_SOON,
    DeadlineStatus.OVERDUE,
    DeadlineStatus.PAUSED,
    DeadlineStatus.LAPSED
  };

  private static final long FRESH_NANOS = 1_000_000_000L;
  private final Supplier<Map<DeadlineStatus, Long>> count;
  private Map<DeadlineStatus, Long> last;
  private long lastAt;

  private DashboardMetrics(final Supplier<Map<DeadlineStatus, Long>> count) {
    this.count = count;
  }

  static void bind(
      final MeterRegistry registry, final DashboardService service, final DashboardViews views) {
    final DashboardMetrics m = new DashboardMetrics(service::openByStatus);
    for (DeadlineStatus s : OPEN_STATUSES) {
      Gauge.builder(TrackerMeters.OPEN_REQUESTS, m, x -> x.open(s))
          .tag("deadline_status", s.name())
          .description("open requests by deadline status today")
          .strongReference(true)
          .register(registry);
    }
    Gauge.builder(TrackerMeters.VIEWS_CAUGHT_UP, views, v -> TrackerMeters.oneIf(v.isCaughtUp()))
        .description("1 once the views have read their topics to the end")
        .register(registry);
    // the views' consumer: fetch rate, bytes, lag as the Kafka client sees it
    new io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics(views.consumerForMetrics())
        .bindTo(registry);
  }

  private synchronized double open(final DeadlineStatus status) {
    final long now = System.nanoTime();
    if (last == null || now - lastAt > FRESH_NANOS) {
      last = count.get();
      lastAt = now;
    }
    return last.getOrDefault(status, 0L);
  }
}
