package foi.tracker.core.publication;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * A report published before the tracker was in use (导入的已发布年报), stored as given, even when it breaks
 * a rule: the checks of the published table say what is wrong with it.
 *
 * @param scope {@code agency}, or {@code subtree} when the report is itself a roll-up of the agency
 *     and those under it
 * @param table3 the 25 row codes → 7 integers (six applicant types, then 总计)
 * @param table4 the 15 codes of Table 四 → integer
 * @param compliance the year's compliance figures as published, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImportedReport(
    String scope,
    Map<String, long[]> table3,
    Map<String, Long> table4,
    Map<String, Object> compliance) {
  @com.fasterxml.jackson.annotation.JsonIgnore
  public boolean isSubtree() {
    return "subtree".equals(scope);
  }
}
