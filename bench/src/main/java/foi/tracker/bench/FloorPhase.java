package foi.tracker.bench;

import static foi.tracker.bench.BenchRun.round;
import static foi.tracker.bench.Cpu.JIT_PREFIX;
import static foi.tracker.bench.Cpu.minus;
import static foi.tracker.bench.Cpu.putCpu;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;

/** The framework's floor under the replay ({@link FloorApp}), one JVM per stage. */
final class FloorPhase {
  private final BenchRun b;

  FloorPhase(final BenchRun b) {
    this.b = b;
  }

  /**
   * The framework's floor ({@link FloorApp}): each stage reads the whole event log from scratch in
   * a JVM of its own with the processor's flags, timed from its start until its group's committed
   * offsets reach the end, with the CPU of that JVM, the broker and the machine over the same
   * window.
   */
  void floor(final List<String> stages) throws Exception {
    final Map<String, Object> all = new LinkedHashMap<>();
    b.result.put("floor", all);
    final long total = b.year.events();
    for (String stage : stages) {
      if (!FloorApp.STAGES.contains(stage)) {
        throw new IllegalArgumentException(
            "--floor: unknown stage " + stage + " (" + FloorApp.STAGES + ")");
      }
      final Map<String, Object> m = new LinkedHashMap<>();
      all.put(stage, m);
      final String group =
          "foi-floor-" + stage + "-" + UUID.randomUUID().toString().substring(0, 8);
      final String name = "floor-" + stage;
      final Map<String, Double> before = b.cpus.cpuNow();
      final long t0 = System.nanoTime();
      final Child c =
          b.child(
              name,
              b.opt.flags("processor-flags", "-Xmx768m"),
              FloorApp.class.getName(),
              List.of(stage, b.bootstrap, b.dataDir.resolve(name).toString(), group),
              Map.of());
      double t10 = -1;
      double t90 = -1;
      double t;
      try (Admin a = b.admin()) {
        while (true) {
          Thread.sleep(250);
          if (!c.isAlive()) {
            throw new IllegalStateException(name + " exited; see " + c.log());
          }
          c.sample();
          t = (System.nanoTime() - t0) / 1e9;
          final long done = b.committed(a, group);
          if (t10 < 0 && done >= total / 10) {
            t10 = t;
          }
          if (t90 < 0 && done >= total * 9 / 10) {
            t90 = t;
          }
          if (done >= total) {
            break;
          }
          if (t > b.opt.intOpt("replay-timeout", 3600)) {
            throw new IllegalStateException(
                name + " did not finish within the timeout: " + done + "/" + total);
          }
        }
      }
      final Map<String, Double> window = minus(b.cpus.cpuNow(), before);
      m.put("seconds", round(t));
      m.put("eventsPerSecond", Math.round(total / t));
      m.put("steadyEventsPerSecond", t90 > t10 ? Math.round(total * 0.8 / (t90 - t10)) : null);
      m.put("peakRssMb", c.peakRssKb() / 1024);
      window.keySet().removeIf(k -> k.startsWith(JIT_PREFIX) && !k.endsWith(name));
      window.keySet().removeIf(k -> !k.contains(":") && !k.equals(name) && !k.equals("broker"));
      putCpu(m, window, total);
      System.out.printf(
          "floor %s: %,d events/s (steady %s), %s%n",
          stage,
          total * 1_000_000_000L / (System.nanoTime() - t0),
          m.get("steadyEventsPerSecond"),
          m.get("cpuMicrosPerEvent"));
      c.close();
      b.retire(c);
    }
    all.put(
        "method",
        "each stage a JVM of its own (FloorApp) with the processor's flags and Streams settings, "
            + "timed from its start until its group's committed offsets on foi.events reach the end offsets (polled "
            + "every 250 ms); CPU of that JVM and the broker over the same window");
  }
}
