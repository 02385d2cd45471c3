package foi.tracker.kafka;

import static foi.tracker.kafka.KafkaTestClients.createTopic;
import static foi.tracker.kafka.KafkaTestClients.millisSince;
import static foi.tracker.kafka.KafkaTestClients.readAllCommitted;
import static foi.tracker.kafka.KafkaTestClients.send;
import static foi.tracker.kafka.KafkaTestClients.transactionalProducer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class EmbeddedKafkaIT {

  @Test
  void shouldDeliverOnlyCommittedRecordsWhenReadCommitted() throws Exception {
    final long t0 = System.nanoTime();
    try (EmbeddedKafka kafka = EmbeddedKafka.startTemporary()) {
      System.out.printf(
          "EmbeddedKafkaIT: temporary broker started in %d ms on %s%n",
          millisSince(t0), kafka.bootstrapServers());
      final String bs = kafka.bootstrapServers();
      createTopic(bs, new NewTopic("eos", 3, (short) 1));

      final long tx0 = System.nanoTime();
      try (KafkaProducer<String, String> producer = transactionalProducer(bs)) {
        producer.beginTransaction();
        send(producer, "eos", "committed", 10);
        producer.commitTransaction();
        producer.beginTransaction();
        send(producer, "eos", "aborted", 5);
        producer.abortTransaction();
      }
      final List<String> values = readAllCommitted(bs, "eos");
      System.out.printf(
          "EmbeddedKafkaIT: first transaction + read_committed read in %d ms%n", millisSince(tx0));

      assertEquals(10, values.size(), () -> "committed records: " + values);
      assertEquals(
          IntStream.range(0, 10).mapToObj(i -> "committed-" + i).sorted().toList(),
          values.stream().sorted().toList());
    }
  }

  @Test
  void shouldKeepClusterIdTopicsAndRecordsWhenRestartedOnSameDataDir(@TempDir final Path dir)
      throws Exception {
    final String clusterId;
    final int port;
    final int controllerPort;
    final long t = System.nanoTime();
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dir, 0, 0)) {
      System.out.printf("EmbeddedKafkaIT: broker formatted and started in %d ms%n", millisSince(t));
      port = kafka.port();
      controllerPort = kafka.controllerPort();
      clusterId = kafka.clusterId();
      createTopic(kafka.bootstrapServers(), new NewTopic("kept", 1, (short) 1));
      try (KafkaProducer<String, String> producer =
          transactionalProducer(kafka.bootstrapServers())) {
        producer.beginTransaction();
        send(producer, "kept", "before-stop", 5);
        producer.commitTransaction();
      }

      final long ts = System.nanoTime();
      kafka.stop();
      System.out.printf("EmbeddedKafkaIT: stop() in %d ms%n", millisSince(ts));
      assertFalse(kafka.isRunning());
      final long t0 = System.nanoTime();
      kafka.restart();
      System.out.printf("EmbeddedKafkaIT: restart() on existing data in %d ms%n", millisSince(t0));

      assertEquals("127.0.0.1:" + port, kafka.bootstrapServers());
      assertEquals(clusterId, kafka.clusterId());
      assertEquals(5, readAllCommitted(kafka.bootstrapServers(), "kept").size());
      try (KafkaProducer<String, String> producer =
          transactionalProducer(kafka.bootstrapServers())) {
        producer.beginTransaction();
        send(producer, "kept", "after-restart", 3);
        producer.commitTransaction();
      }
    }
    assertTrue(
        Files.exists(dir.resolve("meta.properties")), "a non-temporary dataDir is kept by close()");

    // A new instance on the same directory (as a second standalone run would do) starts without
    // formatting.
    final long t1 = System.nanoTime();
    try (EmbeddedKafka again = EmbeddedKafka.start(dir, port, controllerPort)) {
      System.out.printf(
          "EmbeddedKafkaIT: new instance on existing data in %d ms%n", millisSince(t1));
      assertEquals(clusterId, again.clusterId());
      try (Admin admin = KafkaTestClients.admin(again.bootstrapServers())) {
        assertTrue(admin.listTopics().names().get().contains("kept"));
      }
      assertEquals(8, readAllCommitted(again.bootstrapServers(), "kept").size());
    }

    // Other ports on the same data (e.g. port 0 in a dev run) are fine: the static quorum names
    // only node 1.
    try (EmbeddedKafka elsewhere = EmbeddedKafka.start(dir, 0, 0)) {
      assertEquals(clusterId, elsewhere.clusterId());
      assertEquals(8, readAllCommitted(elsewhere.bootstrapServers(), "kept").size());
    }
  }

  @Test
  void shouldDeleteTemporaryDataDirWhenClosed() {
    final EmbeddedKafka kafka = EmbeddedKafka.startTemporary();
    final Path dir = kafka.dataDir();
    assertTrue(Files.exists(dir.resolve("meta.properties")));
    kafka.close();
    kafka.close();
    assertFalse(Files.exists(dir));
  }

  @Test
  void shouldLowerKafkaLoggersToWarnWhenStarted() {
    try (EmbeddedKafka kafka = EmbeddedKafka.startTemporary()) {
      for (final String name : QuietLogging.LOGGERS) {
        assertEquals(Level.WARN, ((Logger) LoggerFactory.getLogger(name)).getLevel(), name);
      }
      assertEquals(
          Level.WARN,
          ((Logger) LoggerFactory.getLogger("kafka.server.BrokerServer")).getEffectiveLevel());
    }
  }
}
