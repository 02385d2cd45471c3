package foi.tracker.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Keeps the root {@code docker-compose.yml} and {@code Dockerfile} provably valid on machines
 * without a Docker engine:
 *
 * <ul>
 *   <li>parses the compose file (YAML anchors and merge keys resolved, duplicate keys rejected) and
 *       checks the deployment invariants: 3 KRaft brokers on apache/kafka 4.3.x with health checks
 *       and a volume each, replication factor 3 / min.insync.replicas 2, 2 stream processors, 2
 *       dashboards, 1+ ingest, every app service bootstrapping from all 3 brokers, health checks,
 *       depends_on, distinct host ports;
 *   <li>runs Debian's docker-compose 1.29.2 ({@code config -q}, which validates against the
 *       file-format schema without an engine) on the file and on a deliberately broken copy,
 *       installing it with apt-get when it is missing and the test runs as root;
 *   <li>checks the Dockerfile's stages, ports and jar.
 * </ul>
 */
class DockerComposeTest {

  private static final String DOCKER_COMPOSE = "/usr/bin/docker-compose";

  /**
   * The apt script's interpreter: a pyenv/venv {@code python3} on the PATH cannot see Debian's
   * modules.
   */
  private static final String SYSTEM_PYTHON = "/usr/bin/python3";

  private static final List<String> BROKERS = List.of("kafka-1", "kafka-2", "kafka-3");
  private static final String PROCESSOR_MAIN = "foi.tracker.processor.StreamProcessorMain";
  private static final String DASHBOARD_MAIN = "foi.tracker.dashboard.DashboardMain";
  private static final String INGEST_MAIN = "foi.tracker.ingest.IngestMain";

  /** The one-shot service that creates the SCRAM users and ACLs. */
  private static final String INIT = "kafka-init";

  private static final Pattern KAFKA_IMAGE = Pattern.compile("apache/kafka:4\\.3\\.\\d+");
  private static final String PROCESSOR_PORT = "8083";
  private static final List<String> MONITORING = List.of("prometheus", "grafana");

  private static Path root;
  private static Path composeFile;
  private static Map<String, Object> compose;
  private static Map<String, Map<String, Object>> services;

  @BeforeAll
  static void load() throws IOException {
    root = findRepoRoot();
    composeFile = root.resolve("docker-compose.yml");
    compose = parseYaml(Files.readString(composeFile, StandardCharsets.UTF_8));
    services = new LinkedHashMap<>();
    map(compose.get("services"), "services")
        .forEach((name, svc) -> services.put(name, map(svc, "services." + name)));
  }

  // ------------------------------------------------------------------------------------------------ brokers

  @Test
  void exactlyThreeKraftBrokersOnApacheKafka43() {
    final Map<String, Map<String, Object>> kafka = kafkaServices();
    assertEquals(
        new TreeSet<>(BROKERS),
        new TreeSet<>(kafka.keySet()),
        "broker services (image apache/kafka*)");
    final Set<String> nodeIds = new HashSet<>();
    final Set<String> clusterIds = new HashSet<>();
    final Set<String> voters = new HashSet<>();
    kafka.forEach(
        (name, svc) -> {
          final String image = str(svc.get("image"));
          assertTrue(
              KAFKA_IMAGE.matcher(image).matches(),
              name + ": image " + image + " is not apache/kafka:4.3.x");
          final Map<String, String> env = env(name);
          final Set<String> roles =
              Set.of(require(env, name, "KAFKA_PROCESS_ROLES").split("\\s*,\\s*"));
          assertEquals(
              Set.of("broker", "controller"), roles, name + ": KRaft combined broker+controller");
          nodeIds.add(require(env, name, "KAFKA_NODE_ID"));
          clusterIds.add(require(env, name, "CLUSTER_ID"));
          voters.add(require(env, name, "KAFKA_CONTROLLER_QUORUM_VOTERS"));
          assertTrue(
              require(env, name, "KAFKA_ADVERTISED_LISTENERS").contains("//" + name + ":9092"),
              name + ": advertises itself on " + name + ":9092");
          require(env, name, "KAFKA_LISTENERS");
          require(env, name, "KAFKA_CONTROLLER_LISTENER_NAMES");
        });
    assertEquals(Set.of("1", "2", "3"), nodeIds, "distinct node ids");
    assertEquals(1, clusterIds.size(), "one CLUSTER_ID for all brokers");
    assertEquals(1, voters.size(), "one controller quorum for all brokers");
    final String quorum = voters.iterator().next();
    for (int i = 1; i <= 3; i++) {
      assertTrue(
          Arrays.asList(quorum.split(",")).contains(i + "@kafka-" + i + ":9093"),
          "quorum voters " + quorum + " include " + i + "@kafka-" + i + ":9093");
    }
  }

