package foi.tracker.bench;

import static foi.tracker.bench.BenchRun.round;
import static foi.tracker.bench.Cpu.putCpu;
import static foi.tracker.bench.Desk.clients;

import foi.tracker.kafka.LoopbackPorts;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;

/** The ingest service's start, single calls at saturation, and batch calls at saturation. */
final class IngestPhase {
  private final BenchRun b;

  IngestPhase(final BenchRun b) {
    this.b = b;
  }

  void startIngest() throws Exception {
    final int port = LoopbackPorts.reserve();
    b.ingestUrl = "http://127.0.0.1:" + port;
    final long t0 = System.nanoTime();
    final Map<String, String> ingestEnv = b.opt.envOption("ingest-env");
    final Map<String, String> env = new HashMap<>(ingestEnv);
    // the bench's batch clients (up to 8 background threads plus the batch phase's) are load, not
    // desks: no 503 BUSY
    env.putIfAbsent("TRACKER_BATCHES_IN_FLIGHT", "64");
    env.put("TRACKER_INGEST_PORT", String.valueOf(port));
    final Child ingest =
        b.child(
            "ingest",
            b.opt.flags("ingest-flags", "-Xmx768m"),
            "foi.tracker.ingest.IngestMain",
            List.of(),
            b.serviceEnv(env));
    b.awaitHealth(ingest, b.ingestUrl, 600_000);
    final Map<String, Object> m = new LinkedHashMap<>();
    m.put("ingestEnv", ingestEnv);
    m.put("startSeconds", round((System.nanoTime() - t0) / 1e9));
    m.put(
        "startNote",
        "JVM start until /health 200: rebuilds its idempotency index from the whole event log");
    b.result.put("ingest", m);
  }

  void ingestSaturation() throws Exception {
    @SuppressWarnings("unchecked")
    final Map<String, Object> m = (Map<String, Object>) b.result.get("ingest");
    final int threads =
        b.opt.intOpt("ingest-threads", 32); // enough calls in flight to saturate 2 cores
    final int seconds = b.opt.intOpt("ingest-seconds", 20);
    // the ingest JVM has only rebuilt its index so far: its HTTP path is cold, and the JIT
    // compilers of all JVMs took
    // ~0.85 of the 2 cores in the first half-minute of this phase, so the window opens once that
    // has settled
    final int warmup = b.opt.intOpt("ingest-warmup", 60);
    b.load("ingest-start");
    final long start = System.nanoTime();
    final long from = start + TimeUnit.SECONDS.toNanos(warmup);
    final long end = from + TimeUnit.SECONDS.toNanos(seconds);
    final Latencies lat = new Latencies();
    final AtomicLong failed = new AtomicLong();
    final AtomicReference<String> firstFailure = new AtomicReference<>();
    final List<Integer> towns = b.tree.sample(Hierarchy.TOWNSHIP, 200);
    final java.util.concurrent.CompletableFuture<Map<String, Double>> cpu =
        b.cpus.cpuBetween(from, end);
    clients(
        threads,
        "ingest-client",
        end,
        firstFailure,
        (id, n) -> {
          final int agencyIdx = towns.get((id * 7 + n) % towns.size());
          final String requestId = "sat-" + id + "-" + n;
          int step = 0;
          for (String[] c : b.desk.cycle(b.ingestUrl, b.tree.id(agencyIdx), requestId)) {
            final long t0 = System.nanoTime();
            final Http.Response r = b.http.send("POST", c[0], c[1]);
            final long t1 = System.nanoTime();
            b.desk.track(agencyIdx, requestId, step++, r);
            if (t0 >= from && t1 <= end) {
              if (r.statusCode() == 201 || r.statusCode() == 202) {
                lat.add(t1 - t0);
              } else {
                failed.incrementAndGet();
                firstFailure.compareAndSet(null, r.statusCode() + " " + r.body());
              }
            }
          }
          return n + 1;
        });
    b.load("ingest-end");
    m.put("threads", threads);
    m.put("seconds", seconds);
    m.put("eventsPerSecond", Math.round(lat.count() / (double) seconds));
    m.put("p50Ms", lat.pct(0.50));
    m.put("p95Ms", lat.pct(0.95));
    m.put("p99Ms", lat.pct(0.99));
    m.put("maxMs", lat.max());
    m.put("failed", failed.get());
    m.put("firstFailure", firstFailure.get());
    putCpu(m, cpu.get(), lat.count());
    m.put(
        "method",
        threads
            + " client threads (plain-socket HTTP/1.1, keep-alive) in "
            + "the bench JVM, each POSTing an application then 3 events (fee notice, fee paid, decided) to 200 "
            + "townships as fast as answered; counted = 201/202 inside the "
            + seconds
            + " s window after "
            + warmup
            + " s warm-up (JIT); the processor and dashboard run meanwhile");
  }

