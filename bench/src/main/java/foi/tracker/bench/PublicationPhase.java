package foi.tracker.bench;

import static foi.tracker.bench.BenchRun.round;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** 年报发布 at national size: the root publishes last year; then live and published reads. */
final class PublicationPhase {
  private final BenchRun b;

  PublicationPhase(final BenchRun b) {
    this.b = b;
  }

  /**
   * 年报发布 at national size: the root publishes last year (every agency frozen at one cut, both
   * scopes), timed from the PUT until the published subtree table answers; then the published table
   * read at each scope against the live table of the same year, in one run.
   */
  void publication(final String dash, final String ingest, final int n) throws Exception {
    final Map<String, Object> m = new LinkedHashMap<>();
    b.result.put("publication", m);
    final int y = b.today.getYear() - 1;
    final String root = b.tree.id(0);
    final long t0 = System.nanoTime();
    final Http.Response put =
        b.http.send(
            "PUT",
            ingest + "/api/v1/agencies/" + root + "/reports/" + y + "/publications/1",
            "{\"publishedDate\":\"" + b.today + "\"}");
    final long t1 = System.nanoTime();
    if (put.statusCode() != 201) {
      throw new IllegalStateException("publication: " + put.statusCode() + " " + put.body());
    }
    final String published =
        dash + "/api/v1/agencies/" + root + "/reports/" + y + "/table3?scope=subtree&version=1";
    while (b.http.get(published).statusCode() != 200) {
      if (System.nanoTime() - t0 > 120_000_000_000L) {
        throw new IllegalStateException("publication not visible after 120 s");
      }
      Thread.sleep(20);
    }
    final long t2 = System.nanoTime();
    m.put("agencies", b.tree.size());
    m.put("putMs", round((t1 - t0) / 1e6));
    m.put("visibleMs", round((t2 - t0) / 1e6));
    final int county = b.tree.sample(Hierarchy.COUNTY, 1).get(0);
    final List<Integer> towns = b.tree.sample(Hierarchy.TOWNSHIP, 50);
    final List<String> others = new ArrayList<>();
    others.add(b.tree.id(county));
    towns.forEach(t -> others.add(b.tree.id(t)));
    for (String id : others) {
      final Http.Response r =
          b.http.send(
              "PUT",
              ingest + "/api/v1/agencies/" + id + "/reports/" + y + "/publications/1",
              "{\"publishedDate\":\"" + b.today + "\"}");
      if (r.statusCode() != 201) {
        throw new IllegalStateException(
            "publication of " + id + ": " + r.statusCode() + " " + r.body());
      }
    }
    for (String id : others) {
      while (b.http
              .get(dash + "/api/v1/agencies/" + id + "/reports/" + y + "/table3?version=1")
              .statusCode()
          != 200) {
        Thread.sleep(20);
      }
    }
    final Map<String, String> scopes = new LinkedHashMap<>();
    scopes.put("agency", null);
    scopes.put("county", b.tree.id(county) + "?scope=subtree");
    scopes.put("country", root + "?scope=subtree");
    for (String kind : List.of("live", "published")) {
      for (Map.Entry<String, String> s : scopes.entrySet()) {
        final Latencies lat = new Latencies();
        for (int i = -n / 4; i < n; i++) {
          // the root's publication froze every agency, so each one's own table and its subtree have
          // version 1
          final String target =
              s.getValue() != null
                  ? s.getValue()
                  : b.tree.id(towns.get(Math.floorMod(i, 50))) + "?scope=agency";
          final String[] parts = target.split("\\?");
          final String url =
              dash
                  + "/api/v1/agencies/"
                  + parts[0]
                  + "/reports/"
                  + y
                  + "/table3?"
                  + parts[1]
                  + (kind.equals("published") ? "&version=published" : "");
          final long a = System.nanoTime();
          final Http.Response r = b.http.get(url);
          final long b = System.nanoTime();
          if (r.statusCode() != 200) {
            throw new IllegalStateException(url + ": " + r.statusCode());
          }
          if (i >= 0) {
            lat.add(b - a);
          }
        }
        m.put(kind + "-" + s.getKey() + "P50Ms", lat.pct(0.50));
        m.put(kind + "-" + s.getKey() + "P99Ms", lat.pct(0.99));
      }
    }
    m.put(
        "method",
        "PUT publication of year "
            + y
            + " for the root; visible = until GET table3?scope=subtree&version=1 "
            + "of the root answers 200 (polled every 20 ms); then "
            + n
            + " sequential GET table3 per scope, live and "
            + "version=published, after "
            + n / 4
            + " warm-up");
  }
}
