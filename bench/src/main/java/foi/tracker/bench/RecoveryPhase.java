package foi.tracker.bench;

import static foi.tracker.bench.BenchRun.du;
import static foi.tracker.bench.BenchRun.round;
import static foi.tracker.bench.Cpu.minus;
import static foi.tracker.bench.Cpu.putRebuildCpu;

import java.nio.file.Files;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Each service in turn stopped or killed and started again on its data, then exact again. */
final class RecoveryPhase {
  private final BenchRun b;

  RecoveryPhase(final BenchRun b) {
    this.b = b;
  }

  /**
   * Crashes at full size, as on-call meets them: each service in turn is killed with SIGKILL (no
   * shutdown hook) and started again on the same data dir while the others run. Desks keep posting
   * during the processor's outage. For each: how long until healthy, how long until the tables move
   * again, and whether every sampled table is exact afterwards (nothing lost, nothing counted
   * twice).
   */
  void recovery() throws Exception {
    final Map<String, Object> m = new LinkedHashMap<>();
    b.result.put("recovery", m);
    m.put("processorCleanRestart", restartProcessor(false));
    m.put("processorKilled", restartProcessor(true));
    m.put("dashboardKilled", restartDashboard());
    m.put("ingestKilled", restartIngest());
    m.put(
        "method",
        "one service at a time stopped (clean: SIGTERM, shutdown hook closes Streams and writes its "
            + "checkpoints; killed: SIGKILL) and started again on the same data dir, the others running. Processor: "
            + "while it is down, --recovery-posts applications are POSTed to 20 townships (the desk keeps working); "
            + "secondsToBacklogVisible = from the new JVM's start until the last of them shows in the dashboard's agency "
            + "table; restore = what its RestoreProgressLog printed. Dashboard: until /health 200 (its views rebuilt "
            + "from the tables' topics) and until the country table equals Recount. Ingest: until /health 200 (its "
            + "idempotency index rebuilt from the event log). lastStartingProgress = the progress of the last 503 /health "
            + "answer before the 200; cpuSeconds / machineCpuSeconds = CPU per process and of the machine from the "
            + "new JVM's start until that 200, cpuMicrosPerEvent = that per offset it had to read (toRead). exact = the "
            + "replay's sample of 128 tables after each");
  }

  /**
   * After a restart: whether the sample is exact again (the processor may still be working off the
   * backlog), and the new JVM's peak RSS so far.
   */
  private Object putExactAndRss(final Map<String, Object> m, final Child restarted)
      throws Exception {
    final Map<String, Object> exact = b.check.awaitExact(b.dashboardUrl);
    m.put("exact", exact.get("exact"));
    m.put("mismatches", exact.get("mismatches"));
    m.put("peakRssMb", restarted.peakRssKb() / 1024);
    return exact.get("exact");
  }

  private Map<String, Object> restartProcessor(final boolean kill) throws Exception {
    final Map<String, Object> m = new LinkedHashMap<>();
    final Child old = b.named("processor");
    final String name = "processor-" + (kill ? "after-kill" : "after-stop");
    old.sample();
    final long rss = old.peakRssKb();
    final long tStop = System.nanoTime();
    if (kill) {
      old.kill();
    } else {
      old.close();
    }
    m.put("stopSeconds", round((System.nanoTime() - tStop) / 1e9));
    b.retire(old);
    m.put("stoppedProcessorPeakRssMb", rss / 1024);
    m.put("streamsStateMbWhenStopped", du(b.dataDir.resolve("streams")));
    // the desks keep posting while the processor is down: the ingest service does not need it
    final int posts = b.opt.intOpt("recovery-posts", 200);
    final List<Integer> towns = b.tree.sample(Hierarchy.TOWNSHIP, 20);
    final String run =
        (kill ? "rk" : "rs") + Long.toString(System.currentTimeMillis() % 1_000_000, 36);
    final int y = b.today.getYear();
    final int lastTown = towns.get((posts - 1) % towns.size());
    final long before = b.check.newCount(b.dashboardUrl, b.tree.id(lastTown), y);
    final Latencies postLat = new Latencies();
    int failed = 0;
    for (int i = 0; i < posts; i++) {
      final int agencyIdx = towns.get(i % towns.size());
      final String requestId = run + "-" + i;
      final long t0 = System.nanoTime();
      final Http.Response r =
          b.http.send(
              "POST",
              b.ingestUrl + "/api/v1/agencies/" + b.tree.id(agencyIdx) + "/requests",
              b.desk.application(requestId, "NATURAL_PERSON"));
      postLat.add(System.nanoTime() - t0);
      b.desk.track(agencyIdx, requestId, 0, r);
      if (r.statusCode() != 201) {
        failed++;
      } else {
        b.lastOutagePost = new Object[] {agencyIdx, requestId, r.body()};
      }
    }
    m.put("postsWhileDown", posts);
    m.put("postsWhileDownFailed", failed);
    m.put("postWhileDown", postLat.summary(""));
    final long t0 = System.nanoTime();
    final Child processor =
        b.child(
            name,
            b.opt.flags("processor-flags", "-Xmx768m"),
            "foi.tracker.processor.StreamProcessorMain",
            List.of(),
            b.serviceEnv(b.opt.envOption("processor-env")));
    final long lastExpected = before + posts / towns.size() + (posts % towns.size() == 0 ? 0 : 1);
    double visible = -1;
    while (System.nanoTime() - t0 < b.opt.intOpt("recovery-timeout", 900) * 1e9) {
      if (!processor.isAlive()) {
        throw new IllegalStateException("restarted processor exited; see " + processor.log());
      }
      processor.sample();
      if (b.check.newCount(b.dashboardUrl, b.tree.id(lastTown), y) >= lastExpected) {
        visible = (System.nanoTime() - t0) / 1e9;
        break;
      }
      Thread.sleep(100);
    }
    m.put("secondsToBacklogVisible", round(visible));
    m.put(
        "restore",
        Files.readString(processor.log())
            .lines()
            .filter(l -> l.contains("state restored: "))
            .map(l -> l.substring(l.indexOf("state restored: ")))
            .toList());
    final Object exact = putExactAndRss(m, processor);
    System.out.printf(
        "recovery: processor %s, backlog visible after %.1f s, exact %s%n",
        kill ? "killed" : "stopped", visible, exact);
    return m;
  }

