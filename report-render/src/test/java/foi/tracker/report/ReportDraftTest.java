package foi.tracker.report;

import foi.tracker.core.table.Table3Checks;
import foi.tracker.core.taxonomy.ReportText;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import foi.tracker.core.table.Table3;
import foi.tracker.core.table.Table4;
import foi.tracker.core.taxonomy.Taxonomy;
import java.util.List;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

class ReportDraftTest {
  private static final String AGENCY = "连城镇人民政府";
  private final ReportDraft draft = new ReportDraft();

  private static SeedReport seed002() {
    return SeedReport.load(Seeds.resource(Seeds.LIANCHENG_2024));
  }

  @Test
  void shouldStateTheTableNotThePublishedTextWhenDraftingSeed002() {
    final Table3 table = seed002().toTable3("liancheng");
    assertEquals("2024年共收到政府信息公开申请3件，其中自然人3件；上年结转0件。本年度办结3件，其中予以公开1件，其他处理2件；"
        + "结转下年度继续办理0件。", draft.applicationsParagraph(table, Optional.empty()));
    final String page = draft.render(AGENCY, table, seed002().toTable4("liancheng"), Optional.empty());
    assertTrue(page.contains("予以公开1件"));
    assertTrue(page.contains("其他处理2件"));
    assertFalse(page.contains("无法提供2件"));
  }

  @Test
  void shouldSayAllOnTimeOnlyWhenOnTimeEqualsDecided() {
    final Table3 table = seed002().toTable3("liancheng");
    assertEquals("2024年共收到政府信息公开申请3件，其中自然人3件；上年结转0件。本年度办结3件（均在法定期限内答复），"
            + "其中予以公开1件，其他处理2件；结转下年度继续办理0件。",
        draft.applicationsParagraph(table, Optional.of(new ReportDraft.Compliance(3, 0))));
    assertTrue(draft.applicationsParagraph(table, Optional.of(new ReportDraft.Compliance(2, 1)))
        .contains("本年度办结3件（在法定期限内答复2件，逾期答复1件），"));
  }

  @Test
  void shouldBreakDownOrganisationsByTypeWhenTheyApplied() {
    Table3 table = Tables.zeroTable3("a", 2025);
    table = Tables.withCell(table, Taxonomy.NEW, "NATURAL_PERSON", 1);
    table = Tables.withCell(table, Taxonomy.NEW, "COMMERCIAL_ENTERPRISE", 2);
    table = Tables.withCell(table, Taxonomy.NEW, "OTHER_ORG", 1);
    table = Tables.withCell(table, Taxonomy.NEW, Taxonomy.TOTAL, 4);
    table = Tables.withCell(table, Taxonomy.CARRIED_OVER_OUT, Taxonomy.TOTAL, 4);
    assertEquals("2025年共收到政府信息公开申请4件，其中自然人1件，法人或其他组织3件（商业企业2件、其他1件）；上年结转0件。"
        + "本年度办结0件；结转下年度继续办理4件。", draft.applicationsParagraph(table, Optional.empty()));
  }

  @Test
  void shouldStateZeroesWhenNothingWasReceived() {
    assertEquals("2024年共收到政府信息公开申请0件；上年结转0件。本年度办结0件；结转下年度继续办理0件。",
        draft.applicationsParagraph(Tables.zeroTable3("a", 2024), Optional.of(new ReportDraft.Compliance(0, 0))));
  }

  @Test
  void shouldNeverEmitTheAgencyNameUnescapedWhenItHoldsMarkup() {
    final String name = "<script>alert(1)</script>";
    final String page = draft.render(name, seed002().toTable3("x"), seed002().toTable4("x"), Optional.empty());
    assertFalse(page.contains("<script>"));
    assertFalse(page.contains(name));
    assertTrue(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;2024"));
    assertEquals(draft.title(name, 2024), Jsoup.parse(page).selectFirst("h1").text());
  }

  @Test
  void shouldHoldSixSectionsWithTablesAndPlaceholdersWhenRendered() {
    final Table4 table4 = seed002().toTable4("liancheng");
    final String page = draft.render(AGENCY, seed002().toTable3("liancheng"), table4, Optional.empty());
    final Document doc = Jsoup.parse(page);
    final ReportText text = ReportText.get();
    assertEquals(List.of(text.text("section.1"), text.text("section.2"), text.table3Title(), text.table4Title(),
        text.text("section.5"), text.text("section.6")), doc.select("h2").eachText());
    assertEquals("连城镇人民政府2024年政府信息公开工作年度报告", doc.selectFirst("h1").text());
    assertEquals(2, doc.select("table").size());
    assertEquals(4, doc.select("p.placeholder").size());
    final Element afterSection2 = doc.select("h2").get(1).nextElementSibling();
    assertTrue(afterSection2.hasClass("placeholder"));
    assertTrue(page.contains("@page { size: A4"));
    assertTrue(page.contains(new Table4Html().fragment(table4)));
    assertEquals("text/html; charset=utf-8", ReportDraft.CONTENT_TYPE);
  }
}
