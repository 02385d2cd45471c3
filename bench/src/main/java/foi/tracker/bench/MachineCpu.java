package foi.tracker.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The whole machine's CPU time from the first line of {@code /proc/stat}, so a phase can say how
 * much of the machine went to processes that are not the bench's (other users of a shared host) and
 * how much the hypervisor took (steal). Linux counts in USER_HZ ticks, 100 a second.
 */
record MachineCpu(long busyTicks, long idleTicks, long iowaitTicks, long stealTicks) {
  private static final double TICKS_PER_SECOND = 100.0;

  /**
   * Parses the aggregate {@code cpu} line: user nice system idle iowait irq softirq steal [guest
   * guest_nice].
   */
  static MachineCpu parse(final String procStat) {
    final String line =
        procStat
            .lines()
            .filter(l -> l.startsWith("cpu "))
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("no aggregate cpu line in /proc/stat"));
    final String[] f = line.trim().split("\\s+");
    final long[] v = new long[8];
    for (int i = 0; i < v.length; i++) {
      v[i] = i + 1 < f.length ? Long.parseLong(f[i + 1]) : 0; // older kernels have fewer columns
    }
    // guest time is already inside user and nice
    return new MachineCpu(v[0] + v[1] + v[2] + v[5] + v[6], v[3], v[4], v[7]);
  }

  /** Now, or null where there is no {@code /proc/stat} (not Linux). */
  static MachineCpu now() {
    try {
      return parse(Files.readString(Path.of("/proc/stat")));
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** The counters so far in seconds (summed over cores): busy, steal, iowait, idle. */
  Map<String, Double> seconds() {
    final Map<String, Double> m = new LinkedHashMap<>();
    m.put("busy", busyTicks / TICKS_PER_SECOND);
    m.put("steal", stealTicks / TICKS_PER_SECOND);
    m.put("iowait", iowaitTicks / TICKS_PER_SECOND);
    m.put("idle", idleTicks / TICKS_PER_SECOND);
    return m;
  }

  /** Seconds of CPU between {@code earlier} and this; see {@link #window}. */
  Map<String, Double> since(final MachineCpu earlier, final double ours) {
    final Map<String, Double> diff = new LinkedHashMap<>();
    final Map<String, Double> before = earlier.seconds();
    seconds().forEach((k, v) -> diff.put(k, v - before.get(k)));
    return window(diff, ours);
  }

  /**
   * A window's machine figures from the differences of {@link #seconds()}: busy, {@code othersBusy}
   * (busy minus {@code ours}, the CPU-seconds the bench's own processes used in the window, itself
   * included: what other processes on the host took), steal, iowait and idle.
   */
  static Map<String, Double> window(final Map<String, Double> diffSeconds, final double ours) {
    final Map<String, Double> m = new LinkedHashMap<>();
    final double busy = diffSeconds.getOrDefault("busy", 0.0);
    m.put("busy", round(busy));
    m.put("othersBusy", round(Math.max(0, busy - ours)));
    for (String k : new String[] {"steal", "iowait", "idle"}) {
      m.put(k, round(diffSeconds.getOrDefault(k, 0.0)));
    }
    return m;
  }

  private static double round(final double d) {
    return Math.round(d * 100) / 100.0;
  }
}
