package foi.tracker.core.table;

import java.util.Map;

/**
 * Table 四 (政府信息公开行政复议、行政诉讼情况) of one agency or subtree for one year: 15 cells in published order,
 * cases counted by the year they were filed; those not concluded by that year's end count as 尚未审结.
 */
public record Table4(String agencyId, int year, String scope, Map<String, Long> cells) {
}
