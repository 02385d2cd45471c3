package foi.tracker.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import foi.tracker.core.table.Table3;
import foi.tracker.core.table.Table4;
import foi.tracker.core.taxonomy.ReportText;
import foi.tracker.core.taxonomy.Taxonomy;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

class ReportDraftTest {
  private static final String AGENCY = "连城镇人民政府";

  /** 2026-12-07 14:03 in China. */
  private static final Instant AS_OF = Instant.parse("2026-12-07T06:03:00Z");

  private static final ReportText TEXT = ReportText.get();
  private final ReportDraft draft = new ReportDraft();

  private static SeedReport seed002() {
    return SeedReport.load(Seeds.resource(Seeds.LIANCHENG_2024));
  }

  private static ReportHeading live(final int year) {
    return ReportHeading.live(AGENCY, year, false, AS_OF);
  }

  /** 3 received from natural persons: 2 disclosed, 1 withdrawn (（六）3 其他). */
  private static Table3 withdrawalTable() {
    Table3 table = Tables.zeroTable3("a", 2025);
    table = Tables.withCell(table, Taxonomy.NEW, "NATURAL_PERSON", 3);
    table = Tables.withCell(table, Taxonomy.NEW, Taxonomy.TOTAL, 3);
    table = Tables.withCell(table, "DISCLOSED", "NATURAL_PERSON", 2);
    table = Tables.withCell(table, "DISCLOSED", Taxonomy.TOTAL, 2);
    table = Tables.withCell(table, Taxonomy.WITHDRAWN_OUTCOME, "NATURAL_PERSON", 1);
    table = Tables.withCell(table, Taxonomy.WITHDRAWN_OUTCOME, Taxonomy.TOTAL, 1);
    table = Tables.withCell(table, Taxonomy.DECIDED_TOTAL, "NATURAL_PERSON", 3);
    return Tables.withCell(table, Taxonomy.DECIDED_TOTAL, Taxonomy.TOTAL, 3);
  }

  private static Table4 noCases(final int year) {
    return Tables.table4("a", year, "agency", Map.of());
  }

  private String paragraph(
      final Table3 table3, final Table4 table4, final ReportDraft.Compliance compliance) {
    return draft.applicationsParagraph(
        new ReportDraft.Input(live(table3.year()), table3, table4, compliance, null));
  }

  @Test
  void shouldStateTheTableNotThePublishedTextWhenDraftingSeed002() {
    final Table3 table = seed002().toTable3("liancheng");
    assertEquals(
        "2024年共收到政府信息公开申请3件，其中自然人3件。本年度办结3件，其中予以公开1件，其他处理2件。",
        draft.applicationsParagraph(table, Optional.empty()));
    final String page =
        draft.render(AGENCY, table, seed002().toTable4("liancheng"), Optional.empty());
    assertTrue(page.contains("予以公开1件"));
    assertTrue(page.contains("其他处理2件"));
    assertFalse(page.contains("无法提供2件"));
  }

  @Test
  void shouldSayAllOnTimeOnlyWhenNothingWasLateAndNothingIsOverdue() {
    final Table3 table = seed002().toTable3("liancheng");
    final Table4 table4 = seed002().toTable4("liancheng");
    assertEquals(
        "2024年共收到政府信息公开申请3件，其中自然人3件。本年度办结3件，均在法定期限内答复，其中予以公开1件，"
            + "其他处理2件。本年度未发生因政府信息公开申请引起的行政复议、行政诉讼。",
        paragraph(table, table4, new ReportDraft.Compliance(3, 0, 0L)));
    assertEquals(
        "2024年共收到政府信息公开申请3件，其中自然人3件。本年度办结3件，其中予以公开1件，其他处理2件。"
            + "在法定期限内答复2件，逾期答复1件。本年度未发生因政府信息公开申请引起的行政复议、行政诉讼。",
        paragraph(table, table4, new ReportDraft.Compliance(2, 1, 0L)));
    final String overdue = paragraph(table, table4, new ReportDraft.Compliance(3, 0, 1L));
    assertTrue(overdue.contains("在法定期限内答复3件，另有1件已超过法定期限尚未答复。"), overdue);
    assertFalse(overdue.contains("均在法定期限内"), overdue);
  }

