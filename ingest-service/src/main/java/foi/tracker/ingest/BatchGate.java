package foi.tracker.ingest;

import foi.tracker.core.api.ApiException;
import foi.tracker.core.api.Reply;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * At most N batch calls processed at once (批量并发上限); one more is answered 503 {@code BUSY} with
 * Retry-After at once, not queued, so a flood of batches cannot hold every server thread and
 * producer.
 */
final class BatchGate {
  /** Seconds a refused batch is told to wait. */
  static final int RETRY_AFTER_SECONDS = 2;

  private final Semaphore permits;

  BatchGate(final int inFlight) {
    this.permits = new Semaphore(inFlight);
  }

  /** Runs {@code call} if a place is free, else answers BUSY without running it. */
  Reply run(final Supplier<Reply> call) {
    if (!permits.tryAcquire()) {
      final ApiException busy =
          ApiException.of(
              503,
              "BUSY",
              null,
              "批量导入繁忙：同时处理的批量已达上限，本批未处理，请稍后原样重试",
              "too many batch calls in progress; this one was not processed, send it again later");
      final Reply r = Reply.error(busy);
      return new Reply(
          r.status(), r.json(), Map.of("Retry-After", String.valueOf(RETRY_AFTER_SECONDS)));
    }
    try {
      return call.get();
    } finally {
      permits.release();
    }
  }
}