  /**
   * Batch calls at saturation: N client threads each POST batches of {@code --batch-size} items
   * (the same cycles as above, to 200 townships, through the national root's batch route) as fast
   * as answered. Counted = items answered 201/202 inside the window; latency is per call. Then how
   * long the processor took to work off what was written.
   */
  void ingestBatches() throws Exception {
    final Map<String, Object> m = new LinkedHashMap<>();
    b.result.put("ingestBatch", m);
    final int threads = b.opt.intOpt("batch-threads", 4);
    final int size = b.opt.intOpt("batch-size", 400) / 4 * 4;
    final int seconds = b.opt.intOpt("ingest-seconds", 20);
    final int warmup =
        b.opt.intOpt("batch-warmup", 30); // the batch path is still cold after the single calls
    final String url = b.ingestUrl + "/api/v1/agencies/" + b.tree.id(0) + "/batch";
    b.load("batch-start");
    final long start = System.nanoTime();
    final long from = start + TimeUnit.SECONDS.toNanos(warmup);
    final long end = from + TimeUnit.SECONDS.toNanos(seconds);
    final Latencies lat = new Latencies();
    final AtomicLong items = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    final AtomicReference<String> firstFailure = new AtomicReference<>();
    final List<Integer> towns = b.tree.sample(Hierarchy.TOWNSHIP, 200);
    final java.util.concurrent.CompletableFuture<Map<String, Double>> cpu =
        b.cpus.cpuBetween(from, end);
    clients(
        threads,
        "batch-client",
        end,
        firstFailure,
        (id, n) -> {
          final int[] agencyOf = new int[size / 4];
          final String[] requestOf = new String[size / 4];
          final String body = b.desk.batchBody(towns, id, n, "bat-", agencyOf, requestOf);
          final long t0 = System.nanoTime();
          final Http.Response r = b.http.send("POST", url, body);
          final long t1 = System.nanoTime();
          final boolean inWindow = t0 >= from && t1 <= end;
          if (r.statusCode() != 200) {
            b.uncertainWrites.addAndGet(size);
            failed.addAndGet(inWindow ? size : 0);
            firstFailure.compareAndSet(null, r.statusCode() + " " + r.body());
            return n + size / 4;
          }
          final int ok =
              b.desk.trackBatch(
                  r,
                  agencyOf,
                  requestOf,
                  refusal -> {
                    if (inWindow) {
                      failed.incrementAndGet();
                      firstFailure.compareAndSet(null, refusal);
                    }
                  });
          if (inWindow) {
            lat.add(t1 - t0);
            items.addAndGet(ok);
          }
          return n + size / 4;
        });
    b.load("batch-end");
    final long tEnd = System.nanoTime();
    long lag;
    try (Admin a = b.admin()) {
      lag = b.endOffsets(a) - b.committed(a);
      m.put("processorLagAtEnd", lag);
      while (lag > 0 && System.nanoTime() - tEnd < 600e9) {
        Thread.sleep(250);
        lag = b.endOffsets(a) - b.committed(a);
      }
    }
    m.put("secondsForProcessorToCatchUp", round((System.nanoTime() - tEnd) / 1e9));
    m.put("threads", threads);
    m.put("itemsPerCall", size);
    m.put("seconds", seconds);
    m.put("eventsPerSecond", Math.round(items.get() / (double) seconds));
    m.put("calls", lat.count());
    m.put("p50Ms", lat.pct(0.50));
    m.put("p95Ms", lat.pct(0.95));
    m.put("p99Ms", lat.pct(0.99));
    m.put("maxMs", lat.max());
    m.put("failed", failed.get());
    m.put("firstFailure", firstFailure.get());
    putCpu(m, cpu.get(), items.get());
    m.put(
        "method",
        threads
            + " client threads each POSTing batches of "
            + size
            + " items ("
            + size / 4
            + " cycles of an application and 3 events, to 200 townships) to the national root's /batch as fast as "
            + "answered; counted = items answered 201/202 inside the "
            + seconds
            + " s window after "
            + warmup
            + " s warm-up; latency per call; the processor and dashboard run meanwhile; processorLagAtEnd = events "
            + "written but not yet processed when the window closed, secondsForProcessorToCatchUp = until it is 0");
  }
}
