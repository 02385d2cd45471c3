package foi.tracker.dashboard;

import foi.tracker.core.api.CatchingUpGate;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;

/**
 * Not ready means 503 (未就绪即 503) for the dashboard: until its views are rebuilt from Kafka, {@code
 * /api/**} answers 503 {@code CATCHING_UP} ({@link CatchingUpGate}) instead of tables, lists and
 * downloads built on part of the log. After the CORS filter, so a page on another origin can read
 * the 503.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
@Requires(property = "tracker.service", value = "dashboard")
public final class DashboardReadinessGate implements Ordered {
  private final DashboardService service;

  DashboardReadinessGate(final DashboardService service) {
    this.service = service;
  }

  /**
   * Null (go on) when the route does not wait for the rebuild or the rebuild is done; else the 503.
   */
  @RequestFilter
  @Nullable
  public HttpResponse<byte[]> holdUntilRebuilt(final HttpRequest<?> request) {
    if (!CatchingUpGate.holdsBack(request.getMethodName(), request.getPath())
        || service.isReady()) {
      return null;
    }
    final foi.tracker.core.api.Reply r = CatchingUpGate.answer(service.views().progress());
    return DashboardController.http(
        new Answer(
            r.status(),
            Answer.JSON,
            r.json().getBytes(java.nio.charset.StandardCharsets.UTF_8),
            r.headers()));
  }

  @Override
  public int getOrder() {
    return ServerFilterPhase.SECURITY.after();
  }
}
