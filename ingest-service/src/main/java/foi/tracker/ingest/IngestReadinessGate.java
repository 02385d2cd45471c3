package foi.tracker.ingest;

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
 * Not ready means 503 (未就绪即 503) for the ingest service: until its index (ids and fingerprints,
 * requests, desk tokens, agencies) is rebuilt from the log, {@code /api/**} answers 503 {@code
 * CATCHING_UP} ({@link CatchingUpGate}) instead of 401 for a valid token, 404 for an existing
 * request or 201 for a changed re-send. After the CORS filter, so the page on the dashboard's
 * origin can read the 503.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
@Requires(property = "tracker.service", value = "ingest")
public final class IngestReadinessGate implements Ordered {
  private final IngestService service;

  IngestReadinessGate(final IngestService service) {
    this.service = service;
  }

  /**
   * Null (go on) when the route does not wait for the rebuild or the rebuild is done; else the 503.
   */
  @RequestFilter
  @Nullable
  public HttpResponse<String> holdUntilRebuilt(final HttpRequest<?> request) {
    if (!CatchingUpGate.holdsBack(request.getMethodName(), request.getPath())
        || service.isReady()) {
      return null;
    }
    return IngestController.http(CatchingUpGate.answer(service.progress()));
  }

  @Override
  public int getOrder() {
    return ServerFilterPhase.SECURITY.after();
  }
}
