package foi.tracker.bench;

import static foi.tracker.bench.BenchRun.round;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The country-wide export and compliance reads: wall time and the dashboard's heap. */
final class ExportAndCompliancePhase {
  private final BenchRun b;

  ExportAndCompliancePhase(final BenchRun b) {
    this.b = b;
  }

  /**
   * The cost of the country-wide calls that touch every request or every open one: the per-request
   * export of the whole country (CSV, read to its end and counted, never held) and the current
   * year's compliance of the country subtree (its open overdue from the counts). Each: wall time,
   * and the dashboard's heap in that window from its GC log (collections in the window: the most in
   * use when one began, the most left after one), with the heap of the whole phase's window too;
   * compliance three times (the first after the export may count requests changed since).
   */
  void exportAndCompliance() throws Exception {
    final Map<String, Object> m = new LinkedHashMap<>();
    b.result.put("exportAndCompliance", m);
    final Path gc = b.gcLogOf("dashboard");
    final String country = b.tree.id(0);
    final long phaseStart = System.currentTimeMillis();
    final long e0 = System.currentTimeMillis();
    final java.net.http.HttpResponse<java.io.InputStream> r =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(
                            b.dashboardUrl
                                + "/api/v1/agencies/"
                                + country
                                + "/requests?format=csv&scope=subtree"))
                    .header("Authorization", "Bearer " + b.admin)
                    .timeout(java.time.Duration.ofMinutes(30))
                    .GET()
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofInputStream());
    long bytes = 0;
    long lines = 0;
    final long firstByteMs = System.currentTimeMillis() - e0;
    try (java.io.InputStream in = r.body()) {
      final byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) >= 0; ) {
        bytes += n;
        for (int i = 0; i < n; i++) {
          if (buf[i] == '\n') {
            lines++;
          }
        }
      }
    }
    final long e1 = System.currentTimeMillis();
    final Map<String, Object> export = new LinkedHashMap<>();
    export.put("status", r.statusCode());
    export.put("seconds", round((e1 - e0) / 1e3));
    export.put("firstByteMs", firstByteMs);
    export.put("bytes", bytes);
    export.put("rows", Math.max(0, lines - 1));
    export.put("heap", GcLog.heapDuring(gc, e0, e1));
    m.put("export", export);
    final List<Map<String, Object>> compliance = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      final long c0 = System.currentTimeMillis();
      final Http.Response c =
          b.http.get(
              b.dashboardUrl
                  + "/api/v1/agencies/"
                  + country
                  + "/compliance/"
                  + b.today.getYear()
                  + "?scope=subtree");
      final long c1 = System.currentTimeMillis();
      final Map<String, Object> one = new LinkedHashMap<>();
      one.put("status", c.statusCode());
      one.put("ms", c1 - c0);
      one.put("heap", GcLog.heapDuring(gc, c0, c1));
      compliance.add(one);
    }
    m.put("compliance", compliance);
    // the log is written as collections end: a short wait lets the last one of the window reach the
    // file
    Thread.sleep(1000);
    m.put("phaseHeap", GcLog.heapDuring(gc, phaseStart, System.currentTimeMillis()));
    m.put(
        "method",
        "country export (CSV, scope=subtree, admin token) read to its end by the bench and counted; "
            + "then GET country compliance/{this year}?scope=subtree three times; heap from the dashboard's -Xlog:gc: "
            + "peakHeapMb = most in use when a collection in the window began, peakLiveMb = most left after one");
    System.out.printf(
        "export: %d rows, %d MB in %s s (first byte %d ms), dashboard heap %s; compliance %s%n",
        export.get("rows"),
        bytes >> 20,
        export.get("seconds"),
        firstByteMs,
        export.get("heap"),
        compliance.stream().map(c -> c.get("ms") + " ms").toList());
  }
}