  @Test
  void shouldSayNothingAboutTimelinessWhenOpenOverdueIsUnknown() {
    final Table3 table = seed002().toTable3("liancheng");
    for (final ReportDraft.Compliance unknown :
        new ReportDraft.Compliance[] {
          new ReportDraft.Compliance(3, 0), new ReportDraft.Compliance(2, 1, null), null
        }) {
      final String text = paragraph(table, seed002().toTable4("liancheng"), unknown);
      assertFalse(text.contains("期限"), text);
    }
    assertNull(new ReportDraft.Compliance(3, 0).openOverdue());
  }

  @Test
  void shouldStateWithdrawalsApartFromAnswersWhenAnApplicantWithdrew() {
    final String text =
        paragraph(withdrawalTable(), noCases(2025), new ReportDraft.Compliance(2, 0, 0L));
    assertEquals(
        "2025年共收到政府信息公开申请3件，其中自然人3件。本年度办结3件，其中答复2件、申请人撤回等1件，"
            + "答复均在法定期限内；按办理结果，予以公开2件，其他处理1件。"
            + "本年度未发生因政府信息公开申请引起的行政复议、行政诉讼。",
        text);
    assertFalse(text.contains("逾期答复0件"), text);
    assertFalse(text.contains("办结3件（在法定期限内答复2件"), text);
    final String late =
        paragraph(withdrawalTable(), noCases(2025), new ReportDraft.Compliance(1, 1, 0L));
    assertTrue(
        late.contains("本年度办结3件，其中答复2件、申请人撤回等1件；按办理结果，予以公开2件，其他处理1件。" + "在法定期限内答复1件，逾期答复1件。"), late);
  }

  @Test
  void shouldNotClaimAnAnswerWhenEveryClosureWasAWithdrawal() {
    Table3 table = Tables.zeroTable3("a", 2025);
    table = Tables.withCell(table, Taxonomy.NEW, "NATURAL_PERSON", 1);
    table = Tables.withCell(table, Taxonomy.NEW, Taxonomy.TOTAL, 1);
    table = Tables.withCell(table, Taxonomy.WITHDRAWN_OUTCOME, "NATURAL_PERSON", 1);
    table = Tables.withCell(table, Taxonomy.WITHDRAWN_OUTCOME, Taxonomy.TOTAL, 1);
    table = Tables.withCell(table, Taxonomy.DECIDED_TOTAL, "NATURAL_PERSON", 1);
    table = Tables.withCell(table, Taxonomy.DECIDED_TOTAL, Taxonomy.TOTAL, 1);
    assertEquals(
        "2025年共收到政府信息公开申请1件，其中自然人1件。本年度办结1件，均为申请人撤回等未作答复的情形；"
            + "按办理结果，其他处理1件。本年度未发生因政府信息公开申请引起的行政复议、行政诉讼。",
        paragraph(table, noCases(2025), new ReportDraft.Compliance(0, 0, 0L)));
  }

  @Test
  void shouldBreakDownOrganisationsByTypeWhenTheyApplied() {
    Table3 table = Tables.zeroTable3("a", 2025);
    table = Tables.withCell(table, Taxonomy.NEW, "NATURAL_PERSON", 1);
    table = Tables.withCell(table, Taxonomy.NEW, "COMMERCIAL_ENTERPRISE", 2);
    table = Tables.withCell(table, Taxonomy.NEW, "OTHER_ORG", 1);
    table = Tables.withCell(table, Taxonomy.NEW, Taxonomy.TOTAL, 4);
    table = Tables.withCell(table, Taxonomy.CARRIED_OVER_IN, Taxonomy.TOTAL, 2);
    table = Tables.withCell(table, Taxonomy.CARRIED_OVER_OUT, Taxonomy.TOTAL, 6);
    assertEquals(
        "2025年共收到政府信息公开申请4件，其中自然人1件，法人或其他组织3件（商业企业2件、其他1件）；上年结转2件。" + "本年度未办结申请；结转下年度继续办理6件。",
        draft.applicationsParagraph(table, Optional.empty()));
  }

