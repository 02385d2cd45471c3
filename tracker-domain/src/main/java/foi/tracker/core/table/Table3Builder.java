package foi.tracker.core.table;

import foi.tracker.core.taxonomy.Taxonomy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds Table 三 for a year from counter cells ({@link Cells}): 一 and 三 read directly; 四 of Y =
 * received up to the end of Y − decided up to the end of Y; 二 of Y = 四 of Y−1; （七） = the 21 outcome
 * rows; 总计 = the six columns. The one place that knows the table layout arithmetic; it also runs
 * the checks ({@link Table3Checks}).
 */
public final class Table3Builder {
  private static final Taxonomy TAXONOMY = Taxonomy.get();
  private static final Table3Checks CHECKS = new Table3Checks();

  private Table3Builder() {}

  public static Table3 build(
      final String agencyId, final String scope, final int year, final Map<String, Long> cells) {
    final List<String> types = TAXONOMY.applicantTypes();
    final int n = types.size();
    final long[] newThisYear = new long[n + 1];
    final long[] receivedBefore = new long[n + 1];
    final long[] decidedBefore = new long[n + 1];
    final Map<String, long[]> outcomes = new LinkedHashMap<>();
    for (String o : TAXONOMY.outcomes()) {
      outcomes.put(o, new long[n + 1]);
    }
    for (Map.Entry<String, Long> e : cells.entrySet()) {
      final CellKey key = CellKey.parse(e.getKey());
      if (key == null || !key.isTable3() || key.year() > year) {
        continue;
      }
      final String row = key.family();
      final int cellYear = key.year();
      final int col = types.indexOf(key.code());
      if (col < 0) {
        continue;
      }
      final long v = e.getValue();
      if (Taxonomy.NEW.equals(row)) {
        if (cellYear == year) {
          newThisYear[col] += v;
        } else {
          receivedBefore[col] += v;
        }
      } else if (outcomes.containsKey(row)) {
        if (cellYear == year) {
          outcomes.get(row)[col] += v;
        } else {
          decidedBefore[col] += v;
        }
      }
    }
    final Map<String, long[]> rows = new LinkedHashMap<>();
    final long[] decidedTotal = new long[n + 1];
    outcomes
        .values()
        .forEach(
            r -> {
              for (int i = 0; i < n; i++) {
                decidedTotal[i] += r[i];
              }
            });
    final long[] carriedIn = new long[n + 1];
    final long[] carriedOut = new long[n + 1];
    for (int i = 0; i < n; i++) {
      carriedIn[i] = receivedBefore[i] - decidedBefore[i];
      carriedOut[i] = carriedIn[i] + newThisYear[i] - decidedTotal[i];
    }
    for (Taxonomy.Row row : TAXONOMY.rows()) {
      final long[] values =
          switch (row.code()) {
            case Taxonomy.NEW -> newThisYear;
            case Taxonomy.CARRIED_OVER_IN -> carriedIn;
            case Taxonomy.DECIDED_TOTAL -> decidedTotal;
            case Taxonomy.CARRIED_OVER_OUT -> carriedOut;
            default -> outcomes.get(row.code());
          };
      values[n] = 0;
      for (int i = 0; i < n; i++) {
        values[n] += values[i];
      }
      rows.put(row.code(), values);
    }
    final List<String> columns = new ArrayList<>(types);
    columns.add(Taxonomy.TOTAL);
    return withChecks(
        new Table3(agencyId, year, scope, List.copyOf(columns), rows, true, List.of()));
  }

  /**
   * The same table with {@code balanced} and {@code imbalances} set from {@link
   * Table3Checks#check}.
   */
  public static Table3 withChecks(final Table3 table) {
    final List<Table3.Imbalance> problems = CHECKS.check(table);
    return new Table3(
        table.agencyId(),
        table.year(),
        table.scope(),
        table.columns(),
        table.rows(),
        problems.isEmpty(),
        problems);
  }
}
