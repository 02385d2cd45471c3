package foi.tracker.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** A growable list of latencies in nanoseconds, summarised as percentiles in milliseconds. */
final class Latencies {
  private long[] v = new long[1024];
  private int n;

  synchronized void add(final long nanos) {
    if (n == v.length) {
      v = Arrays.copyOf(v, n * 2);
    }
    v[n++] = nanos;
  }

  synchronized void addAll(final Latencies other) {
    synchronized (other) {
      for (int i = 0; i < other.n; i++) {
        add(other.v[i]);
      }
    }
  }

  synchronized int count() {
    return n;
  }

  /** The {@code p}-quantile (nearest rank) in ms, rounded to 0.01 ms; 0 when empty. */
  synchronized double pct(final double p) {
    if (n == 0) {
      return 0;
    }
    final long[] s = Arrays.copyOf(v, n);
    Arrays.sort(s);
    final int rank = Math.max(1, (int) Math.ceil(p * n));
    return round(s[Math.min(n, rank) - 1] / 1e6);
  }

  synchronized double max() {
    return n == 0 ? 0 : round(Arrays.stream(v, 0, n).max().getAsLong() / 1e6);
  }

  synchronized double mean() {
    return n == 0 ? 0 : round(Arrays.stream(v, 0, n).average().getAsDouble() / 1e6);
  }

  /** {p50Ms, p95Ms, p99Ms, maxMs, meanMs, count} with the given key prefix. */
  Map<String, Object> summary(final String prefix) {
    final Map<String, Object> m = new LinkedHashMap<>();
    m.put(prefix + "p50Ms", pct(0.50));
    m.put(prefix + "p95Ms", pct(0.95));
    m.put(prefix + "p99Ms", pct(0.99));
    m.put(prefix + "maxMs", max());
    m.put(prefix + "meanMs", mean());
    m.put(prefix + "count", count());
    return m;
  }

  static double round(final double d) {
    return Math.round(d * 100) / 100.0;
  }
}
