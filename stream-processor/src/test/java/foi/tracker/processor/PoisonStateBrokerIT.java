package foi.tracker.processor;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import foi.tracker.core.config.TrackerConfig;
import foi.tracker.core.deadline.DeadlineSettings;
import foi.tracker.core.event.ApplicationReceived;
import foi.tracker.core.event.Channel;
import foi.tracker.core.event.RequestEvent;
import foi.tracker.core.request.Bounds;
import foi.tracker.core.sim.GeneratedRequest;
import foi.tracker.core.sim.LifecycleGenerator;
import foi.tracker.core.topic.DeadLetter;
import foi.tracker.kafka.EmbeddedKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

/**
 * The wedge against a real broker with exactly-once: an application whose state would be
 * over Kafka's record limit, written mid-stream, used to fail the changelog write at every restart
 * and freeze every table. Now it is dead-lettered before it is written, the processor stays
 * RUNNING, and the tables reach the exact recount.
 */
class PoisonStateBrokerIT {
  private static final int PARTITIONS = 2;
  private static final LocalDate TODAY = LocalDate.of(2026, 11, 20);

  @Test
  void anOversizedStateIsDeadLetteredAndTheTablesStillReachTheRecount() throws Exception {
    try (EmbeddedKafka broker = EmbeddedKafka.startTemporary()) {
      final Path stateDir = Files.createTempDirectory("poison-it");
      final TrackerConfig config =
          TrackerConfig.from(
                  Map.of(
                      "TRACKER_PARTITIONS",
                      String.valueOf(PARTITIONS),
                      "TRACKER_DATA_DIR",
                      stateDir.toString()))
              .withBootstrapServers(broker.bootstrapServers());
      final BrokerFixture fixture = new BrokerFixture(broker.bootstrapServers(), PARTITIONS);
      final MutableClock clock =
          new MutableClock(TODAY.atTime(12, 0).toInstant(ZoneOffset.ofHours(8)));
      final LifecycleGenerator gen = new LifecycleGenerator(23L, LocalDate.of(2024, 1, 1), TODAY);
      final List<GeneratedRequest> generated = new ArrayList<>();
      for (int i = 0; i < 400; i++) {
        generated.add(gen.next("town-" + (i % 5), "r" + i));
      }
      final List<RequestEvent> events = RandomizedOracleTest.interleave(generated, new Random(23));
      // under the broker's 1 MB message limit as an event, over the 900 KB bound as a state
      final LocalDate day = LocalDate.of(2026, 11, 2);
      events.add(
          events.size() / 2,
          new ApplicationReceived(
              "received",
              "town-1",
              "huge",
              day,
              day.atTime(10, 0).toInstant(ZoneOffset.ofHours(8)),
              "NATURAL_PERSON",
              Channel.ONLINE,
              "大".repeat(310_000),
              null));
      final boolean[] errored = {false};
      try (StreamProcessorApp app =
          StreamProcessorApp.start(
              config,
              new ProcessorSettings(
                  clock,
                  DeadlineSettings.defaults(),
                  Duration.ofMillis(100),
                  Duration.ofMinutes(1),
                  PARTITIONS),
              Map.of(
                  StreamsConfig.STATE_DIR_CONFIG,
                  stateDir.resolve("streams-" + UUID.randomUUID()).toString()),
              () -> errored[0] = true)) {
        await().atMost(Duration.ofSeconds(60)).until(app::isRunning);
        fixture.send(events);
        final Map<String, List<GeneratedRequest>> byAgency =
            generated.stream().collect(Collectors.groupingBy(GeneratedRequest::agencyId));
        await()
            .atMost(Duration.ofSeconds(90))
            .pollInterval(Duration.ofMillis(500))
            .until(() -> fixture.outputs().equalOracle(byAgency, 2024, 2026));
        final List<DeadLetter> dead = fixture.deadLetters();
        assertEquals(1, dead.size(), dead.toString());
        assertEquals("town-1/huge", dead.get(0).key());
        assertTrue(dead.get(0).offset() >= 0);
        assertTrue(dead.get(0).reason().startsWith("STATE_TOO_LARGE"), dead.get(0).reason());
        // its dead letter keeps the offset, not the bytes: with them it would itself be over the
        // record limit
        assertEquals(null, dead.get(0).valueBase64());
        assertFalse(fixture.outputs().requests.containsKey("town-1/huge"));
        assertTrue(app.isRunning());
        assertFalse(errored[0]);
        assertTrue(Bounds.MAX_STATE_BYTES < 1_000_000);
      }
    }
  }
}
