package foi.tracker.core.request;

/**
 * What the rules make of one event: accepted (with the new state), refused (with the reason), or a
 * duplicate.
 */
public sealed interface Decision {

  /** The event is legal for the state; {@code next} is the state after it. */
  record Accepted(RequestState next) implements Decision {}

  /**
   * The event is illegal for the state. {@code next} is the state with the refusal attached to it
   * (null when there is no request to attach it to); it counts exactly as the state before.
   */
  record Rejected(Rejection rejection, RequestState next) implements Decision {}

  /** The very same event was seen before (same id, same content); nothing changes. */
  record Duplicate(String eventId) implements Decision {}
}
