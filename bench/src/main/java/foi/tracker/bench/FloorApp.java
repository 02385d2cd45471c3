package foi.tracker.bench;

import foi.tracker.core.event.RequestEvent;
import foi.tracker.core.json.Json;
import foi.tracker.core.topic.Topics;
import foi.tracker.processor.StreamProcessorApp;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The framework's floor under the replay (bench/README.md, "The framework's floor"): the event log
 * read from scratch by the least a design with Kafka Streams and per-request state can do per
 * event, one JVM per stage, with the stream processor's own settings (exactly-once v2, one stream
 * thread, 100 ms commits, lz4, the bounded RocksDB memory). The bench times each stage until its
 * group's committed offsets reach the end of the log and takes the CPU of this JVM and the broker,
 * so the figures compare with the processor's in the replay phase.
 *
 * <ul>
 *   <li>{@code consumer}: a plain consumer, read_committed, offsets committed every 100 ms (no
 *       Streams);
 *   <li>{@code noop}: Streams, every record handed to a processor that does nothing;
 *   <li>{@code put}: every record's value put under its key into a persistent, changelogged store
 *       without a cache (what the processor does with a request's state: one RocksDB write and one
 *       changelog record per event);
 *   <li>{@code getput}: the same after reading the key's previous value (the processor reads the
 *       request first);
 *   <li>{@code parse}: {@code getput} plus the event's JSON read into its record, as {@code
 *       parse-events} does;
 *   <li>{@code grouped}: {@code parse} with the store cached (256 MB) and a commit every 30 s
 *       instead of 100 ms, so the writes of a request's events that fall into one commit are
 *       grouped into one (the most a design that groups state updates before they touch the store
 *       and the changelog can gain, at the price of 30 s old tables).
 * </ul>
 *
 * <p>Arguments: stage, bootstrap servers, state dir, group / application id.
 */
public final class FloorApp {
  static final List<String> STAGES =
      List.of("consumer", "noop", "put", "getput", "parse", "grouped");
  private static final String STORE = "floor-store";

  private FloorApp() {}

  public static void main(final String[] args) throws Exception {
    if (args.length != 4 || !STAGES.contains(args[0])) {
      throw new IllegalArgumentException(
          "usage: FloorApp " + String.join("|", STAGES) + " <bootstrap> <state dir> <group id>");
    }
    final String stage = args[0];
    if (stage.equals("consumer")) {
      consume(args[1], args[3]);
    } else {
      stream(stage, args[1], Path.of(args[2]), args[3]);
    }
  }

  private static void consume(final String bootstrap, final String group) {
    final Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, true);
    p.put(ConsumerConfig.AUTO_COMMIT_INTERVAL_MS_CONFIG, 100);
    System.out.println("READY");
    long records = 0;
    long bytes = 0;
    try (KafkaConsumer<String, byte[]> c =
        new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
      c.subscribe(List.of(Topics.EVENTS.name()));
      while (true) {
        for (var r : c.poll(Duration.ofMillis(100))) {
          records++;
          bytes += r.value() == null ? 0 : r.value().length;
        }
        if (records > 0 && records % 1_000_000 < 500) {
          System.out.printf(Locale.ROOT, "consumed %,d records, %,d value bytes%n", records, bytes);
        }
      }
    }
  }

  private static void stream(
      final String stage, final String bootstrap, final Path stateDir, final String appId)
      throws InterruptedException {
    final Topology t = new Topology();
    t.addSource(
        "source",
        Serdes.String().deserializer(),
        Serdes.ByteArray().deserializer(),
        Topics.EVENTS.name());
    t.addProcessor("floor", () -> new FloorProcessor(stage), "source");
    final boolean grouped = stage.equals("grouped");
    if (!stage.equals("noop")) {
      final var store =
          Stores.keyValueStoreBuilder(
              Stores.persistentKeyValueStore(STORE), Serdes.String(), Serdes.ByteArray());
      t.addStateStore(grouped ? store.withCachingEnabled() : store.withCachingDisabled(), "floor");
    }
    // the stream processor's own settings, nothing else (grouped: a long commit and a large cache)
    final Properties p =
        StreamProcessorApp.streamsSettings(appId, bootstrap, stateDir, (short) 1, 1);
    if (grouped) {
      p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 30_000);
      p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 256L * 1024 * 1024);
      p.put(StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG), 60_000);
    }
    final KafkaStreams streams = new KafkaStreams(t, p);
    final CountDownLatch stopped = new CountDownLatch(1);
    streams.setStateListener(
        (now, before) -> {
          if (now == KafkaStreams.State.RUNNING) {
            System.out.println("READY");
          }
          if (now == KafkaStreams.State.ERROR || now == KafkaStreams.State.NOT_RUNNING) {
            stopped.countDown();
          }
        });
    streams.start();
    stopped.await();
  }

  /** What one stage does with each record. */
  static final class FloorProcessor extends ContextualProcessor<String, byte[], Void, Void> {
    private final String stage;
    private KeyValueStore<String, byte[]> store;

    /** Keeps the parsed events' and the read values' work from being optimised away. */
    private long sink;

    FloorProcessor(final String stage) {
      this.stage = stage;
    }

    @Override
    public void init(final ProcessorContext<Void, Void> context) {
      super.init(context);
      if (!stage.equals("noop")) {
        store = context.getStateStore(STORE);
      }
    }

    @Override
    public void process(final Record<String, byte[]> record) {
      switch (stage) {
        case "noop" -> sink += record.key().length();
        case "put" -> store.put(record.key(), record.value());
        case "getput", "parse", "grouped" -> {
          final byte[] before = store.get(record.key());
          sink += before == null ? 0 : before.length;
          if (!stage.equals("getput")) {
            sink += Json.read(record.value(), RequestEvent.class).eventId().length();
          }
          store.put(record.key(), record.value());
        }
        default -> throw new IllegalStateException(stage);
      }
      if (sink == Long.MIN_VALUE) {
        System.out.println(sink);
      }
    }
  }
}
