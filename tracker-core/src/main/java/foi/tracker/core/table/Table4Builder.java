package foi.tracker.core.table;

import foi.tracker.core.taxonomy.Taxonomy;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds Table 四 for a year from counter cells: the four results read directly, 总计 the sum of each group. */
public final class Table4Builder {
  private Table4Builder() {
  }

  public static Table4 build(final String agencyId, final String scope, final int year, final Map<String, Long> cells) {
    final Map<String, Long> out = new LinkedHashMap<>();
    for (String code : Taxonomy.get().table4Columns()) {
      if (code.endsWith("_TOTAL")) {
        final String group = code.substring(0, code.length() - "_TOTAL".length());
        long sum = 0;
        for (String r : new String[] {"UPHELD", "CORRECTED", "OTHER", "PENDING"}) {
          sum += cells.getOrDefault(Cells.t4(year, group + "_" + r), 0L);
        }
        out.put(code, sum);
      } else {
        out.put(code, cells.getOrDefault(Cells.t4(year, code), 0L));
      }
    }
    return new Table4(agencyId, year, scope, out);
  }
}
