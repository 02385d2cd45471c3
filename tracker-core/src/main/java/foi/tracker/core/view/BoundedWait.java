package foi.tracker.core.view;

import java.time.Duration;

/**
 * Waiting, within a bound, for a view to reach a point the broker names (reading what was just
 * written, a step judged at a request's bound). The point is asked for once; the wait then polls
 * until the view has reached it. Not reached in time, interrupted, or the broker did not answer:
 * the answer is false, never an exception, so the caller answers "not known to be caught up".
 */
public final class BoundedWait {
  private BoundedWait() {}

  /** Asks the broker where the view must get to. */
  @FunctionalInterface
  public interface Target<T> {
    T ask() throws Exception;
  }

  /** Whether the view has got to the target. */
  @FunctionalInterface
  public interface Reached<T> {
    boolean test(T target) throws Exception;
  }

  /**
   * Asks for the target once, then tests every {@code poll} until it is reached (true) or {@code
   * max} has passed since the call (false).
   */
  public static <T> boolean until(
      final Target<T> target, final Reached<T> reached, final Duration max, final Duration poll) {
    final long deadline = System.nanoTime() + max.toNanos();
    try {
      final T point = target.ask();
      while (!reached.test(point)) {
        if (System.nanoTime() + poll.toNanos() > deadline) {
          return false;
        }
        Thread.sleep(poll.toMillis());
      }
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (Exception e) {
      return false; // the broker did not answer: not known to be caught up
    }
  }
}
