package foi.tracker.dashboard;

import foi.tracker.core.access.AccessControl;
import foi.tracker.core.api.ApiException;
import foi.tracker.core.edge.EdgePolicy;
import foi.tracker.http.ContractBody;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.util.List;
import java.util.Map;

/**
 * The dashboard's edge: an upload ({@code POST} under {@code /api/}, the import preview) without a
 * valid token is answered 401 before its body is read, and every answer carries the security
 * headers of {@link EdgePolicy#securityHeaders}.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
@Requires(property = "tracker.service", value = "dashboard")
final class DashboardEdgeFilter {
  private final AccessControl access;
  private final Map<String, String> headers;

  DashboardEdgeFilter(
      final AccessControl access,
      @Property(name = "tracker.edge.connect-origins") final List<String> connectOrigins) {
    this.access = access;
    this.headers = EdgePolicy.securityHeaders(connectOrigins);
  }

  /** Refuses an unauthenticated upload from its headers alone; null lets the call go on. */
  @RequestFilter
  @Nullable
  HttpResponse<?> authenticateUploads(final HttpRequest<?> request) {
    if (request.getMethod() == HttpMethod.POST && request.getPath().startsWith("/api/")) {
      final String authorization = request.getHeaders().get("Authorization");
      if (access.authenticate(AccessControl.bearer(authorization)) == null) {
        final Answer a =
            Answer.error(
                new ApiException(
                    401,
                    "UNAUTHORIZED",
                    null,
                    authorization == null
                        ? ApiException.text(
                            null, "缺少令牌", "an Authorization: Bearer <token> header is required")
                        : ApiException.text(null, "令牌无效", "the token is not valid")));
        final MutableHttpResponse<byte[]> refusal =
            HttpResponse.<byte[]>status(HttpStatus.UNAUTHORIZED)
                .body(a.body())
                .contentType(a.contentType())
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
