package foi.tracker.bench;

import static foi.tracker.bench.BenchRun.round;
import static foi.tracker.bench.Cpu.minus;
import static foi.tracker.bench.Cpu.putCpu;

import foi.tracker.core.table.AgencyTotals;
import foi.tracker.core.taxonomy.Taxonomy;
import foi.tracker.core.topic.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Freshness: how soon a write shows in the dashboard under ~1,000 events/s of background, with
 * probes.
 */
final class FreshnessPhase {
  private final BenchRun b;

  FreshnessPhase(final BenchRun b) {
    this.b = b;
  }

  void freshness(final String key, final String dash, final String ingest, final int probes)
      throws Exception {
    freshness(key, dash, ingest, probes, 0);
  }

  /**
   * @param batchCycles 0: the background writes single calls; otherwise batches of this many cycles
   *     (4 events each) to the national root's batch call, paced to the same events per second
   */
  void freshness(
      final String key,
      final String dash,
      final String ingest,
      final int probes,
      final int batchCycles)
      throws Exception {
    final Map<String, Object> m = new LinkedHashMap<>();
    b.result.put(key, m);
    final int rate = b.opt.intOpt("background-rate", 1000);
    final int bgThreads = b.opt.intOpt("background-threads", 8);
    final AtomicBoolean running = new AtomicBoolean(true);
    final AtomicLong bgSent = new AtomicLong();
    final AtomicLong bgFailed = new AtomicLong();
    final List<Integer> bgTowns = b.tree.sample(Hierarchy.TOWNSHIP, 400);
    final List<Integer> probeTowns = new ArrayList<>(b.tree.sample(Hierarchy.TOWNSHIP, 401));
    probeTowns.removeAll(bgTowns);
    final List<Integer> probeAgencies = probeTowns.subList(0, Math.min(20, probeTowns.size()));
    final String run =
        key.substring(0, 1) + Long.toString(System.currentTimeMillis() % 1_000_000, 36);
    // Kafka side: the moment each agency's committed totals arrive
    final Map<String, long[]> totalsSeen = new ConcurrentHashMap<>();
    final Thread sub = subscriber(running, totalsSeen);
    sub.start();
    final Thread[] bg = new Thread[bgThreads];
    final long bgStart = System.nanoTime();
    for (int t = 0; t < bgThreads; t++) {
      final int id = t;
      bg[t] =
          new Thread(
              () -> {
                final double periodNs = 1e9 * bgThreads / rate;
                long k = 0;
                int n = 0;
                try {
                  while (running.get() && batchCycles > 0) {
                    final int[] agencyOf = new int[batchCycles];
                    final String[] requestOf = new String[batchCycles];
                    final String body =
                        b.desk.batchBody(bgTowns, id, n, run + "bb", agencyOf, requestOf);
                    n += batchCycles;
                    final long due = bgStart + (long) (k * periodNs);
                    k += 4L * batchCycles;
                    final long wait = due - System.nanoTime();
                    if (wait > 0) {
                      TimeUnit.NANOSECONDS.sleep(wait);
                    }
                    if (!running.get()) {
                      return;
                    }
                    final int ok =
                        b.desk.trackBatch(
                            b.http.send(
                                "POST",
                                ingest + "/api/v1/agencies/" + b.tree.id(0) + "/batch",
                                body),
                            agencyOf,
                            requestOf,
                            refusal -> {});
                    bgSent.addAndGet(ok);
                    bgFailed.addAndGet(4L * batchCycles - ok);
                  }
                  while (running.get()) {
                    final int agencyIdx = bgTowns.get((id * 13 + n) % bgTowns.size());
                    final String requestId = run + "bg" + id + "-" + n++;
                    int step = 0;
                    for (String[] c : b.desk.cycle(ingest, b.tree.id(agencyIdx), requestId)) {
                      final long due = bgStart + (long) (k++ * periodNs);
                      final long wait = due - System.nanoTime();
                      if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                      }
                      if (!running.get()) {
                        return;
                      }
                      final Http.Response r = b.http.send("POST", c[0], c[1]);
                      b.desk.track(agencyIdx, requestId, step++, r);
                      if (r.statusCode() / 100 == 2) {
                        bgSent.incrementAndGet();
                      } else {
                        bgFailed.incrementAndGet();
                      }
                    }
                  }
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                } catch (Exception e) {
                  bgFailed.incrementAndGet();
                }
              },
              "background-" + t);
      bg[t].start();
    }
    Thread.sleep(3000); // background settles
    // Probes measure the steady state: wait until the processor has worked off what earlier phases
    // wrote (the
    // ingest saturation writes faster than the processor replays), with the background running.
    final long tWait = System.nanoTime();
    long lag;
    try (Admin a = b.admin()) {
      do {
        lag = b.endOffsets(a) - b.committed(a);
        if (lag <= rate) {
          break;
        }
        Thread.sleep(500);
      } while (System.nanoTime() - tWait < 600e9);
    }
    m.put("secondsWaitedForProcessorToCatchUp", round((System.nanoTime() - tWait) / 1e9));
    m.put("processorLagAtFirstProbe", lag);
    // warm-up: the same probes, not counted, so the window does not measure the JIT compiling the
    // paths that only
    // this phase runs (without it the compilers took ~19 CPU-s of the counted probe window at
    // national size)
    final int warmupSecs = b.opt.intOpt("freshness-warmup", 30);
    final long warmupEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(warmupSecs);
    final Random rnd = new Random(7);
    final int y = b.today.getYear();
    final long pollNs =
        TimeUnit.MICROSECONDS.toNanos(
            (long) (1000 * Double.parseDouble(b.opt.getOrDefault("probe-poll-ms", "5"))));
    int warmupProbes = 0;
    while (System.nanoTime() < warmupEnd) {
      probe(
          dash,
          ingest,
          probeAgencies.get(warmupProbes % probeAgencies.size()),
          run + "w" + warmupProbes,
          y,
          pollNs);
      warmupProbes++;
      Thread.sleep(50 + rnd.nextInt(100));
    }
    m.put("warmupSeconds", warmupSecs);
    m.put("warmupProbes", warmupProbes);
    b.load(key + "-start");
    final Latencies dashLat = new Latencies();
    final Latencies kafkaLat = new Latencies();
    final Latencies postLat = new Latencies();
    int timeouts = 0;
    final long probeStart = System.nanoTime();
    final long probeStartMs = System.currentTimeMillis();
    final List<long[]> probeWindows =
        new ArrayList<>(); // {201 at (epoch ms), change seen at (epoch ms), ns between}
    final long sent0 = bgSent.get();
    final Map<String, Double> cpu0 = b.cpus.cpuNow();
    for (int i = 0; i < probes; i++) {
      final int agencyIdx = probeAgencies.get(i % probeAgencies.size());
      final String agency = b.tree.id(agencyIdx);
      final Probe p = probe(dash, ingest, agencyIdx, run + "p" + i, y, pollNs);
      postLat.add(p.postNs());
      if (p.visibleNs() < 0) {
        timeouts++;
      } else {
        dashLat.add(p.visibleNs());
        probeWindows.add(
            new long[] {p.t0Ms(), p.t0Ms() + p.visibleNs() / 1_000_000, p.visibleNs()});
      }
      final long[] k = totalsSeen.get(agency);
      if (k != null && k[0] > p.before()) {
        kafkaLat.add(Math.max(0, k[1] - p.t0Ns()));
      }
      Thread.sleep(50 + rnd.nextInt(100)); // not in step with the 100 ms flush/commit
    }
    final double probeSecs = (System.nanoTime() - probeStart) / 1e9;
    final long probeEndMs = System.currentTimeMillis();
    try (Admin a = b.admin()) {
      m.put("processorLagAfterLastProbe", b.endOffsets(a) - b.committed(a));
    }
    final long bgDuring = bgSent.get() - sent0;
    final Map<String, Double> cpuDuring = minus(b.cpus.cpuNow(), cpu0);
    b.load(key + "-end");
    running.set(false);
    for (Thread t : bg) {
      t.join(10_000);
    }
    sub.join(10_000);
    m.put("backgroundTargetEventsPerSecond", rate);
    m.put("backgroundEventsPerSecond", Math.round(bgDuring / probeSecs));
    m.put("backgroundFailed", bgFailed.get());
    m.put("probes", probes);
    m.put("timeouts", timeouts);
    m.put("p50Ms", dashLat.pct(0.50));
    m.put("p95Ms", dashLat.pct(0.95));
    m.put("p99Ms", dashLat.pct(0.99));
    m.put("maxMs", dashLat.max());
    m.put("kafkaVisible", kafkaLat.summary(""));
    m.put("probePost", postLat.summary(""));
    m.put("probePollMs", pollNs / 1e6);
    putCpu(m, cpuDuring, bgDuring + probes);
    m.put("gcPauses", gcDuringProbes(probeStartMs, probeEndMs, probeWindows));
    // [ms from the first probe's 201, latency ms], in order
    m.put(
        "probeSeries",
        probeWindows.stream()
            .map(w -> List.<Number>of(w[0] - probeStartMs, round(w[2] / 1e6)))
            .toList());
    m.put(
        "method",
        "probe = POST an application to one of 20 quiet townships; t0 = the 201 received; then GET its "
            + "table3 (agency scope, JSON) every "
            + pollNs / 1e6
            + " ms until 一 新收 总计 moved; latency = that "
            + "moment - t0 (resolution = the poll period plus one GET). kafkaVisible = when a read_committed "
            + "consumer in the bench saw the agency's new totals on "
            + Topics.AGENCY_TOTALS.name()
            + " - t0. Background: "
            + bgThreads
            + " paced threads POSTing "
            + "application+3 events cycles to 400 other townships"
            + (batchCycles > 0 ? " in batch calls of " + batchCycles * 4 + " events" : "")
            + ". Probes 50-150 ms apart (random). Probing "
            + "starts once the processor's lag on foi.events is at most one second of background, after "
            + warmupSecs
            + " s of the same probes uncounted (warm-up).");
  }

  /**
   * One freshness probe.
   *
   * @param before the agency's 一 新收 总计 before the POST
   * @param t0Ns when the 201 arrived (nanoTime), t0Ms the same in epoch ms
   * @param postNs the POST's own latency
   * @param visibleNs from the 201 to the dashboard showing the change; -1 if not within 10 s
   */
  private record Probe(long before, long t0Ns, long t0Ms, long postNs, long visibleNs) {}

  private Probe probe(
      final String dash,
      final String ingest,
      final int agencyIdx,
      final String requestId,
      final int y,
      final long pollNs)
      throws Exception {
    final String agency = b.tree.id(agencyIdx);
    final long before = b.check.newCount(dash, agency, y);
    final long tPost = System.nanoTime();
    final Http.Response r =
        b.http.send(
            "POST",
            ingest + "/api/v1/agencies/" + agency + "/requests",
            "{\"requestId\":\""
                + requestId
                + "\",\"applicantType\":\"NATURAL_PERSON\",\"receivedDate\":\""
                + b.today
                + "\",\"channel\":\"ONLINE\"}");
    final long t0 = System.nanoTime();
    final long t0Ms = System.currentTimeMillis();
    b.desk.track(agencyIdx, requestId, 0, r);
    if (r.statusCode() != 201) {
      throw new IllegalStateException("probe POST: " + r.statusCode() + " " + r.body());
    }
    while (System.nanoTime() - t0 < 10e9) {
      if (b.check.newCount(dash, agency, y) > before) {
        return new Probe(before, t0, t0Ms, t0 - tPost, System.nanoTime() - t0);
      }
      TimeUnit.NANOSECONDS.sleep(pollNs);
    }
    return new Probe(before, t0, t0Ms, t0 - tPost, -1);
  }

  private Thread subscriber(final AtomicBoolean running, final Map<String, long[]> seen) {
    final Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, b.bootstrap);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10);
    final KafkaConsumer<String, byte[]> c =
        new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
    final List<TopicPartition> parts =
        c.partitionsFor(Topics.AGENCY_TOTALS.name()).stream()
            .map(i -> new TopicPartition(i.topic(), i.partition()))
            .toList();
    c.assign(parts);
    c.seekToEnd(parts);
    parts.forEach(c::position);
    final int y = b.today.getYear();
    return new Thread(
        () -> {
          try (c) {
            while (running.get()) {
              for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(20))) {
                final long now = System.nanoTime();
                if (r.value() == null) {
                  continue;
                }
                final AgencyTotals t =
                    Topics.AGENCY_TOTALS
                        .valueSerde()
                        .deserializer()
                        .deserialize(r.topic(), r.value());
                long n = 0;
                for (String type : Taxonomy.get().applicantTypes()) {
                  n += t.get(y + "|" + Taxonomy.NEW + "|" + type);
                }
                seen.put(r.key(), new long[] {n, now});
              }
            }
          }
        },
        "totals-subscriber");
  }

  /**
   * GC pauses of each running child and of the bench JVM over the probing, and how many probes had
   * one in their window (from the 201 to the change seen): all of them, and the slowest 5 %.
   */
  private Map<String, Object> gcDuringProbes(
      final long fromMs, final long toMs, final List<long[]> windows) {
    final List<long[]> slowest = new ArrayList<>(windows);
    slowest.sort((a, b) -> Long.compare(b[1] - b[0], a[1] - a[0]));
    final List<long[]> slow =
        slowest.subList(0, Math.max(1, Math.min(slowest.size(), windows.size() / 20)));
    final Map<String, Object> out = new LinkedHashMap<>();
    final List<String> names = new ArrayList<>();
    for (Child c : b.children) {
      if (c.isAlive()) {
        names.add(c.name);
      }
    }
    names.add("bench");
    for (String name : names) {
      final List<GcLog.Pause> pauses = GcLog.read(b.gcLogOf(name));
      final Map<String, Object> m = GcLog.summary(pauses, fromMs, toMs);
      m.put("shareOfProbesWithAPause", GcLog.shareOverlapping(windows, pauses));
      m.put(
          "shareOfSlowest5PercentWithAPause",
          windows.isEmpty() ? null : GcLog.shareOverlapping(slow, pauses));
      out.put(name, m);
    }
    return out;
  }
}
