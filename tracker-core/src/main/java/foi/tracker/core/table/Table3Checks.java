package foi.tracker.core.table;

import foi.tracker.core.taxonomy.Taxonomy;
import java.util.ArrayList;
import java.util.List;

/**
 * The consistency rules of Table 三, each broken rule named with its cells: per-column balance 一 + 二 = （七） + 四
 * (BALANCE), （七） = the 21 outcome rows (DECIDED_TOTAL), 总计 = the six columns (TOTAL_COLUMN), no negative cell
 * (NEGATIVE), continuity 二 of Y = 四 of Y−1 (CONTINUITY) and subtree = sum of its parts (SUBTREE_SUM).
 */
public final class Table3Checks {
  private static final Taxonomy TAXONOMY = Taxonomy.get();

  private Table3Checks() {
  }

  /** The rules that hold within one table. */
  public static List<Table3.Imbalance> check(final Table3 t) {
    final List<Table3.Imbalance> out = new ArrayList<>();
    final List<String> cols = t.columns();
    for (int c = 0; c < cols.size(); c++) {
      final String col = cols.get(c);
      final String label = TAXONOMY.columnLabel(col);
      final long a = t.rows().get(Taxonomy.NEW)[c];
      final long b = t.rows().get(Taxonomy.CARRIED_OVER_IN)[c];
      final long total = t.rows().get(Taxonomy.DECIDED_TOTAL)[c];
      final long out4 = t.rows().get(Taxonomy.CARRIED_OVER_OUT)[c];
      if (a + b != total + out4) {
        out.add(new Table3.Imbalance("BALANCE", col, "列 " + label + " (" + col + "): 一(" + a + ") + 二(" + b
            + ") ≠ （七）总计(" + total + ") + 四(" + out4 + ")"));
      }
      long sum = 0;
      for (String o : TAXONOMY.outcomes()) {
        sum += t.rows().get(o)[c];
      }
      if (sum != total) {
        out.add(new Table3.Imbalance("DECIDED_TOTAL", col, "列 " + label + " (" + col + "): （七）总计(" + total
            + ") ≠ 21 个办理结果之和(" + sum + ")"));
      }
    }
    final int totalCol = cols.indexOf(Taxonomy.TOTAL);
    for (Taxonomy.Row row : TAXONOMY.rows()) {
      final long[] v = t.rows().get(row.code());
      long sum = 0;
      for (int c = 0; c < cols.size(); c++) {
        if (c != totalCol) {
          sum += v[c];
        }
        if (v[c] < 0) {
          out.add(new Table3.Imbalance("NEGATIVE", cols.get(c), "行 " + row.label() + " (" + row.code() + ") 列 "
              + TAXONOMY.columnLabel(cols.get(c)) + ": 负数 " + v[c]));
        }
      }
      if (totalCol >= 0 && v[totalCol] != sum) {
        out.add(new Table3.Imbalance("TOTAL_COLUMN", Taxonomy.TOTAL, "行 " + row.label() + " (" + row.code()
            + "): 总计(" + v[totalCol] + ") ≠ 六类申请人之和(" + sum + ")"));
      }
    }
    return out;
  }

  /** 二 of {@code current} equals 四 of {@code previous} (the year before, same scope), per column. */
  public static List<Table3.Imbalance> continuity(final Table3 previous, final Table3 current) {
    final List<Table3.Imbalance> out = new ArrayList<>();
    for (int c = 0; c < current.columns().size(); c++) {
      final String col = current.columns().get(c);
      final long in = current.rows().get(Taxonomy.CARRIED_OVER_IN)[c];
      final long prevOut = previous.rows().get(Taxonomy.CARRIED_OVER_OUT)[c];
      if (in != prevOut) {
        out.add(new Table3.Imbalance("CONTINUITY", col, "列 " + TAXONOMY.columnLabel(col) + " (" + col + "): "
            + current.year() + "年 二(" + in + ") ≠ " + previous.year() + "年 四(" + prevOut + ")"));
      }
    }
    return out;
  }

  /** Every cell of {@code whole} equals the sum of that cell over {@code parts}. */
  public static List<Table3.Imbalance> subtreeSum(final Table3 whole, final List<Table3> parts) {
    final List<Table3.Imbalance> out = new ArrayList<>();
    for (Taxonomy.Row row : TAXONOMY.rows()) {
      for (int c = 0; c < whole.columns().size(); c++) {
        long sum = 0;
        for (Table3 p : parts) {
          sum += p.rows().get(row.code())[c];
        }
        final long v = whole.rows().get(row.code())[c];
        if (v != sum) {
          out.add(new Table3.Imbalance("SUBTREE_SUM", whole.columns().get(c), "行 " + row.label() + " 列 "
              + TAXONOMY.columnLabel(whole.columns().get(c)) + ": " + whole.agencyId() + " 合计(" + v
              + ") ≠ 下属机关之和(" + sum + ")"));
        }
      }
    }
    return out;
  }
}
