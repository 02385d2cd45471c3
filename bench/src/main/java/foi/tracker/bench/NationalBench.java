package foi.tracker.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import foi.tracker.core.agency.Agency;
import foi.tracker.core.event.RequestEvent;
import foi.tracker.core.json.Json;
import foi.tracker.core.request.RequestKey;
import foi.tracker.core.sim.GeneratedRequest;
import foi.tracker.core.table.AgencyTotals;
import foi.tracker.core.taxonomy.Taxonomy;
import foi.tracker.core.topic.EventLogPartitioner;
import foi.tracker.core.topic.TopicAdmin;
import foi.tracker.core.topic.Topics;
import foi.tracker.ingest.EventHeaders;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The national benchmark (issue 6 §3), one run, one result file. Every service runs as its own JVM (broker, stream
 * processor, dashboard, ingest; then the standalone jar on the same data), so peak RSS is per process.
 *
 * <ol>
 *   <li>load: agencies onto the agency topic and a national year of events onto the event log, directly, with an
 *       idempotent acks=all producer (same keys, serdes and partitioner as the ingest service);</li>
 *   <li>replay: the processor starts from scratch (dashboard already running); events/s until its committed offsets
 *       reach the end of the log, and the time until the dashboard's national table equals {@code Recount};
 *       then {@code exact} = every sampled table (country, provinces, cities, counties, townships; two years; Table
 *       四 too) equals {@code Recount};</li>
 *   <li>ingest: N client threads POST applications and events over HTTP as fast as answered (acks=all);</li>
 *   <li>freshness: ~1,000 events/s background over HTTP (single calls, then batch calls); probes POST an
 *       application to a quiet township and poll its table3 every 5 ms ({@code --probe-poll-ms}) until the count
 *       moved; a read_committed consumer on the totals changelog timestamps the Kafka-side moment too;</li>
 *   <li>batch ingest: client threads POST batches to the national root as fast as answered;</li>
 *   <li>reads: sequential table3 GETs for a township, a county subtree, a ~1,000-agency subtree, the country;</li>
 *   <li>publication: the national root publishes last year; time until the version is readable, then live and
 *       published reads;</li>
 *   <li>memory and disk: VmHWM of each process, du of the broker's log dirs and the Streams state dir;</li>
 *   <li>recovery: each service stopped or killed and started again on its data, then exact again;</li>
 *   <li>standalone: the one-process jar restarted on the same data: start time, reads, freshness, RSS.</li>
 * </ol>
 */
public final class NationalBench {
  private static final String ADMIN_PREFIX = "bench-admin-";
  private static final DateTimeFormatter FILE_TS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss'Z'")
      .withZone(ZoneOffset.UTC);

  private final Map<String, String> opt;
  private final Map<String, Object> result = new LinkedHashMap<>();
  private final List<Child> children = new ArrayList<>();
  private final Map<String, Map<String, Object>> processes = new LinkedHashMap<>();
  private final String admin = ADMIN_PREFIX + UUID.randomUUID();
  private final Http http = new Http(admin);
  private final LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
  private final Path dataDir;
  private final Path logDir;
  private final int partitions;
  private Hierarchy tree;
  private NationalYear year;
  private String bootstrap;
  private int brokerPort;
  private String dashboardUrl;
  private String ingestUrl;

  private NationalBench(final Map<String, String> opt) throws IOException {
    this.opt = opt;
    final String ts = FILE_TS.format(Instant.now());
    this.dataDir = Path.of(opt.getOrDefault("data-dir", "/tmp/foi-bench-" + ts));
    this.logDir = Path.of(opt.getOrDefault("log-dir", "/tmp/foi-bench-logs-" + ts));
    this.partitions = intOpt("partitions", 6);
    Files.createDirectories(dataDir);
    Files.createDirectories(logDir);
    result.put("startedAt", Instant.now().toString());
    result.put("label", opt.getOrDefault("label", "run"));
  }

