package foi.tracker.core.view;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads whole topics from the beginning and then follows them, handing each record to a handler on
 * one thread: the way the services build their in-memory views from Kafka (a restart rebuilds them;
 * no other store). Reports when it has caught up with the end offsets it saw at start, so {@code
 * /health} can wait for it. Reads committed data only.
 */
public final class TopicTail implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TopicTail.class);

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final List<String> topics;
  private final Consumer<ConsumerRecord<byte[], byte[]>> handler;
  private final CountDownLatch caughtUp = new CountDownLatch(1);
  private final Thread thread;
  private final String name;
  private volatile boolean running = true;
  private volatile Throwable failure;
  private volatile Progress progress = new Progress(0, 0, 0, false);
  private volatile long startNs;

  /**
   * Each partition's position after the last poll (published by the reader thread for
   * read-your-writes checks).
   */
  private volatile Map<TopicPartition, Long> positions = Map.of();

  /**
   * How far the first read is (for {@code /health} while a service rebuilds its views): offsets
   * passed of those that were in the topics when it started, and the seconds since it started.
   * After the catch-up it stays at the figures of the moment it caught up.
   */
  public record Progress(long read, long toRead, double seconds, boolean caughtUp) {
    /**
     * Whole percent of {@link #toRead} read; 100 once caught up, 0 before the end offsets are
     * known.
     */
    public int percent() {
      if (caughtUp) {
        return 100;
      }
      return toRead <= 0 ? 0 : (int) Math.min(99, read * 100 / toRead);
    }

    /**
     * From each partition's first offset, end offset at start and current position (past the end
     * counts as end); caught up when every partition's position has reached its end at start, i.e.
     * all of {@code toRead} is read.
     */
    static Progress of(
        final Map<TopicPartition, Long> beginnings,
        final Map<TopicPartition, Long> ends,
        final java.util.function.ToLongFunction<TopicPartition> position,
        final double seconds) {
      long read = 0;
      long toRead = 0;
      for (Map.Entry<TopicPartition, Long> e : ends.entrySet()) {
        final long begin = beginnings.getOrDefault(e.getKey(), 0L);
        toRead += Math.max(0, e.getValue() - begin);
        read += Math.max(0, Math.min(position.applyAsLong(e.getKey()), e.getValue()) - begin);
      }
      return new Progress(read, toRead, seconds, read == toRead);
    }

    /**
     * The body of a 503 {@code /health} while the first read is not done: {@code
     * {"status":"STARTING","progress":{"read":…,"toRead":…,"percent":…,"seconds":…}}}.
     */
    public String startingHealthBody() {
      final Map<String, Object> p = new java.util.LinkedHashMap<>();
      p.put("read", read);
      p.put("toRead", toRead);
      p.put("percent", percent());
      p.put("seconds", Math.round(seconds * 10) / 10.0);
      try {
        final Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("status", "STARTING");
        body.put("progress", p);
        return foi.tracker.core.json.Json.MAPPER.writeValueAsString(body);
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  public TopicTail(
      final String name,
      final String bootstrapServers,
      final List<String> topics,
      final Consumer<ConsumerRecord<byte[], byte[]>> handler) {
    this(name, bootstrapServers, topics, handler, java.util.Map.of());
  }

  /**
   * The tail's consumer, for binding its own client metrics (Micrometer's {@code
   * KafkaClientMetrics} reads {@code metrics()}, which is safe from any thread); nothing else may
   * be called on it.
   */
  public org.apache.kafka.clients.consumer.Consumer<byte[], byte[]> consumerForMetrics() {
    return consumer;
  }

  /** With consumer settings of its own (e.g. how long a fetch may wait to fill up). */
  public TopicTail(
      final String name,
      final String bootstrapServers,
      final List<String> topics,
      final Consumer<ConsumerRecord<byte[], byte[]>> handler,
      final java.util.Map<String, Object> consumerOverrides) {
    final Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    foi.tracker.core.config.KafkaClientSecurity.apply(p);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, name + "-" + UUID.randomUUID());
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
    p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
    p.putAll(consumerOverrides);
    this.consumer =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    this.topics = List.copyOf(topics);
    this.handler = handler;
    this.name = name;
    this.thread = new Thread(this::run, name + "-tail");
    this.thread.setDaemon(true);
  }

  public TopicTail start() {
    startNs = System.nanoTime();
    thread.start();
    return this;
  }

  private void run() {
    try {
      final List<TopicPartition> parts = new ArrayList<>();
      for (String t : topics) {
        List<PartitionInfo> infos = consumer.partitionsFor(t, Duration.ofSeconds(30));
        while (running && (infos == null || infos.isEmpty())) {
          Thread.sleep(200);
          infos = consumer.partitionsFor(t, Duration.ofSeconds(30));
        }
        infos.forEach(i -> parts.add(new TopicPartition(i.topic(), i.partition())));
      }
      consumer.assign(parts);
      consumer.seekToBeginning(parts);
      final Map<TopicPartition, Long> beginnings = Map.copyOf(consumer.beginningOffsets(parts));
      final Map<TopicPartition, Long> endsAtStart = Map.copyOf(consumer.endOffsets(parts));
      while (running) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          try {
            handler.accept(r);
          } catch (RuntimeException e) {
            LOG.warn(
                "skipping unreadable record {}-{}@{}: {}",
                r.topic(),
                r.partition(),
                r.offset(),
                e.toString());
          }
        }
        final Map<TopicPartition, Long> now = new java.util.HashMap<>(parts.size() * 2);
        for (TopicPartition tp : parts) {
          now.put(tp, consumer.position(tp));
        }
        positions = now;
        if (caughtUp.getCount() > 0) {
          progress = Progress.of(beginnings, endsAtStart, consumer::position, secondsSinceStart());
          if (progress.caughtUp()) {
            LOG.info(
                "{}: read the {} offsets that were in {} at start in {} s",
                name,
                progress.toRead(),
                topics,
                String.format("%.1f", progress.seconds()));
            caughtUp.countDown();
          }
        }
      }
    } catch (WakeupException e) {
      // closing
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      failure = e;
      LOG.error("view reader {} stopped", thread.getName(), e);
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  private double secondsSinceStart() {
    return (System.nanoTime() - startNs) / 1e9;
  }

  /** How far the first read is; see {@link Progress}. */
  public Progress progress() {
    final Progress p = progress;
    return p.caughtUp() ? p : new Progress(p.read(), p.toRead(), secondsSinceStart(), false);
  }

  /**
   * Whether every record before {@code offsets} (partition → offset, e.g. the end offsets of a
   * moment) has been read and handed to the handler.
   */
  public boolean reached(final Map<TopicPartition, Long> offsets) {
    final Map<TopicPartition, Long> at = positions;
    for (Map.Entry<TopicPartition, Long> e : offsets.entrySet()) {
      if (at.getOrDefault(e.getKey(), 0L) < e.getValue()) {
        return false;
      }
    }
    return true;
  }

  /** True once everything present at start has been read. */
  public boolean isCaughtUp() {
    return caughtUp.getCount() == 0 && failure == null;
  }

  public boolean awaitCaughtUp(final Duration timeout) throws InterruptedException {
    return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  public boolean isAlive() {
    return thread.isAlive() && failure == null;
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
