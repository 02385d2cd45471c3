package foi.tracker.ingest;

import foi.tracker.core.api.ApiException;
import foi.tracker.core.api.Reply;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each desk token's write quota (令牌写入限额): a token bucket of {@link WriteLimits#burst()} events
 * refilled at {@link WriteLimits#eventsPerMinute()}; a batch counts each item. A call needing more
 * than is left is refused whole (429 {@code QUOTA_EXCEEDED} with Retry-After, nothing written). A
 * call larger than the burst passes only when the bucket is full, and the token then waits until
 * the excess has been refilled. The first refusal of a token in an hour is an anomaly alert: one
 * WARN line naming the token and its agency, and {@link #alerts()} counts it.
 */
final class WriteQuota {
  private static final Logger LOG = LoggerFactory.getLogger(WriteQuota.class);
  private static final long HOUR_NANOS = 3_600_000_000_000L;
  private final double capacity;
  private final double perNano;
  private final LongSupplier nanos;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
  private final AtomicLong refusals = new AtomicLong();
  private final AtomicLong alerts = new AtomicLong();

  WriteQuota(final WriteLimits limits, final LongSupplier nanos) {
    this.capacity = limits.burst();
    this.perNano = limits.eventsPerMinute() / 60e9;
    this.nanos = nanos;
  }

  /**
   * Takes {@code events} from {@code tokenId}'s bucket and answers null, or answers the 429 refusal
   * with how long to wait (then nothing is taken).
   */
  Reply take(final String tokenId, final String agencyId, final int events) {
    final Bucket b =
        buckets.computeIfAbsent(tokenId, id -> new Bucket(capacity, nanos.getAsLong()));
    final long waitSeconds;
    final boolean alert;
    synchronized (b) {
      final long now = nanos.getAsLong();
      b.level = Math.min(capacity, b.level + (now - b.at) * perNano);
      b.at = now;
      final double needed = Math.min(events, capacity);
      if (b.level >= needed) {
        b.level -= events;
        return null;
      }
      waitSeconds = Math.max(1L, (long) Math.ceil((needed - b.level) / perNano / 1e9));
      alert = b.alertedAt == Long.MIN_VALUE || now - b.alertedAt >= HOUR_NANOS;
      if (alert) {
        b.alertedAt = now;
      }
    }
    refusals.incrementAndGet();
    if (alert) {
      alerts.incrementAndGet();
      LOG.warn(
          "write quota exceeded: desk token {} of agency {} asked for {} events beyond its {} per minute "
              + "(burst {}); further refusals of this token are not logged for an hour",
          tokenId,
          agencyId,
          events,
          Math.round(perNano * 60e9),
          Math.round(capacity));
    }
    final Reply r =
        Reply.error(
            ApiException.of(
                429,
                "QUOTA_EXCEEDED",
                null,
                "写入过于频繁：本令牌已达每分钟写入上限，" + "本次未保存，请 " + waitSeconds + " 秒后原样重试",
                "this token has reached its write quota; nothing was saved, "
                    + "send the same request again in "
                    + waitSeconds
                    + " s"));
    return new Reply(r.status(), r.json(), Map.of("Retry-After", String.valueOf(waitSeconds)));
  }

  /** Calls refused so far. */
  long refusals() {
    return refusals.get();
  }

  /** Anomaly alerts so far: at most one per token per hour. */
  long alerts() {
    return alerts.get();
  }

  private static final class Bucket {
    double level;
    long at;
    long alertedAt = Long.MIN_VALUE;

    Bucket(final double level, final long at) {
      this.level = level;
      this.at = at;
    }
  }
}
