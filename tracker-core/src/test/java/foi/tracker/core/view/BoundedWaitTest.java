package foi.tracker.core.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BoundedWaitTest {
  private static final Duration POLL = Duration.ofMillis(1);

  @Test
  void shouldAskForTheTargetOnceAndPollUntilItIsReached() {
    final AtomicInteger asked = new AtomicInteger();
    final AtomicInteger position = new AtomicInteger();
    assertTrue(
        BoundedWait.until(
            () -> {
              asked.incrementAndGet();
              return 5;
            },
            target -> position.incrementAndGet() >= target,
            Duration.ofSeconds(30),
            POLL));
    assertEquals(1, asked.get());
    assertEquals(5, position.get());
  }

  @Test
  void shouldAnswerFalseWhenTheTargetIsNotReachedInTime() {
    assertFalse(BoundedWait.until(() -> 1, target -> false, Duration.ofMillis(20), POLL));
  }

  @Test
  void shouldAnswerFalseWhenTheBrokerDoesNotSayWhereTheEndIs() {
    assertFalse(
        BoundedWait.until(
            () -> {
              throw new TimeoutException("no answer");
            },
            target -> true,
            Duration.ofSeconds(30),
            POLL));
    assertFalse(
        BoundedWait.until(
            () -> 1,
            target -> {
              throw new IllegalStateException("closed");
            },
            Duration.ofSeconds(30),
            POLL));
  }

  @Test
  void shouldAnswerFalseAndKeepTheInterruptWhenInterrupted() {
    Thread.currentThread().interrupt();
    try {
      assertFalse(BoundedWait.until(() -> 1, target -> false, Duration.ofSeconds(30), POLL));
      assertTrue(Thread.currentThread().isInterrupted());
    } finally {
      Thread.interrupted();
    }
  }
}
