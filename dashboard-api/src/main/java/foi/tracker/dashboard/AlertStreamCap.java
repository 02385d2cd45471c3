package foi.tracker.dashboard;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/** At most N alert streams open per token (预警推送连接上限); one more is refused 429. */
final class AlertStreamCap {
  /** Default streams per token ({@code TRACKER_ALERT_STREAMS_PER_TOKEN}). */
  static final int DEFAULT_PER_TOKEN = 5;

  private final int perToken;
  private final ConcurrentHashMap<String, Integer> open = new ConcurrentHashMap<>();

  AlertStreamCap(final int perToken) {
    if (perToken < 1) {
      throw new IllegalArgumentException(
          "TRACKER_ALERT_STREAMS_PER_TOKEN must be at least 1, got " + perToken);
    }
    this.perToken = perToken;
  }

  /**
   * A place for one more stream of {@code token}, released by running the result once; null when
   * full.
   */
  Runnable tryOpen(final String token) {
    final AtomicBoolean taken = new AtomicBoolean();
    open.compute(
        token,
        (k, n) -> {
          final int now = n == null ? 0 : n;
          if (now >= perToken) {
            return now;
          }
          taken.set(true);
          return now + 1;
        });
    if (!taken.get()) {
      return null;
    }
    final AtomicBoolean released = new AtomicBoolean();
    return () -> {
      if (released.compareAndSet(false, true)) {
        open.computeIfPresent(token, (k, n) -> n <= 1 ? null : n - 1);
      }
    };
  }

  int open(final String token) {
    return open.getOrDefault(token, 0);
  }

  int perToken() {
    return perToken;
  }
}
