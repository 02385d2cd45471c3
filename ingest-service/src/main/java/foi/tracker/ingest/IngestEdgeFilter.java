package foi.tracker.ingest;

import foi.tracker.core.access.AccessControl;
import foi.tracker.core.api.Reply;
import foi.tracker.core.edge.EdgePolicy;
import foi.tracker.http.ContractBody;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.util.List;
import java.util.Map;

/**
 * The ingest service's edge: a write ({@code POST}/{@code PUT}/{@code DELETE} under {@code /api/})
 * without a valid token is answered 401 before its body is read, and every answer carries the
 * security headers of {@link EdgePolicy#securityHeaders}.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
@Requires(property = "tracker.service", value = "ingest")
final class IngestEdgeFilter {
  private final AccessControl access;
  private final Map<String, String> headers;

  IngestEdgeFilter(
      final AccessControl access,
      @Property(name = "tracker.edge.connect-origins") final List<String> connectOrigins) {
    this.access = access;
    this.headers = EdgePolicy.securityHeaders(connectOrigins);
  }

  /** Refuses an unauthenticated write from its headers alone; null lets the call go on. */
  @RequestFilter
  @Nullable
  HttpResponse<?> authenticateWrites(final HttpRequest<?> request) {
    final HttpMethod m = request.getMethod();
    if ((m == HttpMethod.POST
            || m == HttpMethod.PUT
            || m == HttpMethod.DELETE
            || m == HttpMethod.PATCH)
        && request.getPath().startsWith("/api/")) {
      final String authorization = request.getHeaders().get("Authorization");
      if (access.authenticate(AccessControl.bearer(authorization)) == null) {
        // the body is not read: close the connection rather than drain what the client still sends
        final Reply r = Reply.error(Callers.unauthenticated(authorization));
        final MutableHttpResponse<String> refusal =
            HttpResponse.<String>status(HttpStatus.UNAUTHORIZED)
                .body(r.json())
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .header("Connection", "close");
        secure(refusal); // a response made here does not pass this filter's response side
        return refusal;
      }
    }
    return null;
  }

  @ResponseFilter
  void secure(final MutableHttpResponse<?> response) {
    headers.forEach((name, value) -> response.getHeaders().set(name, value));
    ContractBody.of(response);
  }
}
