package foi.tracker.ingest;

import foi.tracker.core.access.AccessControl;
import foi.tracker.core.access.RecordSigner;
import foi.tracker.core.access.RecordVerifier;
import foi.tracker.core.access.SigningKeyFiles;
import foi.tracker.core.config.TrackerConfig;
import foi.tracker.core.deadline.DeadlineSettings;
import foi.tracker.core.edge.EdgePolicy;
import foi.tracker.core.topic.TopicAdmin;
import foi.tracker.core.topic.Topics;
import foi.tracker.core.view.ProcessorProbe;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Wires and starts the ingest service: producer (acks=all, idempotent), ledger, HTTP server. */
public final class IngestApp implements AutoCloseable {
  /** Producer max.block.ms: how long send() may wait for metadata or buffer space. */
  static final int MAX_BLOCK_MS = 3_000;

  /** Producer request.timeout.ms: one produce request's wait for the broker. */
  static final int REQUEST_TIMEOUT_MS = 4_000;

  /**
   * Producer delivery.timeout.ms: after this a write not acknowledged by all in-sync replicas fails
   * and the desk gets 503 with Retry-After. 10 s is far above a healthy acks=all round trip
   * (milliseconds) and below a clerk's patience.
   */
  static final int DELIVERY_TIMEOUT_MS = 10_000;

  /**
   * Default producer linger.ms of the single calls ({@code TRACKER_INGEST_LINGER_MS}): how long a
   * write waits for others to share its produce request. Each produce request costs the producer's
   * network thread and the broker a fixed amount of CPU (the network thread was ~35 % of this JVM's
   * samples at one event per request); a longer linger adds up to that much latency to every call,
   * and on 2 cores it did not measurably lower the CPU per call.
   */
  static final int DEFAULT_LINGER_MS = 1;

  /**
   * Batch calls written at the same time, one Kafka transaction each (more wait for a free
   * producer).
   */
  static final int BATCH_PRODUCERS = 2;

  private final Producer<String, byte[]> producer;
  private final BatchWriter batches;
  private final IngestLedger ledger;
  private final IngestService service;
  private final ApplicationContext context;
  private final EmbeddedServer server;
  private final ProcessorProbe processor;
  private final io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics producerMetrics;

  private IngestApp(
      final Producer<String, byte[]> producer,
      final BatchWriter batches,
      final IngestLedger ledger,
      final IngestService service,
      final ApplicationContext context,
      final EmbeddedServer server,
      final ProcessorProbe processor,
      final io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics producerMetrics) {
    this.processor = processor;
    this.producerMetrics = producerMetrics;
    this.producer = producer;
    this.service = service;
    this.batches = batches;
    this.ledger = ledger;
    this.context = context;
    this.server = server;
  }

  /**
   * Starts the service; the desk page finds the dashboard at {@code TRACKER_DASHBOARD_URL} or, when
   * unset, on the host it was loaded from at the dashboard port.
   */
  public static IngestApp start(
      final TrackerConfig config, final String adminToken, final Clock clock, final String bindHost)
      throws Exception {
    final String url = System.getenv("TRACKER_DASHBOARD_URL");
    return start(
        config, adminToken, clock, bindHost, url == null || url.isBlank() ? null : url.trim());
  }

  /**
   * As {@link #start(TrackerConfig, String, Clock, String)} with an explicit dashboard URL (null:
   * same host).
   */
  public static IngestApp start(
      final TrackerConfig config,
      final String adminToken,
      final Clock clock,
      final String bindHost,
      final String dashboardUrl)
      throws Exception {
    return start(
        config,
        adminToken,
        clock,
        bindHost,
        dashboardUrl,
        WriteLimits.fromEnvironment(System.getenv()));
  }

  /**
   * As {@link #start(TrackerConfig, String, Clock, String, String)} with explicit batch and quota
   * limits.
   */
  public static IngestApp start(
      final TrackerConfig config,
      final String adminToken,
      final Clock clock,
      final String bindHost,
      final String dashboardUrl,
      final WriteLimits limits)
      throws Exception {
    return start(config, adminToken, clock, bindHost, dashboardUrl, limits, null);
  }

