package foi.tracker.bench;

import com.fasterxml.jackson.databind.JsonNode;
import foi.tracker.core.json.Json;
import foi.tracker.core.taxonomy.Taxonomy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The dashboard's tables against {@code Recount} ({@link NationalYear}): a fixed sample, or one
 * agency's count.
 */
final class TableCheck {
  private final BenchRun b;

  TableCheck(final BenchRun b) {
    this.b = b;
  }

  /**
   * Compares a sample of tables with {@code Recount}; puts exact, compared and the first mismatches
   * into m.
   */
  void compareSample(final Map<String, Object> m, final String base) throws Exception {
    final List<String> mismatches = new ArrayList<>();
    int compared = 0;
    final int y = b.today.getYear();
    final List<int[]> scopes = new ArrayList<>(); // {agency, subtree}
    scopes.add(new int[] {0, 1});
    b.tree.sample(Hierarchy.PROVINCE, 4).forEach(a -> scopes.add(new int[] {a, 1}));
    b.tree.sample(Hierarchy.CITY, 4).forEach(a -> scopes.add(new int[] {a, 1}));
    b.tree.sample(Hierarchy.COUNTY, 6).forEach(a -> scopes.add(new int[] {a, 1}));
    b.tree.sample(Hierarchy.COUNTY, 3).forEach(a -> scopes.add(new int[] {a, 0}));
    b.tree.sample(Hierarchy.PROVINCE, 2).forEach(a -> scopes.add(new int[] {a, 0}));
    b.tree.sample(Hierarchy.TOWNSHIP, 12).forEach(a -> scopes.add(new int[] {a, 0}));
    for (int[] s : scopes) {
      for (int yy = y - 1; yy <= y; yy++) {
        compared++;
        final String diff =
            tableEquals(
                base, b.tree.id(s[0]), s[1] == 1, yy, b.year.expectedTable3(s[0], s[1] == 1, yy));
        if (diff != null && mismatches.size() < 10) {
          mismatches.add(diff);
        }
        compared++;
        final String diff4 =
            table4Equals(
                base, b.tree.id(s[0]), s[1] == 1, yy, b.year.expectedTable4(s[0], s[1] == 1, yy));
        if (diff4 != null && mismatches.size() < 10) {
          mismatches.add(diff4);
        }
      }
    }
    m.put("exact", mismatches.isEmpty());
    m.put("tablesCompared", compared);
    m.put(
        "comparedScopes",
        "country subtree; 4 provinces, 4 cities, 6 counties as subtrees; 3 counties, 2 provinces, "
            + "12 townships alone; years "
            + (y - 1)
            + " and "
            + y
            + "; Table 三 (all 25 rows x 7 columns) and Table 四");
    m.put("mismatches", mismatches);
  }

  /**
   * null when the dashboard's table3 equals {@code expected}, else a description of the first
   * difference.
   */
  String tableEquals(
      final String base,
      final String agency,
      final boolean subtree,
      final int y,
      final Map<String, long[]> expected)
      throws Exception {
    final Http.Response r =
        b.http.get(
            base
                + "/api/v1/agencies/"
                + agency
                + "/reports/"
                + y
                + "/table3"
                + (subtree ? "?scope=subtree" : ""));
    if (r.statusCode() != 200) {
      return agency + " " + y + ": HTTP " + r.statusCode();
    }
    final JsonNode rows = Json.MAPPER.readTree(r.body()).get("rows");
    for (Map.Entry<String, long[]> e : expected.entrySet()) {
      final JsonNode got = rows.get(e.getKey());
      final long[] g = new long[e.getValue().length];
      for (int i = 0; got != null && i < g.length && i < got.size(); i++) {
        g[i] = got.get(i).asLong();
      }
      if (got == null || got.size() != g.length || !Arrays.equals(g, e.getValue())) {
        return agency
            + (subtree ? " subtree " : " ")
            + y
            + " row "
            + e.getKey()
            + ": dashboard "
            + Arrays.toString(g)
            + " recount "
            + Arrays.toString(e.getValue());
      }
    }
    return null;
  }

  String table4Equals(
      final String base,
      final String agency,
      final boolean subtree,
      final int y,
      final Map<String, Long> expected)
      throws Exception {
    final Http.Response r =
        b.http.get(
            base
                + "/api/v1/agencies/"
                + agency
                + "/reports/"
                + y
                + "/table4"
                + (subtree ? "?scope=subtree" : ""));
    if (r.statusCode() != 200) {
      return agency + " table4 " + y + ": HTTP " + r.statusCode();
    }
    final JsonNode cells = Json.MAPPER.readTree(r.body()).get("cells");
    for (Map.Entry<String, Long> e : expected.entrySet()) {
      final long got = cells.has(e.getKey()) ? cells.get(e.getKey()).asLong() : 0;
      if (got != e.getValue()) {
        return agency
            + (subtree ? " subtree" : "")
            + " table4 "
            + y
            + " "
            + e.getKey()
            + ": dashboard "
            + got
            + " recount "
            + e.getValue();
      }
    }
    return null;
  }

  /**
   * Compares the sample until it is exact (the processor may still be working off the last writes),
   * 60 s at most.
   */
  Map<String, Object> awaitExact(final String base) throws Exception {
    final Map<String, Object> m = new LinkedHashMap<>();
    final long t0 = System.nanoTime();
    do {
      compareSample(m, base);
      if (Boolean.TRUE.equals(m.get("exact"))) {
        break;
      }
      Thread.sleep(2000);
    } while (System.nanoTime() - t0 < 60e9);
    m.remove("comparedScopes");
    m.put(
        "note",
        "same sample as replay.exact, against Recount plus the "
            + b.year.ingestedCount()
            + " applications "
            + "written over HTTP ("
            + b.uncertainWrites.get()
            + " HTTP writes not answered 2xx)");
    return m;
  }

  /** 一 新收 总计 of the agency alone for year y, from the dashboard. */
  long newCount(final String dash, final String agency, final int y) throws Exception {
    final Http.Response r =
        b.http.get(dash + "/api/v1/agencies/" + agency + "/reports/" + y + "/table3");
    if (r.statusCode() != 200) {
      return -1;
    }
    final JsonNode row = Json.MAPPER.readTree(r.body()).get("rows").get(Taxonomy.NEW);
    return row.get(row.size() - 1).asLong();
  }
}
