package foi.tracker.http;

import foi.tracker.core.api.FrameworkErrors;
import foi.tracker.core.api.Reply;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.hateoas.JsonError;

/**
 * The contract's error body for a refusal the framework made itself (no route, method not allowed,
 * unsupported media type, …): both services' edge filters pass every answer through {@link #of}.
 */
public final class ContractBody {
  private ContractBody() {}

  /** Replaces the framework's own JSON error body of a 4xx/5xx answer with the contract's. */
  @SuppressWarnings("unchecked")
  public static void of(final MutableHttpResponse<?> response) {
    if (response.getStatus().getCode() >= 400
        && response.getBody().orElse(null) instanceof JsonError) {
      final Reply r = Reply.error(FrameworkErrors.of(response.getStatus().getCode()));
      ((MutableHttpResponse<Object>) response)
          .body(r.json())
          .contentType(MediaType.APPLICATION_JSON_TYPE);
    }
  }
}
