package foi.tracker.bench;

import static foi.tracker.bench.Cpu.cpuSeconds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import foi.tracker.core.json.Json;
import foi.tracker.core.topic.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * One run of the bench: its options and result, the child JVMs it started (and the peak RSS of
 * those it stopped), the national tree and its oracle, where the services listen; the plumbing
 * every phase uses (start a service and wait for its health, its environment, consumer offsets, the
 * load average), and the result file at the end.
 */
final class BenchRun {
  private static final String ADMIN_PREFIX = "bench-admin-";
  private static final DateTimeFormatter FILE_TS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss'Z'").withZone(ZoneOffset.UTC);

  final BenchOptions opt;
  final Map<String, Object> result = new LinkedHashMap<>();
  final List<Child> children = new ArrayList<>();
  final Map<String, Map<String, Object>> processes = new LinkedHashMap<>();
  final String admin = ADMIN_PREFIX + UUID.randomUUID();
  final Http http = new Http(admin);
  final LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
  final Path dataDir;
  final Path logDir;
  final int partitions;
  final Map<String, String> loads = new LinkedHashMap<>();

  /** HTTP writes whose answer was not 2xx: the oracle cannot know whether they count. */
  final AtomicLong uncertainWrites = new AtomicLong();

  final TableCheck check = new TableCheck(this);
  final Desk desk = new Desk(this);
  final Cpu cpus = new Cpu(this);
  Hierarchy tree;
  NationalYear year;
  String bootstrap;
  int brokerPort;
  String dashboardUrl;
  String ingestUrl;

  /**
   * {agency index, requestId, the 201's body} of the last application accepted while the processor
   * was down.
   */
  Object[] lastOutagePost;

  BenchRun(final BenchOptions opt) throws IOException {
    this.opt = opt;
    final String ts = FILE_TS.format(Instant.now());
    this.dataDir = Path.of(opt.getOrDefault("data-dir", "/tmp/foi-bench-" + ts));
    this.logDir = Path.of(opt.getOrDefault("log-dir", "/tmp/foi-bench-logs-" + ts));
    this.partitions = opt.intOpt("partitions", 6);
    Files.createDirectories(dataDir);
    Files.createDirectories(logDir);
    result.put("startedAt", Instant.now().toString());
    result.put("label", opt.getOrDefault("label", "run"));
  }