  @Test
  void eachBrokerHasAHealthcheckAndItsOwnNamedVolume() {
    final Map<String, Object> declaredVolumes = map(compose.get("volumes"), "volumes");
    final Set<String> used = new HashSet<>();
    kafkaServices()
        .forEach(
            (name, svc) -> {
              final String test = healthcheckTest(name);
              assertTrue(
                  test.contains("/opt/kafka/bin/kafka-broker-api-versions.sh"),
                  name + ": healthcheck " + test);
              final String logDirs = require(env(name), name, "KAFKA_LOG_DIRS");
              final List<String> vols =
                  list(svc.get("volumes"), name + ".volumes").stream()
                      .map(DockerComposeTest::str)
                      .toList();
              final String volume =
                  vols.stream()
                      .filter(v -> v.split(":").length >= 2 && logDirs.equals(v.split(":")[1]))
                      .map(v -> v.split(":")[0])
                      .findFirst()
                      .orElseThrow(
                          () ->
                              new AssertionError(
                                  name
                                      + ": no volume mounted at KAFKA_LOG_DIRS "
                                      + logDirs
                                      + ": "
                                      + vols));
              assertTrue(
                  declaredVolumes.containsKey(volume),
                  name + ": " + volume + " is a named volume declared at the top level");
              assertTrue(
                  used.add(volume), name + ": volume " + volume + " shared with another broker");
            });
  }

  @Test
  void brokersReplicateEveryTopicThreeTimesWithMinIsrTwo() {
    for (final String name : kafkaServices().keySet()) {
      final Map<String, String> env = env(name);
      assertEquals("3", require(env, name, "KAFKA_DEFAULT_REPLICATION_FACTOR"), name);
      assertEquals("2", require(env, name, "KAFKA_MIN_INSYNC_REPLICAS"), name);
      assertEquals("3", require(env, name, "KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR"), name);
      assertEquals("3", require(env, name, "KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR"), name);
      assertEquals("2", require(env, name, "KAFKA_TRANSACTION_STATE_LOG_MIN_ISR"), name);
    }
  }

  // ------------------------------------------------------------------------------------------------ app services

  @Test
  void twoProcessorsTwoDashboardsAndAtLeastOneIngest() {
    assertEquals(
        2,
        appServices(PROCESSOR_MAIN).size(),
        "stream-processor instances: " + appServices(PROCESSOR_MAIN));
    assertEquals(
        2,
        appServices(DASHBOARD_MAIN).size(),
        "dashboard-api instances: " + appServices(DASHBOARD_MAIN));
    assertTrue(appServices(INGEST_MAIN).size() >= 1, "at least one ingest-service instance");
    appServices(PROCESSOR_MAIN).forEach(n -> assertTrue(n.startsWith("stream-processor"), n));
    // static group membership: a restarted processor takes its partitions back under its own id, so
    // the ids must
    // differ (one would fence the other) and must not change when a container is recreated
    assertEquals(
        Set.of("stream-processor-1", "stream-processor-2"),
        appServices(PROCESSOR_MAIN).stream()
            .map(n -> require(env(n), n, "TRACKER_INSTANCE_ID"))
            .collect(java.util.stream.Collectors.toSet()));
    appServices(DASHBOARD_MAIN).forEach(n -> assertTrue(n.startsWith("dashboard-api"), n));
    appServices(INGEST_MAIN).forEach(n -> assertTrue(n.startsWith("ingest-service"), n));
    // Nothing else runs: every service is a broker, one of the three tracker services or the
    // monitoring.
    final Set<String> known = new HashSet<>(kafkaServices().keySet());
    known.add(INIT);
    known.addAll(allAppServices());
    known.addAll(MONITORING);
    assertEquals(
        services.keySet(),
        known,
        "services that are neither brokers, tracker services nor monitoring");
  }

  @Test
  void everyAppServiceBootstrapsFromAllBrokersWithReplicationThreeMinIsrTwo() {
    for (final String name : allAppServices()) {
      final Map<String, String> env = env(name);
      final Set<String> bootstrap =
          Set.of(require(env, name, "KAFKA_BOOTSTRAP_SERVERS").split("\\s*,\\s*"));
      assertEquals(
          Set.of("kafka-1:9092", "kafka-2:9092", "kafka-3:9092"),
          bootstrap,
          name + ": KAFKA_BOOTSTRAP_SERVERS");
      assertEquals("3", require(env, name, "TRACKER_REPLICATION_FACTOR"), name);
      assertEquals("2", require(env, name, "TRACKER_MIN_INSYNC_REPLICAS"), name);
      assertTrue(
          require(env, name, "TRACKER_ADMIN_TOKEN").contains("${TRACKER_ADMIN_TOKEN"),
          name
              + ": the admin token comes from the deployer's environment (same for all instances)");
      final Object build = services.get(name).get("build");
      assertNotNull(build, name + ": built from the root Dockerfile");
    }
  }

  @Test
  void everyAppServiceHasAHealthcheck() {
    for (final String name : appServices(INGEST_MAIN)) {
      final String port = env(name).getOrDefault("TRACKER_INGEST_PORT", "8080");
      assertHttpHealthcheck(name, port);
    }
    for (final String name : appServices(DASHBOARD_MAIN)) {
      final String port = env(name).getOrDefault("TRACKER_DASHBOARD_PORT", "8081");
      assertHttpHealthcheck(name, port);
    }
    for (final String name : appServices(PROCESSOR_MAIN)) {
      // its own small HTTP server: 503 unless Kafka Streams is RUNNING or REBALANCING
      assertHttpHealthcheck(name, env(name).getOrDefault("TRACKER_PROCESSOR_PORT", PROCESSOR_PORT));
      assertEquals(
          "0.0.0.0",
          env(name).get("TRACKER_PROCESSOR_HOST"),
          name + ": /metrics reachable by Prometheus in the network (the default is loopback)");
    }
  }

