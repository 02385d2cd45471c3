package foi.tracker.bench;

import static foi.tracker.bench.BenchRun.round;

import foi.tracker.kafka.LoopbackPorts;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The one-process jar restarted on the same data: start time, exact, freshness, reads, RSS. */
final class StandalonePhase {
  private final BenchRun b;

  StandalonePhase(final BenchRun b) {
    this.b = b;
  }

  void standalone(final String jvmFlags) throws Exception {
    final Map<String, Object> m = new LinkedHashMap<>();
    b.result.put("standalone", m);
    final Path jar =
        Path.of(b.opt.getOrDefault("standalone-jar", "standalone/target/tracker-standalone.jar"));
    final int ip = LoopbackPorts.reserve();
    final int dp = LoopbackPorts.reserve();
    final List<String> flags = List.of(jvmFlags.trim().split("\\s+"));
    final List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(flags);
    cmd.add(GcLog.flag(b.gcLogOf("standalone")));
    cmd.add("-jar");
    cmd.add(jar.toAbsolutePath().toString());
    final Map<String, String> env = new HashMap<>();
    env.put("TRACKER_DATA_DIR", b.dataDir.toString());
    env.put("TRACKER_ADMIN_TOKEN", b.admin);
    env.put("TRACKER_PARTITIONS", String.valueOf(b.partitions));
    env.put("TRACKER_INGEST_PORT", String.valueOf(ip));
    env.put("TRACKER_DASHBOARD_PORT", String.valueOf(dp));
    env.put("TRACKER_KAFKA_PORT", String.valueOf(b.brokerPort));
    env.put("TRACKER_BIND_HOST", "127.0.0.1");
    env.put(
        "MALLOC_ARENA_MAX",
        System.getenv().getOrDefault("MALLOC_ARENA_MAX", "2")); // as bin/run starts it
    m.put("mallocArenaMax", env.get("MALLOC_ARENA_MAX"));
    final long t0 = System.nanoTime();
    final Child s = Child.start("standalone", flags, cmd, env, b.logDir);
    b.children.add(s);
    s.awaitLog("Ready in", 300_000);
    final String dash = "http://127.0.0.1:" + dp;
    final String ingest = "http://127.0.0.1:" + ip;
    b.awaitHealth(s, dash, 900_000);
    b.awaitHealth(s, ingest, 900_000);
    m.put("secondsToHealthy", round((System.nanoTime() - t0) / 1e9));
    m.put(
        "note",
        "the one-process jar (broker + processor + ingest + dashboard) restarted on the data of the run "
            + "above (national size): rebuilds the dashboard views and the ingest index from Kafka, restores Streams "
            + "state from the local state dir");
    final Map<String, Object> exact = b.check.awaitExact(dash);
    m.put("exactAfterRestart", exact.get("exact"));
    m.put("exactNote", exact.get("note"));
    m.put("exactMismatches", exact.get("mismatches"));
    new FreshnessPhase(b)
        .freshness("standaloneFreshness", dash, ingest, b.opt.intOpt("standalone-probes", 100));
    m.put("freshness", b.result.remove("standaloneFreshness"));
    new ReadsPhase(b).reads("standaloneReads", dash, b.opt.intOpt("reads", 2000) / 2);
    m.put("reads", b.result.remove("standaloneReads"));
    s.jcmd("GC.run");
    m.put(
        "heapLiveAfterFullGc",
        s.jcmd("GC.heap_info")
            .lines()
            .filter(l -> l.contains("used"))
            .findFirst()
            .orElse("")
            .trim());
  }
}