  /**
   * As {@link #start(TrackerConfig, String, Clock, String, String)}, with {@code rebuildHold} run
   * before each record the index is rebuilt from (tests: hold the rebuild to see the service before
   * it is ready; null: none).
   */
  static IngestApp start(
      final TrackerConfig config,
      final String adminToken,
      final Clock clock,
      final String bindHost,
      final String dashboardUrl,
      final Runnable rebuildHold)
      throws Exception {
    return start(
        config,
        adminToken,
        clock,
        bindHost,
        dashboardUrl,
        WriteLimits.fromEnvironment(System.getenv()),
        rebuildHold);
  }

  static IngestApp start(
      final TrackerConfig config,
      final String adminToken,
      final Clock clock,
      final String bindHost,
      final String dashboardUrl,
      final WriteLimits limits,
      final Runnable rebuildHold)
      throws Exception {
    final SigningKeyFiles.Locations keyFiles =
        SigningKeyFiles.Locations.from(System.getenv(), config.dataDir());
    final RecordSigner signer;
    try (Admin admin =
        Admin.create(
            foi.tracker.core.config.KafkaClientSecurity.withBootstrap(config.bootstrapServers()))) {
      TopicAdmin.ensureTopics(
          admin, config.partitions(), config.replicationFactor(), config.minInsyncReplicas());
      signer =
          RecordSigner.loadOrCreate(
              keyFiles,
              admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS),
              () -> RecordResigner.endOffsets(admin));
    }
    // the ingest itself publishes the key set, so it requires signatures from the start
    final RecordVerifier verifier = new RecordVerifier(keyFiles.publicKeys(), true);
    final Properties p = durableProducer(config.bootstrapServers());
    p.put(ProducerConfig.LINGER_MS_CONFIG, lingerMs(System.getenv()));
    // no compression for single writes: a produce request carries one to a few ~300-byte events,
    // which lz4 barely
    // shrinks, while its per-batch set-up cost ~4 % of this JVM's CPU and the broker's
    // decompression to validate
    p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, MAX_BLOCK_MS);
    final Producer<String, byte[]> producer =
        new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    final int partitions = eventPartitions(producer);
    final String instance = java.util.UUID.randomUUID().toString().substring(0, 8);
    final BatchWriter batches =
        new BatchWriter(
            id -> batchProducer(config.bootstrapServers(), id),
            "foi-ingest-batch-" + instance,
            BATCH_PRODUCERS,
            IngestService.WRITE_TIMEOUT_MS); // wait as long as a write
    final AccessControl access = new AccessControl(adminToken);
    final RecordResigner resigner =
        new RecordResigner(config.bootstrapServers(), producer, signer, verifier);
    resigner
        .resign(); // the upgrade's migration: signs what was written before signing began (once;
    // then a no-op)
    final IngestLedger ledger =
        new IngestLedger(config.bootstrapServers(), access, verifier, rebuildHold).start();
    // GET /metrics: the tracker's write counters, the HTTP timer, the producer's own metrics and
    // the JVM's
    final io.micrometer.prometheusmetrics.PrometheusMeterRegistry registry =
        foi.tracker.ops.TrackerMeters.newRegistry("ingest");
    final IngestMetrics metrics = new IngestMetrics(registry);
    final IngestService service =
        new IngestService(
            producer,
            ledger,
            access,
            new EventValidator(config.applicantRefSecret()),
            clock,
            partitions,
            DeadlineSettings.defaults(),
            new DeskConfig(dashboardUrl, config.dashboardPort()),
            batches,
            signer,
            resigner,
            limits,
            metrics);
    final Map<String, Object> props = new HashMap<>();
    props.put("tracker.service", "ingest");
    props.put("micronaut.server.port", config.ingestPort());
    props.put("micronaut.server.host", bindHost);
    props.put("micronaut.application.name", "foi-tracker-ingest");
    // bodies above 64 KiB (a batch: 1 MiB) are refused by BodyReader (413 BODY_TOO_LARGE); above 2
    // MiB the server
    // stops reading
    props.put("micronaut.server.max-request-size", 2 * BatchReader.MAX_BATCH_BYTES);
    // the dashboard page publishes reports through this service (another origin): CORS for the
    // pages' own origins only,
    // without credentials (the token travels in the Authorization header)
    props.put("micronaut.server.cors.enabled", true);
    final List<String> origins =
        EdgePolicy.pageOrigins(dashboardUrl, config.dashboardPort(), System.getenv());
    props.put("micronaut.server.cors.configurations.pages.allowed-origins", origins);
    // what the dashboard page sends here: PUT of a publication, JSON, with the token
    props.put("micronaut.server.cors.configurations.pages.allowed-methods", List.of("PUT"));
    props.put(
        "micronaut.server.cors.configurations.pages.allowed-headers",
        List.of("Authorization", "Content-Type"));
    props.put("micronaut.server.cors.configurations.pages.allow-credentials", false);
    props.put("micronaut.server.cors.configurations.pages.allow-private-network", false);
    props.put("tracker.edge.connect-origins", origins);
    props.put("micronaut.router.static-resources.desk.paths", "classpath:public/desk");
    props.put("micronaut.router.static-resources.desk.mapping", "/**");
    final PublicationService publications =
        new PublicationService(ledger, batches, clock, partitions, new Callers(access, ledger));
    final ProcessorProbe processor = new ProcessorProbe(config.bootstrapServers());
    final io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics producerMetrics =
        new io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics(producer);
    producerMetrics.bindTo(registry);
    io.micrometer.core.instrument.Gauge.builder(
            foi.tracker.ops.TrackerMeters.VIEWS_CAUGHT_UP,
            ledger,
            l -> foi.tracker.ops.TrackerMeters.oneIf(l.isReady()))
        .description("1 once the ledger has read its topics")
        .register(registry);
    publications.metrics = metrics;
    props.put("tracker.openapi", IngestApi.OPENAPI_RESOURCE);
    final ApplicationContext ctx =
        ApplicationContext.builder()
            .properties(props)
            .singletons(service, publications, processor, access, registry)
            .deduceEnvironment(false)
            .banner(false)
            .start();
    final EmbeddedServer server = ctx.getBean(EmbeddedServer.class);
    server.start();
    return new IngestApp(
        producer, batches, ledger, service, ctx, server, processor, producerMetrics);
  }

  /** {@code TRACKER_INGEST_LINGER_MS} (0 to 50), else {@link #DEFAULT_LINGER_MS}. */
  static int lingerMs(final Map<String, String> env) {
    final String v = env.get("TRACKER_INGEST_LINGER_MS");
    if (v == null || v.isBlank()) {
      return DEFAULT_LINGER_MS;
    }
    try {
      final int ms = Integer.parseInt(v.trim());
      if (ms >= 0 && ms <= 50) {
        return ms;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "TRACKER_INGEST_LINGER_MS must be a whole number from 0 to 50, got: " + v);
  }

  /**
   * A transactional producer for batch calls: acks=all and idempotent as the single writes, lz4 (a
   * batch fills real record batches), and a transaction timeout short enough that a batch left open
   * by a crashed instance holds the read_committed readers back for seconds, not the default
   * minute.
   */
  private static Producer<String, byte[]> batchProducer(
      final String bootstrapServers, final String transactionalId) {
    final Properties p = durableProducer(bootstrapServers);
    p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
    p.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 15_000);
    p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, DELIVERY_TIMEOUT_MS);
    return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
  }

  /**
   * What every write of this service needs: acks=all, idempotent, and the timeouts that lead to a
   * 503.
   */
  private static Properties durableProducer(final String bootstrapServers) {
    final Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    foi.tracker.core.config.KafkaClientSecurity.apply(p);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, REQUEST_TIMEOUT_MS);
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, DELIVERY_TIMEOUT_MS);
    return p;
  }

  /**
   * The event log's partition count, once the producer knows it. Right after the topics were
   * created the broker may not know them yet, so this asks again for up to 30 s. The single calls
   * send from the server's event loop, and a send blocks (up to max.block.ms) only while the
   * partitions are unknown, so they are learnt here, before the first call.
   */
  private static int eventPartitions(final Producer<String, byte[]> producer)
      throws InterruptedException {
    final long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
    while (true) {
      try {
        return producer.partitionsFor(Topics.EVENTS.name()).size();
      } catch (org.apache.kafka.common.errors.TimeoutException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(200);
      }
    }
  }

  public int port() {
    return server.getPort();
  }

  /** Token and agency records ignored since start for want of a valid signature. */
  public long refusedSignatures() {
    return ledger.refusedSignatures();
  }

  public boolean isReady() {
    return ledger.isReady();
  }

  /** The desk tokens' write quota, for tests. */
  WriteQuota quota() {
    return service.quota();
  }

  /** Ids claimed by calls in progress (0 once every call has been answered). */
  int claimedIds() {
    return service.claimedIds();
  }

  @Override
  public void close() {
    server.stop();
    context.close();
    service.close();
    ledger.close();
    batches.close();
    producerMetrics.close();
    producer.close(java.time.Duration.ofSeconds(5));
    processor.close();
  }
}