  long endOffsets(final Admin a) throws Exception {
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

  long committed(final Admin a) throws Exception {
    return committed(a, "foi-tracker-processor");
  }

  long committed(final Admin a, final String group) throws Exception {
    final Map<TopicPartition, OffsetAndMetadata> offsets =
        a.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
    long sum = 0;
    for (Map.Entry<TopicPartition, OffsetAndMetadata> e : offsets.entrySet()) {
      if (e.getKey().topic().equals(Topics.EVENTS.name()) && e.getValue() != null) {
        sum += e.getValue().offset();
      }
    }
    return sum;
  }

  /**
   * The running child of that service: its first JVM, or one started again ({@code
   * processor-after-kill}).
   */
  Child named(final String name) {
    for (Child c : children) {
      if ((c.name.equals(name) || c.name.startsWith(name + "-")) && c.isAlive()) {
        return c;
      }
    }
    throw new IllegalStateException("no running " + name);
  }

  /** Takes a stopped child out of the list, keeping its peak RSS and CPU under its name. */
  void retire(final Child c) {
    final Map<String, Object> p = processes.computeIfAbsent(c.name, k -> new LinkedHashMap<>());
    p.put(
        "peakRssMb",
        Math.max(((Number) p.getOrDefault("peakRssMb", 0L)).longValue(), c.peakRssKb() / 1024));
    children.remove(c);
  }

  /**
   * SIGKILLs the service's running JVM and returns the port of its URL, for the new JVM to take
   * over.
   */
  int killForRestart(final String name, final String url) throws InterruptedException {
    final Child old = named(name);
    old.kill();
    retire(old);
    return Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
  }

  Child child(
      final String name,
      final List<String> flags,
      final String main,
      final List<String> args,
      final Map<String, String> env)
      throws IOException {
    final List<String> all = new ArrayList<>(flags);
    if (flags.stream().noneMatch(f -> f.startsWith("-Xlog:gc"))) {
      all.add(GcLog.flag(gcLogOf(name)));
    }
    if (opt.containsKey("profile") && !name.equals("broker")) {
      all.add(
          "-XX:StartFlightRecording=filename="
              + logDir.resolve(name + ".jfr")
              + ",settings=profile,"
              + "dumponexit=true");
    }
    final Child c = Child.start(name, all, main, args, env, logDir);
    children.add(c);
    return c;
  }

  Path gcLogOf(final String name) {
    return name.equals("bench")
        ? Path.of(System.getProperty("bench.gcLog", "/nonexistent"))
        : logDir.resolve(name + "-gc.log");
  }

  Map<String, String> serviceEnv(final Map<String, String> extra) {
    final Map<String, String> env = new HashMap<>(extra);
    env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
    env.put("TRACKER_DATA_DIR", dataDir.toString());
    env.put("TRACKER_ADMIN_TOKEN", admin);
    env.put("TRACKER_PARTITIONS", String.valueOf(partitions));
    env.put("TRACKER_BIND_HOST", "127.0.0.1");
    return env;
  }

  void awaitHealth(final Child c, final String base, final long timeoutMs) throws Exception {
    awaitHealthProgress(c, base, timeoutMs);
  }

  /**
   * Waits for {@code /health} 200; returns the {@code progress} of the last 503 answer seen (how
   * far the rebuild from Kafka was just before it was ready: offsets read of those to read,
   * seconds), or null if none said it.
   */
  Object awaitHealthProgress(final Child c, final String base, final long timeoutMs)
      throws Exception {
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
        throw new IllegalStateException(
            c.name + " not healthy within " + timeoutMs + " ms; see " + c.log());
      }
      c.sample();
      Thread.sleep(200);
    }
  }

  Admin admin() {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
  }

  void stopAll() {
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

  void finish() throws IOException {
    final Map<String, Object> mem = new LinkedHashMap<>();
    processes.forEach((k, v) -> mem.put(k, v.get("peakRssMb")));
    final Map<String, Object> memory = new LinkedHashMap<>();
    memory.put("peakRssMb", mem);
    memory.put("processes", processes);
    memory.put(
        "method",
        "VmHWM from /proc/<pid>/status of each child JVM, read just before it is stopped");
    result.put("memory", memory);
    result.put("finishedAt", Instant.now().toString());
    result.put("loadAverage", loads);
    final Path dir = Path.of(opt.getOrDefault("results-dir", "bench/results"));
    Files.createDirectories(dir);
    final Path out =
        dir.resolve(
            FILE_TS.format(Instant.now()) + "-" + opt.getOrDefault("label", "run") + ".json");
    Files.writeString(
        out,
        Json.MAPPER.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(result)
            + "\n");
    System.out.println("result: " + out.toAbsolutePath());
    System.out.println("logs:   " + logDir);
    if (!opt.containsKey("keep-data")) {
      deleteRecursively(dataDir);
      System.out.println("deleted " + dataDir);
    }
  }

  void load(final String when) {
    try {
      loads.put(when, Files.readString(Path.of("/proc/loadavg")).trim());
    } catch (IOException e) {
      loads.put(when, "unavailable");
    }
  }

  static Map<String, Object> machine() {
    final Map<String, Object> m = new LinkedHashMap<>();
    m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    try {
      Files.readAllLines(Path.of("/proc/meminfo")).stream()
          .filter(l -> l.startsWith("MemTotal"))
          .findFirst()
          .ifPresent(l -> m.put("memTotalMb", Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024));
      Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
          .filter(l -> l.startsWith("model name"))
          .findFirst()
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

  /** Disk actually used (du -sk, so preallocated index files count by their blocks), in MiB. */
  static double du(final Path dir) {
    if (!Files.exists(dir)) {
      return 0;
    }
    try {
      final Process p =
          new ProcessBuilder("du", "-sk", dir.toString()).redirectErrorStream(true).start();
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

  static void deleteRecursively(final Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  static double round(final double d) {
    return Math.round(d * 100) / 100.0;
  }
}
