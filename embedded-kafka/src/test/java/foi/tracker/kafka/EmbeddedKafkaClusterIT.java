package foi.tracker.kafka;

import static foi.tracker.kafka.KafkaTestClients.createTopic;
import static foi.tracker.kafka.KafkaTestClients.millisSince;
import static foi.tracker.kafka.KafkaTestClients.readAllCommitted;
import static foi.tracker.kafka.KafkaTestClients.send;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;

class EmbeddedKafkaClusterIT {

  private static final String TOPIC = "replicated";

  @Test
  void shouldProduceAndConsumeWithAcksAllWhenOneOfThreeBrokersIsStopped() throws Exception {
    final long t0 = System.nanoTime();
    try (EmbeddedKafkaCluster cluster = EmbeddedKafkaCluster.start(3)) {
      System.out.printf(
          "EmbeddedKafkaClusterIT: 1 controller + 3 brokers started in %d ms on %s%n",
          millisSince(t0), cluster.bootstrapServers());
      final String bs = cluster.bootstrapServers();
      createTopic(
          bs, new NewTopic(TOPIC, 3, (short) 3).configs(Map.of("min.insync.replicas", "2")));
      try (KafkaProducer<String, String> producer = KafkaTestClients.producer(bs)) {
        send(producer, TOPIC, "three-up", 10);
      }
      assertEquals(List.of(3, 3, 3), isrSizes(bs));

      final long t1 = System.nanoTime();
      cluster.stopBroker(0);
      System.out.printf("EmbeddedKafkaClusterIT: broker 0 stopped in %d ms%n", millisSince(t1));
      await().atMost(Duration.ofSeconds(30)).until(() -> isrSizes(bs).equals(List.of(2, 2, 2)));

      try (KafkaProducer<String, String> producer = KafkaTestClients.producer(bs)) {
        send(producer, TOPIC, "two-up", 10);
      }
      try (KafkaProducer<String, String> producer = KafkaTestClients.transactionalProducer(bs)) {
        producer.beginTransaction();
        send(producer, TOPIC, "two-up-tx", 4);
        producer.commitTransaction();
      }
      assertEquals(24, readAllCommitted(bs, TOPIC).size());

      final long t2 = System.nanoTime();
      cluster.restartBroker(0);
      System.out.printf("EmbeddedKafkaClusterIT: broker 0 restarted in %d ms%n", millisSince(t2));
      await().atMost(Duration.ofSeconds(30)).until(() -> isrSizes(bs).equals(List.of(3, 3, 3)));
    }
  }

  /** The ISR size of each partition of {@link #TOPIC}, by partition number. */
  private static List<Integer> isrSizes(final String bootstrap) throws Exception {
    try (Admin admin = KafkaTestClients.admin(bootstrap)) {
      final TopicDescription d =
          admin.describeTopics(List.of(TOPIC)).allTopicNames().get().get(TOPIC);
      return d.partitions().stream().map(p -> p.isr().size()).toList();
    }
  }
}
