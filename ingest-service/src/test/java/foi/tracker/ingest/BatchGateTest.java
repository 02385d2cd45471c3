package foi.tracker.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import foi.tracker.core.api.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BatchGateTest {
  @Test
  void shouldAnswerBusyAtOnceWhileNCallsAreHeldAndAdmitOnceOneEnds() throws Exception {
    final int n = 3;
    final BatchGate gate = new BatchGate(n);
    final CountDownLatch entered = new CountDownLatch(n);
    final CountDownLatch release = new CountDownLatch(1);
    final List<CompletableFuture<Reply>> held = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      held.add(
          CompletableFuture.supplyAsync(
              () ->
                  gate.run(
                      () -> {
                        entered.countDown();
                        try {
                          release.await();
                        } catch (InterruptedException e) {
                          Thread.currentThread().interrupt();
                        }
                        return Reply.of(200, "held");
                      })));
    }
    entered.await();
    final AtomicInteger ran = new AtomicInteger();
    final Reply busy =
        gate.run(
            () -> {
              ran.incrementAndGet();
              return Reply.of(200, "extra");
            });
    assertEquals(503, busy.status());
    assertTrue(busy.json().contains("\"BUSY\""), busy.json());
    assertEquals(String.valueOf(BatchGate.RETRY_AFTER_SECONDS), busy.headers().get("Retry-After"));
    assertEquals(0, ran.get());
    release.countDown();
    for (CompletableFuture<Reply> f : held) {
      assertEquals(200, f.get().status());
    }
    assertEquals(200, gate.run(() -> Reply.of(200, "after")).status());
  }

  @Test
  void shouldFreeThePlaceWhenACallFails() {
    final BatchGate gate = new BatchGate(1);
    assertThrows(
        IllegalStateException.class,
        () ->
            gate.run(
                () -> {
                  throw new IllegalStateException("boom");
                }));
    assertEquals(200, gate.run(() -> Reply.of(200, "next")).status());
  }
}
