package foi.tracker.core.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import foi.tracker.core.taxonomy.Taxonomy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each rule of Table 三 fires on given rows (as an imported published report would give them), with
 * its row, column and a Chinese message naming the numbers. The seed-report cases are in
 * report-render's Table3ChecksTest.
 */
class Table3ChecksTest {
  private final Table3Checks checks = new Table3Checks();

  private static Map<String, long[]> zero() {
    final Map<String, long[]> rows = new LinkedHashMap<>();
    Taxonomy.get().rows().forEach(r -> rows.put(r.code(), new long[7]));
    return rows;
  }

  /** One natural person received and still open: a balanced table. */
  private static Map<String, long[]> oneOpen() {
    final Map<String, long[]> rows = zero();
    rows.get(Taxonomy.NEW)[0] = 1;
    rows.get(Taxonomy.NEW)[6] = 1;
    rows.get(Taxonomy.CARRIED_OVER_OUT)[0] = 1;
    rows.get(Taxonomy.CARRIED_OVER_OUT)[6] = 1;
    return rows;
  }

  @Test
  void shouldReportBalanceWithANullRowWhenAColumnDoesNotAddUp() {
    final Map<String, long[]> rows = oneOpen();
    rows.get(Taxonomy.CARRIED_OVER_OUT)[0] = 0;
    rows.get(Taxonomy.CARRIED_OVER_OUT)[6] = 0;
    final Table3 t = checks.table3("town", 2023, "agency", rows);
    assertFalse(t.balanced());
    assertEquals(
        List.of(
            new Table3.Imbalance(
                Table3Checks.BALANCE,
                null,
                "NATURAL_PERSON",
                "列 自然人 (NATURAL_PERSON): 一(1) + 二(0) ≠ （七）(0) + 四(0)"),
            new Table3.Imbalance(
                Table3Checks.BALANCE, null, "TOTAL", "列 总计 (TOTAL): 一(1) + 二(0) ≠ （七）(0) + 四(0)")),
        t.imbalances());
  }

  @Test
  void shouldReportDecidedTotalWithANullRowWhenItIsNotTheSumOfTheOutcomes() {
    final Map<String, long[]> rows = oneOpen();
    rows.get("DISCLOSED")[1] = 2;
    rows.get("DISCLOSED")[6] = 2;
    final List<Table3.Imbalance> found = checks.check(checks.table3("town", 2023, "agency", rows));
    assertTrue(
        found.contains(
            new Table3.Imbalance(
                Table3Checks.DECIDED_TOTAL,
                null,
                "COMMERCIAL_ENTERPRISE",
                "列 商业企业 (COMMERCIAL_ENTERPRISE): （七）(0) ≠ 各项办理结果之和(2)")),
        found.toString());
  }

  @Test
  void shouldReportTotalColumnWithItsRowWhenTheTotalIsNotTheSumOfTheSixColumns() {
    final Map<String, long[]> rows = oneOpen();
    rows.get(Taxonomy.NEW)[6] = 5;
    rows.get(Taxonomy.CARRIED_OVER_OUT)[6] = 5;
    final List<Table3.Imbalance> found = checks.check(checks.table3("town", 2023, "agency", rows));
    assertEquals(
        new Table3.Imbalance(
            Table3Checks.TOTAL_COLUMN, Taxonomy.NEW, "TOTAL", "行 一 (NEW): 总计(5) ≠ 各类申请人之和(1)"),
        found.get(0));
  }

  @Test
  void shouldReportNegativeWithItsRowAndColumnWhenACellIsBelowZero() {
    final Map<String, long[]> rows = oneOpen();
    rows.get(Taxonomy.CARRIED_OVER_IN)[2] = -1;
    rows.get(Taxonomy.CARRIED_OVER_OUT)[2] = -1;
    final List<Table3.Imbalance> found = checks.check(checks.table3("town", 2023, "agency", rows));
    assertEquals(
        new Table3.Imbalance(
            Table3Checks.NEGATIVE,
            Taxonomy.CARRIED_OVER_IN,
            "RESEARCH_INSTITUTION",
            "行 二 (CARRIED_OVER_IN), 列 科研机构 (RESEARCH_INSTITUTION): -1 < 0"),
        found.get(0));
  }

  @Test
  void shouldReportPublishedContinuityWhenLastYearsPublishedCarriedOutDiffers() {
    final Table3 published2023 = checks.table3("town", 2023, "agency", oneOpen());
    final Map<String, long[]> rows = zero();
    final Table3 live2024 = checks.table3("town", 2024, "agency", rows);
    assertEquals(
        List.of(
            new Table3.Imbalance(
                Table3Checks.PUBLISHED_CONTINUITY,
                Taxonomy.CARRIED_OVER_IN,
                "NATURAL_PERSON",
                "列 自然人 (NATURAL_PERSON): 2024年 二(0) ≠ 2023年已发布报告 四(1)"),
            new Table3.Imbalance(
                Table3Checks.PUBLISHED_CONTINUITY,
                Taxonomy.CARRIED_OVER_IN,
                "TOTAL",
                "列 总计 (TOTAL): 2024年 二(0) ≠ 2023年已发布报告 四(1)")),
        checks.publishedContinuity(live2024, published2023));
  }

  @Test
  void shouldReportSubtreeSumNamingTheAgenciesWhenThePublishedSubtreeIsNotItsParts() {
    final Table3 own = checks.table3("county", 2024, "agency", oneOpen());
    final Table3 child = checks.table3("town", 2024, "subtree", oneOpen());
    final Map<String, long[]> twice = zero();
    twice.get(Taxonomy.NEW)[0] = 2;
    twice.get(Taxonomy.NEW)[6] = 2;
    twice.get(Taxonomy.CARRIED_OVER_OUT)[0] = 2;
    twice.get(Taxonomy.CARRIED_OVER_OUT)[6] = 2;
    assertEquals(
        List.of(),
        checks.subtreeSum(
            checks.table3("county", 2024, "subtree", twice), own, List.of(child), List.of("连城镇")));
    final List<Table3.Imbalance> found =
        checks.subtreeSum(
            checks.table3("county", 2024, "subtree", oneOpen()),
            own,
            List.of(child),
            List.of("连城镇"));
    assertEquals(
        new Table3.Imbalance(
            Table3Checks.SUBTREE_SUM,
            Taxonomy.NEW,
            "NATURAL_PERSON",
            "行 一 (NEW), 列 自然人 (NATURAL_PERSON): county含下级合计(1) ≠ 本机关(1) + 连城镇(1) = 2"),
        found.get(0));
    assertEquals(4, found.size(), found.toString());
  }
}
