package foi.tracker.processor;

import foi.tracker.core.event.RequestEvent;
import foi.tracker.core.json.Json;
import foi.tracker.core.request.RequestKey;
import foi.tracker.core.sim.GeneratedRequest;
import foi.tracker.core.sim.Recount;
import foi.tracker.core.table.AgencyTotals;
import foi.tracker.core.table.Table3;
import foi.tracker.core.table.Table3Builder;
import foi.tracker.core.taxonomy.Taxonomy;
import foi.tracker.core.topic.DeadlineAlert;
import foi.tracker.core.topic.EventLogPartitioner;
import foi.tracker.core.topic.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes events to a real broker the way ingest does, and reads back everything on the output
 * topics.
 */
final class BrokerFixture {
  private final String bootstrapServers;
  private final int partitions;

  BrokerFixture(final String bootstrapServers, final int partitions) {
    this.bootstrapServers = bootstrapServers;
    this.partitions = partitions;
  }

  /**
   * Writes the events to the event log in order and fails unless every one is acknowledged. One
   * request in flight: right after the topics are created the first batch to a partition can be
   * refused (NOT_LEADER_OR_FOLLOWER); with more in flight the broker then accepts the later batches
   * and refuses the first one forever (OUT_OF_ORDER_SEQUENCE_NUMBER) until the delivery timeout,
   * and those events were silently missing. With one in flight the refused batch is retried before
   * anything after it is sent.
   */
  void send(final List<RequestEvent> events) throws Exception {
    final Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
    p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    final List<java.util.concurrent.Future<?>> acks = new ArrayList<>();
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
      for (RequestEvent e : events) {
        final String key = RequestKey.of(e.agencyId(), e.requestId());
        acks.add(
            producer.send(
                new ProducerRecord<>(
                    Topics.EVENTS.name(),
                    EventLogPartitioner.partitionOf(key, partitions),
                    key,
                    Json.write(e))));
      }
      producer.flush();
    }
    for (java.util.concurrent.Future<?> ack : acks) {
      ack.get(); // an event not on the log would make every later comparison fail with a timeout
      // instead
    }
  }

  /**
   * Writes raw bytes to the event log on the agency's partition, as a careless hand-written
   * producer might.
   */
  void sendRaw(final String key, final byte[] value) throws Exception {
    final Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
      producer
          .send(
              new ProducerRecord<>(
                  Topics.EVENTS.name(),
                  EventLogPartitioner.partitionOf(key, partitions),
                  key,
                  value))
          .get();
    }
  }

  /**
   * A publication's cut as the ingest writes it: on every partition a marker listing the members
   * that live there (header {@link foi.tracker.core.publication.PublicationCut#HEADER}); returns
   * once all are acknowledged.
   */
  void sendCut(
      final String publisher,
      final int year,
      final int version,
      final String cutId,
      final List<String> members)
      throws Exception {
    final Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
      final List<java.util.concurrent.Future<?>> acks = new ArrayList<>();
      for (int partition = 0; partition < partitions; partition++) {
        final int here = partition;
        final List<foi.tracker.core.publication.PublicationCut.Member> listed =
            members.stream()
                .filter(
                    m -> EventLogPartitioner.partitionOf(RequestKey.of(m, "-"), partitions) == here)
                .map(m -> new foi.tracker.core.publication.PublicationCut.Member(m, m, publisher))
                .toList();
        final ProducerRecord<String, byte[]> r =
            new ProducerRecord<>(
                Topics.EVENTS.name(),
                partition,
                "publication/" + publisher,
                Json.write(
                    new foi.tracker.core.publication.PublicationCut(
                        publisher, year, version, cutId, 0, listed)));
        r.headers()
            .add(
                foi.tracker.core.publication.PublicationCut.HEADER,
                foi.tracker.core.publication.PublicationCut.KIND.getBytes(
                    java.nio.charset.StandardCharsets.UTF_8));
        acks.add(producer.send(r));
      }
      for (java.util.concurrent.Future<?> ack : acks) {
        ack.get();
      }
    }
  }

  /** The frozen parts on {@code foi.published-parts} (read_committed), by their key. */
  Map<String, foi.tracker.core.publication.PublishedPart> parts() {
    final Map<String, foi.tracker.core.publication.PublishedPart> out = new HashMap<>();
    readAll(
        Topics.PUBLISHED_PARTS.name(),
        r ->
            out.put(
                r.key(),
                Topics.PUBLISHED_PARTS
                    .valueSerde()
                    .deserializer()
                    .deserialize(r.topic(), r.value())));
    return out;
  }

  /** Every record on {@code foi.corrections} (read_committed), in order. */
  List<foi.tracker.core.publication.CorrectionEntry> corrections() {
    final List<foi.tracker.core.publication.CorrectionEntry> out = new ArrayList<>();
    readAll(
        Topics.CORRECTIONS.name(),
        r ->
            out.add(
                Topics.CORRECTIONS.valueSerde().deserializer().deserialize(r.topic(), r.value())));
    return out;
  }

  /** Every record on the dead-letter topic. */
  List<foi.tracker.core.topic.DeadLetter> deadLetters() {
    final List<foi.tracker.core.topic.DeadLetter> out = new ArrayList<>();
    readAll(
        Topics.DEAD_LETTERS.name(),
        r -> out.add(Json.read(r.value(), foi.tracker.core.topic.DeadLetter.class)));
    return out;
  }

  /**
   * Every committed record of {@code topic} from the beginning to its end now, in order, to {@code
   * each}.
   */
  private void readAll(
      final String topic, final java.util.function.Consumer<ConsumerRecord<String, byte[]>> each) {
    final Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    try (KafkaConsumer<String, byte[]> c =
        new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
      final List<TopicPartition> parts = new ArrayList<>();
      c.partitionsFor(topic).forEach(i -> parts.add(new TopicPartition(i.topic(), i.partition())));
      c.assign(parts);
      c.seekToBeginning(parts);
      final Map<TopicPartition, Long> end = c.endOffsets(parts);
      final Instant deadline = Instant.now().plusSeconds(20);
      while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp))
          && Instant.now().isBefore(deadline)) {
        c.poll(Duration.ofMillis(200)).forEach(each);
      }
    }
  }

  /** Everything on the output topics right now (read_committed, compacted topics folded by key). */
  static final class Outputs {
    final Map<String, AgencyTotals> totals = new HashMap<>();
    final Map<String, Boolean> requests = new HashMap<>();
    final List<DeadlineAlert> alerts = new ArrayList<>();
    long rejected;

    /** True when every agency's tables for {@code years} equal the oracle's recount. */
    boolean equalOracle(
        final Map<String, List<GeneratedRequest>> byAgency, final int fromYear, final int toYear) {
      for (Map.Entry<String, List<GeneratedRequest>> e : byAgency.entrySet()) {
        final AgencyTotals t = totals.get(e.getKey());
        if (t == null) {
          return false;
        }
        for (int y = fromYear; y <= toYear; y++) {
          final Table3 table = Table3Builder.build(e.getKey(), "agency", y, t.cells());
          final Map<String, long[]> expected = Recount.table3(e.getValue(), y);
          for (Taxonomy.Row row : Taxonomy.get().rows()) {
            if (!Arrays.equals(expected.get(row.code()), table.rows().get(row.code()))) {
              return false;
            }
          }
        }
      }
      return true;
    }
  }

  Outputs outputs() {
    final Outputs out = new Outputs();
    final Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    try (KafkaConsumer<String, byte[]> c =
        new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
      final List<TopicPartition> parts = new ArrayList<>();
      for (String t :
          List.of(
              Topics.AGENCY_TOTALS.name(),
              Topics.REQUESTS.name(),
              Topics.ALERTS.name(),
              Topics.REJECTED.name())) {
        c.partitionsFor(t).forEach(i -> parts.add(new TopicPartition(t, i.partition())));
      }
      c.assign(parts);
      c.seekToBeginning(parts);
      final Map<TopicPartition, Long> end = c.endOffsets(parts);
      final Instant deadline = Instant.now().plusSeconds(20);
      while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp))
          && Instant.now().isBefore(deadline)) {
        for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
          if (r.topic().equals(Topics.AGENCY_TOTALS.name())) {
            out.totals.put(
                r.key(),
                Topics.AGENCY_TOTALS.valueSerde().deserializer().deserialize(r.topic(), r.value()));
          } else if (r.topic().equals(Topics.REQUESTS.name())) {
            out.requests.put(r.key(), Boolean.TRUE);
          } else if (r.topic().equals(Topics.ALERTS.name())) {
            out.alerts.add(Json.read(r.value(), DeadlineAlert.class));
          } else {
            out.rejected++;
          }
        }
      }
    }
    return out;
  }
}
