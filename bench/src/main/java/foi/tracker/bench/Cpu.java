package foi.tracker.bench;

import static foi.tracker.bench.BenchRun.round;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * CPU-seconds of the bench's processes (and their JIT threads, and the machine), and how results
 * record them.
 */
final class Cpu {
  private final BenchRun b;

  Cpu(final BenchRun b) {
    this.b = b;
  }

  static final String JIT_PREFIX = "jit:";

  /** Keys of {@link #cpuNow()} with the whole machine's counters ({@link MachineCpu#seconds()}). */
  private static final String MACHINE_PREFIX = "machine:";

  /**
   * CPU-seconds so far of every running child and of the bench JVM itself ({@code bench}: clients,
   * generator), and under {@code JIT_PREFIX + name} the share of each child's JIT compiler threads.
   */
  Map<String, Double> cpuNow() {
    final Map<String, Double> out = cpuOfChildren();
    out.put("bench", cpuSeconds(ProcessHandle.current().pid()));
    for (Child c : b.children) {
      if (c.isAlive()) {
        out.put(JIT_PREFIX + c.name, jitCpuSeconds(c.pid()));
      }
    }
    final MachineCpu machine = MachineCpu.now();
    if (machine != null) {
      machine.seconds().forEach((k, v) -> out.put(MACHINE_PREFIX + k, v));
    }
    return out;
  }

  /**
   * CPU-seconds so far of a JVM's live C1/C2 compiler threads (named "C1 CompilerThre…"/"C2
   * CompilerThre…" in /proc). The JVM may stop a compiler thread that has been idle; what it used
   * is then no longer counted, so the difference over a window is a lower bound.
   */
  static double jitCpuSeconds(final long pid) {
    double sum = 0;
    try (java.util.stream.Stream<Path> tasks =
        Files.list(Path.of("/proc", String.valueOf(pid), "task"))) {
      for (Path t : (Iterable<Path>) tasks::iterator) {
        try {
          final String comm = Files.readString(t.resolve("comm")).trim();
          if (comm.startsWith("C1 Compiler") || comm.startsWith("C2 Compiler")) {
            final String stat = Files.readString(t.resolve("stat"));
            final String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            sum += (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
          }
        } catch (IOException | RuntimeException e) {
          // the thread ended meanwhile
        }
      }
    } catch (IOException e) {
      return -1;
    }
    return round(sum);
  }

  static Map<String, Double> minus(
      final Map<String, Double> later, final Map<String, Double> earlier) {
    final Map<String, Double> out = new LinkedHashMap<>();
    later.forEach((name, cpu) -> out.put(name, round(cpu - earlier.getOrDefault(name, 0.0))));
    return out;
  }

  /**
   * The CPU-seconds each process used between two {@code System.nanoTime()} instants (sampled in
   * the background).
   */
  java.util.concurrent.CompletableFuture<Map<String, Double>> cpuBetween(
      final long fromNs, final long toNs) {
    return java.util.concurrent.CompletableFuture.supplyAsync(
        () -> {
          try {
            TimeUnit.NANOSECONDS.sleep(Math.max(0, fromNs - System.nanoTime()));
            final Map<String, Double> a = cpuNow();
            TimeUnit.NANOSECONDS.sleep(Math.max(0, toNs - System.nanoTime()));
            return minus(cpuNow(), a);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Map.of();
          }
        });
  }

  /**
   * {@code cpuSeconds} and {@code cpuMicrosPerEvent} per process and in total, and {@code
   * jitCpuSeconds}: how much of each process's CPU its JIT compiler threads used in the same window
   * (included in {@code cpuSeconds}).
   */
  static void putCpu(
      final Map<String, Object> m, final Map<String, Double> window, final long events) {
    final Map<String, Double> cpu = new LinkedHashMap<>();
    final Map<String, Double> jit = new LinkedHashMap<>();
    final Map<String, Double> machine = new LinkedHashMap<>();
    window.forEach(
        (k, v) -> {
          if (k.startsWith(JIT_PREFIX)) {
            jit.put(k.substring(JIT_PREFIX.length()), v);
          } else if (k.startsWith(MACHINE_PREFIX)) {
            machine.put(k.substring(MACHINE_PREFIX.length()), v);
          } else {
            cpu.put(k, v);
          }
        });
    m.put("cpuSeconds", cpu);
    final Map<String, Long> per = new LinkedHashMap<>();
    double total = 0;
    for (Map.Entry<String, Double> e : cpu.entrySet()) {
      per.put(e.getKey(), events == 0 ? null : Math.round(e.getValue() * 1e6 / events));
      total += e.getValue();
    }
    per.put("total", events == 0 ? null : Math.round(total * 1e6 / events));
    if (!machine.isEmpty()) {
      m.put("machineCpuSeconds", MachineCpu.window(machine, total));
    }
    m.put("cpuMicrosPerEvent", per);
    m.put("jitCpuSeconds", jit);
  }

  /**
   * What a restarted service's rebuild from Kafka cost until its {@code /health} said 200:
   * CPU-seconds per process (the new JVM, and the broker serving its fetches) and of the whole
   * machine, and per offset it had to read ({@code toRead} of its last 503 progress), so a slow
   * restart can be told apart from a busy machine.
   */
  static void putRebuildCpu(
      final Map<String, Object> m, final Map<String, Double> window, final Object progress) {
    final Object toRead = progress instanceof Map<?, ?> p ? p.get("toRead") : null;
    putCpu(m, window, toRead instanceof Number n ? n.longValue() : 0L);
  }

  /** CPU-seconds (utime + stime) so far of every running child, by name. */
  Map<String, Double> cpuOfChildren() {
    final Map<String, Double> out = new LinkedHashMap<>();
    for (Child c : b.children) {
      if (c.isAlive()) {
        out.put(c.name, cpuSeconds(c.pid()));
      }
    }
    return out;
  }

  static double cpuSeconds(final long pid) {
    try {
      final String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
      final String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return round((Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }
}