  @Test
  void everyAppServiceDependsOnAllHealthyBrokers() {
    for (final String name : allAppServices()) {
      final Object dependsOn = services.get(name).get("depends_on");
      assertNotNull(dependsOn, name + ": depends_on");
      final Map<String, Object> deps =
          map(dependsOn, name + ".depends_on (long form with conditions)");
      for (final String broker : BROKERS) {
        final Map<String, Object> dep = map(deps.get(broker), name + ".depends_on." + broker);
        assertEquals(
            "service_healthy",
            str(dep.get("condition")),
            name + " waits for " + broker + " to be healthy");
      }
    }
  }

  @Test
  void hostPortsAreDistinct() {
    final Map<String, String> owner = new HashMap<>();
    int published = 0;
    for (final Map.Entry<String, Map<String, Object>> e : services.entrySet()) {
      final Object ports = e.getValue().get("ports");
      if (ports == null) {
        continue;
      }
      for (final Object p : list(ports, e.getKey() + ".ports")) {
        final String host = hostPort(p);
        if (host == null) {
          continue;
        }
        published++;
        final String previous = owner.put(host, e.getKey());
        assertTrue(
            previous == null, "host port " + host + " used by " + previous + " and " + e.getKey());
      }
    }
    assertTrue(published >= 3, "ingest and both dashboards are reachable from the host");
    for (final String name : appServices(DASHBOARD_MAIN)) {
      assertTrue(owner.containsValue(name), name + " publishes a host port");
    }
    for (final String name : appServices(INGEST_MAIN)) {
      assertTrue(owner.containsValue(name), name + " publishes a host port");
    }
  }

  // ------------------------------------------------------------------------------------------------ Kafka security

  @Test
  void everyBrokerListenerIsSaslAndTheAuthorizerDeniesWhatNoAclAllows() {
    for (final String name : BROKERS) {
      final Map<String, String> env = env(name);
      final Map<String, String> protocols = new HashMap<>();
      for (final String m : require(env, name, "KAFKA_LISTENER_SECURITY_PROTOCOL_MAP").split(",")) {
        protocols.put(m.split(":")[0].trim(), m.split(":")[1].trim());
      }
      for (final String l : require(env, name, "KAFKA_LISTENERS").split(",")) {
        final String listener = l.split(":")[0].trim();
        assertTrue(
            protocols.getOrDefault(listener, "").startsWith("SASL_"),
            name + ": listener " + listener + " is " + protocols.get(listener));
      }
      for (final String l : require(env, name, "KAFKA_ADVERTISED_LISTENERS").split(",")) {
        assertTrue(
            protocols.getOrDefault(l.split(":")[0].trim(), "").startsWith("SASL_"),
            name + ": " + l);
      }
      assertTrue(
          require(env, name, "KAFKA_ADVERTISED_LISTENERS").contains("SASL://" + name + ":9092"),
          name + ": the services' listener (9092) is the SASL one");
      assertEquals(
          "SCRAM-SHA-512",
          require(env, name, "KAFKA_LISTENER_NAME_SASL_SASL_ENABLED_MECHANISMS"),
          name);
      assertEquals(
          "org.apache.kafka.metadata.authorizer.StandardAuthorizer",
          require(env, name, "KAFKA_AUTHORIZER_CLASS_NAME"),
          name);
      assertEquals(
          "User:admin", require(env, name, "KAFKA_SUPER_USERS"), name + ": the only super user");
      assertEquals("false", require(env, name, "KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND"), name);
      assertTrue(
          require(env, name, "KAFKA_LISTENER_NAME_BROKER_PLAIN_SASL_JAAS_CONFIG")
              .contains("${KAFKA_ADMIN_PASSWORD"),
          name + ": the admin password comes from the environment");
    }
  }

  @Test
  void eachServiceLogsInAsItsOwnScramUser() {
    final Map<String, String> users =
        Map.of(INGEST_MAIN, "ingest", PROCESSOR_MAIN, "processor", DASHBOARD_MAIN, "dashboard");
    users.forEach(
        (main, user) -> {
          for (final String name : appServices(main)) {
            final Map<String, String> env = env(name);
            assertEquals("SASL_PLAINTEXT", require(env, name, "KAFKA_SECURITY_PROTOCOL"), name);
            assertEquals("SCRAM-SHA-512", require(env, name, "KAFKA_SASL_MECHANISM"), name);
            final String jaas = require(env, name, "KAFKA_SASL_JAAS_CONFIG");
            assertTrue(
                jaas.startsWith("org.apache.kafka.common.security.scram.ScramLoginModule required"),
                jaas);
            assertTrue(
                jaas.contains("username=\"" + user + "\""),
                name + " logs in as " + user + ": " + jaas);
            assertTrue(
                jaas.contains("${KAFKA_" + user.toUpperCase(java.util.Locale.ROOT) + "_PASSWORD:-"),
                name + ": the password from the environment, with a development default");
            final Map<String, Object> deps =
                map(services.get(name).get("depends_on"), name + ".depends_on");
            assertEquals(
                "service_completed_successfully",
                str(map(deps.get(INIT), name + ".depends_on." + INIT).get("condition")),
                name + " starts once the users and ACLs exist");
          }
        });
  }

