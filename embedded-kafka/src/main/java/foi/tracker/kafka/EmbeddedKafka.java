package foi.tracker.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * An in-process single-node KRaft Kafka broker (roles broker and controller) on 127.0.0.1, ready
 * for exactly-once: every internal topic has replication factor 1 and min.insync.replicas 1.
 *
 * <p>The data directory survives restarts: it is formatted only when it holds no {@code
 * meta.properties}, so a standalone run keeps its cluster id, topics and records. Topics are not
 * auto-created; create them with {@code Admin.createTopics}.
 *
 * <pre>{@code
 * try (EmbeddedKafka kafka = EmbeddedKafka.startTemporary()) {
 *     String bootstrap = kafka.bootstrapServers();
 * }
 * }</pre>
 */
public final class EmbeddedKafka implements AutoCloseable {

  /** The listener host; a literal loopback address avoids localhost resolving to ::1 first. */
  static final String HOST = "127.0.0.1";

  private static final int NODE_ID = 1;

  private final Path dataDir;
  private final int port;
  private final int controllerPort;
  private final boolean temporary;
  private final KraftNode node;
  private boolean closed;

  private EmbeddedKafka(
      final Path dataDir, final int port, final int controllerPort, final boolean temporary) {
    this.dataDir = dataDir;
    this.port = port;
    this.controllerPort = controllerPort;
    this.temporary = temporary;
    this.node = new KraftNode(NODE_ID, dataDir, config(dataDir, port, controllerPort));
  }

  /**
   * Starts a broker on {@code dataDir}, formatting it first if it was never formatted.
   *
   * @param port client port; 0 picks a free one
   * @param controllerPort KRaft controller port; 0 picks a free one
   * @return the running broker; it is registered and unfenced, so clients can use it at once
   */
  public static EmbeddedKafka start(final Path dataDir, final int port, final int controllerPort) {
    return start(dataDir, port, controllerPort, false);
  }

  /**
   * Starts a broker on free ports and a fresh temporary data directory that {@link #close()}
   * deletes.
   */
  public static EmbeddedKafka startTemporary() {
    final Path dir;
    try {
      dir = Files.createTempDirectory("embedded-kafka-");
    } catch (final IOException e) {
      throw new UncheckedIOException("cannot create a temporary dataDir", e);
    }
    return start(dir, 0, 0, true);
  }

  private static EmbeddedKafka start(
      final Path dataDir, final int port, final int controllerPort, final boolean temporary) {
    if (dataDir == null) {
      throw new IllegalArgumentException("dataDir must not be null");
    }
    if (port < 0 || controllerPort < 0) {
      throw new IllegalArgumentException(
          "port and controllerPort must be >= 0, got " + port + " and " + controllerPort);
    }
    QuietLogging.apply();
    final int p = port == 0 ? KraftNode.freePort() : port;
    int cp = controllerPort == 0 ? KraftNode.freePort() : controllerPort;
    while (cp == p) {
      cp = KraftNode.freePort();
    }
    final EmbeddedKafka kafka = new EmbeddedKafka(dataDir.toAbsolutePath(), p, cp, temporary);
    try {
      kafka.node.formatIfNeeded(KraftNode.newClusterId());
      kafka.node.start();
    } catch (final RuntimeException e) {
      if (temporary) {
        KraftNode.deleteRecursively(kafka.dataDir);
      }
      throw e;
    }
    return kafka;
  }

  /**
   * {@code 127.0.0.1:port}, for {@code bootstrap.servers}; stable across {@link #stop()} and {@link
   * #restart()}.
   */
  public String bootstrapServers() {
    return HOST + ":" + port;
  }

  public int port() {
    return port;
  }

  public int controllerPort() {
    return controllerPort;
  }

  public Path dataDir() {
    return dataDir;
  }

  /** The cluster id stored in the data directory; the same after a restart. */
  public String clusterId() {
    return KraftNode.readClusterId(dataDir);
  }

  public boolean isRunning() {
    return node.isRunning();
  }

  /**
   * Shuts the broker down cleanly but keeps its data and ports for {@link #restart()}; idempotent.
   */
  public void stop() {
    node.stop();
  }

  /** Starts the broker again on the same ports and data (stopping it first if it is running). */
  public synchronized void restart() {
    if (closed) {
      throw new IllegalStateException("broker on " + bootstrapServers() + " is closed");
    }
    node.stop();
    node.start();
  }

