package foi.tracker.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import foi.tracker.core.table.Table3;
import foi.tracker.core.table.Table3Checks;
import foi.tracker.core.taxonomy.Taxonomy;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SeedReportTest {
  private static final Taxonomy TAXONOMY = Taxonomy.get();

  @Test
  void shouldParseAllFiveSeedsWhenLayoutsDiffer() {
    final Map<String, Integer> years =
        Seeds.NAMES.stream()
            .collect(Collectors.toMap(n -> n, n -> SeedReport.load(Seeds.resource(n)).year()));
    assertEquals(
        Map.of(
            "000_10b297a2e3f19ee1",
            2024,
            "001_25d7e7ed77fd949c",
            2024,
            "002_f4141a8ebd31f87f",
            2024,
            "003_cfdd1f6bb9b2d072",
            2024,
            "004_77456f5ba1213ff2",
            2023),
        years);
    for (final String name : Seeds.NAMES) {
      final SeedReport seed = SeedReport.load(Seeds.resource(name));
      assertEquals(15, seed.table4().size(), name);
      assertEquals(Collections.nCopies(15, 0L), seed.table4(), name);
    }
  }

  @Test
  void shouldFindEveryPublishedTable3BalancedWhenChecked() {
    // Finding: all five published Table 三s pass every single-table rule (they are small: four are
    // all zero).
    for (final String name : Seeds.NAMES) {
      final Table3 table = SeedReport.load(Seeds.resource(name)).toTable3(name);
      assertEquals(List.of(), new Table3Checks().check(table), name);
      assertTrue(table.balanced(), name);
    }
  }

  @Test
  void shouldReadLianchengNumbersWhenParsingSeed002() {
    final SeedReport seed = SeedReport.load(Seeds.resource(Seeds.LIANCHENG_2024));
    assertEquals(25, seed.table3().size());
    assertEquals(Map.of(), seed.groupsAsOneRow());
    final Map<String, long[]> nonZero =
        Map.of(
            Taxonomy.NEW,
            new long[] {3, 0, 0, 0, 0, 0, 3},
            "DISCLOSED",
            new long[] {1, 0, 0, 0, 0, 0, 1},
            "OTHER",
            new long[] {2, 0, 0, 0, 0, 0, 2},
            Taxonomy.DECIDED_TOTAL,
            new long[] {3, 0, 0, 0, 0, 0, 3});
    for (final Taxonomy.Row row : TAXONOMY.rows()) {
      assertArrayEquals(
          nonZero.getOrDefault(row.code(), new long[7]), seed.table3().get(row.code()), row.code());
    }
  }

  @Test
  void shouldShowTextContradictingTableWhenReadingSeed002() {
    // Finding: section 一 says 予以公开1件，无法提供2件 (信息不存在, i.e. （四）1), the table counts them in （六）3.其他.
    final String text = SeedReport.text(Seeds.resource(Seeds.LIANCHENG_2024));
    assertTrue(text.contains("予以公开1件，无法提供2件"));
    final Table3 table =
        SeedReport.load(Seeds.resource(Seeds.LIANCHENG_2024)).toTable3("liancheng");
    final String unavailable = TAXONOMY.row("UNAVAILABLE_NOT_HELD").group();
    final long unavailableTotal =
        TAXONOMY.outcomes().stream()
            .filter(o -> TAXONOMY.row(o).group().equals(unavailable))
            .mapToLong(o -> table.cell(o, Taxonomy.TOTAL))
            .sum();
    assertEquals(0, unavailableTotal);
    assertEquals(2, table.cell("OTHER", Taxonomy.TOTAL));
  }

  @Test
  void shouldReportOtherProcessingAsOneRowWhenSeed003UsesThe2019Layout() {
    // Finding: seed 003 (沙河市白塔镇 2024) prints （六）其他处理 as one row with numbers, the 2019 layout.
    final SeedReport seed = SeedReport.load(Seeds.resource("003_cfdd1f6bb9b2d072"));
    final String otherGroup = TAXONOMY.row("OTHER").group();
    assertEquals(Set.of(otherGroup), seed.groupsAsOneRow().keySet());
    assertEquals(22, seed.table3().size());
    assertFalse(seed.table3().containsKey("OTHER_NO_CORRECTION"));
    assertFalse(seed.table3().containsKey("OTHER_FEE_UNPAID"));
    assertFalse(seed.table3().containsKey("OTHER"));
    assertEquals(25, seed.toTable3("baita").rows().size());
    for (final String name : Seeds.NAMES) {
      if (!name.startsWith("003")) {
        assertEquals(Map.of(), SeedReport.load(Seeds.resource(name)).groupsAsOneRow(), name);
      }
    }
  }
}
