package foi.tracker.report;

import foi.tracker.core.table.Table3;
import foi.tracker.core.table.Table3Checks;
import foi.tracker.core.table.Table4;
import foi.tracker.core.taxonomy.Taxonomy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Test tables: random consistent ones and all-zero ones. */
final class Tables {
  private Tables() {}

  /**
   * A balanced Table 三: random outcomes, received and carried counts per applicant type, totals
   * summed.
   */
  static Table3 randomTable3(final Random random, final String agencyId, final int year) {
    final Taxonomy taxonomy = Taxonomy.get();
    final int types = taxonomy.applicantTypes().size();
    final Map<String, long[]> rows = new LinkedHashMap<>();
    taxonomy.rows().forEach(r -> rows.put(r.code(), new long[types + 1]));
    for (int c = 0; c < types; c++) {
      long decided = 0;
      for (final String outcome : taxonomy.outcomes()) {
        final long n = random.nextInt(4) == 0 ? random.nextInt(1000) : 0;
        rows.get(outcome)[c] = n;
        decided += n;
      }
      final long carriedOut = random.nextInt(50);
      final long carriedIn = random.nextInt((int) Math.min(decided + carriedOut, 40) + 1);
      rows.get(Taxonomy.DECIDED_TOTAL)[c] = decided;
      rows.get(Taxonomy.CARRIED_OVER_OUT)[c] = carriedOut;
      rows.get(Taxonomy.CARRIED_OVER_IN)[c] = carriedIn;
      rows.get(Taxonomy.NEW)[c] = decided + carriedOut - carriedIn;
    }
    rows.values()
        .forEach(
            v -> {
              long sum = 0;
              for (int c = 0; c < types; c++) {
                sum += v[c];
              }
              v[types] = sum;
            });
    return new Table3Checks().table3(agencyId, year, "agency", rows);
  }

  static Table3 zeroTable3(final String agencyId, final int year) {
    final Map<String, long[]> rows = new LinkedHashMap<>();
    Taxonomy.get()
        .rows()
        .forEach(r -> rows.put(r.code(), new long[Taxonomy.get().columns().size()]));
    return new Table3Checks().table3(agencyId, year, "agency", rows);
  }

  /** {@code table} with one cell changed; the flags are recomputed. */
  static Table3 withCell(
      final Table3 table, final String row, final String column, final long value) {
    final Map<String, long[]> rows = new LinkedHashMap<>();
    table.rows().forEach((k, v) -> rows.put(k, v.clone()));
    rows.get(row)[table.columns().indexOf(column)] = value;
    return new Table3Checks().table3(table.agencyId(), table.year(), table.scope(), rows);
  }

  static Table4 randomTable4(final Random random, final String agencyId, final int year) {
    final Map<String, Long> cells = new LinkedHashMap<>();
    final List<String> codes = Taxonomy.get().table4Columns();
    for (final String code : codes) {
      cells.put(code, (long) random.nextInt(100));
    }
    return new Table4(agencyId, year, "agency", cells);
  }

  /**
   * {@code table} under another scope ({@code agency} or {@code subtree}); the flags are
   * recomputed.
   */
  static Table3 withScope(final Table3 table, final String scope) {
    final Map<String, long[]> rows = new LinkedHashMap<>();
    table.rows().forEach((k, v) -> rows.put(k, v.clone()));
    return new Table3Checks().table3(table.agencyId(), table.year(), scope, rows);
  }

  /** A Table 四 with the given cells and every other cell 0. */
  static Table4 table4(
      final String agencyId, final int year, final String scope, final Map<String, Long> given) {
    final Map<String, Long> cells = new LinkedHashMap<>();
    for (final String code : Taxonomy.get().table4Columns()) {
      cells.put(code, given.getOrDefault(code, 0L));
    }
    if (!cells.keySet().containsAll(given.keySet())) {
      throw new IllegalArgumentException("not Table 四 codes: " + given.keySet());
    }
    return new Table4(agencyId, year, scope, cells);
  }
}
