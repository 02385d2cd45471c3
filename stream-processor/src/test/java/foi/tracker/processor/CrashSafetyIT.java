package foi.tracker.processor;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import foi.tracker.core.event.RequestEvent;
import foi.tracker.core.request.RequestRules;
import foi.tracker.core.sim.GeneratedRequest;
import foi.tracker.core.sim.LifecycleGenerator;
import foi.tracker.kafka.EmbeddedKafka;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Exactly-once under crashes: the stream processor runs as its own JVM and is killed with SIGKILL
 * at random moments while ~100,000 events stream in; each time it is started again on the same
 * state dir. In the end every table equals the oracle's recount exactly and every illegal event was
 * rejected exactly once.
 */
class CrashSafetyIT {
  private static final int PARTITIONS = 4;
  private static final int KILLS = 3;

  @Test
  void shouldCountEveryEventExactlyOnceThroughRepeatedKills() throws Exception {
    final LocalDate today = LocalDate.now(RequestRules.CHINA);
    final LifecycleGenerator gen =
        new LifecycleGenerator(99L, today.minusYears(2).withDayOfYear(1), today);
    final List<GeneratedRequest> generated = new ArrayList<>();
    int count = 0;
    for (int i = 0; count < 100_000; i++) {
      final GeneratedRequest g = gen.next("agency-" + (i % 97), "r" + i);
      generated.add(g);
      count += g.events().size();
    }
    final List<RequestEvent> events = RandomizedOracleTest.interleave(generated, new Random(99));
    final Random rnd = new Random(20261122);
    try (EmbeddedKafka broker = EmbeddedKafka.startTemporary()) {
      final BrokerFixture fixture = new BrokerFixture(broker.bootstrapServers(), PARTITIONS);
      final Path dataDir = Files.createTempDirectory("crash-safety");
      foi.tracker.core.topic.TopicAdmin.ensureTopics(
          org.apache.kafka.clients.admin.Admin.create(
              Map.of("bootstrap.servers", broker.bootstrapServers())),
          PARTITIONS,
          (short) 1,
          1);
      final long t0 = System.nanoTime();
      Process processor = startProcessor(broker.bootstrapServers(), dataDir);
      final int chunk = events.size() / (KILLS + 1);
      for (int k = 0; k <= KILLS; k++) {
        final int end = k == KILLS ? events.size() : (k + 1) * chunk;
        fixture.send(events.subList(k * chunk, end));
        if (k < KILLS) {
          awaitStarted(dataDir, k + 1);
          Thread.sleep(500 + rnd.nextInt(2500)); // let it work for a random while, mid-transaction
          processor.destroyForcibly().waitFor();
          System.out.printf(
              "crash IT: kill -9 #%d at %.1f s%n", k + 1, (System.nanoTime() - t0) / 1e9);
          processor = startProcessor(broker.bootstrapServers(), dataDir);
        }
      }
      final Map<String, List<GeneratedRequest>> byAgency =
          generated.stream().collect(Collectors.groupingBy(GeneratedRequest::agencyId));
      try {
        await()
            .atMost(Duration.ofSeconds(240))
            .pollInterval(Duration.ofSeconds(2))
            .until(
                () ->
                    fixture.outputs().equalOracle(byAgency, today.getYear() - 2, today.getYear()));
        System.out.printf(
            "crash IT: %d events, %d kills, exact after %.1f s%n",
            events.size(), KILLS, (System.nanoTime() - t0) / 1e9);
        assertEquals(
            generated.stream().mapToInt(GeneratedRequest::illegalEvents).sum(),
            fixture.outputs().rejected,
            "every illegal event rejected exactly once");
        // each start rebuilt its stores from the changelogs (a kill may land before that is over),
        // and the last one
        // said when its tables were live again
        final String log = Files.readString(dataDir.resolve("processor.log"));
        final long restorations =
            log.lines().filter(l -> l.contains("restoring state from the changelogs")).count();
        assertTrue(
            restorations >= KILLS + 1, "restorations begun in the processor log: " + restorations);
        final String last = log.substring(log.lastIndexOf("restoring state from the changelogs"));
        assertTrue(last.contains("state restored: "), "the last restoration ended: " + last);
      } finally {
        processor.destroy();
        processor.waitFor();
      }
    }
  }

  /**
   * Waits until the processor log shows the n-th start, so a kill lands while it works, not while
   * the JVM boots.
   */
  private static void awaitStarted(final Path dataDir, final int n) {
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              final Path log = dataDir.resolve("processor.log");
              return Files.exists(log)
                  && new String(Files.readAllBytes(log), java.nio.charset.StandardCharsets.UTF_8)
                              .split("stream-processor started", -1)
                              .length
                          - 1
                      >= n;
            });
  }

  private static Process startProcessor(final String bootstrap, final Path dataDir)
      throws IOException {
    final ProcessBuilder pb =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx512m",
            "-cp",
            System.getProperty("java.class.path"),
            StreamProcessorMain.class.getName());
    pb.environment().put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
    pb.environment().put("TRACKER_DATA_DIR", dataDir.toString());
    pb.environment().put("TRACKER_PARTITIONS", String.valueOf(PARTITIONS));
    pb.redirectErrorStream(true);
    pb.redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("processor.log").toFile()));
    return pb.start();
  }
}
