package foi.tracker.bench;

import static foi.tracker.bench.BenchRun.round;

import foi.tracker.core.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sequential table reads at four scopes, and the first country-wide deadline reads after a start.
 */
final class ReadsPhase {
  private final BenchRun b;

  ReadsPhase(final BenchRun b) {
    this.b = b;
  }

  void reads(final String key, final String dash, final int n) throws Exception {
    final Map<String, Object> m = new LinkedHashMap<>();
    b.result.put(key, m);
    final int y = b.today.getYear();
    int best = b.tree.first(Hierarchy.PROVINCE);
    int bestSize = b.tree.subtreeSize(best);
    for (int a : b.tree.sample(Hierarchy.PROVINCE, 31)) {
      final int s = b.tree.subtreeSize(a);
      if (Math.abs(s - 1000) < Math.abs(bestSize - 1000)) {
        best = a;
        bestSize = s;
      }
    }
    for (int a : b.tree.sample(Hierarchy.CITY, 400)) {
      final int s = b.tree.subtreeSize(a);
      if (Math.abs(s - 1000) < Math.abs(bestSize - 1000)) {
        best = a;
        bestSize = s;
      }
    }
    final int county = b.tree.sample(Hierarchy.COUNTY, 1).get(0);
    final Map<String, String> scopes = new LinkedHashMap<>();
    final List<Integer> towns = b.tree.sample(Hierarchy.TOWNSHIP, 50);
    scopes.put("agency", null);
    scopes.put("county", b.tree.id(county) + "?scope=subtree");
    scopes.put("subtree1000", b.tree.id(best) + "?scope=subtree");
    scopes.put("country", b.tree.id(0) + "?scope=subtree");
    b.load(key + "-start");
    for (Map.Entry<String, String> s : scopes.entrySet()) {
      final Latencies lat = new Latencies();
      for (int i = -n / 4; i < n; i++) {
        final String target =
            s.getValue() != null ? s.getValue() : b.tree.id(towns.get(Math.floorMod(i, 50)));
        final String[] parts = target.split("\\?");
        final String url =
            dash
                + "/api/v1/agencies/"
                + parts[0]
                + "/reports/"
                + y
                + "/table3"
                + (parts.length > 1 ? "?" + parts[1] : "");
        final long t0 = System.nanoTime();
        final Http.Response r = b.http.get(url);
        final long t1 = System.nanoTime();
        if (r.statusCode() != 200) {
          throw new IllegalStateException(url + ": " + r.statusCode());
        }
        if (i >= 0) {
          lat.add(t1 - t0);
        }
      }
      m.put(s.getKey() + "P50Ms", lat.pct(0.50));
      m.put(s.getKey() + "P99Ms", lat.pct(0.99));
      m.put(s.getKey() + "MaxMs", lat.max());
    }
    b.load(key + "-end");
    m.put("subtree1000Agencies", bestSize);
    m.put("subtree1000Id", b.tree.id(best));
    m.put("countyAgencies", b.tree.subtreeSize(county));
    m.put("countryAgencies", b.tree.size());
    m.put(
        "method",
        n
            + " sequential GET table3 (JSON, year "
            + y
            + ") per scope after "
            + n / 4
            + " warm-up, one "
            + "client thread, keep-alive, no background load; agency = 50 townships in turn, agency scope");
  }

  /**
   * The first reads of the country's overdue requests after a dashboard start: an open request is
   * decoded the first time a read needs it, so the first country-wide read decodes them all (under
   * the views' lock).
   */
  List<Map<String, Object>> countryDeadlinesReads(final int n) throws Exception {
    final List<Map<String, Object>> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      final long t = System.nanoTime();
      final Http.Response r =
          b.http.getWithToken(
              b.dashboardUrl
                  + "/api/v1/agencies/"
                  + b.tree.id(0)
                  + "/deadlines?scope=subtree&status=OVERDUE");
      final double ms = (System.nanoTime() - t) / 1e6;
      final Map<String, Object> one = new LinkedHashMap<>();
      one.put("ms", round(ms));
      one.put("status", r.statusCode());
      if (r.statusCode() == 200) {
        one.put("requests", Json.MAPPER.readTree(r.body()).get("requests").size());
      }
      out.add(one);
    }
    return out;
  }
}
