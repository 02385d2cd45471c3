package foi.tracker.processor;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import foi.tracker.core.config.TrackerConfig;
import foi.tracker.core.deadline.DeadlineSettings;
import foi.tracker.core.deadline.DeadlineStatus;
import foi.tracker.core.event.RequestEvent;
import foi.tracker.core.request.RequestKey;
import foi.tracker.core.sim.GeneratedRequest;
import foi.tracker.core.sim.LifecycleGenerator;
import foi.tracker.core.sim.Recount;
import foi.tracker.core.table.Table3;
import foi.tracker.core.table.Table3Builder;
import foi.tracker.core.taxonomy.Taxonomy;
import foi.tracker.kafka.EmbeddedKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The processor against a real in-JVM KRaft broker with exactly-once: a randomized data set written
 * to the event log (with duplicates, illegal events, amendments) ends as tables equal to the
 * oracle's recount, read from the output topic; a request past its due date raises an OVERDUE alert
 * on the alerts topic; and a second processor started on the same topics after the first is closed
 * (state rebuilt from the changelogs) keeps counting exactly.
 */
class ProcessorBrokerIT {
  private static final int PARTITIONS = 3;
  private static final LocalDate TODAY = LocalDate.of(2026, 11, 20);
  private static EmbeddedKafka broker;
  private static TrackerConfig config;
  private static Path stateDir;
  private static BrokerFixture fixture;

