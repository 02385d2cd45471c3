package foi.tracker.dashboard;

import foi.tracker.core.table.Table3;
import foi.tracker.core.table.Table4;
import foi.tracker.core.taxonomy.Taxonomy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The checks that compare a table with a published one: PUBLISHED_CONTINUITY, SUBTREE_SUM; and TABLE4_TOTAL. */
final class PublishedChecks {
  private PublishedChecks() {
  }

  /** Per column, 二 of {@code current} against 四 of {@code publishedBefore} (the year before, as published). */
  static List<Table3.Imbalance> continuity(final Table3 current, final Table3 publishedBefore, final int version) {
    final List<Table3.Imbalance> out = new ArrayList<>();
    for (int i = 0; i < current.columns().size(); i++) {
      final String column = current.columns().get(i);
      final long in = current.rows().get(Taxonomy.CARRIED_OVER_IN)[i];
      final long out4 = publishedBefore.rows().get(Taxonomy.CARRIED_OVER_OUT)[i];
      if (in != out4) {
        out.add(new Table3.Imbalance("PUBLISHED_CONTINUITY", column, "「" + Taxonomy.get().columnLabel(column)
            + "」列：本年度上年结转 " + in + " 件，与已发布的" + publishedBefore.year() + "年度年报（第" + version
            + "版）结转下年度继续办理 " + out4 + " 件不一致 (carried over in " + in + " ≠ published carried over out "
            + out4 + ")"));
      }
    }
    return out;
  }

  /** Each cell where a published subtree table differs from the agency's own plus its direct sub-agencies' tables. */
  static List<Table3.Imbalance> subtreeSum(final Table3 subtree, final Table3 own, final List<Table3> children,
                                           final List<String> childNames) {
    final List<Table3.Imbalance> out = new ArrayList<>();
    for (Map.Entry<String, long[]> e : subtree.rows().entrySet()) {
      for (int i = 0; i < e.getValue().length; i++) {
        long sum = own.rows().get(e.getKey())[i];
        for (Table3 c : children) {
          sum += c.rows().get(e.getKey())[i];
        }
        if (sum != e.getValue()[i]) {
          final String column = subtree.columns().get(i);
          out.add(new Table3.Imbalance("SUBTREE_SUM", column, "「" + Taxonomy.get().row(e.getKey()).label() + "」行「"
              + Taxonomy.get().columnLabel(column) + "」列：含下级汇总为 " + e.getValue()[i] + " 件，本机关与下级机关（"
              + String.join("、", childNames) + "）已发布年报之和为 " + sum + " 件 (subtree " + e.getValue()[i]
              + " ≠ sum of published " + sum + ")"));
        }
      }
    }
    return out;
  }

  /** TABLE4_TOTAL: 维持 + 纠正 + 其他 + 尚未审结 = 总计 for each of the three groups. */
  static List<Map<String, Object>> table4(final Table4 t) {
    final List<Map<String, Object>> out = new ArrayList<>();
    for (String group : List.of("REVIEW", "LITIGATION_DIRECT", "LITIGATION_AFTER_REVIEW")) {
      long sum = 0;
      for (String r : List.of("UPHELD", "CORRECTED", "OTHER", "PENDING")) {
        sum += t.cells().getOrDefault(group + "_" + r, 0L);
      }
      final long total = t.cells().getOrDefault(group + "_TOTAL", 0L);
      if (sum != total) {
        final Map<String, Object> m = new LinkedHashMap<>();
        m.put("rule", "TABLE4_TOTAL");
        m.put("row", "TABLE4");
        m.put("column", group + "_TOTAL");
        m.put("message", "表四「" + Taxonomy.get().table4Labels().getOrDefault(group + "_TOTAL", group)
            + "」：维持、纠正、其他、尚未审结之和 " + sum + " 与总计 " + total + " 不一致 (sum " + sum + " ≠ total "
            + total + ")");
        out.add(m);
      }
    }
    return out;
  }
}
