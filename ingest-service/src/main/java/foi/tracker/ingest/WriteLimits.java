package foi.tracker.ingest;

import java.util.Map;

/**
 * How much one ingest instance takes on (写入限额): batch calls processed at once (more are answered
 * 503 BUSY at once), and each desk token's events per minute with a burst (more are answered 429
 * QUOTA_EXCEEDED); the admin token is exempt from the quota.
 *
 * @param batchesInFlight batch calls processed at the same time ({@code TRACKER_BATCHES_IN_FLIGHT},
 *     default 4)
 * @param eventsPerMinute a desk token's sustained events per minute ({@code
 *     TRACKER_QUOTA_EVENTS_PER_MINUTE}, default 600)
 * @param burst the events a desk token may write at once after a quiet spell ({@code
 *     TRACKER_QUOTA_BURST}, default 1,200: a full batch of 1,000 items fits)
 */
public record WriteLimits(int batchesInFlight, int eventsPerMinute, int burst) {
  public static final int DEFAULT_BATCHES_IN_FLIGHT = 4;
  public static final int DEFAULT_EVENTS_PER_MINUTE = 600;
  public static final int DEFAULT_BURST = 1_200;

  public WriteLimits {
    if (batchesInFlight < 1) {
      throw new IllegalArgumentException(
          "TRACKER_BATCHES_IN_FLIGHT must be at least 1, got " + batchesInFlight);
    }
    if (eventsPerMinute < 1) {
      throw new IllegalArgumentException(
          "TRACKER_QUOTA_EVENTS_PER_MINUTE must be at least 1, got " + eventsPerMinute);
    }
    if (burst < 1) {
      throw new IllegalArgumentException("TRACKER_QUOTA_BURST must be at least 1, got " + burst);
    }
  }

  public static WriteLimits defaults() {
    return new WriteLimits(DEFAULT_BATCHES_IN_FLIGHT, DEFAULT_EVENTS_PER_MINUTE, DEFAULT_BURST);
  }

  /** From the environment; unset variables keep their defaults. */
  public static WriteLimits fromEnvironment(final Map<String, String> env) {
    return new WriteLimits(
        number(env, "TRACKER_BATCHES_IN_FLIGHT", DEFAULT_BATCHES_IN_FLIGHT),
        number(env, "TRACKER_QUOTA_EVENTS_PER_MINUTE", DEFAULT_EVENTS_PER_MINUTE),
        number(env, "TRACKER_QUOTA_BURST", DEFAULT_BURST));
  }

  private static int number(final Map<String, String> env, final String name, final int fallback) {
    final String v = env.get(name);
    if (v == null || v.isBlank()) {
      return fallback;
    }
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number, got: " + v, e);
    }
  }
}
