package foi.tracker.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;

/**
 * An in-process KRaft cluster of N brokers plus one dedicated controller, for replication and
 * failover tests.
 *
 * <p>Topology: one controller-only node ({@code node.id} {@value #CONTROLLER_NODE_ID}, static
 * quorum of one) and brokers with {@code node.id} 0..N-1. A dedicated controller keeps the metadata
 * quorum up while brokers are stopped and restarted, so {@link #stopBroker(int)} never costs a
 * controller election. Internal topics have replication factor min(3, N) and min.insync.replicas
 * min(2, N); so do topics created without explicit settings. Broker heartbeats are every 500 ms and
 * a broker session expires after 3 s (defaults 2 s / 9 s), so a stopped broker can re-register
 * about 3 s after it stopped. With 3 brokers a topic with RF 3 and min.insync.replicas 2 keeps
 * accepting {@code acks=all} writes with one broker stopped. Everything lives in one temporary
 * directory that {@link #close()} deletes.
 */
public final class EmbeddedKafkaCluster implements AutoCloseable {

  static final int CONTROLLER_NODE_ID = 1000;

  private final Path rootDir;
  private final KraftNode controller;
  private final List<KraftNode> brokers;
  private final List<Integer> brokerPorts;
  private boolean closed;

  private EmbeddedKafkaCluster(
      final Path rootDir,
      final KraftNode controller,
      final List<KraftNode> brokers,
      final List<Integer> brokerPorts) {
    this.rootDir = rootDir;
    this.controller = controller;
    this.brokers = brokers;
    this.brokerPorts = brokerPorts;
  }

  /**
   * Starts the controller, then all brokers in parallel; returns once every broker is registered
   * and unfenced.
   */
  public static EmbeddedKafkaCluster start(final int brokers) {
    if (brokers < 1) {
      throw new IllegalArgumentException("brokers must be >= 1, got " + brokers);
    }
    QuietLogging.apply();
    final Path root;
    try {
      root = Files.createTempDirectory("embedded-kafka-cluster-");
    } catch (final IOException e) {
      throw new UncheckedIOException("cannot create a temporary directory for the cluster", e);
    }
    final int controllerPort = KraftNode.freePort();
    final String voters = CONTROLLER_NODE_ID + "@" + EmbeddedKafka.HOST + ":" + controllerPort;
    final Map<String, Object> shared =
        new HashMap<>(
            EmbeddedKafka.internalTopicDefaults(Math.min(3, brokers), Math.min(2, brokers), 3));
    // A cleanly stopped broker stays registered until its session expires, and until then the
    // controller
    // refuses its re-registration (DUPLICATE_BROKER_REGISTRATION): with the defaults (heartbeat 2
    // s, session
    // 9 s) restartBroker took 8 s. 500 ms / 3 s make it about 2 s and still tolerate a 2.5 s pause.
    shared.put("broker.heartbeat.interval.ms", "500");
    shared.put("broker.session.timeout.ms", "3000");
    shared.put("controller.quorum.voters", voters);
    shared.put("controller.listener.names", KraftNode.CONTROLLER_LISTENER);
    shared.put(
        "listener.security.protocol.map",
        "PLAINTEXT:PLAINTEXT," + KraftNode.CONTROLLER_LISTENER + ":PLAINTEXT");

    final Map<String, Object> controllerConfig = new HashMap<>(shared);
    final Path controllerDir = root.resolve("controller");
    controllerConfig.putAll(EmbeddedKafka.topicCreationDefaults(Math.min(3, brokers)));
    controllerConfig.put("process.roles", "controller");
    controllerConfig.put("node.id", String.valueOf(CONTROLLER_NODE_ID));
    controllerConfig.put(
        "listeners",
        KraftNode.CONTROLLER_LISTENER + "://" + EmbeddedKafka.HOST + ":" + controllerPort);
    controllerConfig.put("log.dirs", controllerDir.toString());
    final KraftNode controller = new KraftNode(CONTROLLER_NODE_ID, controllerDir, controllerConfig);

    final List<KraftNode> brokerNodes = new ArrayList<>();
    final List<Integer> ports = new ArrayList<>();
    for (int i = 0; i < brokers; i++) {
      int port = KraftNode.freePort();
      while (port == controllerPort || ports.contains(port)) {
        port = KraftNode.freePort();
      }
      ports.add(port);
      final Path dir = root.resolve("broker-" + i);
      final Map<String, Object> config = new HashMap<>(shared);
      config.put("process.roles", "broker");
      config.put("node.id", String.valueOf(i));
      config.put("listeners", "PLAINTEXT://" + EmbeddedKafka.HOST + ":" + port);
      config.put("advertised.listeners", "PLAINTEXT://" + EmbeddedKafka.HOST + ":" + port);
      config.put("inter.broker.listener.name", "PLAINTEXT");
      config.put("log.dirs", dir.toString());
      brokerNodes.add(new KraftNode(i, dir, config));
    }

    final EmbeddedKafkaCluster cluster =
        new EmbeddedKafkaCluster(root, controller, List.copyOf(brokerNodes), List.copyOf(ports));
    try {
      final String clusterId = KraftNode.newClusterId();
      controller.formatIfNeeded(clusterId);
      brokerNodes.forEach(b -> b.formatIfNeeded(clusterId));
      controller.start();
      CompletableFuture.allOf(
              brokerNodes.stream()
                  .map(b -> CompletableFuture.runAsync(b::start))
                  .toArray(CompletableFuture[]::new))
          .join();
    } catch (final RuntimeException e) {
      cluster.close();
      throw e instanceof CompletionException && e.getCause() instanceof RuntimeException cause
          ? cause
          : e;
    }
    return cluster;
  }

  /**
   * All brokers' {@code 127.0.0.1:port}, comma-separated (stopped ones included; clients skip
   * them).
   */
  public String bootstrapServers() {
    return brokerPorts.stream()
        .map(p -> EmbeddedKafka.HOST + ":" + p)
        .collect(Collectors.joining(","));
  }

  public int size() {
    return brokers.size();
  }

  /** The {@code node.id} of broker {@code i}; it equals {@code i}. */
  public int brokerId(final int i) {
    return broker(i).nodeId();
  }

  public boolean isBrokerRunning(final int i) {
    return broker(i).isRunning();
  }

  /** Shuts broker {@code i} (0-based) down cleanly, keeping its data and port; idempotent. */
  public void stopBroker(final int i) {
    broker(i).stop();
  }

  /** Starts a stopped broker {@code i} again on its data and port; returns once it is unfenced. */
  public void restartBroker(final int i) {
    final KraftNode b = broker(i);
    b.stop();
    b.start();
  }

  /** Stops the brokers, then the controller, and deletes all data; idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      CompletableFuture.allOf(
              brokers.stream()
                  .map(b -> CompletableFuture.runAsync(b::stop))
                  .toArray(CompletableFuture[]::new))
          .join();
    } finally {
      try {
        controller.stop();
      } finally {
        KraftNode.deleteRecursively(rootDir);
      }
    }
  }

  private KraftNode broker(final int i) {
    if (i < 0 || i >= brokers.size()) {
      throw new IndexOutOfBoundsException(
          "broker index " + i + " not in [0, " + brokers.size() + ")");
    }
    return brokers.get(i);
  }
}
