package foi.tracker.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import foi.tracker.core.table.Table3;
import foi.tracker.core.taxonomy.ReportText;
import foi.tracker.core.taxonomy.Taxonomy;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

class Table3HtmlTest {
  private static final Taxonomy TAXONOMY = Taxonomy.get();
  private final Table3Html html = new Table3Html();
  private final Table3Layout layout = new Table3Layout();

  @Test
  void shouldPutEveryNumberInItsCellWhenRenderingSeed002() {
    assertCellByCell(SeedReport.load(Seeds.resource(Seeds.LIANCHENG_2024)).toTable3("liancheng"));
  }

  @Test
  void shouldPutEveryNumberInItsCellWhenRenderingRandomTables() {
    final Random random = new Random(20240101L);
    for (int i = 0; i < 20; i++) {
      assertCellByCell(Tables.randomTable3(random, "random-" + i, 2024));
    }
  }

  private void assertCellByCell(final Table3 table) {
    final Map<String, Grid.Read> read =
        Grid.read(html.fragment(table)).stream()
            .collect(Collectors.toMap(c -> c.row() + "," + c.column(), Function.identity()));
    int numbers = 0;
    for (final Taxonomy.Row row : TAXONOMY.rows()) {
      for (final Taxonomy.Column column : TAXONOMY.columns()) {
        final Grid.Read cell =
            read.get(layout.gridRow(row.code()) + "," + layout.gridColumn(column.code()));
        assertEquals("td", cell.tag(), row.code() + "/" + column.code());
        assertEquals(
            String.valueOf(table.cell(row.code(), column.code())),
            cell.text(),
            row.code() + "/" + column.code());
        numbers++;
      }
    }
    assertEquals(numbers, read.values().stream().filter(c -> c.tag().equals("td")).count());
  }

  @Test
  void shouldMergeHeaderAndGroupCellsWhenRenderingTheOfficialLayout() {
    final List<Grid.Read> read = Grid.read(html.fragment(Tables.zeroTable3("a", 2024)));
    final Map<String, String> spans =
        read.stream()
            .filter(c -> c.rowSpan() > 1 || c.columnSpan() > 1)
            .collect(
                Collectors.toMap(
                    c -> c.row() + "," + c.column(), c -> c.rowSpan() + "x" + c.columnSpan()));
    // Header: note 3x3, 申请人情况 1x7, 自然人 2x1, 法人或其他组织 1x5, 总计 2x1; rows 一 二 四 span the 3 label
    // columns;
    // 三、本年度办理结果 spans 22 rows; （一）（二）（七） span 2 columns; （三）8, （四）3, （五）5, （六）3 rows.
    assertEquals(
        Map.ofEntries(
            Map.entry("0,0", "3x3"),
            Map.entry("0,3", "1x7"),
            Map.entry("1,3", "2x1"),
            Map.entry("1,4", "1x5"),
            Map.entry("1,9", "2x1"),
            Map.entry("3,0", "1x3"),
            Map.entry("4,0", "1x3"),
            Map.entry("5,0", "22x1"),
            Map.entry("5,1", "1x2"),
            Map.entry("6,1", "1x2"),
            Map.entry("7,1", "8x1"),
            Map.entry("15,1", "3x1"),
            Map.entry("18,1", "5x1"),
            Map.entry("23,1", "3x1"),
            Map.entry("26,1", "1x2"),
            Map.entry("27,0", "1x3")),
        spans);
    final Map<String, String> texts =
        read.stream().collect(Collectors.toMap(c -> c.row() + "," + c.column(), Grid.Read::text));
    assertEquals(ReportText.get().balanceNote(), texts.get("0,0"));
    assertEquals(TAXONOMY.columnLabel("NATURAL_PERSON"), texts.get("1,3"));
    assertEquals(TAXONOMY.columns().get(1).group(), texts.get("1,4"));
    assertEquals(TAXONOMY.columnLabel(Taxonomy.TOTAL), texts.get("1,9"));
    assertEquals(TAXONOMY.row("DISCLOSED").section(), texts.get("5,0"));
    assertEquals(TAXONOMY.row("WITHHELD_STATE_SECRET").group(), texts.get("7,1"));
    assertEquals(TAXONOMY.row("WITHHELD_STATE_SECRET").label(), texts.get("7,2"));
    assertEquals(TAXONOMY.row(Taxonomy.CARRIED_OVER_OUT).label(), texts.get("27,0"));
  }

  @Test
  void shouldPrintCellsInTheSeedsOrderWhenComparedWithSeed004() {
    // Seed 004 prints the 2021 layout with whole labels: its cells in reading order are our cells
    // in document order.
    final String seed = SeedReport.text(Seeds.resource("004_77456f5ba1213ff2"));
    final Table3 table = SeedReport.parse(seed).toTable3("heping");
    final List<String> ours =
        Grid.read(html.fragment(table)).stream().map(c -> SeedReport.normalize(c.text())).toList();
    assertEquals(SeedReport.table3Cells(seed).stream().map(SeedReport::normalize).toList(), ours);
  }

  @Test
  void shouldEscapeAgencyNameWhenRenderingPage() {
    final String page = html.page(Tables.zeroTable3("a", 2024), "<script>alert(1)</script>");
    assertFalse(page.contains("<script>"));
    assertTrue(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assertTrue(page.startsWith("<!DOCTYPE html>"));
    assertTrue(page.contains("<meta charset=\"utf-8\">"));
  }

  @Test
  void shouldSayWhatThePageIsAboveTheGridWhenGivenAHeading() {
    final Table3 table = Tables.randomTable3(new Random(3L), "liancheng", 2025);
    final ReportHeading heading =
        ReportHeading.live("连城镇人民政府", 2025, false, Instant.parse("2026-12-07T06:03:00Z"));
    final String page = html.page(table, heading);
    final Document doc = Jsoup.parse(page);
    assertEquals("连城镇人民政府2025年 " + ReportText.get().table3Title(), doc.selectFirst("h1").text());
    assertEquals(
        "连城镇人民政府　2025年度　本机关　截至 2026-12-07 14:03 的实时数据", doc.selectFirst("p.report-heading").text());
    assertTrue(page.indexOf("report-heading") < page.indexOf("<table"));
    assertEquals(Grid.read(html.page(table, "连城镇人民政府")), Grid.read(page), "the grid is the same");
    final String published =
        html.page(
            Tables.withScope(table, "subtree"),
            ReportHeading.published(
                "<b>固镇</b>",
                2025,
                true,
                new ReportHeading.Publication(1, LocalDate.of(2026, 1, 10), null)));
    assertEquals(
        "<b>固镇</b>　2025年度　含下级　第1版，发布日期 2026-01-10",
        Jsoup.parse(published).selectFirst("p.report-heading").text());
    assertFalse(published.contains("<b>"));
    assertThrows(
        IllegalArgumentException.class,
        () -> html.page(table, ReportHeading.live("x", 2025, true, Instant.EPOCH)));
  }

  @Test
  void shouldEscapeEveryMarkupCharacterWhenEscaping() {
    assertEquals(
        "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;",
        Html.escape("<a href=\"x\" title='y'>&amp;</a>"));
    assertEquals("", Html.escape(null));
  }
}
