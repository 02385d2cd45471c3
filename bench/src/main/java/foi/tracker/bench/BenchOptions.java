package foi.tracker.bench;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The bench's command line: {@code --name value} pairs, or {@code --name} alone for {@code true}. A
 * name the bench does not know is refused before anything runs (a misspelt {@code --skip-…} would
 * otherwise start a run of the whole national bench); {@code --help} lists the names.
 */
final class BenchOptions {
  /** Every option some phase reads (bench/README.md says what each does). */
  static final Set<String> KNOWN =
      new TreeSet<>(
          List.of(
              "agencies",
              "applications",
              "background-batch-cycles",
              "background-rate",
              "background-threads",
              "batch-size",
              "batch-threads",
              "batch-warmup",
              "broker-flags",
              "dashboard-flags",
              "data-dir",
              "floor",
              "floor-only",
              "freshness-warmup",
              "ingest-env",
              "ingest-flags",
              "ingest-seconds",
              "ingest-threads",
              "ingest-warmup",
              "keep-data",
              "label",
              "log-dir",
              "partitions",
              "probe-poll-ms",
              "probes",
              "processor-env",
              "processor-flags",
              "profile",
              "reads",
              "recovery-posts",
              "recovery-timeout",
              "replay-timeout",
              "results-dir",
              "seed",
              "skip-batch",
              "skip-cost",
              "skip-ingest",
              "skip-publication",
              "skip-recovery",
              "skip-saturation",
              "skip-standalone",
              "standalone-flags",
              "standalone-jar",
              "standalone-probes",
              "standalone-retry-flags"));

  /** {@code --help}: the caller prints {@link #usage} and runs nothing. */
  static final class HelpRequested extends RuntimeException {
    HelpRequested() {
      super(usage(), null, false, false);
    }
  }

  private final Map<String, String> opt;

  private BenchOptions(final Map<String, String> opt) {
    this.opt = opt;
  }

  static BenchOptions parse(final String[] args) {
    final Map<String, String> opt = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException(
            "unexpected argument " + args[i] + " (options are --name value)");
      }
      final String name = args[i].substring(2);
      if (name.equals("help")) {
        throw new HelpRequested();
      }
      if (!KNOWN.contains(name)) {
        throw new IllegalArgumentException("unknown option --" + name + "\n" + usage());
      }
      if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
        opt.put(name, args[++i]);
      } else {
        opt.put(name, "true");
      }
    }
    return new BenchOptions(opt);
  }

  static String usage() {
    return "usage: ./bench/run [--name value | --switch] ... (bench/README.md says what each does)\n"
        + "options: --"
        + String.join(" --", KNOWN);
  }

  boolean containsKey(final String name) {
    return opt.containsKey(name);
  }

  String get(final String name) {
    return opt.get(name);
  }

  String getOrDefault(final String name, final String dflt) {
    return opt.getOrDefault(name, dflt);
  }

  /** {@code --<name> K=V,K2=V2}: settings for one service's environment. */
  Map<String, String> envOption(final String name) {
    final Map<String, String> env = new HashMap<>();
    for (String kv : getOrDefault(name, "").split(",")) {
      if (kv.contains("=")) {
        env.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
      }
    }
    return env;
  }

  List<String> flags(final String name, final String dflt) {
    return List.of(getOrDefault(name, dflt).trim().split("\\s+"));
  }

  int intOpt(final String name, final int dflt) {
    return Integer.parseInt(getOrDefault(name, String.valueOf(dflt)));
  }
}
