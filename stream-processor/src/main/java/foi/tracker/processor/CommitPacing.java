package foi.tracker.processor;

import java.time.Duration;
import java.util.Map;

/**
 * How often the processor commits, and so publishes its tables (one exactly-once transaction per commit).
 *
 * <p>While it is live, it commits every {@link #live} interval (100 ms): a change is in the tables ~0.1–0.2 s after
 * it was written. While it is catching up (追赶: after a restart, a replay from scratch, a large import), the events
 * it processes were written more than {@link #catchingUp} ago; then it commits only every {@code catchingUp}
 * interval (5 s). Each transaction costs round trips to a broker that shares the machine, so fewer of them make the
 * catch-up faster (at national size: broker CPU during a replay −43 %, bench run 21), and the tables, already that
 * far behind, are at most twice as old as the events being processed.
 *
 * <p>The rule, in {@link #isLive}: an event written less than {@code catchingUp} ago is live, and a task that has
 * processed a live event since its last commit asks for a commit at the next {@code live} tick. Streams' own
 * {@code commit.interval.ms} is {@code catchingUp}: it commits everything else.
 */
public record CommitPacing(Duration live, Duration catchingUp) {
  /** The longest catch-up interval accepted: the transaction stays open that long. */
  public static final Duration MAX_CATCHING_UP = Duration.ofSeconds(60);

  public CommitPacing {
    if (live.isNegative() || live.isZero()) {
      throw new IllegalArgumentException("the live commit interval must be positive, got " + live);
    }
    if (catchingUp.compareTo(live) < 0 || catchingUp.compareTo(MAX_CATCHING_UP) > 0) {
      throw new IllegalArgumentException("the catch-up commit interval must be between the live one (" + live
          + ") and " + MAX_CATCHING_UP + ", got " + catchingUp);
    }
  }

  public static CommitPacing defaults() {
    return new CommitPacing(Duration.ofMillis(100), Duration.ofSeconds(5));
  }

  /**
   * From {@code TRACKER_COMMIT_INTERVAL_MS} (live, default 100) and {@code TRACKER_CATCH_UP_COMMIT_MS} (catching up,
   * default 5000; set it to the live interval to commit at one pace always). A bad value is refused naming the
   * variable.
   */
  public static CommitPacing fromEnvironment(final Map<String, String> env) {
    final Integer live = StreamProcessorApp.positive(env, "TRACKER_COMMIT_INTERVAL_MS");
    final Integer catchingUp = StreamProcessorApp.positive(env, "TRACKER_CATCH_UP_COMMIT_MS");
    final CommitPacing d = defaults();
    final Duration liveInterval = live == null ? d.live : Duration.ofMillis(live);
    final Duration catchUpInterval = catchingUp == null ? max(d.catchingUp, liveInterval)
        : Duration.ofMillis(catchingUp);
    try {
      return new CommitPacing(liveInterval, catchUpInterval);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("TRACKER_COMMIT_INTERVAL_MS / TRACKER_CATCH_UP_COMMIT_MS: " + e.getMessage(),
          e);
    }
  }

  /** An event written at {@code writtenAtMs} is live at {@code nowMs} if it was written less than catchingUp ago. */
  public boolean isLive(final long writtenAtMs, final long nowMs) {
    return nowMs - writtenAtMs < catchingUp.toMillis();
  }

  /** Whether the two paces differ (if not, Streams' interval does all the commits). */
  public boolean catchesUp() {
    return catchingUp.compareTo(live) > 0;
  }

  /** The producer's transaction timeout: comfortably above the longest a transaction stays open. */
  public int transactionTimeoutMs() {
    return (int) Math.max(10_000, 2 * catchingUp.toMillis() + 5_000);
  }

  private static Duration max(final Duration a, final Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
