package foi.tracker.processor;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class CommitPacerTest {
  private final CommitPacer pacer = new CommitPacer(new CommitPacing(Duration.ofMillis(100), Duration.ofSeconds(5)));

  @Test
  void oneRequestPerLiveIntervalWhicheverTaskAsks() {
    assertTrue(pacer.mayRequestCommit(1_000));
    assertFalse(pacer.mayRequestCommit(1_000), "a second task in the same tick");
    assertFalse(pacer.mayRequestCommit(1_099));
    assertTrue(pacer.mayRequestCommit(1_100));
    assertFalse(pacer.mayRequestCommit(1_150));
    assertTrue(pacer.mayRequestCommit(5_000));
  }

  @Test
  void eachStreamThreadIsPacedOnItsOwn() throws Exception {
    assertTrue(pacer.mayRequestCommit(1_000));
    final AtomicBoolean other = new AtomicBoolean();
    final Thread t = new Thread(() -> other.set(pacer.mayRequestCommit(1_010)));
    t.start();
    t.join();
    assertTrue(other.get(), "another thread commits its own tasks");
    assertFalse(pacer.mayRequestCommit(1_010));
  }
}