  @Test
  void theInitServiceCreatesTheUsersAndOnlyTheIngestMayWriteTokensAndAgencies() {
    final String script =
        String.join(
            "\n",
            list(services.get(INIT).get("command"), INIT + ".command").stream()
                .map(Object::toString)
                .toList());
    for (final String user : List.of("ingest", "processor", "dashboard")) {
      assertTrue(
          Pattern.compile(
                  "--entity-name "
                      + user
                      + " --add-config \"SCRAM-SHA-512=\\[password=\\$\\$KAFKA_"
                      + user.toUpperCase(java.util.Locale.ROOT)
                      + "_PASSWORD]\"")
              .matcher(script)
              .find(),
          user + ": " + script);
    }
    for (final String line : script.lines().filter(l -> l.contains("--operation Write")).toList()) {
      if (line.contains("User:dashboard")) {
        fail("the dashboard gets no write access: " + line);
      }
      if (line.contains("--allow-principal User:processor")) {
        assertTrue(
            line.contains("--topic foi. --resource-pattern-type prefixed")
                || line.contains("--transactional-id foi-tracker-processor"),
            line);
      }
      if (line.contains("--allow-principal User:ingest") && line.contains("--topic")) {
        assertTrue(line.contains("foi.tokens") && line.contains("foi.agencies"), line);
      }
    }
    for (final String topic : List.of("foi.tokens", "foi.agencies")) {
      assertTrue(
          script.contains(
              "--deny-principal User:processor --operation Write --topic " + topic + "\n"),
          "the processor's prefixed write access excludes " + topic);
    }
    assertTrue(
        script.contains(
            "--allow-principal User:dashboard --operation Describe --group foi-tracker-processor"),
        "the dashboard reads the processor group's committed offsets");
  }

  @Test
  void theDashboardsRequireSignaturesWithTheIngestsPublicKeys() {
    for (final String name : appServices(INGEST_MAIN)) {
      assertEquals(
          "/signing/record-signing.pub",
          require(env(name), name, "TRACKER_SIGNING_PUBLIC_KEYS_FILE"));
      assertTrue(
          list(services.get(name).get("volumes"), name).contains("signing-public:/signing"), name);
    }
    for (final String name : appServices(DASHBOARD_MAIN)) {
      assertEquals(
          "/signing/record-signing.pub",
          require(env(name), name, "TRACKER_SIGNING_PUBLIC_KEYS_FILE"));
      assertEquals("true", require(env(name), name, "TRACKER_SIGNING_REQUIRED"), name);
      assertTrue(
          list(services.get(name).get("volumes"), name).contains("signing-public:/signing:ro"),
          name + ": the public keys read-only (the private key never leaves the ingest's /data)");
      final Map<String, Object> deps =
          map(services.get(name).get("depends_on"), name + ".depends_on");
      assertEquals(
          "service_healthy",
          str(map(deps.get("ingest-service-1"), name).get("condition")),
          name + " starts once the ingest has published its key");
    }
  }

  // ------------------------------------------------------------------------------------------------ monitoring

  @Test
  void monitoringRunsPinnedOfficialImagesOnLoopbackPorts() {
    assertTrue(
        str(services.get("prometheus").get("image")).matches("prom/prometheus:v\\d+\\.\\d+\\.\\d+"),
        "prometheus: the official image at a pinned version: "
            + services.get("prometheus").get("image"));
    assertTrue(
        str(services.get("grafana").get("image")).matches("grafana/grafana:\\d+\\.\\d+\\.\\d+"),
        "grafana: the official image at a pinned version: " + services.get("grafana").get("image"));
    for (final String name : MONITORING) {
      for (final Object p : list(services.get(name).get("ports"), name + ".ports")) {
        assertTrue(
            String.valueOf(p).startsWith("127.0.0.1:"),
            name + ": host port on loopback only: " + p);
      }
      for (final Object v : list(services.get(name).get("volumes"), name + ".volumes")) {
        final String src = String.valueOf(v).split(":")[0];
        if (src.startsWith("./")) {
          assertTrue(
              Files.exists(root.resolve(src.substring(2))),
              name + " mounts " + src + ", which exists");
        }
      }
    }
  }

  @Test
  void prometheusScrapesExactlyTheTrackerServicesAtTheirPorts() throws IOException {
    final Map<String, Object> prom =
        parseYaml(
            Files.readString(
                root.resolve("deploy/prometheus/prometheus.yml"), StandardCharsets.UTF_8));
    final Map<String, Set<String>> byJob = new HashMap<>();
    for (final Object job : list(prom.get("scrape_configs"), "scrape_configs")) {
      final Map<String, Object> j = map(job, "scrape_config");
      assertEquals("/metrics", str(j.get("metrics_path")), "job " + j.get("job_name"));
      final Set<String> targets = new TreeSet<>();
      for (final Object sc : list(j.get("static_configs"), "static_configs")) {
        list(map(sc, "static_config").get("targets"), "targets")
            .forEach(t -> targets.add(String.valueOf(t)));
      }
      byJob.put(str(j.get("job_name")), targets);
    }
    assertEquals(targetsOf(INGEST_MAIN, "TRACKER_INGEST_PORT", "8080"), byJob.get("ingest"));
    assertEquals(
        targetsOf(DASHBOARD_MAIN, "TRACKER_DASHBOARD_PORT", "8081"), byJob.get("dashboard"));
    assertEquals(
        targetsOf(PROCESSOR_MAIN, "TRACKER_PROCESSOR_PORT", PROCESSOR_PORT),
        byJob.get("stream-processor"));
    assertEquals(Set.of("ingest", "dashboard", "stream-processor"), byJob.keySet());
    for (final Object rules : list(prom.get("rule_files"), "rule_files")) {
      assertTrue(
          str(rules).startsWith("/etc/prometheus/"),
          "rule file mounted into the container: " + rules);
      assertTrue(
          list(services.get("prometheus").get("volumes"), "prometheus.volumes").stream()
              .anyMatch(v -> String.valueOf(v).contains(":" + rules)),
          "prometheus mounts " + rules);
    }
  }