  public static void main(final String[] args) throws Exception {
    final Map<String, String> opt = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument " + args[i] + " (options are --name value)");
      }
      final String name = args[i].substring(2);
      if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
        opt.put(name, args[++i]);
      } else {
        opt.put(name, "true");
      }
    }
    final NationalBench b = new NationalBench(opt);
    int rc = 0;
    try {
      b.run();
    } catch (Exception | Error e) {
      e.printStackTrace();
      b.result.put("error", e.toString());
      rc = 1;
    } finally {
      b.stopAll();
      b.finish();
    }
    System.exit(rc);
  }

  private void run() throws Exception {
    final int agencies = intOpt("agencies", 40_000);
    final int applications = intOpt("applications", 1_000_000);
    final long seed = Long.parseLong(opt.getOrDefault("seed", "20261201"));
    result.put("cores", Runtime.getRuntime().availableProcessors());
    result.put("agencies", agencies);
    result.put("applications", applications);
    result.put("partitions", partitions);
    result.put("today", today.toString());
    result.put("machine", machine());
    result.put("dataDir", dataDir.toString());
    result.put("logDir", logDir.toString());
    load("start");
    tree = Hierarchy.national(agencies);
    year = new NationalYear(tree, applications, seed, today);
    result.put("hierarchy", Map.of("provinces", tree.count(Hierarchy.PROVINCE), "cities",
        tree.count(Hierarchy.CITY), "counties", tree.count(Hierarchy.COUNTY), "townships",
        tree.count(Hierarchy.TOWNSHIP)));

    startBroker();
    loadEventLog();
    if (opt.containsKey("floor")) {
      floor(opt.get("floor").equals("true") ? FloorApp.STAGES : List.of(opt.get("floor").split(",")));
    }
    if (opt.containsKey("floor-only")) {
      return;
    }
    replay();
    if (!opt.containsKey("skip-ingest")) {
      startIngest();
      if (!opt.containsKey("skip-saturation")) {
        ingestSaturation();
      }
      freshness("freshness", dashboardUrl, ingestUrl, intOpt("probes", 200));
      if (intOpt("background-batch-cycles", 25) > 0) {
        // the same 1,000 events/s through batch calls: the pipeline's latency without the single calls' CPU
        freshness("freshnessBatchBackground", dashboardUrl, ingestUrl, intOpt("probes", 200),
            intOpt("background-batch-cycles", 25));
      }
      // after freshness: a batch burst leaves the processor's RocksDB compactions and the broker's log cleaner
      // working for a while, which would lengthen the freshness tail (its p95 more than doubled when batches came first)
      if (!opt.containsKey("skip-batch")) {
        ingestBatches();
      }
    }
    reads("reads", dashboardUrl, intOpt("reads", 2000));
    if (!opt.containsKey("skip-cost")) {
      exportAndCompliance();
    }
    if (!opt.containsKey("skip-ingest") && !opt.containsKey("skip-publication")) {
      publication(dashboardUrl, ingestUrl, intOpt("reads", 2000));
    }
    result.put("exactAfterLiveIngest", awaitExact(dashboardUrl));
    memoryAndDisk();
    if (!opt.containsKey("skip-recovery") && !opt.containsKey("skip-ingest")) {
      recovery();
    }
    stopAll();
    if (!opt.containsKey("skip-standalone")) {
      final String first = opt.getOrDefault("standalone-flags", "-Xmx1g -XX:+ExitOnOutOfMemoryError");
      try {
        standalone(first);
      } catch (Exception e) {
        stopAll();
        result.put("standaloneFailed", Map.of("jvmFlags", first, "error", e.toString(), "log",
            logDir.resolve("standalone.log").toString()));
        standalone(opt.getOrDefault("standalone-retry-flags", "-Xmx3g -XX:+ExitOnOutOfMemoryError"));
      }
    }
  }

  // ---------------------------------------------------------------- broker and load

  private void startBroker() throws Exception {
    brokerPort = freePort();
    final int controllerPort = freePort();
    final Child broker = child("broker", flags("broker-flags", "-Xmx512m"), "foi.tracker.kafka.EmbeddedKafka",
        List.of(dataDir.resolve("kafka").toString(), String.valueOf(brokerPort), String.valueOf(controllerPort)),
        Map.of());
    broker.awaitLog("READY", 60_000);
    bootstrap = "127.0.0.1:" + brokerPort;
    try (Admin a = admin()) {
      TopicAdmin.ensureTopics(a, partitions, (short) 1, 1);
    }
  }

  private void loadEventLog() throws Exception {
    final Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
    p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 128L * 1024 * 1024);
    p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    final AtomicReference<Exception> failure = new AtomicReference<>();
    final long t0 = System.nanoTime();
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(),
        new ByteArraySerializer())) {
      for (int a = 0; a < tree.size(); a++) {
        final Agency agency = tree.agency(a);
        producer.send(new ProducerRecord<>(Topics.AGENCIES.name(), null, agency.agencyId(),
            Topics.AGENCIES.valueSerde().serializer().serialize(null, agency)), (m, e) -> {
              if (e != null) {
                failure.compareAndSet(null, e);
              }
            });
      }
      producer.flush();
      final long tAgencies = System.nanoTime();
      while (year.hasNext()) {
        final GeneratedRequest r = year.next();
        final String key = RequestKey.of(r.agencyId(), r.requestId());
        final int partition = EventLogPartitioner.partitionOf(key, partitions);
        for (RequestEvent e : r.events()) {
          producer.send(new ProducerRecord<>(Topics.EVENTS.name(), partition, key,
              Topics.EVENTS.valueSerde().serializer().serialize(null, e), EventHeaders.of(e)), (m, ex) -> {
                if (ex != null) {
                  failure.compareAndSet(null, ex);
                }
              });
        }
        if (year.generated() % 100_000 == 0) {
          System.out.printf("load: %,d applications, %,d events%n", year.generated(), year.events());
        }
      }
      producer.flush();
      if (failure.get() != null) {
        throw failure.get();
      }
      final double secs = (System.nanoTime() - t0) / 1e9;
      final Map<String, Object> m = new LinkedHashMap<>();
      m.put("agencySeconds", round((tAgencies - t0) / 1e9));
      m.put("seconds", round(secs));
      m.put("eventsPerSecond", Math.round(year.events() / ((System.nanoTime() - tAgencies) / 1e9)));
      m.put("note", "generation (LifecycleGenerator + JSON) and an idempotent acks=all producer in one thread");
      result.put("load", m);
    }
    result.put("events", year.events());
    System.out.printf("load: %,d agencies, %,d applications, %,d events written%n", tree.size(), year.generated(),
        year.events());
  }

  // ---------------------------------------------------------------- replay

  private void replay() throws Exception {
    final Map<String, Object> m = new LinkedHashMap<>();
    result.put("replay", m);
    final int dashPort = freePort();
    dashboardUrl = "http://127.0.0.1:" + dashPort;
    final Child dashboard = child("dashboard", flags("dashboard-flags", "-Xmx3g"),
        "foi.tracker.dashboard.DashboardMain", List.of(), serviceEnv(Map.of("TRACKER_DASHBOARD_PORT",
            String.valueOf(dashPort))));
    awaitHealth(dashboard, dashboardUrl, 300_000);
    final int country = 0;
    final int y = today.getYear();
    final Map<String, long[]> expectedCountry = year.expectedTable3(country, true, y);
    final Map<String, long[]> expectedCountryPrev = year.expectedTable3(country, true, y - 1);
    load("replay-start");
    final Map<String, Double> cpuAtStart = cpuOfChildren();
    cpuAtStart.put("bench", cpuSeconds(ProcessHandle.current().pid()));
    final MachineCpu machineAtStart = MachineCpu.now();
    final long total = year.events();
    final long t0 = System.nanoTime();
    final Map<String, String> processorEnv = envOption("processor-env");
    m.put("processorEnv", processorEnv);
    final Child processor = child("processor", flags("processor-flags", "-Xmx768m"),
        "foi.tracker.processor.StreamProcessorMain", List.of(), serviceEnv(processorEnv));
    final List<Map<String, Object>> timeline = new ArrayList<>();
    long consumed = 0;
    double tConsumed = 0;
    double tExact = -1;
    double t10 = -1;
    double t90 = -1;
    long lastPrint = 0;
    try (Admin a = admin()) {
      while (true) {
        Thread.sleep(250);
        if (!processor.isAlive()) {
          throw new IllegalStateException("processor exited; see " + processor.log());
        }
        final double t = (System.nanoTime() - t0) / 1e9;
        consumed = committed(a);
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
          timeline.add(Map.of("s", round(t), "consumed", consumed, "processorRssMb", processor.rssKb() / 1024,
              "dashboardRssMb", dashboard.rssKb() / 1024));
          System.out.printf("replay: %.0f s, %,d / %,d events committed%n", t, consumed, total);
        }
        if (consumed >= total && tConsumed == 0) {
          tConsumed = t;
        }
        if (tConsumed > 0 || t > 30) {
          if (tableEquals(dashboardUrl, tree.id(country), true, y, expectedCountry) == null
              && tableEquals(dashboardUrl, tree.id(country), true, y - 1, expectedCountryPrev) == null) {
            tExact = t;
          }
        }
        if (tExact > 0 && tConsumed > 0) {
          break;
        }
        if (t > intOpt("replay-timeout", 3600)) {
          throw new IllegalStateException("replay did not finish within the timeout: " + consumed + "/" + total);
        }
      }
    }
    load("replay-end");
    final Map<String, Double> cpuDuring = new LinkedHashMap<>();
    final Map<String, Double> cpuEnd = cpuOfChildren();
    cpuEnd.put("bench", cpuSeconds(ProcessHandle.current().pid()));
    cpuEnd.forEach((name, cpu) -> cpuDuring.put(name, round(cpu - cpuAtStart.getOrDefault(name, 0.0))));
    m.put("cpuSecondsDuringReplay", cpuDuring);
    final MachineCpu machineAtEnd = MachineCpu.now();
    if (machineAtStart != null && machineAtEnd != null) {
      m.put("machineCpuSecondsDuringReplay", machineAtEnd.since(machineAtStart,
          cpuDuring.values().stream().mapToDouble(Double::doubleValue).sum()));
    }
    m.put("events", total);
    m.put("secondsToConsumeAll", round(tConsumed));
    m.put("eventsPerSecond", Math.round(total / tConsumed));
    m.put("steadyEventsPerSecond", t90 > t10 ? Math.round(total * 0.8 / (t90 - t10)) : null);
    m.put("secondsToNationalTableExact", round(tExact));
    m.put("method", "from processor JVM start (from scratch, empty state) until the processor group's committed "
        + "offsets on foi.events reach the end offsets (polled every 250 ms); steady = between 10 % and 90 % "
        + "consumed; national exact = dashboard GET country table3?scope=subtree for this and last year equals "
        + "Recount (dashboard running during the replay)");
    m.put("timeline", timeline);
    compareSample(m, dashboardUrl);
    m.put("countryDeadlinesReads", countryDeadlinesReads(3));
  }

  /**
   * The framework's floor ({@link FloorApp}): each stage reads the whole event log from scratch in a JVM of its own
   * with the processor's flags, timed from its start until its group's committed offsets reach the end, with the CPU
   * of that JVM, the broker and the machine over the same window.
   */
  private void floor(final List<String> stages) throws Exception {
    final Map<String, Object> all = new LinkedHashMap<>();
    result.put("floor", all);
    final long total = year.events();
    for (String stage : stages) {
      if (!FloorApp.STAGES.contains(stage)) {
        throw new IllegalArgumentException("--floor: unknown stage " + stage + " (" + FloorApp.STAGES + ")");
      }
      final Map<String, Object> m = new LinkedHashMap<>();
      all.put(stage, m);
      final String group = "foi-floor-" + stage + "-" + UUID.randomUUID().toString().substring(0, 8);
      final String name = "floor-" + stage;
      final Map<String, Double> before = cpuNow();
      final long t0 = System.nanoTime();
      final Child c = child(name, flags("processor-flags", "-Xmx768m"), FloorApp.class.getName(),
          List.of(stage, bootstrap, dataDir.resolve(name).toString(), group), Map.of());
      double t10 = -1;
      double t90 = -1;
      double t;
      try (Admin a = admin()) {
        while (true) {
          Thread.sleep(250);
          if (!c.isAlive()) {
            throw new IllegalStateException(name + " exited; see " + c.log());
          }
          c.sample();
          t = (System.nanoTime() - t0) / 1e9;
          final long done = committed(a, group);
          if (t10 < 0 && done >= total / 10) {
            t10 = t;
          }
          if (t90 < 0 && done >= total * 9 / 10) {
            t90 = t;
          }
          if (done >= total) {
            break;
          }
          if (t > intOpt("replay-timeout", 3600)) {
            throw new IllegalStateException(name + " did not finish within the timeout: " + done + "/" + total);
          }
        }
      }
      final Map<String, Double> window = minus(cpuNow(), before);
      m.put("seconds", round(t));
      m.put("eventsPerSecond", Math.round(total / t));
      m.put("steadyEventsPerSecond", t90 > t10 ? Math.round(total * 0.8 / (t90 - t10)) : null);
      m.put("peakRssMb", c.peakRssKb() / 1024);
      window.keySet().removeIf(k -> k.startsWith(JIT_PREFIX) && !k.endsWith(name));
      window.keySet().removeIf(k -> !k.contains(":") && !k.equals(name) && !k.equals("broker"));
      putCpu(m, window, total);
      System.out.printf("floor %s: %,d events/s (steady %s), %s%n", stage, total * 1_000_000_000L
          / (System.nanoTime() - t0), m.get("steadyEventsPerSecond"), m.get("cpuMicrosPerEvent"));
      c.close();
      retire(c);
    }
    all.put("method", "each stage a JVM of its own (FloorApp) with the processor's flags and Streams settings, "
        + "timed from its start until its group's committed offsets on foi.events reach the end offsets (polled "
        + "every 250 ms); CPU of that JVM and the broker over the same window");
  }

  /** Compares a sample of tables with {@code Recount}; puts exact, compared and the first mismatches into m. */
  private void compareSample(final Map<String, Object> m, final String base) throws Exception {
    final List<String> mismatches = new ArrayList<>();
    int compared = 0;
    final int y = today.getYear();
    final List<int[]> scopes = new ArrayList<>(); // {agency, subtree}
    scopes.add(new int[] {0, 1});
    tree.sample(Hierarchy.PROVINCE, 4).forEach(a -> scopes.add(new int[] {a, 1}));
    tree.sample(Hierarchy.CITY, 4).forEach(a -> scopes.add(new int[] {a, 1}));
    tree.sample(Hierarchy.COUNTY, 6).forEach(a -> scopes.add(new int[] {a, 1}));
    tree.sample(Hierarchy.COUNTY, 3).forEach(a -> scopes.add(new int[] {a, 0}));
    tree.sample(Hierarchy.PROVINCE, 2).forEach(a -> scopes.add(new int[] {a, 0}));
    tree.sample(Hierarchy.TOWNSHIP, 12).forEach(a -> scopes.add(new int[] {a, 0}));
    for (int[] s : scopes) {
      for (int yy = y - 1; yy <= y; yy++) {
        compared++;
        final String diff = tableEquals(base, tree.id(s[0]), s[1] == 1, yy, year.expectedTable3(s[0], s[1] == 1, yy));
        if (diff != null && mismatches.size() < 10) {
          mismatches.add(diff);
        }
        compared++;
        final String diff4 = table4Equals(base, tree.id(s[0]), s[1] == 1, yy, year.expectedTable4(s[0], s[1] == 1,
            yy));
        if (diff4 != null && mismatches.size() < 10) {
          mismatches.add(diff4);
        }
      }
    }
    m.put("exact", mismatches.isEmpty());
    m.put("tablesCompared", compared);
    m.put("comparedScopes", "country subtree; 4 provinces, 4 cities, 6 counties as subtrees; 3 counties, 2 provinces, "
        + "12 townships alone; years " + (y - 1) + " and " + y + "; Table 三 (all 25 rows x 7 columns) and Table 四");
    m.put("mismatches", mismatches);
  }

  /** null when the dashboard's table3 equals {@code expected}, else a description of the first difference. */
  private String tableEquals(final String base, final String agency, final boolean subtree, final int y,
                             final Map<String, long[]> expected) throws Exception {
    final Http.Response r = http.get(base + "/api/v1/agencies/" + agency + "/reports/" + y + "/table3"
        + (subtree ? "?scope=subtree" : ""));
    if (r.statusCode() != 200) {
      return agency + " " + y + ": HTTP " + r.statusCode();
    }
    final JsonNode rows = Json.MAPPER.readTree(r.body()).get("rows");
    for (Map.Entry<String, long[]> e : expected.entrySet()) {
      final JsonNode got = rows.get(e.getKey());
      final long[] g = new long[e.getValue().length];
      for (int i = 0; got != null && i < g.length && i < got.size(); i++) {
        g[i] = got.get(i).asLong();
      }
      if (got == null || got.size() != g.length || !Arrays.equals(g, e.getValue())) {
        return agency + (subtree ? " subtree " : " ") + y + " row " + e.getKey() + ": dashboard "
            + Arrays.toString(g) + " recount " + Arrays.toString(e.getValue());
      }
    }
    return null;
  }

  private String table4Equals(final String base, final String agency, final boolean subtree, final int y,
                              final Map<String, Long> expected) throws Exception {
    final Http.Response r = http.get(base + "/api/v1/agencies/" + agency + "/reports/" + y + "/table4"
        + (subtree ? "?scope=subtree" : ""));
    if (r.statusCode() != 200) {
      return agency + " table4 " + y + ": HTTP " + r.statusCode();
    }
    final JsonNode cells = Json.MAPPER.readTree(r.body()).get("cells");
    for (Map.Entry<String, Long> e : expected.entrySet()) {
      final long got = cells.has(e.getKey()) ? cells.get(e.getKey()).asLong() : 0;
      if (got != e.getValue()) {
        return agency + (subtree ? " subtree" : "") + " table4 " + y + " " + e.getKey() + ": dashboard " + got
            + " recount " + e.getValue();
      }
    }
    return null;
  }

  private long endOffsets(final Admin a) throws Exception {
    final Map<TopicPartition, OffsetSpec> q = new HashMap<>();
    for (int i = 0; i < partitions; i++) {
      q.put(new TopicPartition(Topics.EVENTS.name(), i), OffsetSpec.latest());
    }
    long sum = 0;
    for (var e : a.listOffsets(q).all().get(10, TimeUnit.SECONDS).values()) {
      sum += e.offset();
    }
    return sum;
  }

  private long committed(final Admin a) throws Exception {
    return committed(a, "foi-tracker-processor");
  }

  private long committed(final Admin a, final String group) throws Exception {
    final Map<TopicPartition, OffsetAndMetadata> offsets = a.listConsumerGroupOffsets(group)
        .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
    long sum = 0;
    for (Map.Entry<TopicPartition, OffsetAndMetadata> e : offsets.entrySet()) {
      if (e.getKey().topic().equals(Topics.EVENTS.name()) && e.getValue() != null) {
        sum += e.getValue().offset();
      }
    }
    return sum;
  }

  // ---------------------------------------------------------------- ingest

  private void startIngest() throws Exception {
    final int port = freePort();
    ingestUrl = "http://127.0.0.1:" + port;
    final long t0 = System.nanoTime();
    final Map<String, String> ingestEnv = envOption("ingest-env");
    final Map<String, String> env = new HashMap<>(ingestEnv);
    env.put("TRACKER_INGEST_PORT", String.valueOf(port));
    final Child ingest = child("ingest", flags("ingest-flags", "-Xmx768m"), "foi.tracker.ingest.IngestMain",
        List.of(), serviceEnv(env));
    awaitHealth(ingest, ingestUrl, 600_000);
    final Map<String, Object> m = new LinkedHashMap<>();
    m.put("ingestEnv", ingestEnv);
    m.put("startSeconds", round((System.nanoTime() - t0) / 1e9));
    m.put("startNote", "JVM start until /health 200: rebuilds its idempotency index from the whole event log");
    result.put("ingest", m);
  }

  /** One desk's cycle: an application and three handling steps; returns the calls as {url, body}. */
  private List<String[]> cycle(final String base, final String agency, final String requestId) {
    final String apps = base + "/api/v1/agencies/" + agency + "/requests";
    final String d = today.toString();
    final List<String[]> calls = new ArrayList<>(4);
    calls.add(new String[] {apps, "{\"requestId\":\"" + requestId + "\",\"applicantType\":\"NATURAL_PERSON\","
        + "\"receivedDate\":\"" + d + "\",\"channel\":\"ONLINE\",\"subject\":\"压测申请 " + requestId + "\"}"});
    calls.add(new String[] {apps + "/" + requestId + "/events", "{\"eventId\":\"e1\",\"type\":\"FEE_NOTICE_ISSUED\","
        + "\"date\":\"" + d + "\"}"});
    calls.add(new String[] {apps + "/" + requestId + "/events", "{\"eventId\":\"e2\",\"type\":\"FEE_PAID\","
        + "\"date\":\"" + d + "\"}"});
    calls.add(new String[] {apps + "/" + requestId + "/events", "{\"eventId\":\"e3\",\"type\":\"DECIDED\","
        + "\"date\":\"" + d + "\",\"outcome\":\"DISCLOSED\"}"});
    return calls;
  }

  /**
   * A batch body of {@code agencyOf.length} cycles (application + 3 events each) to the towns, the request ids
   * {@code prefix + id + "-" + (n + k)}; fills in each cycle's agency and request id for {@link #trackBatch}.
   */
  private String batchBody(final List<Integer> towns, final int id, final int n, final String prefix,
                           final int[] agencyOf, final String[] requestOf) {
    final StringBuilder body = new StringBuilder(agencyOf.length * 640).append("{\"items\":[");
    for (int k = 0; k < agencyOf.length; k++) {
      final int agencyIdx = towns.get((id * 7 + n + k) % towns.size());
      final String requestId = prefix + id + "-" + (n + k);
      agencyOf[k] = agencyIdx;
      requestOf[k] = requestId;
      final String agency = tree.id(agencyIdx);
      int step = 0;
      for (String[] c : cycle(ingestUrl, agency, requestId)) {
        body.append(k == 0 && step == 0 ? "" : ",").append("{\"agencyId\":\"").append(agency).append("\",");
        if (step++ == 0) {
          body.append("\"application\":");
        } else {
          body.append("\"requestId\":\"").append(requestId).append("\",\"event\":");
        }
        body.append(c[1]).append('}');
      }
    }
    return body.append("]}").toString();
  }

  /**
   * Keeps the oracle in step with a batch's item answers; returns how many were written (201/202) and hands each
   * refused item's answer to {@code refused}.
   */
  private int trackBatch(final Http.Response r, final int[] agencyOf, final String[] requestOf,
                         final java.util.function.Consumer<String> refused) throws IOException {
    if (r.statusCode() != 200) {
      uncertainWrites.addAndGet(agencyOf.length * 4L);
      return 0;
    }
    final com.fasterxml.jackson.databind.JsonNode answers =
        foi.tracker.core.json.Json.MAPPER.readTree(r.body()).get("items");
    int ok = 0;
    for (int i = 0; i < answers.size(); i++) {
      final com.fasterxml.jackson.databind.JsonNode a = answers.get(i);
      final int status = a.get("status").asInt();
      track(agencyOf[i / 4], requestOf[i / 4], i % 4, new Http.Response(status, a.get("body").toString()));
      if (status == 201 || status == 202) {
        ok++;
      } else {
        refused.accept(a.toString());
      }
    }
    return ok;
  }

  /** Keeps the oracle in step with what was written over HTTP: step 0 = the application, 3 = DECIDED. */
  private void track(final int agency, final String requestId, final int step, final Http.Response r) {
    if (step == 0 && r.statusCode() == 201) {
      year.ingested(agency, requestId, today);
    } else if (step == 3 && r.statusCode() == 202 && !r.body().contains("\"accepted\":false")) {
      year.decided(agency, requestId, today);
    } else if (r.statusCode() / 100 != 2) {
      uncertainWrites.incrementAndGet();
    }
  }

  private final AtomicLong uncertainWrites = new AtomicLong();

  private void ingestSaturation() throws Exception {
    @SuppressWarnings("unchecked")
    final Map<String, Object> m = (Map<String, Object>) result.get("ingest");
    final int threads = intOpt("ingest-threads", 32); // enough calls in flight to saturate 2 cores
    final int seconds = intOpt("ingest-seconds", 20);
    // the ingest JVM has only rebuilt its index so far: its HTTP path is cold, and the JIT compilers of all JVMs took
    // ~0.85 of the 2 cores in the first half-minute of this phase, so the window opens once that has settled
    final int warmup = intOpt("ingest-warmup", 60);
    load("ingest-start");
    final long start = System.nanoTime();
    final long from = start + TimeUnit.SECONDS.toNanos(warmup);
    final long end = from + TimeUnit.SECONDS.toNanos(seconds);
    final Latencies lat = new Latencies();
    final AtomicLong failed = new AtomicLong();
    final AtomicReference<String> firstFailure = new AtomicReference<>();
    final List<Integer> towns = tree.sample(Hierarchy.TOWNSHIP, 200);
    final java.util.concurrent.CompletableFuture<Map<String, Double>> cpu = cpuBetween(from, end);
    clients(threads, "ingest-client", end, firstFailure, (id, n) -> {
      final int agencyIdx = towns.get((id * 7 + n) % towns.size());
      final String requestId = "sat-" + id + "-" + n;
      int step = 0;
      for (String[] c : cycle(ingestUrl, tree.id(agencyIdx), requestId)) {
        final long t0 = System.nanoTime();
        final Http.Response r = http.send("POST", c[0], c[1]);
        final long t1 = System.nanoTime();
        track(agencyIdx, requestId, step++, r);
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
    load("ingest-end");
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
    m.put("method", threads + " client threads (plain-socket HTTP/1.1, keep-alive; java.net.http until run 11) in "
        + "the bench JVM, each POSTing an application then 3 events (fee notice, fee paid, decided) to 200 "
        + "townships as fast as answered; counted = 201/202 inside the " + seconds + " s window after " + warmup
        + " s warm-up (JIT); the processor and dashboard run meanwhile");
  }

  /**
   * Batch calls at saturation: N client threads each POST batches of {@code --batch-size} items (the same cycles as
   * above, to 200 townships, through the national root's batch route) as fast as answered. Counted = items answered
   * 201/202 inside the window; latency is per call. Then how long the processor took to work off what was written.
   */
  private void ingestBatches() throws Exception {
    final Map<String, Object> m = new LinkedHashMap<>();
    result.put("ingestBatch", m);
    final int threads = intOpt("batch-threads", 4);
    final int size = intOpt("batch-size", 400) / 4 * 4;
    final int seconds = intOpt("ingest-seconds", 20);
    final int warmup = intOpt("batch-warmup", 30); // the batch path is still cold after the single calls
    final String url = ingestUrl + "/api/v1/agencies/" + tree.id(0) + "/batch";
    load("batch-start");
    final long start = System.nanoTime();
    final long from = start + TimeUnit.SECONDS.toNanos(warmup);
    final long end = from + TimeUnit.SECONDS.toNanos(seconds);
    final Latencies lat = new Latencies();
    final AtomicLong items = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    final AtomicReference<String> firstFailure = new AtomicReference<>();
    final List<Integer> towns = tree.sample(Hierarchy.TOWNSHIP, 200);
    final java.util.concurrent.CompletableFuture<Map<String, Double>> cpu = cpuBetween(from, end);
    clients(threads, "batch-client", end, firstFailure, (id, n) -> {
      final int[] agencyOf = new int[size / 4];
      final String[] requestOf = new String[size / 4];
      final String body = batchBody(towns, id, n, "bat-", agencyOf, requestOf);
      final long t0 = System.nanoTime();
      final Http.Response r = http.send("POST", url, body);
      final long t1 = System.nanoTime();
      final boolean inWindow = t0 >= from && t1 <= end;
      if (r.statusCode() != 200) {
        uncertainWrites.addAndGet(size);
        failed.addAndGet(inWindow ? size : 0);
        firstFailure.compareAndSet(null, r.statusCode() + " " + r.body());
        return n + size / 4;
      }
      final int ok = trackBatch(r, agencyOf, requestOf, refusal -> {
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
    load("batch-end");
    final long tEnd = System.nanoTime();
    long lag;
    try (Admin a = admin()) {
      lag = endOffsets(a) - committed(a);
      m.put("processorLagAtEnd", lag);
      while (lag > 0 && System.nanoTime() - tEnd < 600e9) {
        Thread.sleep(250);
        lag = endOffsets(a) - committed(a);
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
    m.put("method", threads + " client threads each POSTing batches of " + size + " items (" + size / 4
        + " cycles of an application and 3 events, to 200 townships) to the national root's /batch as fast as "
        + "answered; counted = items answered 201/202 inside the " + seconds + " s window after " + warmup
        + " s warm-up; latency per call; the processor and dashboard run meanwhile; processorLagAtEnd = events "
        + "written but not yet processed when the window closed, secondsForProcessorToCatchUp = until it is 0");
  }

  /** What one saturation client does once; returns its next sequence number {@code n}. */
  private interface ClientStep {
    int run(int client, int n) throws Exception;
  }

  /** {@code threads} clients repeating {@code step} until {@code end}; the first exception is kept. */
  private static void clients(final int threads, final String name, final long end,
                              final AtomicReference<String> firstFailure, final ClientStep step)
      throws InterruptedException {
    final Thread[] workers = new Thread[threads];
    for (int t = 0; t < threads; t++) {
      final int id = t;
      workers[t] = new Thread(() -> {
        int n = 0;
        try {
          while (System.nanoTime() < end) {
            n = step.run(id, n);
          }
        } catch (Exception e) {
          firstFailure.compareAndSet(null, e.toString());
        }
      }, name + "-" + t);
      workers[t].start();
    }
    for (Thread w : workers) {
      w.join();
    }
  }

  // ---------------------------------------------------------------- freshness

  private void freshness(final String key, final String dash, final String ingest, final int probes)
      throws Exception {
    freshness(key, dash, ingest, probes, 0);
  }

  /**
   * @param batchCycles 0: the background writes single calls; otherwise batches of this many cycles (4 events each)
   *                    to the national root's batch call, paced to the same events per second
   */
  private void freshness(final String key, final String dash, final String ingest, final int probes,
                         final int batchCycles) throws Exception {
    final Map<String, Object> m = new LinkedHashMap<>();
    result.put(key, m);
    final int rate = intOpt("background-rate", 1000);
    final int bgThreads = intOpt("background-threads", 8);
    final AtomicBoolean running = new AtomicBoolean(true);
    final AtomicLong bgSent = new AtomicLong();
    final AtomicLong bgFailed = new AtomicLong();
    final List<Integer> bgTowns = tree.sample(Hierarchy.TOWNSHIP, 400);
    final List<Integer> probeTowns = new ArrayList<>(tree.sample(Hierarchy.TOWNSHIP, 401));
    probeTowns.removeAll(bgTowns);
    final List<Integer> probeAgencies = probeTowns.subList(0, Math.min(20, probeTowns.size()));
    final String run = key.substring(0, 1) + Long.toString(System.currentTimeMillis() % 1_000_000, 36);
    // Kafka side: the moment each agency's committed totals arrive
    final Map<String, long[]> totalsSeen = new ConcurrentHashMap<>();
    final Thread sub = subscriber(running, totalsSeen);
    sub.start();
    final Thread[] bg = new Thread[bgThreads];
    final long bgStart = System.nanoTime();
    for (int t = 0; t < bgThreads; t++) {
      final int id = t;
      bg[t] = new Thread(() -> {
        final double periodNs = 1e9 * bgThreads / rate;
        long k = 0;
        int n = 0;
        try {
          while (running.get() && batchCycles > 0) {
            final int[] agencyOf = new int[batchCycles];
            final String[] requestOf = new String[batchCycles];
            final String body = batchBody(bgTowns, id, n, run + "bb", agencyOf, requestOf);
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
            final int ok = trackBatch(http.send("POST", ingest + "/api/v1/agencies/" + tree.id(0) + "/batch", body),
                agencyOf, requestOf, refusal -> { });
            bgSent.addAndGet(ok);
            bgFailed.addAndGet(4L * batchCycles - ok);
          }
          while (running.get()) {
            final int agencyIdx = bgTowns.get((id * 13 + n) % bgTowns.size());
            final String requestId = run + "bg" + id + "-" + n++;
            int step = 0;
            for (String[] c : cycle(ingest, tree.id(agencyIdx), requestId)) {
              final long due = bgStart + (long) (k++ * periodNs);
              final long wait = due - System.nanoTime();
              if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
              }
              if (!running.get()) {
                return;
              }
              final Http.Response r = http.send("POST", c[0], c[1]);
              track(agencyIdx, requestId, step++, r);
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
      }, "background-" + t);
      bg[t].start();
    }
    Thread.sleep(3000); // background settles
    // Probes measure the steady state: wait until the processor has worked off what earlier phases wrote (the
    // ingest saturation writes faster than the processor replays), with the background running.
    final long tWait = System.nanoTime();
    long lag;
    try (Admin a = admin()) {
      do {
        lag = endOffsets(a) - committed(a);
        if (lag <= rate) {
          break;
        }
        Thread.sleep(500);
      } while (System.nanoTime() - tWait < 600e9);
    }
    m.put("secondsWaitedForProcessorToCatchUp", round((System.nanoTime() - tWait) / 1e9));
    m.put("processorLagAtFirstProbe", lag);
    // warm-up: the same probes, not counted, so the window does not measure the JIT compiling the paths that only
    // this phase runs (without it the compilers took ~19 CPU-s of the counted probe window at national size)
    final int warmupSecs = intOpt("freshness-warmup", 30);
    final long warmupEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(warmupSecs);
    final Random rnd = new Random(7);
    final int y = today.getYear();
    final long pollNs = TimeUnit.MICROSECONDS.toNanos((long) (1000 * Double.parseDouble(
        opt.getOrDefault("probe-poll-ms", "5"))));
    int warmupProbes = 0;
    while (System.nanoTime() < warmupEnd) {
      probe(dash, ingest, probeAgencies.get(warmupProbes % probeAgencies.size()), run + "w" + warmupProbes, y,
          pollNs);
      warmupProbes++;
      Thread.sleep(50 + rnd.nextInt(100));
    }
    m.put("warmupSeconds", warmupSecs);
    m.put("warmupProbes", warmupProbes);
    load(key + "-start");
    final Latencies dashLat = new Latencies();
    final Latencies kafkaLat = new Latencies();
    final Latencies postLat = new Latencies();
    int timeouts = 0;
    final long probeStart = System.nanoTime();
    final long probeStartMs = System.currentTimeMillis();
    final List<long[]> probeWindows = new ArrayList<>(); // {201 at (epoch ms), change seen at (epoch ms), ns between}
    final long sent0 = bgSent.get();
    final Map<String, Double> cpu0 = cpuNow();
    for (int i = 0; i < probes; i++) {
      final int agencyIdx = probeAgencies.get(i % probeAgencies.size());
      final String agency = tree.id(agencyIdx);
      final Probe p = probe(dash, ingest, agencyIdx, run + "p" + i, y, pollNs);
      postLat.add(p.postNs());
      if (p.visibleNs() < 0) {
        timeouts++;
      } else {
        dashLat.add(p.visibleNs());
        probeWindows.add(new long[] {p.t0Ms(), p.t0Ms() + p.visibleNs() / 1_000_000, p.visibleNs()});
      }
      final long[] k = totalsSeen.get(agency);
      if (k != null && k[0] > p.before()) {
        kafkaLat.add(Math.max(0, k[1] - p.t0Ns()));
      }
      Thread.sleep(50 + rnd.nextInt(100)); // not in step with the 100 ms flush/commit
    }
    final double probeSecs = (System.nanoTime() - probeStart) / 1e9;
    final long probeEndMs = System.currentTimeMillis();
    try (Admin a = admin()) {
      m.put("processorLagAfterLastProbe", endOffsets(a) - committed(a));
    }
    final long bgDuring = bgSent.get() - sent0;
    final Map<String, Double> cpuDuring = minus(cpuNow(), cpu0);
    load(key + "-end");
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
    m.put("probeSeries", probeWindows.stream().map(w -> List.<Number>of(w[0] - probeStartMs, round(w[2] / 1e6)))
        .toList());
    m.put("method", "probe = POST an application to one of 20 quiet townships; t0 = the 201 received; then GET its "
        + "table3 (agency scope, JSON) every " + pollNs / 1e6 + " ms until 一 新收 总计 moved; latency = that "
        + "moment - t0 (resolution = the poll period plus one GET). kafkaVisible = when a read_committed "
        + "consumer in the bench saw the agency's new totals on " + Topics.AGENCY_TOTALS.name() + " - t0. Background: " + bgThreads + " paced threads POSTing "
        + "application+3 events cycles to 400 other townships" + (batchCycles > 0 ? " in batch calls of "
        + batchCycles * 4 + " events" : "") + ". Probes 50-150 ms apart (random). Probing "
        + "starts once the processor's lag on foi.events is at most one second of background, after " + warmupSecs
        + " s of the same probes uncounted (warm-up).");
  }

  /**
   * One freshness probe.
   *
   * @param before     the agency's 一 新收 总计 before the POST
   * @param t0Ns       when the 201 arrived (nanoTime), t0Ms the same in epoch ms
   * @param postNs     the POST's own latency
   * @param visibleNs  from the 201 to the dashboard showing the change; -1 if not within 10 s
   */
  private record Probe(long before, long t0Ns, long t0Ms, long postNs, long visibleNs) {
  }

  private Probe probe(final String dash, final String ingest, final int agencyIdx, final String requestId,
                      final int y, final long pollNs) throws Exception {
    final String agency = tree.id(agencyIdx);
    final long before = newCount(dash, agency, y);
    final long tPost = System.nanoTime();
    final Http.Response r = http.send("POST", ingest + "/api/v1/agencies/" + agency + "/requests",
        "{\"requestId\":\"" + requestId + "\",\"applicantType\":\"NATURAL_PERSON\",\"receivedDate\":\""
            + today + "\",\"channel\":\"ONLINE\"}");
    final long t0 = System.nanoTime();
    final long t0Ms = System.currentTimeMillis();
    track(agencyIdx, requestId, 0, r);
    if (r.statusCode() != 201) {
      throw new IllegalStateException("probe POST: " + r.statusCode() + " " + r.body());
    }
    while (System.nanoTime() - t0 < 10e9) {
      if (newCount(dash, agency, y) > before) {
        return new Probe(before, t0, t0Ms, t0 - tPost, System.nanoTime() - t0);
      }
      TimeUnit.NANOSECONDS.sleep(pollNs);
    }
    return new Probe(before, t0, t0Ms, t0 - tPost, -1);
  }

  private Thread subscriber(final AtomicBoolean running, final Map<String, long[]> seen) {
    final Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10);
    final KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p, new StringDeserializer(),
        new ByteArrayDeserializer());
    final List<TopicPartition> parts = c.partitionsFor(Topics.AGENCY_TOTALS.name()).stream()
        .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
    c.assign(parts);
    c.seekToEnd(parts);
    parts.forEach(c::position);
    final int y = today.getYear();
    return new Thread(() -> {
      try (c) {
        while (running.get()) {
          for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(20))) {
            final long now = System.nanoTime();
            if (r.value() == null) {
              continue;
            }
            final AgencyTotals t = Topics.AGENCY_TOTALS.valueSerde().deserializer().deserialize(r.topic(), r.value());
            long n = 0;
            for (String type : Taxonomy.get().applicantTypes()) {
              n += t.get(y + "|" + Taxonomy.NEW + "|" + type);
            }
            seen.put(r.key(), new long[] {n, now});
          }
        }
      }
    }, "totals-subscriber");
  }

  /** 一 新收 总计 of the agency alone for year y, from the dashboard. */
  private long newCount(final String dash, final String agency, final int y) throws Exception {
    final Http.Response r = http.get(dash + "/api/v1/agencies/" + agency + "/reports/" + y + "/table3");
    if (r.statusCode() != 200) {
      return -1;
    }
    final JsonNode row = Json.MAPPER.readTree(r.body()).get("rows").get(Taxonomy.NEW);
    return row.get(row.size() - 1).asLong();
  }

  // ---------------------------------------------------------------- reads

  private void reads(final String key, final String dash, final int n) throws Exception {
    final Map<String, Object> m = new LinkedHashMap<>();
    result.put(key, m);
    final int y = today.getYear();
    int best = tree.first(Hierarchy.PROVINCE);
    int bestSize = tree.subtreeSize(best);
    for (int a : tree.sample(Hierarchy.PROVINCE, 31)) {
      final int s = tree.subtreeSize(a);
      if (Math.abs(s - 1000) < Math.abs(bestSize - 1000)) {
        best = a;
        bestSize = s;
      }
    }
    for (int a : tree.sample(Hierarchy.CITY, 400)) {
      final int s = tree.subtreeSize(a);
      if (Math.abs(s - 1000) < Math.abs(bestSize - 1000)) {
        best = a;
        bestSize = s;
      }
    }
    final int county = tree.sample(Hierarchy.COUNTY, 1).get(0);
    final Map<String, String> scopes = new LinkedHashMap<>();
    final List<Integer> towns = tree.sample(Hierarchy.TOWNSHIP, 50);
    scopes.put("agency", null);
    scopes.put("county", tree.id(county) + "?scope=subtree");
    scopes.put("subtree1000", tree.id(best) + "?scope=subtree");
    scopes.put("country", tree.id(0) + "?scope=subtree");
    load(key + "-start");
    for (Map.Entry<String, String> s : scopes.entrySet()) {
      final Latencies lat = new Latencies();
      for (int i = -n / 4; i < n; i++) {
        final String target = s.getValue() != null ? s.getValue() : tree.id(towns.get(Math.floorMod(i, 50)));
        final String[] parts = target.split("\\?");
        final String url = dash + "/api/v1/agencies/" + parts[0] + "/reports/" + y + "/table3"
            + (parts.length > 1 ? "?" + parts[1] : "");
        final long t0 = System.nanoTime();
        final Http.Response r = http.get(url);
        final long t1 = System.nanoTime();
        if (r.statusCode() != 200) {
          throw new IllegalStateException(url + ": " + r.statusCode());
        }
        if (i >= 0) {
          lat.add(t1 - t0);
        }
      }
      m.put(s.getKey() + "P50Ms", lat.pct(0.50));
      m.put(s.getKey() + "P99Ms", lat.pct(0.99));
      m.put(s.getKey() + "MaxMs", lat.max());
    }
    load(key + "-end");
    m.put("subtree1000Agencies", bestSize);
    m.put("subtree1000Id", tree.id(best));
    m.put("countyAgencies", tree.subtreeSize(county));
    m.put("countryAgencies", tree.size());
    m.put("method", n + " sequential GET table3 (JSON, year " + y + ") per scope after " + n / 4 + " warm-up, one "
        + "client thread, keep-alive, no background load; agency = 50 townships in turn, agency scope");
  }

  /**
   * 年报发布 at national size: the root publishes last year (every agency frozen at one cut, both scopes), timed from
   * the PUT until the published subtree table answers; then the published table read at each scope against the live
   * table of the same year, in one run.
   */
  private void publication(final String dash, final String ingest, final int n) throws Exception {
    final Map<String, Object> m = new LinkedHashMap<>();
    result.put("publication", m);
    final int y = today.getYear() - 1;
    final String root = tree.id(0);
    final long t0 = System.nanoTime();
    final Http.Response put = http.send("PUT", ingest + "/api/v1/agencies/" + root + "/reports/" + y
        + "/publications/1", "{\"publishedDate\":\"" + today + "\"}");
    final long t1 = System.nanoTime();
    if (put.statusCode() != 201) {
      throw new IllegalStateException("publication: " + put.statusCode() + " " + put.body());
    }
    final String published = dash + "/api/v1/agencies/" + root + "/reports/" + y + "/table3?scope=subtree&version=1";
    while (http.get(published).statusCode() != 200) {
      if (System.nanoTime() - t0 > 120_000_000_000L) {
        throw new IllegalStateException("publication not visible after 120 s");
      }
      Thread.sleep(20);
    }
    final long t2 = System.nanoTime();
    m.put("agencies", tree.size());
    m.put("putMs", round((t1 - t0) / 1e6));
    m.put("visibleMs", round((t2 - t0) / 1e6));
    final int county = tree.sample(Hierarchy.COUNTY, 1).get(0);
    final List<Integer> towns = tree.sample(Hierarchy.TOWNSHIP, 50);
    final List<String> others = new ArrayList<>();
    others.add(tree.id(county));
    towns.forEach(t -> others.add(tree.id(t)));
    for (String id : others) {
      final Http.Response r = http.send("PUT", ingest + "/api/v1/agencies/" + id + "/reports/" + y
          + "/publications/1", "{\"publishedDate\":\"" + today + "\"}");
      if (r.statusCode() != 201) {
        throw new IllegalStateException("publication of " + id + ": " + r.statusCode() + " " + r.body());
      }
    }
    for (String id : others) {
      while (http.get(dash + "/api/v1/agencies/" + id + "/reports/" + y + "/table3?version=1").statusCode() != 200) {
        Thread.sleep(20);
      }
    }
    final Map<String, String> scopes = new LinkedHashMap<>();
    scopes.put("agency", null);
    scopes.put("county", tree.id(county) + "?scope=subtree");
    scopes.put("country", root + "?scope=subtree");
    for (String kind : List.of("live", "published")) {
      for (Map.Entry<String, String> s : scopes.entrySet()) {
        final Latencies lat = new Latencies();
        for (int i = -n / 4; i < n; i++) {
          // the root's publication froze every agency, so each one's own table and its subtree have version 1
          final String target = s.getValue() != null ? s.getValue() : tree.id(towns.get(Math.floorMod(i, 50)))
              + "?scope=agency";
          final String[] parts = target.split("\\?");
          final String url = dash + "/api/v1/agencies/" + parts[0] + "/reports/" + y + "/table3?" + parts[1]
              + (kind.equals("published") ? "&version=published" : "");
          final long a = System.nanoTime();
          final Http.Response r = http.get(url);
          final long b = System.nanoTime();
          if (r.statusCode() != 200) {
            throw new IllegalStateException(url + ": " + r.statusCode());
          }
          if (i >= 0) {
            lat.add(b - a);
          }
        }
        m.put(kind + "-" + s.getKey() + "P50Ms", lat.pct(0.50));
        m.put(kind + "-" + s.getKey() + "P99Ms", lat.pct(0.99));
      }
    }
    m.put("method", "PUT publication of year " + y + " for the root; visible = until GET table3?scope=subtree&version=1 "
        + "of the root answers 200 (polled every 20 ms); then " + n + " sequential GET table3 per scope, live and "
        + "version=published, after " + n / 4 + " warm-up");
  }

  // ---------------------------------------------------------------- memory, disk, standalone

  private void memoryAndDisk() throws Exception {
    for (Child c : children) {
      if (c.isAlive() && (c.name.equals("processor") || c.name.equals("dashboard") || c.name.equals("ingest"))) {
        c.jcmd("GC.run");
        processes.computeIfAbsent(c.name, k -> new LinkedHashMap<>()).put("heapLiveAfterFullGc",
            c.jcmd("GC.heap_info").lines().filter(l -> l.contains("used")).findFirst().orElse("").trim());
      }
    }
    final Map<String, Object> disk = new LinkedHashMap<>();
    disk.put("brokerLogDirsMb", du(dataDir.resolve("kafka")));
    disk.put("streamsStateMb", du(dataDir.resolve("streams")));
    try (Admin a = admin()) {
      final Map<String, Object> topics = new LinkedHashMap<>();
      for (String t : List.of(Topics.EVENTS.name(), Topics.REQUESTS.name(), Topics.AGENCY_TOTALS.name(),
          Topics.REJECTED.name())) {
        final Map<TopicPartition, OffsetSpec> q = new HashMap<>();
        a.describeTopics(List.of(t)).allTopicNames().get().get(t).partitions()
            .forEach(pi -> q.put(new TopicPartition(t, pi.partition()), OffsetSpec.latest()));
        long sum = 0;
        for (var e : a.listOffsets(q).all().get().values()) {
          sum += e.offset();
        }
        topics.put(t, sum);
      }
      disk.put("recordsPerTopic", topics);
    }
    try (Stream<Path> s = Files.list(dataDir.resolve("kafka"))) {
      final Map<String, Object> perTopic = new java.util.TreeMap<>();
      s.filter(Files::isDirectory).forEach(d -> {
        final String name = d.getFileName().toString().replaceAll("-\\d+$", "");
        perTopic.merge(name, du(d), (x, y) -> round((Double) x + (Double) y));
      });
      disk.put("brokerMbPerTopic", perTopic);
    }
    result.put("disk", disk);
  }

  /** Compares the sample until it is exact (the processor may still be working off the last writes), 60 s at most. */
  private Map<String, Object> awaitExact(final String base) throws Exception {
    final Map<String, Object> m = new LinkedHashMap<>();
    final long t0 = System.nanoTime();
    do {
      compareSample(m, base);
      if (Boolean.TRUE.equals(m.get("exact"))) {
        break;
      }
      Thread.sleep(2000);
    } while (System.nanoTime() - t0 < 60e9);
    m.remove("comparedScopes");
    m.put("note", "same sample as replay.exact, against Recount plus the " + year.ingestedCount() + " applications "
        + "written over HTTP (" + uncertainWrites.get() + " HTTP writes not answered 2xx)");
    return m;
  }

  // ---------------------------------------------------------------- recovery

  /**
   * Crashes at full size, as on-call meets them: each service in turn is killed with SIGKILL (no shutdown hook) and
   * started again on the same data dir while the others run. Desks keep posting during the processor's outage. For
   * each: how long until healthy, how long until the tables move again, and whether every sampled table is exact
   * afterwards (nothing lost, nothing counted twice).
   */
  private void recovery() throws Exception {
    final Map<String, Object> m = new LinkedHashMap<>();
    result.put("recovery", m);
    m.put("processorCleanRestart", restartProcessor(false));
    m.put("processorKilled", restartProcessor(true));
    m.put("dashboardKilled", restartDashboard());
    m.put("ingestKilled", restartIngest());
    m.put("method", "one service at a time stopped (clean: SIGTERM, shutdown hook closes Streams and writes its "
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

  /** After a restart: whether the sample is exact again (the processor may still be working off the backlog), and the
   * new JVM's peak RSS so far. */
  private Object putExactAndRss(final Map<String, Object> m, final Child restarted) throws Exception {
    final Map<String, Object> exact = awaitExact(dashboardUrl);
    m.put("exact", exact.get("exact"));
    m.put("mismatches", exact.get("mismatches"));
    m.put("peakRssMb", restarted.peakRssKb() / 1024);
    return exact.get("exact");
  }

  /** {agency index, requestId, the 201's body} of the last application accepted while the processor was down. */
  private Object[] lastOutagePost;

  private String application(final String requestId, final String applicantType) {
    return "{\"requestId\":\"" + requestId + "\",\"applicantType\":\"" + applicantType + "\",\"receivedDate\":\""
        + today + "\",\"channel\":\"ONLINE\"}";
  }

  /** The running child of that service: its first JVM, or one started again ({@code processor-after-kill}). */
  private Child named(final String name) {
    for (Child c : children) {
      if ((c.name.equals(name) || c.name.startsWith(name + "-")) && c.isAlive()) {
        return c;
      }
    }
    throw new IllegalStateException("no running " + name);
  }

  /** Takes a stopped child out of the list, keeping its peak RSS and CPU under its name. */
  private void retire(final Child c) {
    final Map<String, Object> p = processes.computeIfAbsent(c.name, k -> new LinkedHashMap<>());
    p.put("peakRssMb", Math.max(((Number) p.getOrDefault("peakRssMb", 0L)).longValue(), c.peakRssKb() / 1024));
    children.remove(c);
  }

  private Map<String, Object> restartProcessor(final boolean kill) throws Exception {
    final Map<String, Object> m = new LinkedHashMap<>();
    final Child old = named("processor");
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
    retire(old);
    m.put("stoppedProcessorPeakRssMb", rss / 1024);
    m.put("streamsStateMbWhenStopped", du(dataDir.resolve("streams")));
    // the desks keep posting while the processor is down: the ingest service does not need it
    final int posts = intOpt("recovery-posts", 200);
    final List<Integer> towns = tree.sample(Hierarchy.TOWNSHIP, 20);
    final String run = (kill ? "rk" : "rs") + Long.toString(System.currentTimeMillis() % 1_000_000, 36);
    final int y = today.getYear();
    final int lastTown = towns.get((posts - 1) % towns.size());
    final long before = newCount(dashboardUrl, tree.id(lastTown), y);
    final Latencies postLat = new Latencies();
    int failed = 0;
    for (int i = 0; i < posts; i++) {
      final int agencyIdx = towns.get(i % towns.size());
      final String requestId = run + "-" + i;
      final long t0 = System.nanoTime();
      final Http.Response r = http.send("POST", ingestUrl + "/api/v1/agencies/" + tree.id(agencyIdx) + "/requests",
          application(requestId, "NATURAL_PERSON"));
      postLat.add(System.nanoTime() - t0);
      track(agencyIdx, requestId, 0, r);
      if (r.statusCode() != 201) {
        failed++;
      } else {
        lastOutagePost = new Object[] {agencyIdx, requestId, r.body()};
      }
    }
    m.put("postsWhileDown", posts);
    m.put("postsWhileDownFailed", failed);
    m.put("postWhileDown", postLat.summary(""));
    final long t0 = System.nanoTime();
    final Child processor = child(name, flags("processor-flags", "-Xmx768m"), "foi.tracker.processor.StreamProcessorMain",
        List.of(), serviceEnv(envOption("processor-env")));
    final long lastExpected = before + posts / towns.size() + (posts % towns.size() == 0 ? 0 : 1);
    double visible = -1;
    while (System.nanoTime() - t0 < intOpt("recovery-timeout", 900) * 1e9) {
      if (!processor.isAlive()) {
        throw new IllegalStateException("restarted processor exited; see " + processor.log());
      }
      processor.sample();
      if (newCount(dashboardUrl, tree.id(lastTown), y) >= lastExpected) {
        visible = (System.nanoTime() - t0) / 1e9;
        break;
      }
      Thread.sleep(100);
    }
    m.put("secondsToBacklogVisible", round(visible));
    m.put("restore", Files.readString(processor.log()).lines().filter(l -> l.contains("state restored: "))
        .map(l -> l.substring(l.indexOf("state restored: "))).toList());
    final Object exact = putExactAndRss(m, processor);
    System.out.printf("recovery: processor %s, backlog visible after %.1f s, exact %s%n", kill ? "killed" : "stopped",
        visible, exact);
    return m;
  }

  /** SIGKILLs the service's running JVM and returns the port of its URL, for the new JVM to take over. */
  private int killForRestart(final String name, final String url) throws InterruptedException {
    final Child old = named(name);
    old.kill();
    retire(old);
    return Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
  }

  private Map<String, Object> restartDashboard() throws Exception {
    final Map<String, Object> m = new LinkedHashMap<>();
    final int port = killForRestart("dashboard", dashboardUrl);
    final long t0 = System.nanoTime();
    final Child dashboard = child("dashboard-after-kill", flags("dashboard-flags", "-Xmx3g"),
        "foi.tracker.dashboard.DashboardMain", List.of(), serviceEnv(Map.of("TRACKER_DASHBOARD_PORT",
            String.valueOf(port))));
    final Map<String, Double> cpuAtStart = cpuNow();
    final Object progress = awaitHealthProgress(dashboard, dashboardUrl, 600_000);
    m.put("secondsToHealthy", round((System.nanoTime() - t0) / 1e9));
    m.put("lastStartingProgress", progress);
    putRebuildCpu(m, minus(cpuNow(), cpuAtStart), progress);
    final int y = today.getYear();
    final Map<String, long[]> expected = year.expectedTable3(0, true, y);
    double tExact = -1;
    while (System.nanoTime() - t0 < 300e9) {
      if (tableEquals(dashboardUrl, tree.id(0), true, y, expected) == null) {
        tExact = (System.nanoTime() - t0) / 1e9;
        break;
      }
      Thread.sleep(100);
    }
    m.put("secondsToCountryTableExact", round(tExact));
    m.put("countryDeadlinesReads", countryDeadlinesReads(3));
    final Object exact = putExactAndRss(m, dashboard);
    System.out.printf("recovery: dashboard killed, healthy after %s s, exact %s%n", m.get("secondsToHealthy"), exact);
    return m;
  }

  /**
   * The cost of the country-wide calls that touch every request or every open one: the per-request export of the whole
   * country (CSV, read to its end and counted, never held) and the current year's compliance of the country subtree
   * (its open overdue from the counts). Each: wall time, and the dashboard's heap in that window from its GC log
   * (collections in the window: the most in use when one began, the most left after one), with the heap of the
   * whole phase's window too; compliance three times (the first after the export may count requests changed since).
   */
  private void exportAndCompliance() throws Exception {
    final Map<String, Object> m = new LinkedHashMap<>();
    result.put("exportAndCompliance", m);
    final Path gc = gcLogOf("dashboard");
    final String country = tree.id(0);
    final long phaseStart = System.currentTimeMillis();
    final long e0 = System.currentTimeMillis();
    final java.net.http.HttpResponse<java.io.InputStream> r = java.net.http.HttpClient.newHttpClient().send(
        java.net.http.HttpRequest.newBuilder(java.net.URI.create(dashboardUrl + "/api/v1/agencies/" + country
            + "/requests?format=csv&scope=subtree")).header("Authorization", "Bearer " + admin)
            .timeout(java.time.Duration.ofMinutes(30)).GET().build(),
        java.net.http.HttpResponse.BodyHandlers.ofInputStream());
    long bytes = 0;
    long lines = 0;
    final long firstByteMs = System.currentTimeMillis() - e0;
    try (java.io.InputStream in = r.body()) {
      final byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) >= 0; ) {
        bytes += n;
        for (int i = 0; i < n; i++) {
          if (buf[i] == '\n') {
            lines++;
          }
        }
      }
    }
    final long e1 = System.currentTimeMillis();
    final Map<String, Object> export = new LinkedHashMap<>();
    export.put("status", r.statusCode());
    export.put("seconds", round((e1 - e0) / 1e3));
    export.put("firstByteMs", firstByteMs);
    export.put("bytes", bytes);
    export.put("rows", Math.max(0, lines - 1));
    export.put("heap", GcLog.heapDuring(gc, e0, e1));
    m.put("export", export);
    final List<Map<String, Object>> compliance = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      final long c0 = System.currentTimeMillis();
      final Http.Response c = http.get(dashboardUrl + "/api/v1/agencies/" + country + "/compliance/"
          + today.getYear() + "?scope=subtree");
      final long c1 = System.currentTimeMillis();
      final Map<String, Object> one = new LinkedHashMap<>();
      one.put("status", c.statusCode());
      one.put("ms", c1 - c0);
      one.put("heap", GcLog.heapDuring(gc, c0, c1));
      compliance.add(one);
    }
    m.put("compliance", compliance);
    // the log is written as collections end: a short wait lets the last one of the window reach the file
    Thread.sleep(1000);
    m.put("phaseHeap", GcLog.heapDuring(gc, phaseStart, System.currentTimeMillis()));
    m.put("method", "country export (CSV, scope=subtree, admin token) read to its end by the bench and counted; "
        + "then GET country compliance/{this year}?scope=subtree three times; heap from the dashboard's -Xlog:gc: "
        + "peakHeapMb = most in use when a collection in the window began, peakLiveMb = most left after one");
    System.out.printf("export: %d rows, %d MB in %s s (first byte %d ms), dashboard heap %s; compliance %s%n",
        export.get("rows"), bytes >> 20, export.get("seconds"), firstByteMs, export.get("heap"),
        compliance.stream().map(c -> c.get("ms") + " ms").toList());
  }

  /**
   * The first reads of the country's overdue requests after a dashboard start: an open request is decoded the first
   * time a read needs it, so the first country-wide read decodes them all (under the views' lock).
   */
  private List<Map<String, Object>> countryDeadlinesReads(final int n) throws Exception {
    final List<Map<String, Object>> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      final long t = System.nanoTime();
      final Http.Response r = http.getWithToken(dashboardUrl + "/api/v1/agencies/" + tree.id(0)
          + "/deadlines?scope=subtree&status=OVERDUE");
      final double ms = (System.nanoTime() - t) / 1e6;
      final Map<String, Object> one = new LinkedHashMap<>();
      one.put("ms", round(ms));
      one.put("status", r.statusCode());
      if (r.statusCode() == 200) {
        one.put("requests", Json.MAPPER.readTree(r.body()).get("requests").size());
      }
      out.add(one);
    }
    return out;
  }

  private Map<String, Object> restartIngest() throws Exception {
    final Map<String, Object> m = new LinkedHashMap<>();
    final int port = killForRestart("ingest", ingestUrl);
    final long t0 = System.nanoTime();
    final Map<String, String> env = new HashMap<>(envOption("ingest-env"));
    env.put("TRACKER_INGEST_PORT", String.valueOf(port));
    final Child ingest = child("ingest-after-kill", flags("ingest-flags", "-Xmx768m"), "foi.tracker.ingest.IngestMain",
        List.of(), serviceEnv(env));
    final Map<String, Double> cpuAtStart = cpuNow();
    final Object progress = awaitHealthProgress(ingest, ingestUrl, 600_000);
    m.put("secondsToHealthy", round((System.nanoTime() - t0) / 1e9));
    m.put("lastStartingProgress", progress);
    putRebuildCpu(m, minus(cpuNow(), cpuAtStart), progress);
    // an application the killed JVM accepted is still known to the new one: re-sent as it was, the same answer
    // (and, by the exact check below, counted once); with another body, 409
    final String url = ingestUrl + "/api/v1/agencies/" + tree.id((Integer) lastOutagePost[0]) + "/requests";
    final Http.Response same = http.send("POST", url, application((String) lastOutagePost[1], "NATURAL_PERSON"));
    final Http.Response other = http.send("POST", url, application((String) lastOutagePost[1], "COMMERCIAL_ENTERPRISE"));
    m.put("resentSameBody", same.statusCode() + (same.body().equals(lastOutagePost[2]) ? " same body" : " other body"));
    m.put("resentOtherBody", other.statusCode());
    final Object exact = putExactAndRss(m, ingest);
    System.out.printf("recovery: ingest killed, healthy after %s s, re-sent application %s, other body %d, exact %s%n",
        m.get("secondsToHealthy"), m.get("resentSameBody"), other.statusCode(), exact);
    return m;
  }

  private void standalone(final String jvmFlags) throws Exception {
    final Map<String, Object> m = new LinkedHashMap<>();
    result.put("standalone", m);
    final Path jar = Path.of(opt.getOrDefault("standalone-jar", "standalone/target/tracker-standalone.jar"));
    final int ip = freePort();
    final int dp = freePort();
    final List<String> flags = List.of(jvmFlags.trim().split("\\s+"));
    final List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(flags);
    cmd.add(GcLog.flag(gcLogOf("standalone")));
    cmd.add("-jar");
    cmd.add(jar.toAbsolutePath().toString());
    final Map<String, String> env = new HashMap<>();
    env.put("TRACKER_DATA_DIR", dataDir.toString());
    env.put("TRACKER_ADMIN_TOKEN", admin);
    env.put("TRACKER_PARTITIONS", String.valueOf(partitions));
    env.put("TRACKER_INGEST_PORT", String.valueOf(ip));
    env.put("TRACKER_DASHBOARD_PORT", String.valueOf(dp));
    env.put("TRACKER_KAFKA_PORT", String.valueOf(brokerPort));
    env.put("TRACKER_BIND_HOST", "127.0.0.1");
    env.put("MALLOC_ARENA_MAX", System.getenv().getOrDefault("MALLOC_ARENA_MAX", "2")); // as bin/run starts it
    m.put("mallocArenaMax", env.get("MALLOC_ARENA_MAX"));
    final long t0 = System.nanoTime();
    final Child s = Child.start("standalone", flags, cmd, env, logDir);
    children.add(s);
    s.awaitLog("Ready in", 300_000);
    final String dash = "http://127.0.0.1:" + dp;
    final String ingest = "http://127.0.0.1:" + ip;
    awaitHealth(s, dash, 900_000);
    awaitHealth(s, ingest, 900_000);
    m.put("secondsToHealthy", round((System.nanoTime() - t0) / 1e9));
    m.put("note", "the one-process jar (broker + processor + ingest + dashboard) restarted on the data of the run "
        + "above (national size): rebuilds the dashboard views and the ingest index from Kafka, restores Streams "
        + "state from the local state dir");
    final Map<String, Object> exact = awaitExact(dash);
    m.put("exactAfterRestart", exact.get("exact"));
    m.put("exactNote", exact.get("note"));
    m.put("exactMismatches", exact.get("mismatches"));
    freshness("standaloneFreshness", dash, ingest, intOpt("standalone-probes", 100));
    m.put("freshness", result.remove("standaloneFreshness"));
    reads("standaloneReads", dash, intOpt("reads", 2000) / 2);
    m.put("reads", result.remove("standaloneReads"));
    s.jcmd("GC.run");
    m.put("heapLiveAfterFullGc", s.jcmd("GC.heap_info").lines().filter(l -> l.contains("used")).findFirst().orElse("")
        .trim());
  }

  // ---------------------------------------------------------------- plumbing

  private Child child(final String name, final List<String> flags, final String main, final List<String> args,
                      final Map<String, String> env) throws IOException {
    final List<String> all = new ArrayList<>(flags);
    if (flags.stream().noneMatch(f -> f.startsWith("-Xlog:gc"))) {
      all.add(GcLog.flag(gcLogOf(name)));
    }
    if (opt.containsKey("profile") && !name.equals("broker")) {
      all.add("-XX:StartFlightRecording=filename=" + logDir.resolve(name + ".jfr") + ",settings=profile,"
          + "dumponexit=true");
    }
    final Child c = Child.start(name, all, main, args, env, logDir);
    children.add(c);
    return c;
  }

  private Path gcLogOf(final String name) {
    return name.equals("bench") ? Path.of(System.getProperty("bench.gcLog", "/nonexistent"))
        : logDir.resolve(name + "-gc.log");
  }

  /**
   * GC pauses of each running child and of the bench JVM over the probing, and how many probes had one in their
   * window (from the 201 to the change seen): all of them, and the slowest 5 %.
   */
  private Map<String, Object> gcDuringProbes(final long fromMs, final long toMs, final List<long[]> windows) {
    final List<long[]> slowest = new ArrayList<>(windows);
    slowest.sort((a, b) -> Long.compare(b[1] - b[0], a[1] - a[0]));
    final List<long[]> slow = slowest.subList(0, Math.max(1, Math.min(slowest.size(), windows.size() / 20)));
    final Map<String, Object> out = new LinkedHashMap<>();
    final List<String> names = new ArrayList<>();
    for (Child c : children) {
      if (c.isAlive()) {
        names.add(c.name);
      }
    }
    names.add("bench");
    for (String name : names) {
      final List<GcLog.Pause> pauses = GcLog.read(gcLogOf(name));
      final Map<String, Object> m = GcLog.summary(pauses, fromMs, toMs);
      m.put("shareOfProbesWithAPause", GcLog.shareOverlapping(windows, pauses));
      m.put("shareOfSlowest5PercentWithAPause", windows.isEmpty() ? null : GcLog.shareOverlapping(slow, pauses));
      out.put(name, m);
    }
    return out;
  }

  /** {@code --<name> K=V,K2=V2}: settings for one service's environment. */
  private Map<String, String> envOption(final String name) {
    final Map<String, String> env = new HashMap<>();
    for (String kv : opt.getOrDefault(name, "").split(",")) {
      if (kv.contains("=")) {
        env.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
      }
    }
    return env;
  }

  private Map<String, String> serviceEnv(final Map<String, String> extra) {
    final Map<String, String> env = new HashMap<>(extra);
    env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
    env.put("TRACKER_DATA_DIR", dataDir.toString());
    env.put("TRACKER_ADMIN_TOKEN", admin);
    env.put("TRACKER_PARTITIONS", String.valueOf(partitions));
    env.put("TRACKER_BIND_HOST", "127.0.0.1");
    return env;
  }

  private void awaitHealth(final Child c, final String base, final long timeoutMs) throws Exception {
    awaitHealthProgress(c, base, timeoutMs);
  }

  /**
   * Waits for {@code /health} 200; returns the {@code progress} of the last 503 answer seen (how far the rebuild
   * from Kafka was just before it was ready: offsets read of those to read, seconds), or null if none said it.
   */
  private Object awaitHealthProgress(final Child c, final String base, final long timeoutMs) throws Exception {
    final long deadline = System.currentTimeMillis() + timeoutMs;
    Object lastProgress = null;
    while (true) {
      try {
        final Http.Response r = http.get(base + "/health");
        if (r.statusCode() == 200) {
          return lastProgress;
        }
        final JsonNode progress = Json.MAPPER.readTree(r.body()).get("progress");
        if (progress != null) {
          lastProgress = Json.MAPPER.convertValue(progress, Map.class);
        }
      } catch (IOException e) {
        // not listening yet
      }
      if (!c.isAlive()) {
        throw new IllegalStateException(c.name + " exited; see " + c.log());
      }
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException(c.name + " not healthy within " + timeoutMs + " ms; see " + c.log());
      }
      c.sample();
      Thread.sleep(200);
    }
  }

  /**
   * CPU-seconds so far of every running child and of the bench JVM itself ({@code bench}: clients, generator), and
   * under {@code JIT_PREFIX + name} the share of each child's JIT compiler threads.
   */
  private Map<String, Double> cpuNow() {
    final Map<String, Double> out = cpuOfChildren();
    out.put("bench", cpuSeconds(ProcessHandle.current().pid()));
    for (Child c : children) {
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

  private static final String JIT_PREFIX = "jit:";
  /** Keys of {@link #cpuNow()} with the whole machine's counters ({@link MachineCpu#seconds()}). */
  private static final String MACHINE_PREFIX = "machine:";

  /**
   * CPU-seconds so far of a JVM's live C1/C2 compiler threads (named "C1 CompilerThre…"/"C2 CompilerThre…" in /proc).
   * The JVM may stop a compiler thread that has been idle; what it used is then no longer counted, so the difference
   * over a window is a lower bound.
   */
  private static double jitCpuSeconds(final long pid) {
    double sum = 0;
    try (java.util.stream.Stream<Path> tasks = Files.list(Path.of("/proc", String.valueOf(pid), "task"))) {
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

  private static Map<String, Double> minus(final Map<String, Double> later, final Map<String, Double> earlier) {
    final Map<String, Double> out = new LinkedHashMap<>();
    later.forEach((name, cpu) -> out.put(name, round(cpu - earlier.getOrDefault(name, 0.0))));
    return out;
  }

  /** The CPU-seconds each process used between two {@code System.nanoTime()} instants (sampled in the background). */
  private java.util.concurrent.CompletableFuture<Map<String, Double>> cpuBetween(final long fromNs, final long toNs) {
    return java.util.concurrent.CompletableFuture.supplyAsync(() -> {
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
   * {@code cpuSeconds} and {@code cpuMicrosPerEvent} per process and in total, and {@code jitCpuSeconds}: how much of
   * each process's CPU its JIT compiler threads used in the same window (included in {@code cpuSeconds}).
   */
  private static void putCpu(final Map<String, Object> m, final Map<String, Double> window, final long events) {
    final Map<String, Double> cpu = new LinkedHashMap<>();
    final Map<String, Double> jit = new LinkedHashMap<>();
    final Map<String, Double> machine = new LinkedHashMap<>();
    window.forEach((k, v) -> {
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
   * What a restarted service's rebuild from Kafka cost until its {@code /health} said 200: CPU-seconds per process
   * (the new JVM, and the broker serving its fetches) and of the whole machine, and per offset it had to read
   * ({@code toRead} of its last 503 progress), so a slow restart can be told apart from a busy machine.
   */
  private static void putRebuildCpu(final Map<String, Object> m, final Map<String, Double> window,
                                    final Object progress) {
    final Object toRead = progress instanceof Map<?, ?> p ? p.get("toRead") : null;
    putCpu(m, window, toRead instanceof Number n ? n.longValue() : 0L);
  }

  /** CPU-seconds (utime + stime) so far of every running child, by name. */
  private Map<String, Double> cpuOfChildren() {
    final Map<String, Double> out = new LinkedHashMap<>();
    for (Child c : children) {
      if (c.isAlive()) {
        out.put(c.name, cpuSeconds(c.pid()));
      }
    }
    return out;
  }

  private Admin admin() {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
  }

  private void stopAll() {
    // stop in reverse start order: services first, the broker last
    for (int i = children.size() - 1; i >= 0; i--) {
      final Child c = children.get(i);
      final Map<String, Object> p = processes.computeIfAbsent(c.name, k -> new LinkedHashMap<>());
      if (c.isAlive()) {
        p.put("pid", c.pid());
        p.put("peakRssMb", c.peakRssKb() / 1024);
        p.put("cpuSeconds", cpuSeconds(c.pid()));
        p.put("jvmFlags", String.join(" ", c.jvmFlags));
      }
      try {
        c.close();
      } catch (Exception e) {
        System.err.println("stopping " + c.name + ": " + e);
      }
    }
    children.clear();
  }

  private void finish() throws IOException {
    final Map<String, Object> mem = new LinkedHashMap<>();
    processes.forEach((k, v) -> mem.put(k, v.get("peakRssMb")));
    final Map<String, Object> memory = new LinkedHashMap<>();
    memory.put("peakRssMb", mem);
    memory.put("processes", processes);
    memory.put("method", "VmHWM from /proc/<pid>/status of each child JVM, read just before it is stopped");
    result.put("memory", memory);
    result.put("finishedAt", Instant.now().toString());
    result.put("loadAverage", loads);
    final Path dir = Path.of(opt.getOrDefault("results-dir", "bench/results"));
    Files.createDirectories(dir);
    final Path out = dir.resolve(FILE_TS.format(Instant.now()) + "-" + opt.getOrDefault("label", "run") + ".json");
    Files.writeString(out, Json.MAPPER.copy().enable(SerializationFeature.INDENT_OUTPUT)
        .writeValueAsString(result) + "\n");
    System.out.println("result: " + out.toAbsolutePath());
    System.out.println("logs:   " + logDir);
    if (!opt.containsKey("keep-data")) {
      deleteRecursively(dataDir);
      System.out.println("deleted " + dataDir);
    }
  }

  private final Map<String, String> loads = new LinkedHashMap<>();

  private void load(final String when) {
    try {
      loads.put(when, Files.readString(Path.of("/proc/loadavg")).trim());
    } catch (IOException e) {
      loads.put(when, "unavailable");
    }
  }

  private static Map<String, Object> machine() {
    final Map<String, Object> m = new LinkedHashMap<>();
    m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    try {
      Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal")).findFirst()
          .ifPresent(l -> m.put("memTotalMb", Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024));
      Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name")).findFirst()
          .ifPresent(l -> m.put("cpu", l.substring(l.indexOf(':') + 1).trim()));
    } catch (IOException e) {
      // not Linux
    }
    // what the host's other processes and the hypervisor take before the bench starts anything
    final MachineCpu before = MachineCpu.now();
    try {
      Thread.sleep(3_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    final MachineCpu after = MachineCpu.now();
    if (before != null && after != null) {
      final Map<String, Double> window = after.since(before, 0);
      m.put("busyCoresBeforeStart", round(window.get("busy") / 3));
      m.put("stealCoresBeforeStart", round(window.get("steal") / 3));
    }
    return m;
  }

  private static double cpuSeconds(final long pid) {
    try {
      final String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
      final String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return round((Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  private List<String> flags(final String name, final String dflt) {
    return List.of(opt.getOrDefault(name, dflt).trim().split("\\s+"));
  }

  private int intOpt(final String name, final int dflt) {
    return Integer.parseInt(opt.getOrDefault(name, String.valueOf(dflt)));
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** Disk actually used (du -sk, so preallocated index files count by their blocks), in MiB. */
  private static double du(final Path dir) {
    if (!Files.exists(dir)) {
      return 0;
    }
    try {
      final Process p = new ProcessBuilder("du", "-sk", dir.toString()).redirectErrorStream(true).start();
      final String out = new String(p.getInputStream().readAllBytes()).trim();
      p.waitFor(60, TimeUnit.SECONDS);
      return round(Long.parseLong(out.split("\\s+")[0]) / 1024.0);
    } catch (IOException | RuntimeException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private static void deleteRecursively(final Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private static double round(final double d) {
    return Math.round(d * 100) / 100.0;
  }
}
