package foi.tracker.core.table;

import java.util.List;
import java.util.Map;

/**
 * Table 四 (政府信息公开行政复议、行政诉讼情况) of one agency or subtree for one year: 15 cells in published order. A
 * case counts in the year it was concluded (its result column) and as 尚未审结 in every year it was
 * open on 31 December (for the current year: open today). {@code balanced} and {@code imbalances}
 * are the checks of {@link Table4Checks}.
 */
public record Table4(
    String agencyId,
    int year,
    String scope,
    Map<String, Long> cells,
    boolean balanced,
    List<Table3.Imbalance> imbalances) {

  public Table4 {
    imbalances = imbalances == null ? List.of() : List.copyOf(imbalances);
  }

  /**
   * The table with its checks run ({@link Table4Checks#check}): also for imported (published)
   * cells.
   */
  public Table4(
      final String agencyId, final int year, final String scope, final Map<String, Long> cells) {
    this(agencyId, year, scope, cells, Table4Checks.check(cells));
  }

  private Table4(
      final String agencyId,
      final int year,
      final String scope,
      final Map<String, Long> cells,
      final List<Table3.Imbalance> imbalances) {
    this(agencyId, year, scope, cells, imbalances.isEmpty(), imbalances);
  }
}
