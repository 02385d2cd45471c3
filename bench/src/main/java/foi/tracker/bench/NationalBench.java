package foi.tracker.bench;

import java.util.List;
import java.util.Map;

/**
 * The national benchmark (issue 6 §3), one run, one result file. Every service runs as its own JVM
 * (broker, stream processor, dashboard, ingest; then the standalone jar on the same data), so peak
 * RSS is per process.
 *
 * <ol>
 *   <li>load: agencies onto the agency topic and a national year of events onto the event log,
 *       directly, with an idempotent acks=all producer (same keys, serdes and partitioner as the
 *       ingest service);
 *   <li>replay: the processor starts from scratch (dashboard already running); events/s until its
 *       committed offsets reach the end of the log, and the time until the dashboard's national
 *       table equals {@code Recount}; then {@code exact} = every sampled table (country, provinces,
 *       cities, counties, townships; two years; Table 四 too) equals {@code Recount};
 *   <li>ingest: N client threads POST applications and events over HTTP as fast as answered
 *       (acks=all);
 *   <li>freshness: ~1,000 events/s background over HTTP (single calls, then batch calls); probes
 *       POST an application to a quiet township and poll its table3 every 5 ms ({@code
 *       --probe-poll-ms}) until the count moved; a read_committed consumer on the totals changelog
 *       timestamps the Kafka-side moment too;
 *   <li>batch ingest: client threads POST batches to the national root as fast as answered;
 *   <li>reads: sequential table3 GETs for a township, a county subtree, a ~1,000-agency subtree,
 *       the country;
 *   <li>publication: the national root publishes last year; time until the version is readable,
 *       then live and published reads;
 *   <li>memory and disk: VmHWM of each process, du of the broker's log dirs and the Streams state
 *       dir;
 *   <li>recovery: each service stopped or killed and started again on its data, then exact again;
 *   <li>standalone: the one-process jar restarted on the same data: start time, reads, freshness,
 *       RSS.
 * </ol>
 */
public final class NationalBench {
  private NationalBench() {}

  public static void main(final String[] args) throws Exception {
    final BenchOptions options;
    try {
      options = BenchOptions.parse(args);
    } catch (BenchOptions.HelpRequested help) {
      System.out.println(help.getMessage());
      return;
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    final BenchRun b = new BenchRun(options);
    int rc = 0;
    try {
      run(b);
    } catch (Exception | Error e) {
      e.printStackTrace();
      b.result.put("error", e.toString());
      rc = 1;
    } finally {
      b.stopAll();
      b.finish();
    }
    System.exit(rc);
  }

  /** The phases in order; which run is up to the options (bench/run lists them). */
  private static void run(final BenchRun b) throws Exception {
    final int agencies = b.opt.intOpt("agencies", 40_000);
    final int applications = b.opt.intOpt("applications", 1_000_000);
    final long seed = Long.parseLong(b.opt.getOrDefault("seed", "20261201"));
    b.result.put("cores", Runtime.getRuntime().availableProcessors());
    b.result.put("agencies", agencies);
    b.result.put("applications", applications);
    b.result.put("partitions", b.partitions);
    b.result.put("today", b.today.toString());
    b.result.put("machine", BenchRun.machine());
    b.result.put("dataDir", b.dataDir.toString());
    b.result.put("logDir", b.logDir.toString());
    b.load("start");
    b.tree = Hierarchy.national(agencies);
    b.year = new NationalYear(b.tree, applications, seed, b.today);
    b.result.put(
        "hierarchy",
        Map.of(
            "provinces",
            b.tree.count(Hierarchy.PROVINCE),
            "cities",
            b.tree.count(Hierarchy.CITY),
            "counties",
            b.tree.count(Hierarchy.COUNTY),
            "townships",
            b.tree.count(Hierarchy.TOWNSHIP)));

    final LoadPhase load = new LoadPhase(b);
    load.startBroker();
    load.loadEventLog();
    if (b.opt.containsKey("floor")) {
      final String stages = b.opt.get("floor");
      new FloorPhase(b).floor(stages.equals("true") ? FloorApp.STAGES : List.of(stages.split(",")));
    }
    if (b.opt.containsKey("floor-only")) {
      return;
    }
    new ReplayPhase(b).replay();
    if (!b.opt.containsKey("skip-ingest")) {
      final IngestPhase ingest = new IngestPhase(b);
      ingest.startIngest();
      if (!b.opt.containsKey("skip-saturation")) {
        ingest.ingestSaturation();
      }
      final FreshnessPhase freshness = new FreshnessPhase(b);
      freshness.freshness("freshness", b.dashboardUrl, b.ingestUrl, b.opt.intOpt("probes", 200));
      if (b.opt.intOpt("background-batch-cycles", 25) > 0) {
        // the same 1,000 events/s through batch calls: the pipeline's latency without the single
        // calls' CPU
        freshness.freshness(
            "freshnessBatchBackground",
            b.dashboardUrl,
            b.ingestUrl,
            b.opt.intOpt("probes", 200),
            b.opt.intOpt("background-batch-cycles", 25));
      }
      // after freshness: a batch burst leaves the processor's RocksDB compactions and the broker's
      // log cleaner
      // working for a while, which would lengthen the freshness tail (its p95 more than doubled
      // when batches came first)
      if (!b.opt.containsKey("skip-batch")) {
        ingest.ingestBatches();
      }
    }
    new ReadsPhase(b).reads("reads", b.dashboardUrl, b.opt.intOpt("reads", 2000));
    if (!b.opt.containsKey("skip-cost")) {
      new ExportAndCompliancePhase(b).exportAndCompliance();
    }
    if (!b.opt.containsKey("skip-ingest") && !b.opt.containsKey("skip-publication")) {
      new PublicationPhase(b).publication(b.dashboardUrl, b.ingestUrl, b.opt.intOpt("reads", 2000));
    }
    b.result.put("exactAfterLiveIngest", b.check.awaitExact(b.dashboardUrl));
    new MemoryAndDiskPhase(b).memoryAndDisk();
    if (!b.opt.containsKey("skip-recovery") && !b.opt.containsKey("skip-ingest")) {
      new RecoveryPhase(b).recovery();
    }
    b.stopAll();
    if (!b.opt.containsKey("skip-standalone")) {
      final String first =
          b.opt.getOrDefault("standalone-flags", "-Xmx1g -XX:+ExitOnOutOfMemoryError");
      final StandalonePhase standalone = new StandalonePhase(b);
      try {
        standalone.standalone(first);
      } catch (Exception e) {
        b.stopAll();
        b.result.put(
            "standaloneFailed",
            Map.of(
                "jvmFlags",
                first,
                "error",
                e.toString(),
                "log",
                b.logDir.resolve("standalone.log").toString()));
        standalone.standalone(
            b.opt.getOrDefault("standalone-retry-flags", "-Xmx3g -XX:+ExitOnOutOfMemoryError"));
      }
    }
  }
}
