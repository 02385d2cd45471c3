package foi.tracker.processor;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import foi.tracker.core.config.TrackerConfig;
import foi.tracker.core.deadline.DeadlineSettings;
import foi.tracker.core.event.RequestEvent;
import foi.tracker.core.sim.GeneratedRequest;
import foi.tracker.core.sim.LifecycleGenerator;
import foi.tracker.kafka.EmbeddedKafkaCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

/**
 * The cluster topology in-process: 3 KRaft brokers, every project topic with replication factor 3
 * and min.insync.replicas 2, two processor instances sharing the partitions; one instance is
 * stopped mid-stream and the other takes over its partitions from the changelogs. Every table must
 * still equal the oracle.
 */
class MultiInstanceClusterIT {
  private static final int PARTITIONS = 6;

  @Test
  void shouldKeepEveryTableExactWhenOneOfTwoInstancesStopsMidStream() throws Exception {
    final LocalDate today = LocalDate.now(RequestRulesZone.CHINA);
    try (EmbeddedKafkaCluster cluster = EmbeddedKafkaCluster.start(3)) {
      final Path dir = Files.createTempDirectory("multi-instance");
      final TrackerConfig config =
          TrackerConfig.from(
                  Map.of(
                      "TRACKER_PARTITIONS",
                      String.valueOf(PARTITIONS),
                      "TRACKER_REPLICATION_FACTOR",
                      "3",
                      "TRACKER_MIN_INSYNC_REPLICAS",
                      "2",
                      "TRACKER_DATA_DIR",
                      dir.toString()))
              .withBootstrapServers(cluster.bootstrapServers());
      final BrokerFixture fixture = new BrokerFixture(cluster.bootstrapServers(), PARTITIONS);
      final LifecycleGenerator gen =
          new LifecycleGenerator(11L, today.minusYears(2).withDayOfYear(1), today);
      final List<GeneratedRequest> generated = new ArrayList<>();
      for (int i = 0; i < 1200; i++) {
        generated.add(gen.next("agency-" + (i % 23), "r" + i));
      }
      final List<RequestEvent> events = RandomizedOracleTest.interleave(generated, new Random(11));
      final int third = events.size() / 3;
      // written after the publication's cut: new requests of the same agencies, none of them frozen
      final LifecycleGenerator later =
          new LifecycleGenerator(12L, today.minusYears(2).withDayOfYear(1), today);
      final List<GeneratedRequest> afterCut = new ArrayList<>();
      for (int i = 0; i < 300; i++) {
        afterCut.add(later.next("agency-" + (i % 23), "late-" + i));
      }
      final List<String> members = new ArrayList<>();
      for (int i = 0; i < 23; i++) {
        members.add("agency-" + i);
      }
      final int published = today.getYear() - 1;

      final StreamProcessorApp a = start(config, dir.resolve("a"));
      final StreamProcessorApp b = start(config, dir.resolve("b"));
      await().atMost(Duration.ofSeconds(90)).until(() -> a.isRunning() && b.isRunning());
      assertReplicated(cluster.bootstrapServers());
      final long t0 = System.nanoTime();
      fixture.send(events.subList(0, third));
      fixture.send(events.subList(third, 2 * third));
      fixture.send(events.subList(2 * third, events.size()));
      fixture.sendCut("province", published, 1, "cut-1", members);
      b.close();
      fixture.send(RandomizedOracleTest.interleave(afterCut, new Random(12)));
      final List<GeneratedRequest> all = new ArrayList<>(generated);
      all.addAll(afterCut);
      final Map<String, List<GeneratedRequest>> byAgency =
          all.stream().collect(Collectors.groupingBy(GeneratedRequest::agencyId));
      await()
          .atMost(Duration.ofSeconds(120))
          .pollInterval(Duration.ofSeconds(1))
          .until(
              () -> fixture.outputs().equalOracle(byAgency, today.getYear() - 2, today.getYear()));
      System.out.printf(
          "cluster IT: %d events, 2 instances then 1, exact after %.1f s%n",
          events.size(), (System.nanoTime() - t0) / 1e9);
      assertEquals(
          all.stream().mapToInt(GeneratedRequest::illegalEvents).sum(), fixture.outputs().rejected);
      // the publication froze the subtree exactly as the requests before the cut make it, whichever
      // instance held
      // each partition: one part per partition, summing to the recount of those requests
      final Map<String, foi.tracker.core.publication.PublishedPart> parts = fixture.parts();
      assertEquals(PARTITIONS, parts.size());
      final Map<String, Long> frozenCells = new java.util.HashMap<>();
      int listed = 0;
      for (foi.tracker.core.publication.PublishedPart part : parts.values()) {
        foi.tracker.core.publication.PublishedCells.addTo(frozenCells, part.cells());
        listed += part.members().size();
      }
      assertEquals(23, listed);
      // every accepted event written after the cut that moves a figure of the published year is one
      // correction, also
      // on the partitions whose cut the stopped instance had frozen (the coverage rebuilt from its
      // store)
      final foi.tracker.core.request.RequestRules rules =
          new foi.tracker.core.request.RequestRules(
              new foi.tracker.core.deadline.DeadlineClock(
                  foi.tracker.core.calendar.WorkingDayCalendar.bundled(),
                  DeadlineSettings.defaults()));
      long expectedCorrections = 0;
      for (GeneratedRequest g : afterCut) {
        foi.tracker.core.request.RequestState state = null;
        for (RequestEvent e : g.events()) {
          final foi.tracker.core.request.Decision d = rules.decide(state, e, today);
          if (d instanceof foi.tracker.core.request.Decision.Accepted acc) {
            if (foi.tracker.core.publication.PublishedCells.changesFigures(
                foi.tracker.core.table.Cells.delta(state, acc.next()), published)) {
              expectedCorrections++;
            }
            state = acc.next();
          } else if (d instanceof foi.tracker.core.request.Decision.Rejected rej
              && rej.next() != null) {
            state = rej.next();
          }
        }
      }
      assertTrue(
          expectedCorrections > 20,
          "the requests after the cut touch the published year: " + expectedCorrections);
      final long corrections = expectedCorrections;
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> fixture.corrections().size() == corrections);
      final foi.tracker.core.table.Table3 frozen =
          foi.tracker.core.table.Table3Builder.build("province", "subtree", published, frozenCells);
      final Map<String, long[]> expected =
          foi.tracker.core.sim.Recount.table3(generated, published);
      expected.forEach(
          (row, values) ->
              assertEquals(
                  java.util.Arrays.toString(values),
                  java.util.Arrays.toString(frozen.rows().get(row)),
                  row));
      a.close();
    }
  }

  private static StreamProcessorApp start(final TrackerConfig config, final Path stateDir)
      throws Exception {
    return StreamProcessorApp.start(
        config,
        new ProcessorSettings(
            Clock.systemUTC(),
            DeadlineSettings.defaults(),
            Duration.ofMillis(100),
            Duration.ofMinutes(1),
            PARTITIONS),
        Map.of(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString()));
  }

  private static void assertReplicated(final String bootstrap) throws Exception {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      final List<String> names =
          foi.tracker.core.topic.Topics.ALL.stream().map(t -> t.name()).toList();
      final Map<String, TopicDescription> d = admin.describeTopics(names).allTopicNames().get();
      for (TopicDescription t : d.values()) {
        t.partitions().forEach(p -> assertEquals(3, p.replicas().size(), t.name()));
      }
      assertEquals(
          PARTITIONS, d.get(foi.tracker.core.topic.Topics.EVENTS.name()).partitions().size());
      final var configs =
          admin
              .describeConfigs(
                  names.stream()
                      .map(
                          n ->
                              new org.apache.kafka.common.config.ConfigResource(
                                  org.apache.kafka.common.config.ConfigResource.Type.TOPIC, n))
                      .toList())
              .all()
              .get();
      configs.forEach(
          (r, c) -> assertTrue("2".equals(c.get("min.insync.replicas").value()), r.name()));
    }
  }

  /** China's zone, for "today". */
  private static final class RequestRulesZone {
    static final java.time.ZoneId CHINA = foi.tracker.core.request.RequestRules.CHINA;
  }
}
