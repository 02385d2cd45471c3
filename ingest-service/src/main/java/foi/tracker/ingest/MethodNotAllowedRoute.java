package foi.tracker.ingest;

import foi.tracker.core.api.ApiException;
import foi.tracker.core.api.Reply;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteMatch;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A path the ingest serves, called with a method it does not take there (a DELETE of the token list
 * when the token id is left empty, say): 405 METHOD_NOT_ALLOWED in the contract's error body with
 * {@code Allow}, not the framework's own body.
 */
@Controller
@Requires(property = "tracker.service", value = "ingest")
final class MethodNotAllowedRoute {
  private final Router router;

  MethodNotAllowedRoute(final Router router) {
    this.router = router;
  }

  @Error(status = HttpStatus.METHOD_NOT_ALLOWED, global = true)
  HttpResponse<String> methodNotAllowed(final HttpRequest<?> request) {
    final String allowed =
        router.findAny(request).stream()
            .map(UriRouteMatch::getHttpMethod)
            .map(Enum::name)
            .collect(Collectors.toCollection(TreeSet::new))
            .stream()
            .collect(Collectors.joining(", "));
    final ApiException refusal =
        ApiException.of(
            405,
            "METHOD_NOT_ALLOWED",
            null,
            "此路径不接受 "
                + request.getMethodName()
                + " 请求"
                + (allowed.isEmpty() ? "" : "，只接受 " + allowed),
            request.getMethodName()
                + " is not allowed here"
                + (allowed.isEmpty() ? "" : "; allowed: " + allowed));
    final Reply r = Reply.error(refusal);
    final var out =
        HttpResponse.<String>status(HttpStatus.METHOD_NOT_ALLOWED)
            .body(r.json())
            .contentType(MediaType.APPLICATION_JSON_TYPE);
    if (!allowed.isEmpty()) {
      out.header("Allow", allowed);
    }
    return out;
  }
}
