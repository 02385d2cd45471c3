package foi.tracker.core.sim;

import foi.tracker.core.taxonomy.Taxonomy;
import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The oracle: Table 三 and Table 四 counted directly from final request facts by the plain year
 * rules, request by request and year by year (no cumulative arithmetic shared with the processor):
 * 一 received in Y; 二 received before Y and not decided before Y; 三 decided in Y; 四 received by the
 * end of Y and not decided by then. Voided requests count nowhere.
 */
public final class Recount {
  private static final Taxonomy TAXONOMY = Taxonomy.get();

  private Recount() {}

  /** Row code → 7 counts (six applicant types and 总计) for {@code year}. */
  public static Map<String, long[]> table3(
      final Collection<GeneratedRequest> requests, final int year) {
    final List<String> types = TAXONOMY.applicantTypes();
    final Map<String, long[]> rows = new LinkedHashMap<>();
    TAXONOMY.rows().forEach(r -> rows.put(r.code(), new long[types.size() + 1]));
    final LocalDate start = LocalDate.of(year, 1, 1);
    final LocalDate end = LocalDate.of(year, 12, 31);
    for (GeneratedRequest r : requests) {
      if (r.voided()) {
        continue;
      }
      final int c = types.indexOf(r.applicantType());
      final boolean decidedBeforeYear = r.decidedDate() != null && r.decidedDate().isBefore(start);
      final boolean decidedByEnd = r.decidedDate() != null && !r.decidedDate().isAfter(end);
      if (r.receivedDate().getYear() == year) {
        add(rows, Taxonomy.NEW, c);
      }
      if (r.receivedDate().isBefore(start) && !decidedBeforeYear) {
        add(rows, Taxonomy.CARRIED_OVER_IN, c);
      }
      if (r.decidedDate() != null && r.decidedDate().getYear() == year) {
        add(rows, r.outcome(), c);
        add(rows, Taxonomy.DECIDED_TOTAL, c);
      }
      if (!r.receivedDate().isAfter(end) && !decidedByEnd) {
        add(rows, Taxonomy.CARRIED_OVER_OUT, c);
      }
    }
    return rows;
  }

  /**
   * Table 四's 15 cells for {@code year}: a case concluded in Y counts in its result column; one
   * filed by the end of Y and not concluded by then counts as 尚未审结.
   */
  public static Map<String, Long> table4(
      final Collection<GeneratedRequest> requests, final int year) {
    final Map<String, Long> cells = new LinkedHashMap<>();
    TAXONOMY.table4Columns().forEach(c -> cells.put(c, 0L));
    final LocalDate end = LocalDate.of(year, 12, 31);
    for (GeneratedRequest r : requests) {
      if (r.voided()) {
        continue;
      }
      for (GeneratedRequest.Case c : r.cases()) {
        final String column;
        if (c.concludedDate() != null && c.concludedDate().getYear() == year) {
          column = c.group() + "_" + c.result().name();
        } else if (!c.filedDate().isAfter(end)
            && (c.concludedDate() == null || c.concludedDate().isAfter(end))) {
          column = c.group() + "_PENDING";
        } else {
          continue;
        }
        cells.merge(column, 1L, Long::sum);
        cells.merge(c.group() + "_TOTAL", 1L, Long::sum);
      }
    }
    return cells;
  }

  /** The 信息处理费 paid in {@code year}, in fen, by the requests not voided. */
  public static long feeFen(final Collection<GeneratedRequest> requests, final int year) {
    return requests.stream()
        .filter(r -> !r.voided())
        .mapToLong(r -> r.feesFen().getOrDefault(year, 0L))
        .sum();
  }

  private static void add(final Map<String, long[]> rows, final String row, final int c) {
    final long[] v = rows.get(row);
    v[c]++;
    v[v.length - 1]++;
  }
}