  @Test
  void shouldSayNoApplicationInTheSeedsWordsWhenNothingWasReceivedCarriedOrDecided() {
    final String none = TEXT.text("para.none");
    final String noCase = "因政府信息公开申请引起的行政复议";
    assertTrue(
        SeedReport.text(Seeds.resource("001_25d7e7ed77fd949c")).contains("小铺乡" + none.substring(3)),
        "seed 001 words it 「…未收到政府信息公开申请」");
    assertTrue(
        SeedReport.text(Seeds.resource("003_cfdd1f6bb9b2d072")).contains("无" + noCase),
        "seed 003 words it 「无因政府信息公开申请引起的行政复议…」");
    for (final String name :
        List.of(
            "000_10b297a2e3f19ee1",
            "001_25d7e7ed77fd949c",
            "003_cfdd1f6bb9b2d072",
            "004_77456f5ba1213ff2")) {
      final SeedReport seed = SeedReport.load(Seeds.resource(name));
      final ReportDraft.Input input =
          new ReportDraft.Input(
              ReportHeading.live(AGENCY, seed.year(), false, AS_OF),
              seed.toTable3(name),
              seed.toTable4(name),
              new ReportDraft.Compliance(0, 0, 0L),
              BigDecimal.ZERO);
      final String text = draft.applicationsParagraph(input);
      assertEquals("本年度未收到政府信息公开申请；未发生因政府信息公开申请引起的行政复议、行政诉讼。", text, name);
      assertFalse(text.contains("0件"), name);
      assertFalse(text.contains("期限"), name);
    }
    assertEquals(
        "本年度未收到政府信息公开申请。",
        draft.applicationsParagraph(
            Tables.zeroTable3("a", 2024), Optional.of(new ReportDraft.Compliance(0, 0, 0L))));
  }

  @Test
  void shouldSayNoReviewOrLitigationWhenTable4IsZeroAndCountThemWhenNot() {
    assertEquals("本年度未发生因政府信息公开申请引起的行政复议、行政诉讼。", draft.casesSentence(noCases(2025)));
    assertEquals(
        "本年度因政府信息公开申请引起的行政复议2件（维持1件、尚未审结1件），行政诉讼3件（未经复议直接起诉2件：" + "纠正1件、其他1件；复议后起诉1件：尚未审结1件）。",
        draft.casesSentence(
            Tables.table4(
                "a",
                2025,
                "agency",
                Map.of(
                    "REVIEW_UPHELD",
                    1L,
                    "REVIEW_PENDING",
                    1L,
                    "REVIEW_TOTAL",
                    2L,
                    "LITIGATION_DIRECT_CORRECTED",
                    1L,
                    "LITIGATION_DIRECT_OTHER",
                    1L,
                    "LITIGATION_DIRECT_TOTAL",
                    2L,
                    "LITIGATION_AFTER_REVIEW_PENDING",
                    1L,
                    "LITIGATION_AFTER_REVIEW_TOTAL",
                    1L))));
    assertEquals(
        "本年度因政府信息公开申请引起的行政复议1件（纠正1件），无行政诉讼。",
        draft.casesSentence(
            Tables.table4(
                "a", 2025, "agency", Map.of("REVIEW_CORRECTED", 1L, "REVIEW_TOTAL", 1L))));
    assertEquals(
        "本年度因政府信息公开申请引起的行政诉讼1件（复议后起诉1件：维持1件），无行政复议。",
        draft.casesSentence(
            Tables.table4(
                "a",
                2025,
                "agency",
                Map.of(
                    "LITIGATION_AFTER_REVIEW_UPHELD", 1L, "LITIGATION_AFTER_REVIEW_TOTAL", 1L))));
    final String paragraph =
        paragraph(
            Tables.zeroTable3("a", 2025),
            Tables.table4("a", 2025, "agency", Map.of("REVIEW_PENDING", 1L, "REVIEW_TOTAL", 1L)),
            null);
    assertEquals("本年度未收到政府信息公开申请。本年度因政府信息公开申请引起的行政复议1件（尚未审结1件），无行政诉讼。", paragraph);
  }

