package foi.tracker.processor;

import foi.tracker.core.config.TrackerConfig;
import foi.tracker.core.topic.TopicAdmin;
import foi.tracker.core.topic.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the stream processor ({@link TrackerTopology}) with exactly-once processing against a
 * cluster.
 */
public final class StreamProcessorApp implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StreamProcessorApp.class);

  /**
   * Fixed: it names the store changelogs, which are the tables the dashboard reads ({@link
   * Topics#REQUESTS}).
   */
  public static final String APPLICATION_ID = Topics.PROCESSOR_APPLICATION_ID;

  /**
   * With {@code TRACKER_FETCH_WAIT_MS} above 0, a fetch of the event log waits for this much data
   * or that long, whichever comes first. At a live rate of single calls, Kafka's default (answer as
   * soon as one record is there) has the processor fetch, and run its loop, for every one or two
   * events.
   */
  static final int FETCH_MIN_BYTES = 256 * 1024;

  private final KafkaStreams streams;
  private final HolidayDirectoryLoader holidays;
  private final RestoreProgressLog restores;

  /** The processor's meters ({@link ProcessorMeters}), scraped by {@link ProcessorHttp}. */
  private final io.micrometer.prometheusmetrics.PrometheusMeterRegistry registry;

  private final io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics streamsMetrics;

  private StreamProcessorApp(
      final KafkaStreams streams,
      final HolidayDirectoryLoader holidays,
      final RestoreProgressLog restores,
      final io.micrometer.prometheusmetrics.PrometheusMeterRegistry registry,
      final io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics streamsMetrics) {
    this.streams = streams;
    this.holidays = holidays;
    this.restores = restores;
    this.registry = registry;
    this.streamsMetrics = streamsMetrics;
  }

  /**
   * Creates missing topics, then starts the processor; returns at once (state restores in the
   * background).
   */
  public static StreamProcessorApp start(
      final TrackerConfig config,
      final ProcessorSettings settings,
      final Map<String, Object> overrides)
      throws Exception {
    return start(config, settings, overrides, () -> {});
  }

  /**
   * {@link #start}, with {@code onError} run (on a thread of its own, so that it may stop the JVM:
   * a supervisor then restarts it) when Streams reaches {@code ERROR}, i.e. it stopped for good and
   * its tables no longer move.
   */
  public static StreamProcessorApp start(
      final TrackerConfig config,
      final ProcessorSettings settings,
      final Map<String, Object> overrides,
      final Runnable onError)
      throws Exception {
    try (Admin admin =
        Admin.create(
            foi.tracker.core.config.KafkaClientSecurity.withBootstrap(config.bootstrapServers()))) {
      TopicAdmin.ensureTopics(
          admin, config.partitions(), config.replicationFactor(), config.minInsyncReplicas());
    }
    final Properties p =
        streamsSettings(
            APPLICATION_ID,
            config.bootstrapServers(),
            stateDir(config),
            config.replicationFactor(),
            config.minInsyncReplicas());
    if (overrides.containsKey(StreamsConfig.APPLICATION_ID_CONFIG)) {
      throw new IllegalArgumentException(
          "the processor's application.id is fixed ("
              + APPLICATION_ID
              + "): the dashboard reads its store changelogs by name");
    }
    p.putAll(overrides);
    if (!p.containsKey(StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG))) {
      p.put(
          StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG),
          defaultInstanceId(Path.of(p.get(StreamsConfig.STATE_DIR_CONFIG).toString())));
    }
    final KafkaStreams streams = new KafkaStreams(TrackerTopology.build(settings), p);
    streams.setUncaughtExceptionHandler(
        e -> {
          LOG.error("stream processor stopped on an unexpected error", e);
          return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
    final RestoreProgressLog restores = new RestoreProgressLog();
    streams.setGlobalStateRestoreListener(restores);
    streams.setStateListener(
        (newState, oldState) -> {
          restores.onChange(newState, oldState);
          if (newState == KafkaStreams.State.ERROR) {
            LOG.error(
                "stream processor reached ERROR (from {}): its tables no longer move", oldState);
            final Thread t = new Thread(onError, "processor-error");
            t.setDaemon(false);
            t.start();
          }
        });
    final io.micrometer.prometheusmetrics.PrometheusMeterRegistry registry =
        foi.tracker.ops.TrackerMeters.newRegistry("stream-processor");
    final io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics streamsMetrics =
        ProcessorMeters.bind(registry, streams, config.partitions());
    streams.start();
    final HolidayDirectoryLoader holidays =
        new HolidayDirectoryLoader(config.dataDir().resolve("holidays"), config.bootstrapServers())
            .start(Duration.ofMinutes(1));
    return new StreamProcessorApp(streams, holidays, restores, registry, streamsMetrics);
  }

  /**
   * The processor's Streams settings before the environment's tuning ({@link #tuningFrom}); the
   * bench's floor stages ({@code FloorApp}) run with the same ones.
   */
  public static Properties streamsSettings(
      final String applicationId,
      final String bootstrapServers,
      final Path stateDir,
      final short replicationFactor,
      final int minInsyncReplicas) {
    final Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    foi.tracker.core.config.KafkaClientSecurity.apply(p);
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) replicationFactor);
    p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
    p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
    p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 16L * 1024 * 1024);
    // every task reads one partition of one topic (the event log), so there are no partitions to
    // wait for each
    // other; with the default (0) Streams checks that per record and formats log text it never
    // prints (~4 % of
    // the stream thread in the replay profile)
    p.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, -1L);
    p.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 5);
    p.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");
    p.put(StreamsConfig.topicPrefix("min.insync.replicas"), String.valueOf(minInsyncReplicas));
    p.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbConfig.class);
    return p;
  }

  /**
   * The processor's tuning from the environment, as Streams overrides: {@code
   * TRACKER_STREAM_THREADS} (stream threads, default 1; up to the partition count, worth it only
   * with free cores), {@code TRACKER_ROCKSDB_MB} (off-heap memory shared by all RocksDB stores,
   * default {@link BoundedRocksDbConfig#DEFAULT_TOTAL_BYTES}), {@code TRACKER_COMMIT_INTERVAL_MS}
   * (how often results are committed and published, default 100: shorter is fresher tables at more
   * transactions per second) and {@code TRACKER_FETCH_WAIT_MS} (how long a fetch of the event log
   * may wait for {@link #FETCH_MIN_BYTES} to arrive; unset or 0: Kafka's own, answered as soon as
   * one record is there. A wait lets one fetch, and one loop of the stream thread, take tens of
   * events at a live rate of single calls, which lowers the processor's CPU per event; while it
   * catches up on a backlog the wait only adds delay, so it is off by default and meant for a
   * processor that follows live traffic).
   */
  public static Map<String, Object> tuningFrom(final Map<String, String> env) {
    final Map<String, Object> out = new java.util.HashMap<>();
    final Integer threads = positive(env, "TRACKER_STREAM_THREADS");
    if (threads != null) {
      out.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads);
    }
    final Integer commitMs = positive(env, "TRACKER_COMMIT_INTERVAL_MS");
    if (commitMs != null) {
      out.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitMs);
    }
    final Integer fetchWaitMs = whole(env, "TRACKER_FETCH_WAIT_MS", 0);
    if (fetchWaitMs != null && fetchWaitMs > 0) {
      out.put(
          StreamsConfig.mainConsumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG), fetchWaitMs);
      out.put(
          StreamsConfig.mainConsumerPrefix(ConsumerConfig.FETCH_MIN_BYTES_CONFIG), FETCH_MIN_BYTES);
    }
    final String instanceId = env.get("TRACKER_INSTANCE_ID");
    if (instanceId != null && !instanceId.isBlank()) {
      if (!instanceId.trim().matches("[A-Za-z0-9._-]{1,200}")) {
        throw new IllegalArgumentException(
            "TRACKER_INSTANCE_ID must be 1 to 200 letters, digits, '.', '_' or '-', got: "
                + instanceId);
      }
      out.put(
          StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG),
          instanceId.trim());
    }
    final Integer sessionMs = whole(env, "TRACKER_SESSION_TIMEOUT_MS", 6000);
    if (sessionMs != null) {
      out.put(
          StreamsConfig.mainConsumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), sessionMs);
    }
    final Integer rocksMb = positive(env, "TRACKER_ROCKSDB_MB");
    if (rocksMb != null) {
      out.put(BoundedRocksDbConfig.TOTAL_CONFIG, String.valueOf(rocksMb * 1024L * 1024));
    }
    return out;
  }

  private static Integer positive(final Map<String, String> env, final String name) {
    return whole(env, name, 1);
  }

  private static Integer whole(final Map<String, String> env, final String name, final int min) {
    final String v = env.get(name);
    if (v == null || v.isBlank()) {
      return null;
    }
    try {
      final int n = Integer.parseInt(v.trim());
      if (n >= min) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        name + " must be a whole number of at least " + min + ", got: " + v);
  }

  /**
   * The processor's static group membership id (KIP-345) unless {@code TRACKER_INSTANCE_ID} names
   * one: this host and this state dir, so it is the same after a restart and differs between
   * instances (two cannot share a state dir). A member that comes back under its id within the
   * session timeout gets its partitions back at once, without waiting for the dead one to time out
   * (without a static id, a killed processor's partitions move only once the group's session
   * timeout, 45 s by Kafka's default, has expired).
   */
  static String defaultInstanceId(final Path stateDir) {
    String host;
    try {
      host = java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.net.UnknownHostException e) {
      host = "localhost";
    }
    final String dir = stateDir.toAbsolutePath().normalize().toString();
    return "processor-" + host + "-" + Integer.toHexString(dir.hashCode());
  }

  static Path stateDir(final TrackerConfig config) {
    return config.dataDir().resolve("streams");
  }

  /** RUNNING means the state is restored and records are being processed. */
  /**
   * Stops the JVM with status 70 (EX_SOFTWARE): what a process running the processor does when it
   * reaches ERROR.
   */
  public static void exitOnError() {
    System.err.println("stream processor reached ERROR: exiting so that a supervisor restarts it");
    System.exit(70);
  }

  public boolean isRunning() {
    return streams.state() == KafkaStreams.State.RUNNING;
  }

  /** The latest restoration of the state from the changelogs (none yet: 0 partitions, done). */
  RestoreProgressLog.Summary lastRestore() {
    return restores.summary();
  }

  /**
   * Records read from the store changelogs since this instance started, over all its restorations.
   */
  long recordsRestoredSinceStart() {
    return restores.recordsRestoredSinceStart();
  }

  public KafkaStreams.State state() {
    return streams.state();
  }

  public KafkaStreams streams() {
    return streams;
  }

  /** The processor's meters, for {@code GET /metrics}. */
  public io.micrometer.prometheusmetrics.PrometheusMeterRegistry registry() {
    return registry;
  }

  /**
   * Stops and leaves the group at once, so another instance takes over the partitions without
   * waiting for the session to time out.
   */
  @Override
  public void close() {
    holidays.close();
    streamsMetrics.close();
    streams.close(
        CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
            .withTimeout(Duration.ofSeconds(30)));
  }
}
