package foi.tracker.ingest;

import foi.tracker.core.access.RecordSignatures;
import foi.tracker.core.access.RecordSigner;
import foi.tracker.core.access.RecordVerifier;
import foi.tracker.core.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-writes the live records of {@code foi.tokens} and {@code foi.agencies} (the latest accepted
 * record of each key) that are not signed with the current key, with the same key, value and
 * timestamp and the current key's signature: the upgrade's migration (unsigned records written
 * before signing began) and the second half of a key rotation. Records the readers refuse (forged)
 * are never re-signed. Running it again writes nothing.
 */
final class RecordResigner {
  private static final Logger LOG = LoggerFactory.getLogger(RecordResigner.class);
  static final List<String> TOPICS = List.of(Topics.AGENCIES.name(), Topics.TOKENS.name());
  private final String bootstrapServers;
  private final Producer<String, byte[]> producer;
  private final RecordSigner signer;
  private final RecordVerifier verifier;

  RecordResigner(
      final String bootstrapServers,
      final Producer<String, byte[]> producer,
      final RecordSigner signer,
      final RecordVerifier verifier) {
    this.bootstrapServers = bootstrapServers;
    this.producer = producer;
    this.signer = signer;
    this.verifier = verifier;
  }

  /** Re-signs what needs it; returns how many records were re-written per topic. */
  synchronized Map<String, Integer> resign() throws Exception {
    final String keyId = signer.current().keyId();
    final Map<String, Integer> counts = new LinkedHashMap<>();
    final List<Future<RecordMetadata>> sent = new ArrayList<>();
    for (String topic : TOPICS) {
      int n = 0;
      for (ConsumerRecord<byte[], byte[]> r : live(topic)) {
        if (verifier.check(r) == RecordVerifier.Result.SIGNED
            && keyId.equals(RecordSignatures.keyIdOf(r.headers()))) {
          continue;
        }
        final ProducerRecord<String, byte[]> out =
            new ProducerRecord<>(
                topic,
                r.partition(),
                r.timestamp(),
                new String(r.key(), StandardCharsets.UTF_8),
                r.value());
        signer.sign(topic, r.key(), r.value(), out.headers());
        sent.add(producer.send(out));
        n++;
      }
      counts.put(topic, n);
    }
    for (Future<RecordMetadata> f : sent) {
      f.get(IngestService.WRITE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
    }
    if (!sent.isEmpty()) {
      LOG.info("re-signed {} records with the key {}: {}", sent.size(), keyId, counts);
    }
    return counts;
  }

  /**
   * The latest accepted record of each key of a topic, in offset order, read from the beginning to
   * the end now.
   */
  private List<ConsumerRecord<byte[], byte[]>> live(final String topic) {
    final Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    foi.tracker.core.config.KafkaClientSecurity.apply(p);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, "ingest-resign-" + UUID.randomUUID());
    try (KafkaConsumer<byte[], byte[]> c =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      final List<TopicPartition> parts =
          c.partitionsFor(topic, Duration.ofSeconds(30)).stream()
              .map(i -> new TopicPartition(topic, i.partition()))
              .toList();
      c.assign(parts);
      c.seekToBeginning(parts);
      final Map<TopicPartition, Long> ends = c.endOffsets(parts);
      final Map<String, ConsumerRecord<byte[], byte[]>> latest = new LinkedHashMap<>();
      final long until = System.nanoTime() + Duration.ofMinutes(2).toNanos();
      while (parts.stream().anyMatch(tp -> c.position(tp) < ends.get(tp))) {
        if (System.nanoTime() > until) {
          throw new IllegalStateException(
              "could not read " + topic + " to its end within 2 minutes");
        }
        for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
          if (r.key() == null) {
            continue;
          }
          final String k = r.partition() + "/" + new String(r.key(), StandardCharsets.UTF_8);
          if (r.value() == null) {
            latest.remove(k);
          } else if (verifier.check(r).accepted()) {
            latest.remove(k); // re-inserted last: offset order
            latest.put(k, r);
          }
        }
      }
      return new ArrayList<>(latest.values());
    }
  }

  /** The end offsets of the signed topics' partitions now (keys {@code topic-partition}). */
  static Map<String, Long> endOffsets(final org.apache.kafka.clients.admin.Admin admin) {
    try {
      final Map<TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> ask = new HashMap<>();
      admin
          .describeTopics(TOPICS)
          .allTopicNames()
          .get(30, TimeUnit.SECONDS)
          .forEach(
              (name, d) ->
                  d.partitions()
                      .forEach(
                          i ->
                              ask.put(
                                  new TopicPartition(name, i.partition()),
                                  org.apache.kafka.clients.admin.OffsetSpec.latest())));
      final Map<String, Long> out = new HashMap<>();
      admin
          .listOffsets(ask)
          .all()
          .get(30, TimeUnit.SECONDS)
          .forEach(
              (tp, info) ->
                  out.put(
                      foi.tracker.core.access.SigningKeyFiles.PublicKeySet.partitionKey(
                          tp.topic(), tp.partition()),
                      info.offset()));
      return out;
    } catch (Exception e) {
      throw new IllegalStateException("could not read the end offsets of " + TOPICS, e);
    }
  }
}