  /** Shuts the broker down and, if it is temporary, deletes its data directory; idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      node.stop();
    } finally {
      if (temporary) {
        KraftNode.deleteRecursively(dataDir);
      }
    }
  }

  static Map<String, Object> config(final Path dataDir, final int port, final int controllerPort) {
    final Map<String, Object> p = new HashMap<>();
    p.put("process.roles", "broker,controller");
    p.put("node.id", String.valueOf(NODE_ID));
    p.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
    p.put(
        "listeners",
        "PLAINTEXT://"
            + HOST
            + ":"
            + port
            + ","
            + KraftNode.CONTROLLER_LISTENER
            + "://"
            + HOST
            + ":"
            + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + port);
    p.put(
        "listener.security.protocol.map",
        "PLAINTEXT:PLAINTEXT," + KraftNode.CONTROLLER_LISTENER + ":PLAINTEXT");
    p.put("controller.listener.names", KraftNode.CONTROLLER_LISTENER);
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("log.dirs", dataDir.toString());
    p.putAll(internalTopicDefaults(1, 1, 1));
    p.putAll(topicCreationDefaults(1));
    return p;
  }

  /**
   * Settings shared with {@link EmbeddedKafkaCluster}: replication of the internal topics (offsets,
   * transaction state, share-group state) and broker defaults, sized to the number of brokers.
   *
   * <p>The internal topics get {@code partitions} partitions instead of 50: each partition is
   * created (and, for a single node, becomes a coordinator) on first use, and 50 of them cost about
   * a second on the first consumer group or transaction. One partition is enough for one broker;
   * the cluster uses three so coordinators spread.
   */
  static Map<String, Object> internalTopicDefaults(
      final int replicationFactor, final int minInsyncReplicas, final int partitions) {
    final Map<String, Object> p = new HashMap<>();
    p.put("offsets.topic.replication.factor", String.valueOf(replicationFactor));
    p.put("offsets.topic.num.partitions", String.valueOf(partitions));
    p.put("transaction.state.log.replication.factor", String.valueOf(replicationFactor));
    p.put("transaction.state.log.min.isr", String.valueOf(minInsyncReplicas));
    p.put("transaction.state.log.num.partitions", String.valueOf(partitions));
    p.put("share.coordinator.state.topic.replication.factor", String.valueOf(replicationFactor));
    p.put("share.coordinator.state.topic.min.isr", String.valueOf(minInsyncReplicas));
    p.put("share.coordinator.state.topic.num.partitions", String.valueOf(partitions));
    p.put("min.insync.replicas", String.valueOf(minInsyncReplicas));
    p.put("group.initial.rebalance.delay.ms", "0");
    p.put("auto.create.topics.enable", "false");
    return p;
  }

  /**
   * Defaults for topics created without explicit settings. Kafka 4.3 reads them in the controller
   * role and warns ("will be ignored in 5.0") when a broker-only node sets them, so the cluster
   * gives them to its controller only.
   */
  static Map<String, Object> topicCreationDefaults(final int replicationFactor) {
    return Map.of(
        "num.partitions", "1", "default.replication.factor", String.valueOf(replicationFactor));
  }

  /**
   * Runs a broker as its own process: {@code EmbeddedKafka dataDir [port [controllerPort]]}
   * (defaults 9092 and 9093). Prints {@code READY <bootstrap>} on stdout once clients can connect;
   * SIGTERM / Ctrl-C shuts it down cleanly, keeping the data directory.
   */
  public static void main(final String[] args) throws InterruptedException {
    if (args.length < 1 || args.length > 3) {
      System.err.println("usage: EmbeddedKafka dataDir [port [controllerPort]]");
      System.exit(2);
    }
    final Path dataDir = Path.of(args[0]);
    final int port = args.length > 1 ? Integer.parseInt(args[1]) : 9092;
    final int controllerPort = args.length > 2 ? Integer.parseInt(args[2]) : 9093;
    final EmbeddedKafka kafka = start(dataDir, port, controllerPort);
    Runtime.getRuntime().addShutdownHook(new Thread(kafka::close, "embedded-kafka-shutdown"));
    System.out.println("READY " + kafka.bootstrapServers());
    System.out.flush();
    new CountDownLatch(1).await();
  }
}