  @Test
  void shouldStateTheFeeInSectionSixInTheSeedsWords() {
    assertEquals("本年度没有收取信息处理费。", draft.feeSentence(BigDecimal.ZERO));
    assertTrue(
        SeedReport.text(Seeds.resource("004_77456f5ba1213ff2"))
            .contains(draft.feeSentence(BigDecimal.ZERO)),
        "seed 004 words it 「本年度没有收取信息处理费。」");
    assertEquals("本年度共收取信息处理费120元。", draft.feeSentence(new BigDecimal("120.00")));
    assertEquals("本年度共收取信息处理费12.50元。", draft.feeSentence(new BigDecimal("12.5")));
    assertEquals("本年度共收取信息处理费0.03元。", draft.feeSentence(BigDecimal.valueOf(3, 2)));
    assertEquals("", draft.feeSentence(null));
    final Document charged =
        Jsoup.parse(
            draft.render(
                new ReportDraft.Input(
                    live(2024),
                    seed002().toTable3("x"),
                    seed002().toTable4("x"),
                    null,
                    new BigDecimal("35"))));
    final Element section6 = charged.select("h2").last();
    assertEquals(TEXT.text("section.6"), section6.text());
    assertEquals("本年度共收取信息处理费35元。", section6.nextElementSibling().text());
    assertTrue(section6.nextElementSibling().hasClass("fee"));
    final Document unknown =
        Jsoup.parse(
            draft.render(
                new ReportDraft.Input(
                    live(2024), seed002().toTable3("x"), seed002().toTable4("x"), null, null)));
    assertTrue(unknown.select("p.fee").isEmpty());
    assertTrue(unknown.select("h2").last().nextElementSibling().hasClass("placeholder"));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new ReportDraft.Input(
                live(2024),
                seed002().toTable3("x"),
                seed002().toTable4("x"),
                null,
                new BigDecimal("-1")));
  }

  @Test
  void shouldMarkARollUpWhenTheDraftIsOfASubtree() {
    final Table3 table3 = Tables.withScope(seed002().toTable3("guzhen"), "subtree");
    final Table4 table4 = Tables.table4("guzhen", 2024, "subtree", Map.of());
    final Document doc =
        Jsoup.parse(
            draft.render(
                new ReportDraft.Input(
                    ReportHeading.live("固镇县人民政府", 2024, true, AS_OF), table3, table4, null, null)));
    assertEquals("固镇县人民政府2024年政府信息公开工作年度报告（含下级机关汇总）", doc.selectFirst("h1").text());
    assertEquals("本稿为固镇县人民政府及其下级机关的汇总数据，不是单一机关的年度报告。", doc.selectFirst("p.rollup-note").text());
    assertEquals(
        "固镇县人民政府　2024年度　含下级　截至 2026-12-07 14:03 的实时数据", doc.selectFirst("p.report-heading").text());
    final Document single =
        Jsoup.parse(
            draft.render(
                new ReportDraft.Input(
                    live(2024), seed002().toTable3("x"), seed002().toTable4("x"), null, null)));
    assertTrue(single.select("p.rollup-note").isEmpty());
    assertFalse(single.selectFirst("h1").text().contains("含下级"));
    final Document legacy = Jsoup.parse(draft.render("固镇县人民政府", table3, table4, Optional.empty()));
    assertEquals("固镇县人民政府2024年政府信息公开工作年度报告（含下级机关汇总）", legacy.selectFirst("h1").text());
    assertThrows(
        IllegalArgumentException.class,
        () -> new ReportDraft.Input(live(2024), table3, table4, null, null));
  }

  @Test
  void shouldNameLiveTimeOrPublishedVersionInTheHeadingWhenRendered() {
    final Table3 table3 = seed002().toTable3("liancheng");
    final Table4 table4 = seed002().toTable4("liancheng");
    final Document live =
        Jsoup.parse(draft.render(new ReportDraft.Input(live(2024), table3, table4, null, null)));
    assertEquals(
        "连城镇人民政府　2024年度　本机关　截至 2026-12-07 14:03 的实时数据",
        live.selectFirst("p.report-heading").text());
    final ReportHeading second =
        ReportHeading.published(
            AGENCY,
            2024,
            false,
            new ReportHeading.Publication(2, LocalDate.of(2026, 1, 20), "更正表三第一项的数字"));
    final String published =
        draft.render(new ReportDraft.Input(second, table3, table4, null, null));
    assertEquals(
        "连城镇人民政府　2024年度　本机关　第2版，发布日期 2026-01-20；更正原因：更正表三第一项的数字",
        Jsoup.parse(published).selectFirst("p.report-heading").text());
    assertFalse(published.contains("实时数据"));
    assertEquals(
        "第1版，发布日期 2025-01-15",
        ReportHeading.published(
                AGENCY,
                2024,
                false,
                new ReportHeading.Publication(1, LocalDate.of(2025, 1, 15), null))
            .statusText(TEXT));
    assertTrue(published.indexOf("class=\"report-heading\"") < published.indexOf("<table"));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new ReportHeading(
                AGENCY,
                2024,
                false,
                AS_OF,
                new ReportHeading.Publication(1, LocalDate.of(2025, 1, 15), null)));
  }

  @Test
  void shouldNeverEmitTheAgencyNameUnescapedWhenItHoldsMarkup() {
    final String name = "<script>alert(1)</script>";
    final String page =
        draft.render(name, seed002().toTable3("x"), seed002().toTable4("x"), Optional.empty());
    assertFalse(page.contains("<script>"));
    assertFalse(page.contains(name));
    assertTrue(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;2024"));
    assertEquals(draft.title(name, 2024), Jsoup.parse(page).selectFirst("h1").text());
    final String reason = "<b>x</b>";
    final String published =
        draft.render(
            new ReportDraft.Input(
                ReportHeading.published(
                    name,
                    2024,
                    false,
                    new ReportHeading.Publication(2, LocalDate.of(2025, 2, 1), reason)),
                seed002().toTable3("x"),
                seed002().toTable4("x"),
                null,
                null));
    assertFalse(published.contains("<script>"));
    assertFalse(published.contains(reason));
  }

  @Test
  void shouldFollowThe30HaoLayoutWithTheApplicationsParagraphAsSection1Item2() {
    final Table4 table4 = seed002().toTable4("liancheng");
    final String page =
        draft.render(
            new ReportDraft.Input(
                live(2024),
                seed002().toTable3("liancheng"),
                table4,
                new ReportDraft.Compliance(3, 0, 0L),
                BigDecimal.ZERO));
    final Document doc = Jsoup.parse(page);
    assertEquals(
        List.of(
            TEXT.text("section.1"),
            TEXT.text("section.2"),
            TEXT.table3Title(),
            TEXT.table4Title(),
            TEXT.text("section.5"),
            TEXT.text("section.6")),
        doc.select("h2").eachText());
    assertEquals(
        List.of("（一）主动公开情况", "（二）依申请公开情况", "（三）政府信息管理", "（四）政府信息公开平台建设", "（五）监督保障"),
        doc.select("h3").eachText());
    final String seedText = SeedReport.text(Seeds.resource(Seeds.LIANCHENG_2024));
    for (final String h3 : doc.select("h3").eachText()) {
      assertTrue(seedText.contains(h3), "seed 002 has the sub-heading " + h3);
    }
    final Element applications = doc.select("h3").get(1).nextElementSibling();
    assertTrue(applications.hasClass("applications"));
    assertTrue(applications.text().startsWith("2024年共收到政府信息公开申请3件"));
    assertEquals("连城镇人民政府2024年政府信息公开工作年度报告", doc.selectFirst("h1").text());
    assertEquals(2, doc.select("table").size());
    assertEquals(7, doc.select("p.placeholder").size());
    assertTrue(doc.select("h2").get(1).nextElementSibling().hasClass("placeholder"));
    assertEquals("本年度没有收取信息处理费。", doc.select("h2").last().nextElementSibling().text());
    assertTrue(page.contains(new Table4Html().fragment(table4)));
    assertEquals("text/html; charset=utf-8", ReportDraft.CONTENT_TYPE);
  }

  @Test
  void shouldPrintOnA4WithTable4AtPageWidthWhenPrinted() {
    final String page =
        draft.render(
            new ReportDraft.Input(
                live(2024), seed002().toTable3("x"), seed002().toTable4("x"), null, null));
    assertTrue(page.contains("@page { size: A4"));
    assertTrue(page.contains("table.foi-table4 { width: 100%; table-layout: fixed; }"));
    assertTrue(page.contains("p.draft-notice { display: none; }"));
  }

  @Test
  void shouldRefuseTablesOfAnotherYearThanTheHeading() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new ReportDraft.Input(
                live(2025), seed002().toTable3("x"), seed002().toTable4("x"), null, null));
  }
}