  @Test
  void grafanaDashboardParsesAndUsesOnlyMetricsTheServicesExport() throws IOException {
    final Map<String, Object> dashboard =
        parseYaml(
            Files.readString(
                root.resolve("deploy/grafana/dashboards/foi-tracker.json"),
                StandardCharsets.UTF_8)); // JSON is YAML
    final List<String> exprs = new ArrayList<>();
    for (final Object panel : list(dashboard.get("panels"), "panels")) {
      for (final Object t : list(map(panel, "panel").get("targets"), "targets")) {
        exprs.add(str(map(t, "target").get("expr")));
      }
    }
    assertTrue(
        exprs.size() >= 8,
        "panels for ingest rate and latency, lag, freshness, open requests, errors");
    final Set<String> used = new TreeSet<>();
    exprs.forEach(e -> used.addAll(metricNames(e)));
    assertExported(used, "the Grafana dashboard");
    for (final String needed :
        List.of(
            "foi_tracker_events_written_total",
            "http_server_requests_seconds_bucket",
            "foi_tracker_processor_lag_records",
            "foi_tracker_views_caught_up",
            "foi_tracker_open_requests",
            "foi_tracker_dead_letters_total",
            "foi_tracker_events_refused_total")) {
      assertTrue(used.contains(needed), "the dashboard shows " + needed + ": " + used);
    }
    final Map<String, Object> provider =
        parseYaml(
            Files.readString(
                root.resolve("deploy/grafana/provisioning/dashboards/foi-tracker.yml"),
                StandardCharsets.UTF_8));
    final String path =
        str(
            map(
                    map(list(provider.get("providers"), "providers").get(0), "provider")
                        .get("options"),
                    "options")
                .get("path"));
    assertTrue(
        list(services.get("grafana").get("volumes"), "grafana.volumes").stream()
            .anyMatch(v -> String.valueOf(v).equals("./deploy/grafana/dashboards:" + path + ":ro")),
        "grafana mounts the dashboards where the provider reads them: " + path);
  }

  @Test
  void alertRulesUseOnlyMetricsTheServicesExport() throws IOException {
    final Map<String, Object> alerts =
        parseYaml(
            Files.readString(root.resolve("deploy/prometheus/alerts.yml"), StandardCharsets.UTF_8));
    final Set<String> used = new TreeSet<>();
    final Set<String> names = new TreeSet<>();
    for (final Object g : list(alerts.get("groups"), "groups")) {
      for (final Object r : list(map(g, "group").get("rules"), "rules")) {
        used.addAll(metricNames(str(map(r, "rule").get("expr"))));
        names.add(str(map(r, "rule").get("alert")));
      }
    }
    assertExported(used, "the alert rules");
    assertTrue(
        names.containsAll(
            List.of("ProcessorDown", "ProcessorLagging", "DeadLetters", "OverdueRising")),
        names.toString());
  }

