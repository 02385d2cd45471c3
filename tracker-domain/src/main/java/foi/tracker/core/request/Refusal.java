package foi.tracker.core.request;

import java.util.Objects;
import java.util.Optional;

/**
 * Why a rule refuses an event: the rule's stable {@code code} and the reason shown to people
 * (Chinese first).
 */
public record Refusal(RefusalCode code, String reason) {
  public Refusal {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(reason, "reason");
  }

  /** A refusal, as the rules' checks return it. */
  public static Optional<Refusal> of(final RefusalCode code, final String reason) {
    return Optional.of(new Refusal(code, reason));
  }
}
