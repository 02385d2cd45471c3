package foi.tracker.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Plain Kafka clients for the broker tests: topic creation, produce, and read-to-the-end
 * consumption.
 */
final class KafkaTestClients {

  private KafkaTestClients() {}

  static Admin admin(final String bootstrap) {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
  }

  static void createTopic(final String bootstrap, final NewTopic topic)
      throws ExecutionException, InterruptedException {
    try (Admin admin = admin(bootstrap)) {
      admin.createTopics(List.of(topic)).all().get();
    }
  }

  static KafkaProducer<String, String> transactionalProducer(final String bootstrap) {
    final Properties p = producerProps(bootstrap);
    p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "tx-" + UUID.randomUUID());
    final KafkaProducer<String, String> producer = new KafkaProducer<>(p);
    producer.initTransactions();
    return producer;
  }

  static KafkaProducer<String, String> producer(final String bootstrap) {
    return new KafkaProducer<>(producerProps(bootstrap));
  }

  private static Properties producerProps(final String bootstrap) {
    final Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    return p;
  }

  /** Sends {@code count} records {@code prefix-i} synchronously. */
  static void send(
      final KafkaProducer<String, String> producer,
      final String topic,
      final String prefix,
      final int count)
      throws ExecutionException, InterruptedException {
    for (int i = 0; i < count; i++) {
      producer.send(new ProducerRecord<>(topic, prefix + "-" + i, prefix + "-" + i)).get();
    }
  }

  /**
   * Reads {@code topic} from the beginning with {@code read_committed} until every partition's
   * position reaches its end offset (the last stable offset), so the result is exact, with no
   * waiting for "nothing more".
   */
  static List<String> readAllCommitted(final String bootstrap, final String topic) {
    final Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    final List<String> values = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
      final Set<TopicPartition> partitions =
          consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
              .map(info -> new TopicPartition(topic, info.partition()))
              .collect(Collectors.toSet());
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      final Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
      final Instant deadline = Instant.now().plusSeconds(30);
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        if (Instant.now().isAfter(deadline)) {
          throw new AssertionError(
              "did not reach end offsets " + end + " of " + topic + " in 30 s");
        }
        for (final ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
          values.add(r.value());
        }
      }
    }
    return values;
  }

  static long millisSince(final long nanoStart) {
    return (System.nanoTime() - nanoStart) / 1_000_000;
  }
}
