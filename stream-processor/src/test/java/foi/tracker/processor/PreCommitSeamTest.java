package foi.tracker.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.AppInfoParser;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

/**
 * Kafka Streams still makes the internal pre-commit call {@link PreCommitSeam} relies on: a real
 * task (the TopologyTestDriver runs Streams' own StreamTask and state manager, committing after
 * each record) calls the hook at every commit, and the hook's writes reach the store's changelog in
 * that commit. When this fails after a Kafka upgrade, the processor's agency totals would silently
 * stop being written: read the new commit path before anything else.
 */
class PreCommitSeamTest {
  private static final String STORE = "seam-store";
  private static final String CHANGELOG = "seam-test-" + STORE + "-changelog";

  private static String changed(final String what) {
    return "Kafka Streams "
        + AppInfoParser.getVersion()
        + " "
        + what
        + " (PreCommitSeam was checked with "
        + PreCommitSeam.CHECKED_WITH
        + "): read StreamTask.prepareCommit and ProcessorStateManager.flushCache of"
        + " this version and adapt PreCommitSeam, or the processor's agency totals are no longer written";
  }

  /** Counts the records it sees; its hook writes the count at each commit. */
  private static final class Counting implements Processor<String, String, Void, Void> {
    private final PreCommitStore.Hooks hooks;
    private final List<Long> hookRuns;
    private KeyValueStore<String, byte[]> store;
    private long seen;

    Counting(final PreCommitStore.Hooks hooks, final List<Long> hookRuns) {
      this.hooks = hooks;
      this.hookRuns = hookRuns;
    }

    @Override
    public void init(final ProcessorContext<Void, Void> context) {
      store = context.getStateStore(STORE);
      hooks.register(
          context.taskId(),
          () -> {
            hookRuns.add(seen);
            store.put(
                "seen", Long.toString(seen).getBytes(java.nio.charset.StandardCharsets.UTF_8));
          });
    }

    @Override
    public void process(final Record<String, String> record) {
      seen++;
    }
  }

  @Test
  void shouldRunTheHookAtEveryCommitWithItsWritesInTheCommitsChangelog() throws IOException {
    final PreCommitStore.Hooks hooks = new PreCommitStore.Hooks();
    final List<Long> hookRuns = new ArrayList<>();
    final Topology topology = new Topology();
    topology.addSource("in", new StringDeserializer(), new StringDeserializer(), "seam-in");
    topology.addProcessor("count", () -> new Counting(hooks, hookRuns), "in");
    topology.addStateStore(
        PreCommitStore.builder(STORE, hooks).withLoggingEnabled(java.util.Map.of()), "count");
    final Path stateDir = Files.createTempDirectory("pre-commit-seam");
    final Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "seam-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    try (TopologyTestDriver driver = new TopologyTestDriver(topology, props)) {
      final TestInputTopic<String, String> in =
          driver.createInputTopic("seam-in", new StringSerializer(), new StringSerializer());
      final TestOutputTopic<String, byte[]> changelog =
          driver.createOutputTopic(
              CHANGELOG, new StringDeserializer(), new ByteArrayDeserializer());

      in.pipeInput("a", "1", Instant.parse("2026-01-05T00:00:00Z"));
      assertEquals(
          List.of(1L),
          hookRuns,
          changed("no longer calls flushCache() on a CachedStateStore at a commit"));
      assertEquals(
          "1",
          new String(changelog.readValue(), java.nio.charset.StandardCharsets.UTF_8),
          changed(
              "did not send what the pre-commit hook wrote to the store's changelog in that commit"));

      in.pipeInput("b", "2", Instant.parse("2026-01-05T00:00:01Z"));
      in.pipeInput("c", "3", Instant.parse("2026-01-05T00:00:02Z"));
      assertEquals(
          List.of(1L, 2L, 3L),
          hookRuns,
          changed("no longer calls the pre-commit hook once per commit"));
      assertEquals(
          List.of("2", "3"),
          changelog.readValuesToList().stream()
              .map(v -> new String(v, java.nio.charset.StandardCharsets.UTF_8))
              .toList(),
          changed("lost a hook's write"));
    } finally {
      try (Stream<Path> files = Files.walk(stateDir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /**
   * Every other class stays on Streams' public API: a new use of its internals goes through the
   * seam or fails here.
   */
  @Test
  void shouldUseStreamsInternalsOnlyInTheSeam() throws IOException {
    final Path main = Path.of("src/main/java");
    final List<String> users = new ArrayList<>();
    try (Stream<Path> files = Files.walk(main)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        if (Files.readString(f).contains("org.apache.kafka.streams.state.internals")
            || Files.readString(f).contains("org.apache.kafka.streams.processor.internals")) {
          users.add(main.relativize(f).toString());
        }
      }
    }
    assertEquals(
        List.of("foi/tracker/processor/PreCommitSeam.java"),
        users,
        "only PreCommitSeam may use Kafka Streams internals");
  }
}
