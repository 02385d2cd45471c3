package foi.tracker.core.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import foi.tracker.core.json.Json;
import foi.tracker.core.taxonomy.Taxonomy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class Table4ChecksTest {

  private static Map<String, Long> zero() {
    final Map<String, Long> cells = new LinkedHashMap<>();
    Taxonomy.get().table4Columns().forEach(c -> cells.put(c, 0L));
    return cells;
  }

  @Test
  void shouldFindNothingWhenEachGroupAddsUp() {
    final Map<String, Long> cells = zero();
    cells.put("REVIEW_UPHELD", 2L);
    cells.put("REVIEW_PENDING", 1L);
    cells.put("REVIEW_TOTAL", 3L);
    assertEquals(List.of(), Table4Checks.check(cells));
    assertTrue(new Table4("town", 2024, "agency", cells).balanced());
  }

  @Test
  void shouldReportTable4TotalWithTheGroupsNumbersWhenAnImportedTotalDoesNotAddUp() {
    final Map<String, Long> cells = zero();
    cells.put("LITIGATION_AFTER_REVIEW_CORRECTED", 1L);
    cells.put("LITIGATION_AFTER_REVIEW_PENDING", 2L);
    cells.put("LITIGATION_AFTER_REVIEW_TOTAL", 4L);
    cells.put("REVIEW_TOTAL", 1L);
    final Table4 t = new Table4("town", 2023, "agency", cells);
    assertFalse(t.balanced());
    assertEquals(
        List.of(
            new Table3.Imbalance(
                Table4Checks.TABLE4_TOTAL,
                "TABLE4",
                "REVIEW_TOTAL",
                "表四 行政复议: 结果维持(0) + 结果纠正(0) + 其他结果(0) + 尚未审结(0) = 0 ≠ 总计(1)"),
            new Table3.Imbalance(
                Table4Checks.TABLE4_TOTAL,
                "TABLE4",
                "LITIGATION_AFTER_REVIEW_TOTAL",
                "表四 行政诉讼·复议后起诉: 结果维持(0) + 结果纠正(1) + 其他结果(0) + 尚未审结(2) = 3 ≠ 总计(4)")),
        t.imbalances());
  }

  @Test
  void shouldWriteEveryEntryWithRuleRowColumnAndMessageWhenSerialised() throws Exception {
    final String json =
        new String(
            Json.write(
                List.of(
                    new Table3.Imbalance(Table3Checks.BALANCE, null, "TOTAL", "列 总计"),
                    new Table3.Imbalance(
                        Table4Checks.TABLE4_TOTAL, "TABLE4", "REVIEW_TOTAL", "表四"))),
            java.nio.charset.StandardCharsets.UTF_8);
    assertEquals(
        "[{\"rule\":\"BALANCE\",\"row\":null,\"column\":\"TOTAL\",\"message\":\"列 总计\"},"
            + "{\"rule\":\"TABLE4_TOTAL\",\"row\":\"TABLE4\",\"column\":\"REVIEW_TOTAL\",\"message\":\"表四\"}]",
        json);
  }
}
