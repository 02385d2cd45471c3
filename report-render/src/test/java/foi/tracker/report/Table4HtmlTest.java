package foi.tracker.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import foi.tracker.core.table.Table4;
import foi.tracker.core.taxonomy.Taxonomy;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

class Table4HtmlTest {
  private final Table4Html html = new Table4Html();

  @Test
  void shouldPutEveryNumberInItsColumnWhenRenderingRandomTables() {
    final Random random = new Random(4L);
    for (int i = 0; i < 10; i++) {
      final Table4 table = Tables.randomTable4(random, "a", 2024);
      final List<Grid.Read> numbers =
          Grid.read(html.fragment(table)).stream().filter(c -> c.tag().equals("td")).toList();
      final List<String> codes = Taxonomy.get().table4Columns();
      assertEquals(codes.size(), numbers.size());
      for (int c = 0; c < codes.size(); c++) {
        assertEquals(3, numbers.get(c).row());
        assertEquals(c, numbers.get(c).column());
        assertEquals(
            String.valueOf(table.cells().get(codes.get(c))), numbers.get(c).text(), codes.get(c));
      }
    }
  }

  @Test
  void shouldMergeReviewAndLitigationHeadersWhenRenderingTheOfficialLayout() {
    final List<Grid.Read> read =
        Grid.read(
            html.fragment(
                SeedReport.load(Seeds.resource(Seeds.LIANCHENG_2024)).toTable4("liancheng")));
    final Map<String, String> spans =
        read.stream()
            .filter(c -> c.rowSpan() > 1 || c.columnSpan() > 1)
            .collect(
                Collectors.toMap(
                    c -> c.row() + "," + c.column(), c -> c.rowSpan() + "x" + c.columnSpan()));
    assertEquals(
        Map.of(
            "0,0", "1x5", "0,5", "1x10", "1,0", "2x1", "1,1", "2x1", "1,2", "2x1", "1,3", "2x1",
            "1,4", "2x1", "1,5", "1x5", "1,10", "1x5"),
        spans);
  }

  @Test
  void shouldPrintCellsInTheSeedsOrderWhenComparedWithSeed004() {
    final String seed = SeedReport.text(Seeds.resource("004_77456f5ba1213ff2"));
    final List<String> ours =
        Grid.read(html.fragment(SeedReport.parse(seed).toTable4("heping"))).stream()
            .map(c -> SeedReport.normalize(c.text()))
            .toList();
    assertEquals(SeedReport.table4Cells(seed).stream().map(SeedReport::normalize).toList(), ours);
  }

  @Test
  void shouldEscapeAgencyNameWhenRenderingPage() {
    assertFalse(
        html.page(Tables.randomTable4(new Random(1), "a", 2024), "<script>alert(1)</script>")
            .contains("<script>"));
  }

  @Test
  void shouldSayWhatThePageIsAboveTheGridWhenGivenAHeading() {
    final Table4 table = Tables.randomTable4(new Random(4L), "guzhen", 2024);
    final String page =
        html.page(
            new Table4(table.agencyId(), 2024, "subtree", table.cells()),
            ReportHeading.published(
                "固镇县人民政府",
                2024,
                true,
                new ReportHeading.Publication(3, LocalDate.of(2025, 3, 2), "补录复议案件")));
    assertEquals(
        "固镇县人民政府　2024年度　含下级　第3版，发布日期 2025-03-02；更正原因：补录复议案件",
        Jsoup.parse(page).selectFirst("p.report-heading").text());
    assertEquals(Grid.read(html.page(table, "固镇县人民政府")), Grid.read(page));
  }
}
