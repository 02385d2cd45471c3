package foi.tracker.core.table;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * Table 三 (收到和处理政府信息公开申请情况) of one agency or subtree for one year: all 25 rows × 7 columns, in the
 * order of {@link foi.tracker.core.taxonomy.Taxonomy}, with the result of the balance check (一 + 二
 * = （七）总计 + 四, per column).
 *
 * @param scope {@code agency} or {@code subtree}
 * @param rows row code → 7 counts (six applicant types, then 总计), in published row order
 */
public record Table3(
    String agencyId,
    int year,
    String scope,
    List<String> columns,
    Map<String, long[]> rows,
    boolean balanced,
    List<Imbalance> imbalances) {

  /**
   * One broken rule (勾稽校验不符), in Table 三 and Table 四 alike: the rule, the row and column it
   * concerns ({@code row} null for the per-column rules BALANCE and DECIDED_TOTAL; {@code "TABLE4"}
   * in Table 四) and a message, Chinese first, naming the numbers. {@code row} is written as null,
   * not left out.
   */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record Imbalance(String rule, String row, String column, String message) {}

  public long cell(final String row, final String column) {
    return rows.get(row)[columns.indexOf(column)];
  }
}
