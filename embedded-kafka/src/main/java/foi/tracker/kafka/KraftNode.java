package foi.tracker.kafka;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * One KRaft process (broker, controller or both) over one data directory; restartable on the same
 * config.
 */
final class KraftNode {

  static final String CONTROLLER_LISTENER = "CONTROLLER";
  private static final String META_PROPERTIES = "meta.properties";

  private final int nodeId;
  private final Path dataDir;
  private final Map<String, Object> config;
  private KafkaRaftServer server;

  KraftNode(final int nodeId, final Path dataDir, final Map<String, Object> config) {
    this.nodeId = nodeId;
    this.dataDir = dataDir;
    this.config = Map.copyOf(config);
  }

  /**
   * Formats the data directory unless it already holds a {@code meta.properties}; an existing
   * directory keeps its cluster id, topics and data.
   *
   * @return true if the directory was formatted now
   */
  boolean formatIfNeeded(final String clusterId) {
    if (isFormatted(dataDir)) {
      return false;
    }
    try {
      Files.createDirectories(dataDir);
      new Formatter()
          .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
          .setNodeId(nodeId)
          .setClusterId(clusterId)
          .setControllerListenerName(CONTROLLER_LISTENER)
          .setMetadataLogDirectory(dataDir.toString())
          .addDirectory(dataDir.toString())
          .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
          .run();
      return true;
    } catch (final IOException e) {
      throw new UncheckedIOException("cannot create dataDir " + dataDir, e);
    } catch (final Exception e) {
      throw new IllegalStateException(
          "cannot format dataDir " + dataDir + " for node.id " + nodeId, e);
    }
  }

  /** Starts the node; returns once a broker role is registered and unfenced. */
  synchronized void start() {
    if (server != null) {
      throw new IllegalStateException("node.id " + nodeId + " is already running");
    }
    final KafkaRaftServer s = new KafkaRaftServer(new KafkaConfig(config, false), Time.SYSTEM);
    try {
      s.startup();
    } catch (final RuntimeException e) {
      s.shutdown();
      s.awaitShutdown();
      throw e;
    }
    server = s;
  }

  /** Controlled shutdown; idempotent. */
  synchronized void stop() {
    if (server == null) {
      return;
    }
    try {
      server.shutdown();
      server.awaitShutdown();
    } finally {
      server = null;
    }
  }

  synchronized boolean isRunning() {
    return server != null;
  }

  int nodeId() {
    return nodeId;
  }

  Path dataDir() {
    return dataDir;
  }

  static boolean isFormatted(final Path dataDir) {
    return Files.isRegularFile(dataDir.resolve(META_PROPERTIES));
  }

  /** The cluster id recorded in {@code dataDir/meta.properties}. */
  static String readClusterId(final Path dataDir) {
    final Properties meta = new Properties();
    try (InputStream in = Files.newInputStream(dataDir.resolve(META_PROPERTIES))) {
      meta.load(in);
    } catch (final IOException e) {
      throw new UncheckedIOException("cannot read meta.properties in dataDir " + dataDir, e);
    }
    final String id = meta.getProperty("cluster.id");
    if (id == null) {
      throw new IllegalStateException(
          "meta.properties in dataDir " + dataDir + " has no cluster.id");
    }
    return id;
  }

  static String newClusterId() {
    return Uuid.randomUuid().toString();
  }

  /**
   * A port free right now, for a broker that binds it at once (there is a small race until it does;
   * accepted for tests and dev runs). It stays in the ephemeral range on purpose: a port that a
   * test named with {@link LoopbackPorts} lies outside it, so a broker in a child process cannot
   * take it.
   */
  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (final IOException e) {
      throw new UncheckedIOException("cannot find a free port", e);
    }
  }

  static void deleteRecursively(final Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (final IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }
}