  @BeforeAll
  static void startBroker() throws Exception {
    broker = EmbeddedKafka.startTemporary();
    stateDir = Files.createTempDirectory("processor-it");
    config =
        TrackerConfig.from(
                Map.of(
                    "TRACKER_PARTITIONS",
                    String.valueOf(PARTITIONS),
                    "TRACKER_DATA_DIR",
                    stateDir.toString()))
            .withBootstrapServers(broker.bootstrapServers());
    fixture = new BrokerFixture(broker.bootstrapServers(), PARTITIONS);
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  private static StreamProcessorApp startProcessor(final MutableClock clock) throws Exception {
    final StreamProcessorApp app =
        StreamProcessorApp.start(
            config,
            new ProcessorSettings(
                clock,
                DeadlineSettings.defaults(),
                Duration.ofMillis(100),
                Duration.ofMillis(500),
                PARTITIONS),
            Map.of(
                StreamsConfig.STATE_DIR_CONFIG,
                stateDir.resolve("streams-" + UUID.randomUUID()).toString()));
    await().atMost(Duration.ofSeconds(60)).until(app::isRunning);
    return app;
  }

  @Test
  void shouldProduceExactTablesAndAlertsEndToEndAndAfterARestart() throws Exception {
    final MutableClock clock =
        new MutableClock(TODAY.atTime(12, 0).toInstant(java.time.ZoneOffset.ofHours(8)));
    final LifecycleGenerator gen = new LifecycleGenerator(7L, LocalDate.of(2024, 1, 1), TODAY);
    final List<GeneratedRequest> generated = new ArrayList<>();
    for (int i = 0; i < 1500; i++) {
      generated.add(gen.next("town-" + (i % 7), "r" + i));
    }
    final List<RequestEvent> events = RandomizedOracleTest.interleave(generated, new Random(7));
    final int half = events.size() / 2;

    final long t0 = System.nanoTime();
    try (StreamProcessorApp first = startProcessor(clock)) {
      System.out.printf(
          "broker IT: first processor running after %.1f s%n", (System.nanoTime() - t0) / 1e9);
      fixture.send(events.subList(0, half));
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> fixture.outputs().requests.size() >= countRequests(events, half));
      System.out.printf(
          "broker IT: first half processed after %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }
    System.out.printf(
        "broker IT: first processor closed after %.1f s%n", (System.nanoTime() - t0) / 1e9);
    try (StreamProcessorApp second = startProcessor(clock)) {
      System.out.printf(
          "broker IT: second processor running after %.1f s%n", (System.nanoTime() - t0) / 1e9);
      fixture.send(events.subList(half, events.size()));
      final Map<String, List<GeneratedRequest>> byAgency =
          generated.stream().collect(Collectors.groupingBy(GeneratedRequest::agencyId));
      await()
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofMillis(500))
          .until(() -> fixture.outputs().equalOracle(byAgency, 2024, 2026));
      // its state dir is new, as after a lost disk: everything came back from the changelogs, at
      // least one record
      // per request of the first half (the changelogs also hold transaction markers, which are not
      // records)
      final RestoreProgressLog.Summary restored = second.lastRestore();
      assertTrue(restored.done(), restored.toString());
      assertTrue(restored.recordsRestored() <= restored.recordsToRestore(), restored.toString());
      assertTrue(
          second.recordsRestoredSinceStart() >= countRequests(events, half),
          second.recordsRestoredSinceStart()
              + " records restored, "
              + countRequests(events, half)
              + " requests");
      System.out.printf(
          "broker IT: %d events through a real broker (EOS, restart halfway) until exact tables in "
              + "%.1f s%n",
          events.size(), (System.nanoTime() - t0) / 1e9);
      final BrokerFixture.Outputs out = fixture.outputs();
      for (Map.Entry<String, List<GeneratedRequest>> e : byAgency.entrySet()) {
        for (int y = 2024; y <= 2026; y++) {
          final Table3 t =
              Table3Builder.build(e.getKey(), "agency", y, out.totals.get(e.getKey()).cells());
          final Map<String, long[]> expected = Recount.table3(e.getValue(), y);
          for (Taxonomy.Row row : Taxonomy.get().rows()) {
            assertArrayEquals(
                expected.get(row.code()),
                t.rows().get(row.code()),
                e.getKey() + " " + y + " " + row.code());
          }
          assertTrue(t.balanced());
        }
      }
      final long illegal = generated.stream().mapToInt(GeneratedRequest::illegalEvents).sum();
      assertEquals(illegal, out.rejected, "every illegal event rejected once, across the restart");

      // Poison: bytes no desk could have sent, written by hand with a plain producer, go to the
      // dead-letter topic
      // with the reason and offset, and processing goes on.
      fixture.sendRaw(
          "town-0/poison",
          "{\"type\":\"DECIDED\",".getBytes(java.nio.charset.StandardCharsets.UTF_8));
      fixture.send(List.of(Ev.received("town-0", "after-poison", "2026-11-02", "NATURAL_PERSON")));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> fixture.outputs().requests.containsKey("town-0/after-poison"));
      final List<foi.tracker.core.topic.DeadLetter> dead = fixture.deadLetters();
      assertEquals(1, dead.size());
      assertEquals("town-0/poison", dead.get(0).key());
      assertTrue(dead.get(0).offset() >= 0);
      assertTrue(
          dead.get(0).reason().contains("JsonEOFException")
              || dead.get(0).reason().contains("end-of-input"),
          dead.get(0).reason());

      // A request received 20 working days before 'today' becomes OVERDUE when the day passes: one
      // alert.
      fixture.send(List.of(Ev.received("alert-town", "late-1", "2026-10-22", "NATURAL_PERSON")));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> fixture.outputs().requests.containsKey("alert-town/late-1"));
      clock.advance(Duration.ofDays(2));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  fixture.outputs().alerts.stream()
                      .anyMatch(
                          a -> a.requestId().equals("late-1") && a.to() == DeadlineStatus.OVERDUE));
      assertEquals(
          1,
          fixture.outputs().alerts.stream()
              .filter(a -> a.requestId().equals("late-1") && a.to() == DeadlineStatus.OVERDUE)
              .count());
    }
  }

  private static long countRequests(final List<RequestEvent> events, final int upTo) {
    return events.subList(0, upTo).stream()
        .filter(e -> e.type().equals("RECEIVED"))
        .map(e -> RequestKey.of(e.agencyId(), e.requestId()))
        .distinct()
        .count();
  }
}
