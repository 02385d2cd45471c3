package foi.tracker.ingest;

import foi.tracker.core.api.ApiException;
import foi.tracker.core.api.Reply;
import foi.tracker.core.edge.Incident;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/**
 * Any exception no other handler answers: a refusal ({@link ApiException}) as its own answer,
 * anything else 500 with a fixed text and an incident id, the stack trace in the log under that id,
 * never the exception's message or class in the body.
 */
@Singleton
@Produces
@Requires(property = "tracker.service", value = "ingest")
final class UnexpectedErrorHandler implements ExceptionHandler<Throwable, HttpResponse<String>> {
  @Override
  public HttpResponse<String> handle(final HttpRequest request, final Throwable exception) {
    if (exception
        instanceof ApiException refusal) { // a refusal that escaped its route: answered as one
      final Reply r = Reply.error(refusal);
      final MutableHttpResponse<String> out =
          HttpResponse.<String>status(HttpStatus.valueOf(r.status()))
              .body(r.json())
              .contentType(MediaType.APPLICATION_JSON_TYPE);
      r.headers().forEach(out::header);
      return out;
    }
    return HttpResponse.<String>status(HttpStatus.INTERNAL_SERVER_ERROR)
        .body(Incident.record(request.getMethodName(), request.getPath(), exception))
        .contentType(MediaType.APPLICATION_JSON_TYPE);
  }
}
