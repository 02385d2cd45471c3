package foi.tracker.core.config;

import java.nio.file.Path;
import java.util.Map;

/**
 * The environment every service honours (api.md "Starting it"), with defaults for a single-machine
 * run.
 *
 * @param bootstrapServers {@code KAFKA_BOOTSTRAP_SERVERS}; null in the standalone run means "start
 *     the embedded broker"
 * @param partitions {@code TRACKER_PARTITIONS}: partitions of the event log and the tables (the
 *     processor's parallelism)
 * @param replicationFactor {@code TRACKER_REPLICATION_FACTOR}: 1 on one broker, 3 on a cluster
 * @param minInsyncReplicas {@code TRACKER_MIN_INSYNC_REPLICAS}: 1 on one broker, 2 on a cluster
 * @param applicantRefSecret {@code TRACKER_APPLICANT_REF_SECRET}: HMAC key for optional applicant
 *     references
 */
public record TrackerConfig(
    int ingestPort,
    int dashboardPort,
    Path dataDir,
    String adminToken,
    String bootstrapServers,
    int partitions,
    short replicationFactor,
    int minInsyncReplicas,
    String applicantRefSecret) {

  public static TrackerConfig fromEnvironment() {
    return from(System.getenv());
  }

  public static TrackerConfig from(final Map<String, String> env) {
    final int partitions = intOf(env, "TRACKER_PARTITIONS", 6);
    final short rf = (short) intOf(env, "TRACKER_REPLICATION_FACTOR", 1);
    return new TrackerConfig(
        intOf(env, "TRACKER_INGEST_PORT", 8080),
        intOf(env, "TRACKER_DASHBOARD_PORT", 8081),
        Path.of(env.getOrDefault("TRACKER_DATA_DIR", "./data")).toAbsolutePath().normalize(),
        blankToNull(env.get("TRACKER_ADMIN_TOKEN")),
        blankToNull(env.get("KAFKA_BOOTSTRAP_SERVERS")),
        partitions,
        rf,
        intOf(env, "TRACKER_MIN_INSYNC_REPLICAS", rf >= 3 ? 2 : 1),
        blankToNull(env.get("TRACKER_APPLICANT_REF_SECRET")));
  }

  public TrackerConfig withBootstrapServers(final String servers) {
    return new TrackerConfig(
        ingestPort,
        dashboardPort,
        dataDir,
        adminToken,
        servers,
        partitions,
        replicationFactor,
        minInsyncReplicas,
        applicantRefSecret);
  }

  public TrackerConfig withPorts(final int ingest, final int dashboard) {
    return new TrackerConfig(
        ingest,
        dashboard,
        dataDir,
        adminToken,
        bootstrapServers,
        partitions,
        replicationFactor,
        minInsyncReplicas,
        applicantRefSecret);
  }

  public TrackerConfig withDataDir(final Path dir) {
    return new TrackerConfig(
        ingestPort,
        dashboardPort,
        dir,
        adminToken,
        bootstrapServers,
        partitions,
        replicationFactor,
        minInsyncReplicas,
        applicantRefSecret);
  }

  public TrackerConfig withAdminToken(final String token) {
    return new TrackerConfig(
        ingestPort,
        dashboardPort,
        dataDir,
        token,
        bootstrapServers,
        partitions,
        replicationFactor,
        minInsyncReplicas,
        applicantRefSecret);
  }

  private static int intOf(final Map<String, String> env, final String name, final int dflt) {
    final String v = blankToNull(env.get(name));
    if (v == null) {
      return dflt;
    }
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number, got: " + v, e);
    }
  }

  private static String blankToNull(final String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
