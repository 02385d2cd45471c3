package foi.tracker.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import foi.tracker.core.table.Table3;
import foi.tracker.core.table.Table3Checks;
import foi.tracker.core.taxonomy.ReportText;
import foi.tracker.core.taxonomy.Taxonomy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Table3ChecksTest {
  private final Table3Checks checks = new Table3Checks();

  private static Table3 seed002() {
    return SeedReport.load(Seeds.resource(Seeds.LIANCHENG_2024)).toTable3("liancheng");
  }

  @Test
  void shouldFindNothingWhenRandomTablesAreConsistent() {
    final Random random = new Random(99L);
    for (int i = 0; i < 50; i++) {
      final Table3 table = Tables.randomTable3(random, "r", 2024);
      assertEquals(List.of(), checks.check(table));
      assertTrue(table.balanced());
    }
  }

  @Test
  void shouldNameCellsAndNumbersWhenDecidedTotalIsTooSmall() {
    final Table3 table = Tables.withCell(seed002(), Taxonomy.DECIDED_TOTAL, "NATURAL_PERSON", 2);
    assertEquals(
        List.of(
            new Table3.Imbalance(
                Table3Checks.BALANCE,
                null,
                "NATURAL_PERSON",
                "列 自然人 (NATURAL_PERSON): 一(3) + 二(0) ≠ （七）(2) + 四(0)"),
            new Table3.Imbalance(
                Table3Checks.DECIDED_TOTAL,
                null,
                "NATURAL_PERSON",
                "列 自然人 (NATURAL_PERSON): （七）(2) ≠ 各项办理结果之和(3)"),
            new Table3.Imbalance(
                Table3Checks.TOTAL_COLUMN,
                Taxonomy.DECIDED_TOTAL,
                Taxonomy.TOTAL,
                "行 （七） (DECIDED_TOTAL): 总计(3) ≠ 各类申请人之和(2)")),
        checks.check(table));
    assertFalse(table.balanced());
    assertEquals(checks.check(table), table.imbalances());
  }

  @Test
  void shouldReportNegativeCellWhenACountIsBelowZero() {
    final Table3 table =
        Tables.withCell(
            Tables.zeroTable3("a", 2024), "WITHHELD_STATE_SECRET", "LEGAL_SERVICE_ORG", -1);
    final List<Table3.Imbalance> found = checks.check(table);
    assertEquals(
        new Table3.Imbalance(
            Table3Checks.NEGATIVE,
            "WITHHELD_STATE_SECRET",
            "LEGAL_SERVICE_ORG",
            "行 （三）1 (WITHHELD_STATE_SECRET), 列 法律服务机构 (LEGAL_SERVICE_ORG): -1 < 0"),
        found.get(0));
    assertEquals(
        List.of(Table3Checks.NEGATIVE, Table3Checks.DECIDED_TOTAL, Table3Checks.TOTAL_COLUMN),
        found.stream().map(Table3.Imbalance::rule).toList());
  }

  @Test
  void shouldReportTotalColumnWhenTotalDiffersFromTheSixColumns() {
    final Table3 base = Tables.zeroTable3("a", 2024);
    final Table3 table =
        Tables.withCell(
            Tables.withCell(base, Taxonomy.NEW, Taxonomy.TOTAL, 1),
            Taxonomy.CARRIED_OVER_OUT,
            Taxonomy.TOTAL,
            1);
    assertEquals(
        List.of(
            new Table3.Imbalance(
                Table3Checks.TOTAL_COLUMN,
                Taxonomy.NEW,
                Taxonomy.TOTAL,
                "行 一 (NEW): 总计(1) ≠ 各类申请人之和(0)"),
            new Table3.Imbalance(
                Table3Checks.TOTAL_COLUMN,
                Taxonomy.CARRIED_OVER_OUT,
                Taxonomy.TOTAL,
                "行 四 (CARRIED_OVER_OUT): 总计(1) ≠ 各类申请人之和(0)")),
        checks.check(table));
  }

  @Test
  void shouldReportPublishedContinuityWhenCarriedInDiffersFromLastYearsPublishedCarriedOut() {
    final Table3 previous = Tables.randomTable3(new Random(5L), "a", 2023);
    final Map<String, long[]> rows = new LinkedHashMap<>();
    Taxonomy.get().rows().forEach(r -> rows.put(r.code(), new long[7]));
    rows.put(Taxonomy.CARRIED_OVER_IN, previous.rows().get(Taxonomy.CARRIED_OVER_OUT).clone());
    rows.put(Taxonomy.CARRIED_OVER_OUT, previous.rows().get(Taxonomy.CARRIED_OVER_OUT).clone());
    final Table3 current = checks.table3("a", 2024, "agency", rows);
    assertEquals(List.of(), checks.publishedContinuity(current, previous));

    final long carried = previous.cell(Taxonomy.CARRIED_OVER_OUT, "RESEARCH_INSTITUTION");
    final Table3 broken =
        Tables.withCell(current, Taxonomy.CARRIED_OVER_IN, "RESEARCH_INSTITUTION", carried + 1);
    assertEquals(
        List.of(
            new Table3.Imbalance(
                Table3Checks.PUBLISHED_CONTINUITY,
                Taxonomy.CARRIED_OVER_IN,
                "RESEARCH_INSTITUTION",
                "列 科研机构 (RESEARCH_INSTITUTION): 2024年 二("
                    + (carried + 1)
                    + ") ≠ 2023年已发布报告 四("
                    + carried
                    + ")")),
        checks.publishedContinuity(broken, previous));
  }

  @Test
  void shouldRefusePublishedContinuityWhenYearsAreNotConsecutive() {
    final IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                checks.publishedContinuity(
                    Tables.zeroTable3("a", 2024), Tables.zeroTable3("a", 2022)));
    assertEquals(
        "publishedPreviousYear.year must be current.year - 1, got 2022 and 2024", e.getMessage());
  }

  @Test
  void shouldReportSubtreeSumWhenParentDiffersFromItsParts() {
    final Random random = new Random(17L);
    final Table3 a = Tables.randomTable3(random, "a", 2024);
    final Table3 b = Tables.randomTable3(random, "b", 2024);
    final Map<String, long[]> sum = new LinkedHashMap<>();
    a.rows()
        .forEach(
            (code, v) -> {
              final long[] s = v.clone();
              for (int i = 0; i < s.length; i++) {
                s[i] += b.rows().get(code)[i];
              }
              sum.put(code, s);
            });
    final Table3 parent = checks.table3("county", 2024, "subtree", sum);
    assertEquals(List.of(), checks.subtreeSum(parent, a, List.of(b), List.of("乙镇")));

    final long value = parent.cell("DISCLOSED", "NATURAL_PERSON");
    final Table3 broken = Tables.withCell(parent, "DISCLOSED", "NATURAL_PERSON", value + 2);
    assertEquals(
        List.of(
            new Table3.Imbalance(
                Table3Checks.SUBTREE_SUM,
                "DISCLOSED",
                "NATURAL_PERSON",
                "行 （一） (DISCLOSED), 列 自然人 (NATURAL_PERSON): county含下级合计("
                    + (value + 2)
                    + ") ≠ 本机关("
                    + a.cell("DISCLOSED", "NATURAL_PERSON")
                    + ") + 乙镇("
                    + b.cell("DISCLOSED", "NATURAL_PERSON")
                    + ") = "
                    + value)),
        checks.subtreeSum(broken, a, List.of(b), List.of("乙镇")));
  }

  @Test
  void shouldRefuseTableWhenARowIsMissing() {
    final Map<String, long[]> rows = new LinkedHashMap<>();
    Taxonomy.get().rows().forEach(r -> rows.put(r.code(), new long[7]));
    rows.remove("OTHER_FEE_UNPAID");
    final IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> checks.table3("a", 2024, "agency", rows));
    assertEquals("rows.OTHER_FEE_UNPAID must hold 7 counts, got none", e.getMessage());
  }

  @Test
  void shouldNameRowsShortlyWhenBuildingMessages() {
    final Taxonomy taxonomy = Taxonomy.get();
    assertEquals("二", ReportText.shortName(taxonomy.row(Taxonomy.CARRIED_OVER_IN)));
    assertEquals("（二）", ReportText.shortName(taxonomy.row("PARTIALLY_DISCLOSED")));
    assertEquals("（六）3", ReportText.shortName(taxonomy.row("OTHER")));
    assertEquals("部分公开", ReportText.groupName(taxonomy.row("PARTIALLY_DISCLOSED").group()));
  }
}
