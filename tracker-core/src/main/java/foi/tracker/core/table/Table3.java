package foi.tracker.core.table;

import java.util.List;
import java.util.Map;

/**
 * Table 三 (收到和处理政府信息公开申请情况) of one agency or subtree for one year: all 25 rows × 7 columns, in the
 * order of {@link foi.tracker.core.taxonomy.Taxonomy}, with the result of the balance check
 * (一 + 二 = （七）总计 + 四, per column).
 *
 * @param scope {@code agency} or {@code subtree}
 * @param rows row code → 7 counts (six applicant types, then 总计), in published row order
 */
public record Table3(String agencyId, int year, String scope, List<String> columns, Map<String, long[]> rows,
                     boolean balanced, List<Imbalance> imbalances) {

  /** One broken rule, naming the cells involved. */
  public record Imbalance(String rule, String column, String message) {
  }

  public long cell(final String row, final String column) {
    return rows.get(row)[columns.indexOf(column)];
  }
}