  private Map<String, Object> restartDashboard() throws Exception {
    final Map<String, Object> m = new LinkedHashMap<>();
    final int port = b.killForRestart("dashboard", b.dashboardUrl);
    final long t0 = System.nanoTime();
    final Child dashboard =
        b.child(
            "dashboard-after-kill",
            b.opt.flags("dashboard-flags", "-Xmx3g"),
            "foi.tracker.dashboard.DashboardMain",
            List.of(),
            b.serviceEnv(Map.of("TRACKER_DASHBOARD_PORT", String.valueOf(port))));
    final Map<String, Double> cpuAtStart = b.cpus.cpuNow();
    final Object progress = b.awaitHealthProgress(dashboard, b.dashboardUrl, 600_000);
    m.put("secondsToHealthy", round((System.nanoTime() - t0) / 1e9));
    m.put("lastStartingProgress", progress);
    putRebuildCpu(m, minus(b.cpus.cpuNow(), cpuAtStart), progress);
    final int y = b.today.getYear();
    final Map<String, long[]> expected = b.year.expectedTable3(0, true, y);
    double tExact = -1;
    while (System.nanoTime() - t0 < 300e9) {
      if (b.check.tableEquals(b.dashboardUrl, b.tree.id(0), true, y, expected) == null) {
        tExact = (System.nanoTime() - t0) / 1e9;
        break;
      }
      Thread.sleep(100);
    }
    m.put("secondsToCountryTableExact", round(tExact));
    m.put("countryDeadlinesReads", new ReadsPhase(b).countryDeadlinesReads(3));
    final Object exact = putExactAndRss(m, dashboard);
    System.out.printf(
        "recovery: dashboard killed, healthy after %s s, exact %s%n",
        m.get("secondsToHealthy"), exact);
    return m;
  }

  private Map<String, Object> restartIngest() throws Exception {
    final Map<String, Object> m = new LinkedHashMap<>();
    final int port = b.killForRestart("ingest", b.ingestUrl);
    final long t0 = System.nanoTime();
    final Map<String, String> env = new HashMap<>(b.opt.envOption("ingest-env"));
    // the bench's batch clients (up to 8 background threads plus the batch phase's) are load, not
    // desks: no 503 BUSY
    env.putIfAbsent("TRACKER_BATCHES_IN_FLIGHT", "64");
    env.put("TRACKER_INGEST_PORT", String.valueOf(port));
    final Child ingest =
        b.child(
            "ingest-after-kill",
            b.opt.flags("ingest-flags", "-Xmx768m"),
            "foi.tracker.ingest.IngestMain",
            List.of(),
            b.serviceEnv(env));
    final Map<String, Double> cpuAtStart = b.cpus.cpuNow();
    final Object progress = b.awaitHealthProgress(ingest, b.ingestUrl, 600_000);
    m.put("secondsToHealthy", round((System.nanoTime() - t0) / 1e9));
    m.put("lastStartingProgress", progress);
    putRebuildCpu(m, minus(b.cpus.cpuNow(), cpuAtStart), progress);
    // an application the killed JVM accepted is still known to the new one: re-sent as it was, the
    // same answer
    // (and, by the exact check below, counted once); with another body, 409
    final String url =
        b.ingestUrl + "/api/v1/agencies/" + b.tree.id((Integer) b.lastOutagePost[0]) + "/requests";
    final String requestId = (String) b.lastOutagePost[1];
    final Http.Response same =
        b.http.send("POST", url, b.desk.application(requestId, "NATURAL_PERSON"));
    final Http.Response other =
        b.http.send("POST", url, b.desk.application(requestId, "COMMERCIAL_ENTERPRISE"));
    m.put(
        "resentSameBody",
        same.statusCode()
            + (same.body().equals(b.lastOutagePost[2]) ? " same body" : " other body"));
    m.put("resentOtherBody", other.statusCode());
    final Object exact = putExactAndRss(m, ingest);
    System.out.printf(
        "recovery: ingest killed, healthy after %s s, re-sent application %s, other body %d, exact %s%n",
        m.get("secondsToHealthy"), m.get("resentSameBody"), other.statusCode(), exact);
    return m;
  }
}
