package foi.tracker.ingest;

import foi.tracker.core.api.ApiException;
import foi.tracker.core.api.Reply;

/**
 * How a blocking route answers a refusal: the {@link ApiException} it throws becomes its error
 * reply.
 */
final class Answers {
  private Answers() {}

  static Reply guard(final java.util.function.Supplier<Reply> call) {
    try {
      return call.get();
    } catch (ApiException e) {
      return Reply.error(e);
    }
  }
}
