package foi.tracker.core.table;

import foi.tracker.core.taxonomy.Taxonomy;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds Table 四 for a year from counter cells ({@link Cells}): the three results of Y read
 * directly (cases concluded in Y); 尚未审结 of Y = filed up to the end of Y − concluded up to the end
 * of Y, per group; 总计 = concluded in Y + 尚未审结 of Y. So a case counts in the year it concluded and
 * as pending in every year end it was open across.
 */
public final class Table4Builder {
  private static final String[] RESULTS = {"UPHELD", "CORRECTED", "OTHER"};

  private Table4Builder() {}

  public static Table4 build(
      final String agencyId, final String scope, final int year, final Map<String, Long> cells) {
    final Map<String, Long> filedUpTo = new HashMap<>();
    final Map<String, Long> concludedUpTo = new HashMap<>();
    for (Map.Entry<String, Long> e : cells.entrySet()) {
      final CellKey key = CellKey.parse(e.getKey());
      if (key == null || key.year() == CellKey.NO_YEAR || key.year() > year) {
        continue;
      }
      final String kind = key.family();
      final String rest = key.code();
      if (CellKey.T4_FILED.equals(kind)) {
        filedUpTo.merge(rest, e.getValue(), Long::sum);
      } else if (CellKey.T4.equals(kind)) {
        final int cut = rest.lastIndexOf('_');
        if (cut > 0) {
          concludedUpTo.merge(rest.substring(0, cut), e.getValue(), Long::sum);
        }
      }
    }
    final Map<String, Long> out = new LinkedHashMap<>();
    for (String code : Taxonomy.get().table4Columns()) {
      final int cut = code.lastIndexOf('_');
      final String group = code.substring(0, cut);
      final String result = code.substring(cut + 1);
      final long pending =
          filedUpTo.getOrDefault(group, 0L) - concludedUpTo.getOrDefault(group, 0L);
      long concludedInYear = 0;
      for (String r : RESULTS) {
        concludedInYear += cells.getOrDefault(Cells.t4(year, group + "_" + r), 0L);
      }
      final long value =
          switch (result) {
            case "PENDING" -> pending;
            case "TOTAL" -> concludedInYear + pending;
            default -> cells.getOrDefault(Cells.t4(year, code), 0L);
          };
      out.put(code, value);
    }
    return new Table4(agencyId, year, scope, out);
  }
}
