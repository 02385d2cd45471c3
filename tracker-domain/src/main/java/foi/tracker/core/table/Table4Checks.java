package foi.tracker.core.table;

import foi.tracker.core.taxonomy.ReportText;
import foi.tracker.core.taxonomy.Taxonomy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The check (勾稽校验) of Table 四: in each group, 维持 + 纠正 + 其他 + 尚未审结 = 总计 ({@link #TABLE4_TOTAL}). */
public final class Table4Checks {
  /** Per group (复议, 直接起诉, 复议后起诉): UPHELD + CORRECTED + OTHER + PENDING = TOTAL. */
  public static final String TABLE4_TOTAL = "TABLE4_TOTAL";

  /** The {@code row} of every Table 四 entry: the table has one data row. */
  public static final String ROW = "TABLE4";

  private static final String[] PARTS = {"UPHELD", "CORRECTED", "OTHER", "PENDING"};

  private Table4Checks() {}

  /**
   * TABLE4_TOTAL entries for {@code cells} (the 15 codes → counts; a missing code counts as 0);
   * empty when it holds.
   */
  public static List<Table3.Imbalance> check(final Map<String, Long> cells) {
    Objects.requireNonNull(cells, "cells");
    final Taxonomy taxonomy = Taxonomy.get();
    final List<Table3.Imbalance> out = new ArrayList<>();
    for (String code : taxonomy.table4Columns()) {
      if (!code.endsWith("_TOTAL")) {
        continue;
      }
      final String group = code.substring(0, code.length() - "_TOTAL".length());
      final StringBuilder parts = new StringBuilder();
      long sum = 0;
      for (String p : PARTS) {
        final long v = cells.getOrDefault(group + "_" + p, 0L);
        sum += v;
        if (parts.length() > 0) {
          parts.append(" + ");
        }
        parts.append(taxonomy.table4Labels().get(p)).append('(').append(v).append(')');
      }
      final long total = cells.getOrDefault(code, 0L);
      if (total != sum) {
        out.add(
            new Table3.Imbalance(
                TABLE4_TOTAL,
                ROW,
                code,
                ReportText.get()
                    .format(
                        "check.table4Total",
                        Map.of(
                            "group",
                            taxonomy.table4Labels().get(group),
                            "parts",
                            parts.toString(),
                            "sum",
                            sum,
                            "total",
                            taxonomy.table4Labels().get("TOTAL"),
                            "totalValue",
                            total))));
      }
    }
    return out;
  }
}
