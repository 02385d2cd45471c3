package foi.tracker.dashboard;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import foi.tracker.core.view.TopicTail;
import foi.tracker.kafka.EmbeddedKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Against a real broker: while a service rebuilds its views, {@link TopicTail#progress()} (what
 * {@code /health} answers with its 503) says how many of the offsets that were there at start it
 * has read.
 */
@Tag("integration")
class TopicTailProgressIT {
  private static final String TOPIC = "progress-test";
  private static final int RECORDS = 500;

  @Test
  void saysHowFarTheFirstReadIsAndThenThatItCaughtUp() throws Exception {
    try (EmbeddedKafka broker = EmbeddedKafka.startTemporary()) {
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
        admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get();
      }
      try (KafkaProducer<byte[], byte[]> producer =
          new KafkaProducer<>(
              Map.of(
                  ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                  broker.bootstrapServers(),
                  ProducerConfig.ACKS_CONFIG,
                  "all"),
              new ByteArraySerializer(),
              new ByteArraySerializer())) {
        for (int i = 0; i < RECORDS; i++) {
          producer.send(
              new ProducerRecord<>(TOPIC, 0, null, ("r" + i).getBytes(StandardCharsets.UTF_8)));
        }
        producer.flush();
      }
      final CountDownLatch release = new CountDownLatch(1);
      final AtomicInteger handled = new AtomicInteger();
      // one partition, all of it there before the tail starts: 100 records a poll; the handler
      // stops at the 250th
      // record, inside the third poll
      try (TopicTail tail =
          new TopicTail(
                  "progress-test",
                  broker.bootstrapServers(),
                  List.of(TOPIC),
                  r -> {
                    if (handled.incrementAndGet() == 250) {
                      try {
                        release.await();
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                      }
                    }
                  },
                  Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 100))
              .start()) {
        await().atMost(Duration.ofSeconds(30)).until(() -> handled.get() == 250);
        final TopicTail.Progress midway = tail.progress();
        assertFalse(tail.isCaughtUp());
        assertEquals(RECORDS, midway.toRead());
        assertEquals(200, midway.read(), "the two polls handled before the one that is stuck");
        assertEquals(40, midway.percent());
        assertTrue(
            midway.startingHealthBody().contains("\"read\":200,\"toRead\":500,\"percent\":40"),
            midway.startingHealthBody());

        release.countDown();
        assertTrue(tail.awaitCaughtUp(Duration.ofSeconds(30)));
        final TopicTail.Progress done = tail.progress();
        assertEquals(new TopicTail.Progress(RECORDS, RECORDS, done.seconds(), true), done);
        assertEquals(100, done.percent());
        assertEquals(RECORDS, handled.get());
      }
    }
  }
}
