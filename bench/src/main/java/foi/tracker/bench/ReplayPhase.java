package foi.tracker.bench;

import static foi.tracker.bench.BenchRun.round;
import static foi.tracker.bench.Cpu.cpuSeconds;

import foi.tracker.kafka.LoopbackPorts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;

/**
 * The processor from scratch over the whole event log, the dashboard running: events/s and the time
 * to exact.
 */
final class ReplayPhase {
  private final BenchRun b;

  ReplayPhase(final BenchRun b) {
    this.b = b;
  }

  void replay() throws Exception {
    final Map<String, Object> m = new LinkedHashMap<>();
    b.result.put("replay", m);
    final int dashPort = LoopbackPorts.reserve();
    b.dashboardUrl = "http://127.0.0.1:" + dashPort;
    final Child dashboard =
        b.child(
            "dashboard",
            b.opt.flags("dashboard-flags", "-Xmx3g"),
            "foi.tracker.dashboard.DashboardMain",
            List.of(),
            b.serviceEnv(Map.of("TRACKER_DASHBOARD_PORT", String.valueOf(dashPort))));
    b.awaitHealth(dashboard, b.dashboardUrl, 300_000);
    final int country = 0;
    final int y = b.today.getYear();
    final Map<String, long[]> expectedCountry = b.year.expectedTable3(country, true, y);
    final Map<String, long[]> expectedCountryPrev = b.year.expectedTable3(country, true, y - 1);
    b.load("replay-start");
    final Map<String, Double> cpuAtStart = b.cpus.cpuOfChildren();
    cpuAtStart.put("bench", cpuSeconds(ProcessHandle.current().pid()));
    final MachineCpu machineAtStart = MachineCpu.now();
    final long total = b.year.events();
    final long t0 = System.nanoTime();
    final Map<String, String> processorEnv = b.opt.envOption("processor-env");
    m.put("processorEnv", processorEnv);
    final Child processor =
        b.child(
            "processor",
            b.opt.flags("processor-flags", "-Xmx768m"),
            "foi.tracker.processor.StreamProcessorMain",
            List.of(),
            b.serviceEnv(processorEnv));
    final List<Map<String, Object>> timeline = new ArrayList<>();
    long consumed = 0;
    double tConsumed = 0;
    double tExact = -1;
    double t10 = -1;
    double t90 = -1;
    long lastPrint = 0;
    try (Admin a = b.admin()) {
      while (true) {
        Thread.sleep(250);
        if (!processor.isAlive()) {
          throw new IllegalStateException("processor exited; see " + processor.log());
        }
        final double t = (System.nanoTime() - t0) / 1e9;
        consumed = b.committed(a);
        processor.sample();
        dashboard.sample();
        if (t10 < 0 && consumed >= total / 10) {
          t10 = t;
        }
        if (t90 < 0 && consumed >= total * 9 / 10) {
          t90 = t;
        }
        if (System.nanoTime() - lastPrint > 5e9) {
          lastPrint = System.nanoTime();
          timeline.add(
              Map.of(
                  "s",
                  round(t),
                  "consumed",
                  consumed,
                  "processorRssMb",
                  processor.rssKb() / 1024,
                  "dashboardRssMb",
                  dashboard.rssKb() / 1024));
          System.out.printf("replay: %.0f s, %,d / %,d events committed%n", t, consumed, total);
        }
        if (consumed >= total && tConsumed == 0) {
          tConsumed = t;
        }
        if (tConsumed > 0 || t > 30) {
          if (b.check.tableEquals(b.dashboardUrl, b.tree.id(country), true, y, expectedCountry)
                  == null
              && b.check.tableEquals(
                      b.dashboardUrl, b.tree.id(country), true, y - 1, expectedCountryPrev)
                  == null) {
            tExact = t;
          }
        }
        if (tExact > 0 && tConsumed > 0) {
          break;
        }
        if (t > b.opt.intOpt("replay-timeout", 3600)) {
          throw new IllegalStateException(
              "replay did not finish within the timeout: " + consumed + "/" + total);
        }
      }
    }
    b.load("replay-end");
    final Map<String, Double> cpuDuring = new LinkedHashMap<>();
    final Map<String, Double> cpuEnd = b.cpus.cpuOfChildren();
    cpuEnd.put("bench", cpuSeconds(ProcessHandle.current().pid()));
    cpuEnd.forEach(
        (name, cpu) -> cpuDuring.put(name, round(cpu - cpuAtStart.getOrDefault(name, 0.0))));
    m.put("cpuSecondsDuringReplay", cpuDuring);
    final MachineCpu machineAtEnd = MachineCpu.now();
    if (machineAtStart != null && machineAtEnd != null) {
      m.put(
          "machineCpuSecondsDuringReplay",
          machineAtEnd.since(
              machineAtStart, cpuDuring.values().stream().mapToDouble(Double::doubleValue).sum()));
    }
    m.put("events", total);
    m.put("secondsToConsumeAll", round(tConsumed));
    m.put("eventsPerSecond", Math.round(total / tConsumed));
    m.put("steadyEventsPerSecond", t90 > t10 ? Math.round(total * 0.8 / (t90 - t10)) : null);
    m.put("secondsToNationalTableExact", round(tExact));
    m.put(
        "method",
        "from processor JVM start (from scratch, empty state) until the processor group's committed "
            + "offsets on foi.events reach the end offsets (polled every 250 ms); steady = between 10 % and 90 % "
            + "consumed; national exact = dashboard GET country table3?scope=subtree for this and last year equals "
            + "Recount (dashboard running during the replay)");
    m.put("timeline", timeline);
    b.check.compareSample(m, b.dashboardUrl);
    m.put("countryDeadlinesReads", new ReadsPhase(b).countryDeadlinesReads(3));
  }
}