  /**
   * The metric names a PromQL expression reads: identifiers that are no function, keyword or label.
   */
  static Set<String> metricNames(final String expr) {
    String e = expr.replaceAll("\"[^\"]*\"", "\"\"");
    e = e.replaceAll("\\{[^}]*}", " ").replaceAll("\\[[^]]*]", " ");
    e = e.replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
    final Set<String> out = new TreeSet<>();
    final Matcher m = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*(?=\\s*(\\()?)").matcher(e);
    while (m.find()) {
      final String word = m.group();
      if (m.group(1) != null
          || Set.of("and", "or", "unless", "offset", "bool", "by", "without").contains(word)
          || e.substring(0, m.start()).matches("(?s).*\\d$")) {
        continue;
      }
      out.add(word);
    }
    return out;
  }

  @Test
  void metricNamesReadsMetricsNotFunctionsLabelsOrDurations() {
    assertEquals(
        Set.of("http_server_requests_seconds_bucket"),
        metricNames(
            "histogram_quantile(0.95, sum by (le) "
                + "(rate(http_server_requests_seconds_bucket{job=\"ingest\",method=\"POST\"}[5m])))"));
    assertEquals(
        Set.of("foi_tracker_open_requests"),
        metricNames(
            "max(foi_tracker_open_requests{deadline_status="
                + "\"OVERDUE\"}) - max(foi_tracker_open_requests offset 1h) > 0"));
    assertEquals(
        Set.of("up", "made_up_total"), metricNames("up == 0 and on (job) made_up_total > 1e3"));
  }

  private static void assertExported(final Set<String> used, final String where) {
    final Set<String> exported = new TreeSet<>(foi.tracker.ops.TrackerMeters.PROMETHEUS_NAMES);
    exported.add("up"); // Prometheus' own, per target
    final Set<String> unknown = new TreeSet<>(used);
    unknown.removeAll(exported);
    assertEquals(
        Set.of(),
        unknown,
        where + " reads metrics no service exports (TrackerMeters.PROMETHEUS_NAMES)");
  }

  /** "service:port" of the tracker services running this main class. */
  private static Set<String> targetsOf(
      final String mainClass, final String portVariable, final String defaultPort) {
    final Set<String> out = new TreeSet<>();
    for (final String name : appServices(mainClass)) {
      out.add(name + ":" + env(name).getOrDefault(portVariable, defaultPort));
    }
    assertFalse(out.isEmpty(), mainClass);
    return out;
  }

  // ------------------------------------------------------------------------------------------------ docker-compose

  @Test
  void dockerComposeAcceptsTheFile() throws Exception {
    final Result r =
        composeConfig(composeFile, Map.of("TRACKER_ADMIN_TOKEN", "deploy-check-token"));
    assertEquals(
        0, r.exitCode, "docker-compose config -q rejected docker-compose.yml:\n" + r.output);
  }

  @Test
  void dockerComposeRejectsABrokenCopy(@TempDir final Path tmp) throws Exception {
    final String original = Files.readString(composeFile, StandardCharsets.UTF_8);
    final Matcher m = Pattern.compile("(?m)^(\\s+)healthcheck:").matcher(original);
    assertTrue(m.find(), "a healthcheck key to break");
    final String broken =
        original.substring(0, m.start()) + m.group(1) + "healthchek:" + original.substring(m.end());
    final Path copy = tmp.resolve("docker-compose.yml");
    Files.writeString(copy, broken, StandardCharsets.UTF_8);
    final Result r = composeConfig(copy, Map.of("TRACKER_ADMIN_TOKEN", "deploy-check-token"));
    assertNotEquals(
        0,
        r.exitCode,
        "docker-compose config -q accepted a file with a misspelt key:\n" + r.output);
    assertTrue(r.output.contains("healthchek"), "the error names the bad key:\n" + r.output);
  }

  @Test
  void dockerComposeRequiresTheAdminToken() throws Exception {
    final Result r = composeConfig(composeFile, Map.of());
    assertNotEquals(0, r.exitCode, "config must fail without TRACKER_ADMIN_TOKEN:\n" + r.output);
    assertTrue(r.output.contains("TRACKER_ADMIN_TOKEN"), r.output);
  }

  @Test
  void dockerComposeResolvesTheSameServices() throws Exception {
    // What compose itself makes of the file (anchors, merge keys, interpolation) matches what was
    // checked above.
    final Result r =
        runCompose(composeFile, Map.of("TRACKER_ADMIN_TOKEN", "deploy-check-token"), "config");
    assertEquals(0, r.exitCode, r.output);
    final Map<String, Object> resolved = parseYaml(r.stdout);
    final Map<String, Object> resolvedServices = map(resolved.get("services"), "resolved services");
    assertEquals(services.keySet(), resolvedServices.keySet());
    for (final String name : allAppServices()) {
      final Map<String, String> env =
          envOf(map(resolvedServices.get(name), name).get("environment"), name);
      assertEquals(env(name).get("MAIN_CLASS"), env.get("MAIN_CLASS"), name);
      assertEquals("3", env.get("TRACKER_REPLICATION_FACTOR"), name);
      assertEquals("2", env.get("TRACKER_MIN_INSYNC_REPLICAS"), name);
      assertEquals("deploy-check-token", env.get("TRACKER_ADMIN_TOKEN"), name);
      assertEquals(
          "kafka-1:9092,kafka-2:9092,kafka-3:9092", env.get("KAFKA_BOOTSTRAP_SERVERS"), name);
    }
    for (final String name : BROKERS) {
      final Map<String, String> env =
          envOf(map(resolvedServices.get(name), name).get("environment"), name);
      assertEquals("3", env.get("KAFKA_DEFAULT_REPLICATION_FACTOR"), name);
      assertEquals("2", env.get("KAFKA_MIN_INSYNC_REPLICAS"), name);
    }
  }

  // ------------------------------------------------------------------------------------------------ Dockerfile

  @Test
  void dockerfileBuildsWithMavenAndRunsOnAJre() throws IOException {
    final String dockerfile = Files.readString(root.resolve("Dockerfile"), StandardCharsets.UTF_8);
    final List<String> froms =
        dockerfile
            .lines()
            .map(String::strip)
            .filter(l -> l.regionMatches(true, 0, "FROM ", 0, 5))
            .toList();
    assertTrue(froms.size() >= 2, "multi-stage build: " + froms);
    assertTrue(
        froms.get(0).matches("(?i)FROM\\s+maven:3\\.9-eclipse-temurin-17\\s+AS\\s+\\S+"),
        "build stage: " + froms.get(0));
    final String buildStage = froms.get(0).replaceAll("(?i).*\\sAS\\s+", "");
    final String runtime = froms.get(froms.size() - 1);
    assertTrue(
        runtime.matches("(?i)FROM\\s+eclipse-temurin:17-jre.*"), "runtime stage: " + runtime);
    assertTrue(
        dockerfile.contains("mvn -B -ntp -DskipTests package"),
        "build stage runs the package command");
    assertTrue(dockerfile.contains("--from=" + buildStage), "runtime copies from the build stage");
    assertTrue(
        dockerfile.contains("standalone/target/tracker-standalone.jar"),
        "copies the standalone jar");
    assertTrue(dockerfile.contains("standalone/target/lib/"), "copies the dependency jars");
    assertTrue(dockerfile.contains("MAIN_CLASS"), "MAIN_CLASS selects the service");
    final Set<String> exposed =
        dockerfile
            .lines()
            .map(String::strip)
            .filter(l -> l.regionMatches(true, 0, "EXPOSE ", 0, 7))
            .flatMap(l -> Arrays.stream(l.substring(7).trim().split("\\s+")))
            .collect(Collectors.toSet());
    assertTrue(exposed.containsAll(Set.of("8080", "8081")), "EXPOSE 8080 8081: " + exposed);
    final List<String> users =
        dockerfile
            .lines()
            .map(String::strip)
            .filter(l -> l.regionMatches(true, 0, "USER ", 0, 5))
            .toList();
    assertFalse(users.isEmpty(), "runs as a non-root user");
    final String user = users.get(users.size() - 1).substring(5).trim();
    assertFalse(
        user.equals("root") || user.equals("0") || user.startsWith("0:"),
        "final USER is not root: " + user);
    assertTrue(dockerfile.contains("TRACKER_DATA_DIR=/data"), "data dir /data");
    assertTrue(dockerfile.matches("(?s).*\\nVOLUME\\s+\\[?\"?/data.*"), "/data is a volume");
    final String dockerignore =
        Files.readString(root.resolve(".dockerignore"), StandardCharsets.UTF_8);
    final List<String> ignored = dockerignore.lines().map(String::strip).toList();
    assertTrue(
        ignored.contains(".git")
            && ignored.contains("data/")
            && ignored.stream().anyMatch(l -> l.contains("target")),
        ".dockerignore keeps .git, data/ and target/ out: " + ignored);
  }

  // ------------------------------------------------------------------------------------------------ helpers

  private static void assertHttpHealthcheck(final String name, final String port) {
    final String test = healthcheckTest(name);
    assertTrue(
        test.contains("localhost:" + port + "/health")
            || test.contains("127.0.0.1:" + port + "/health"),
        name + ": healthcheck GETs /health on its port " + port + ": " + test);
    assertTrue(
        test.contains("curl -f") || test.contains("wget"),
        name + ": healthcheck fails on HTTP errors: " + test);
  }

  private static String healthcheckTest(final String name) {
    final Object hc = services.get(name).get("healthcheck");
    assertNotNull(hc, name + ": healthcheck");
    final Map<String, Object> healthcheck = map(hc, name + ".healthcheck");
    assertFalse(Boolean.TRUE.equals(healthcheck.get("disable")), name + ": healthcheck disabled");
    final Object test = healthcheck.get("test");
    assertNotNull(test, name + ": healthcheck.test");
    if (test instanceof List<?> l) {
      assertFalse(l.isEmpty() || "NONE".equals(str(l.get(0))), name + ": healthcheck.test is NONE");
      return l.stream().map(DockerComposeTest::str).collect(Collectors.joining(" "));
    }
    return str(test);
  }

  private static Map<String, Map<String, Object>> kafkaServices() {
    final Map<String, Map<String, Object>> out = new LinkedHashMap<>();
    services.forEach(
        (name, svc) -> {
          if (str(svc.get("image")).startsWith("apache/kafka") && !INIT.equals(name)) {
            out.put(name, svc);
          }
        });
    return out;
  }

  private static List<String> allAppServices() {
    final List<String> out = new ArrayList<>();
    out.addAll(appServices(INGEST_MAIN));
    out.addAll(appServices(PROCESSOR_MAIN));
    out.addAll(appServices(DASHBOARD_MAIN));
    return out;
  }

  /** Services running the given main class (MAIN_CLASS env, or the command naming it). */
  private static List<String> appServices(final String mainClass) {
    final List<String> out = new ArrayList<>();
    services.forEach(
        (name, svc) -> {
          final String command =
              svc.get("command") == null ? "" : String.valueOf(svc.get("command"));
          if (mainClass.equals(env(name).get("MAIN_CLASS")) || command.contains(mainClass)) {
            out.add(name);
          }
        });
    return out;
  }

  private static Map<String, String> env(final String service) {
    return envOf(services.get(service).get("environment"), service);
  }

  /** environment in map form or list ("KEY=value") form. */
  private static Map<String, String> envOf(final Object environment, final String service) {
    final Map<String, String> env = new LinkedHashMap<>();
    if (environment == null) {
      return env;
    }
    if (environment instanceof Map<?, ?> m) {
      m.forEach((k, v) -> env.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
    } else {
      for (final Object o : list(environment, service + ".environment")) {
        final String s = String.valueOf(o);
        final int eq = s.indexOf('=');
        env.put(eq < 0 ? s : s.substring(0, eq), eq < 0 ? "" : s.substring(eq + 1));
      }
    }
    return env;
  }

  private static String require(
      final Map<String, String> env, final String service, final String key) {
    final String v = env.get(key);
    assertTrue(v != null && !v.isBlank(), service + ": environment " + key + " is set");
    return v.strip();
  }

  /**
   * The published host port of a ports entry (short "host:container", "ip:host:container", or long
   * form).
   */
  private static String hostPort(final Object entry) {
    if (entry instanceof Map<?, ?> m) {
      final Object p = m.get("published");
      return p == null ? null : String.valueOf(p);
    }
    final String s = String.valueOf(entry).replaceAll("/(tcp|udp)$", "");
    final String[] parts = s.split(":");
    return parts.length < 2 ? null : parts[parts.length - 2];
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(final Object o, final String what) {
    if (!(o instanceof Map)) {
      fail(what + " is not a mapping: " + o);
    }
    return (Map<String, Object>) o;
  }

  private static List<?> list(final Object o, final String what) {
    if (!(o instanceof List<?> l)) {
      return fail(what + " is not a list: " + o);
    }
    return l;
  }

  private static String str(final Object o) {
    return o == null ? "" : String.valueOf(o);
  }

  private static Map<String, Object> parseYaml(final String text) {
    final LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    final Object doc = new Yaml(new SafeConstructor(options)).load(text);
    return map(doc, "YAML document");
  }

  private static Path findRepoRoot() {
    Path dir = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
    for (Path d = dir; d != null; d = d.getParent()) {
      if (Files.isRegularFile(d.resolve("docker-compose.yml"))
          && Files.isRegularFile(d.resolve("pom.xml"))) {
        return d;
      }
    }
    return fail("no docker-compose.yml found above " + dir);
  }

  // ------------------------------------------------------------------------------------------------ docker-compose runner

  private record Result(int exitCode, String stdout, String output) {}

  private static Result composeConfig(final Path file, final Map<String, String> env)
      throws Exception {
    return runCompose(file, env, "config", "-q");
  }

  private static Result runCompose(
      final Path file, final Map<String, String> env, final String... args) throws Exception {
    ensureDockerCompose();
    final List<String> cmd =
        new ArrayList<>(
            List.of(
                SYSTEM_PYTHON,
                DOCKER_COMPOSE,
                "--project-directory",
                root.toString(),
                "-f",
                file.toString()));
    cmd.addAll(List.of(args));
    final ProcessBuilder pb = new ProcessBuilder(cmd).directory(root.toFile());
    // A known environment: no token or compose settings leaking in from the caller's shell.
    pb.environment()
        .keySet()
        .removeIf(
            k -> k.startsWith("TRACKER_") || k.startsWith("COMPOSE_") || k.startsWith("DOCKER_"));
    pb.environment().putAll(env);
    // Output goes to files, so a hung process cannot block the reader and the timeout really
    // applies.
    final Path out = Files.createTempFile("docker-compose", ".out");
    final Path err = Files.createTempFile("docker-compose", ".err");
    try {
      pb.redirectOutput(out.toFile()).redirectError(err.toFile());
      final Process p = pb.start();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        fail("docker-compose did not finish in 120 s: " + cmd);
      }
      final String stdout = Files.readString(out, StandardCharsets.UTF_8);
      final String stderr = Files.readString(err, StandardCharsets.UTF_8);
      return new Result(p.exitValue(), stdout, stdout + stderr);
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  private static boolean composeChecked;

  /**
   * Installs Debian's docker-compose when it is missing and we are root; fails (never skips) when
   * it cannot.
   */
  private static synchronized void ensureDockerCompose() throws Exception {
    if (composeChecked) {
      return;
    }
    if (!Files.isExecutable(Path.of(SYSTEM_PYTHON))) {
      fail(SYSTEM_PYTHON + " is missing: Debian's docker-compose needs the system Python");
    }
    if (!Files.isRegularFile(Path.of(DOCKER_COMPOSE))) {
      final String uid = run(List.of("id", "-u"), 10).output.strip();
      if (!"0".equals(uid)) {
        fail(
            DOCKER_COMPOSE
                + " is missing and the test is not root (uid "
                + uid
                + "), so it cannot install it: "
                + "run `apt-get install -y docker-compose` (Debian's 1.29.2) and re-run");
      }
      Result install =
          run(
              List.of("apt-get", "install", "-y", "--no-install-recommends", "docker-compose"),
              600);
      if (install.exitCode != 0) {
        final Result update = run(List.of("apt-get", "update"), 600);
        install =
            run(
                List.of("apt-get", "install", "-y", "--no-install-recommends", "docker-compose"),
                600);
        if (install.exitCode != 0) {
          fail(
              "could not install docker-compose with apt-get (update rc="
                  + update.exitCode
                  + "):\n"
                  + update.output
                  + "\n"
                  + install.output);
        }
      }
      if (!Files.isRegularFile(Path.of(DOCKER_COMPOSE))) {
        fail(
            "apt-get installed docker-compose but "
                + DOCKER_COMPOSE
                + " is still missing:\n"
                + install.output);
      }
    }
    final Result version = run(List.of(SYSTEM_PYTHON, DOCKER_COMPOSE, "version", "--short"), 60);
    assertEquals(
        0,
        version.exitCode,
        "docker-compose does not run with " + SYSTEM_PYTHON + ":\n" + version.output);
    composeChecked = true;
  }

  private static Result run(final List<String> cmd, final int timeoutSeconds) throws Exception {
    final ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("DEBIAN_FRONTEND", "noninteractive");
    final Path log = Files.createTempFile("deploy-check", ".log");
    try {
      pb.redirectOutput(log.toFile());
      final Process p = pb.start();
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        fail(
            "timed out after "
                + timeoutSeconds
                + " s: "
                + cmd
                + "\n"
                + Files.readString(log, StandardCharsets.UTF_8));
      }
      final String output = Files.readString(log, StandardCharsets.UTF_8);
      return new Result(p.exitValue(), output, output);
    } finally {
      Files.deleteIfExists(log);
    }
  }
}
