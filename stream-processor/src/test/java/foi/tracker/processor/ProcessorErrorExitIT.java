package foi.tracker.processor;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import foi.tracker.core.config.TrackerConfig;
import foi.tracker.core.deadline.DeadlineSettings;
import foi.tracker.kafka.EmbeddedKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

/**
 * When Streams reaches ERROR (here: every write refused by a producer whose request limit is too
 * small for a request state, a fault no event can be blamed for), the processor runs its error
 * action (the standalone and the processor alone exit with it, so that a supervisor restarts them),
 * once.
 */
class ProcessorErrorExitIT {
  @Test
  void reachingErrorRunsTheErrorActionOnce() throws Exception {
    try (EmbeddedKafka broker = EmbeddedKafka.startTemporary()) {
      final Path stateDir = Files.createTempDirectory("error-exit-it");
      final TrackerConfig config =
          TrackerConfig.from(
                  Map.of("TRACKER_PARTITIONS", "1", "TRACKER_DATA_DIR", stateDir.toString()))
              .withBootstrapServers(broker.bootstrapServers());
      final BrokerFixture fixture = new BrokerFixture(broker.bootstrapServers(), 1);
      final MutableClock clock =
          new MutableClock(
              LocalDate.of(2026, 11, 20).atTime(12, 0).toInstant(ZoneOffset.ofHours(8)));
      final AtomicInteger errors = new AtomicInteger();
      try (StreamProcessorApp app =
          StreamProcessorApp.start(
              config,
              new ProcessorSettings(
                  clock,
                  DeadlineSettings.defaults(),
                  Duration.ofMillis(100),
                  Duration.ofMinutes(1),
                  1),
              Map.of(
                  StreamsConfig.STATE_DIR_CONFIG,
                  stateDir.resolve("streams-" + UUID.randomUUID()).toString(),
                  StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG),
                  200),
              errors::incrementAndGet)) {
        await().atMost(Duration.ofSeconds(60)).until(app::isRunning);
        fixture.send(List.of(Ev.received("town", "r1", "2026-11-02", "NATURAL_PERSON")));
        await().atMost(Duration.ofSeconds(60)).until(() -> app.state() == KafkaStreams.State.ERROR);
        await().atMost(Duration.ofSeconds(10)).until(() -> errors.get() >= 1);
        assertEquals(1, errors.get());
      }
    }
  }
}
