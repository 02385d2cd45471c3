package foi.tracker.bench;

import static foi.tracker.bench.BenchRun.round;

import foi.tracker.core.agency.Agency;
import foi.tracker.core.event.RequestEvent;
import foi.tracker.core.request.RequestKey;
import foi.tracker.core.sim.GeneratedRequest;
import foi.tracker.core.topic.EventLogPartitioner;
import foi.tracker.core.topic.TopicAdmin;
import foi.tracker.core.topic.Topics;
import foi.tracker.ingest.EventHeaders;
import foi.tracker.kafka.LoopbackPorts;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The broker, then the agencies and a national year of events written straight onto their topics.
 */
final class LoadPhase {
  private final BenchRun b;

  LoadPhase(final BenchRun b) {
    this.b = b;
  }

  void startBroker() throws Exception {
    b.brokerPort = LoopbackPorts.reserve();
    final int controllerPort = LoopbackPorts.reserve();
    final Child broker =
        b.child(
            "broker",
            b.opt.flags("broker-flags", "-Xmx512m"),
            "foi.tracker.kafka.EmbeddedKafka",
            List.of(
                b.dataDir.resolve("kafka").toString(),
                String.valueOf(b.brokerPort),
                String.valueOf(controllerPort)),
            Map.of());
    broker.awaitLog("READY", 60_000);
    b.bootstrap = "127.0.0.1:" + b.brokerPort;
    try (Admin a = b.admin()) {
      TopicAdmin.ensureTopics(a, b.partitions, (short) 1, 1);
    }
  }

  void loadEventLog() throws Exception {
    final Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, b.bootstrap);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
    p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 128L * 1024 * 1024);
    p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    final AtomicReference<Exception> failure = new AtomicReference<>();
    final long t0 = System.nanoTime();
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
      for (int a = 0; a < b.tree.size(); a++) {
        final Agency agency = b.tree.agency(a);
        producer.send(
            new ProducerRecord<>(
                Topics.AGENCIES.name(),
                null,
                agency.agencyId(),
                Topics.AGENCIES.valueSerde().serializer().serialize(null, agency)),
            (m, e) -> {
              if (e != null) {
                failure.compareAndSet(null, e);
              }
            });
      }
      producer.flush();
      final long tAgencies = System.nanoTime();
      while (b.year.hasNext()) {
        final GeneratedRequest r = b.year.next();
        final String key = RequestKey.of(r.agencyId(), r.requestId());
        final int partition = EventLogPartitioner.partitionOf(key, b.partitions);
        for (RequestEvent e : r.events()) {
          producer.send(
              new ProducerRecord<>(
                  Topics.EVENTS.name(),
                  partition,
                  key,
                  Topics.EVENTS.valueSerde().serializer().serialize(null, e),
                  EventHeaders.of(e)),
              (m, ex) -> {
                if (ex != null) {
                  failure.compareAndSet(null, ex);
                }
              });
        }
        if (b.year.generated() % 100_000 == 0) {
          System.out.printf(
              "load: %,d applications, %,d events%n", b.year.generated(), b.year.events());
        }
      }
      producer.flush();
      if (failure.get() != null) {
        throw failure.get();
      }
      final double secs = (System.nanoTime() - t0) / 1e9;
      final Map<String, Object> m = new LinkedHashMap<>();
      m.put("agencySeconds", round((tAgencies - t0) / 1e9));
      m.put("seconds", round(secs));
      m.put(
          "eventsPerSecond", Math.round(b.year.events() / ((System.nanoTime() - tAgencies) / 1e9)));
      m.put(
          "note",
          "generation (LifecycleGenerator + JSON) and an idempotent acks=all producer in one thread");
      b.result.put("load", m);
    }
    b.result.put("events", b.year.events());
    System.out.printf(
        "load: %,d agencies, %,d applications, %,d events written%n",
        b.tree.size(), b.year.generated(), b.year.events());
  }
}
