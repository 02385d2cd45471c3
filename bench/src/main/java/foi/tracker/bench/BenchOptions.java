package foi.tracker.bench;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bench's command line: {@code --name value} pairs, or {@code --name} alone for {@code true}.
 */
final class BenchOptions {
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
      if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
        opt.put(name, args[++i]);
      } else {
        opt.put(name, "true");
      }
    }
    return new BenchOptions(opt);
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
