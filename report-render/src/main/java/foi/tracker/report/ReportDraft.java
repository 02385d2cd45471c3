package foi.tracker.report;

import foi.tracker.core.table.Table3;
import foi.tracker.core.table.Table4;
import foi.tracker.core.taxonomy.ReportText;
import foi.tracker.core.taxonomy.Taxonomy;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The printable draft (草稿) of the annual report (政府信息公开工作年度报告) as a full HTML page for A4, in the
 * 30号 layout: the heading says what the draft is (agency, year, 本机关 or 含下级, live or which published
 * version); section 一 has its five sub-sections, （二）依申请公开情况 generated from Table 三, the compliance
 * figures and Table 四; sections 三 and 四 hold the tables; section 六 states the 信息处理费; the rest is
 * marked to be filled by hand. All dynamic text is escaped. A published version's draft is rendered
 * from its frozen figures exactly as a live one; only the heading differs.
 */
public final class ReportDraft {
  /** Content type of {@link #render}. */
  public static final String CONTENT_TYPE = "text/html; charset=utf-8";

  private static final String DRAFT_CSS =
      """
      body { font-family: "SimSun", "Songti SC", serif; font-size: 12pt; line-height: 1.6; max-width: 180mm;
             margin: 1em auto; }
      h1 { font-size: 18pt; text-align: center; margin-bottom: 0.2em; }
      p.draft-marker { text-align: center; color: #a00; margin-top: 0; }
      p.report-heading { text-align: center; }
      p.rollup-note { text-align: center; font-size: 10.5pt; font-weight: bold; margin: 0.2em 0; }
      p.draft-notice { font-size: 10pt; color: #555; border: 1px dashed #999; padding: 0.4em; }
      h2 { font-size: 14pt; margin-top: 1.2em; }
      h3 { font-size: 12pt; }
      p.paragraph { text-indent: 2em; }
      p.placeholder { color: #a00; border: 1px dashed #a00; padding: 1em; }
      h2, h3 { page-break-after: avoid; break-after: avoid; }
      table.foi-table { width: 100%; }
      @media print {
        body { max-width: none; font-size: 12pt; }
        p.draft-notice { display: none; }
        p.placeholder { color: #000; }
      }
      """;

  private final ReportText text;
  private final Table3Html table3Html;
  private final Table4Html table4Html;
  private final DraftSentences sentences;

  /**
   * Answer-time compliance of the year (按期答复情况), as api.md "Compliance, counted honestly" counts
   * it.
   *
   * @param onTime answers (a counted {@code DECIDED}, not a withdrawal, not a re-answer) dated in
   *     the year and given within the statutory period
   * @param late such answers given after it
   * @param openOverdue applications open and OVERDUE on 31 December of the year (today for the
   *     current year); null when not known, and then the draft says nothing about timeliness
   */
  public record Compliance(long onTime, long late, Long openOverdue) {
    public Compliance {
      if (onTime < 0 || late < 0) {
        throw new IllegalArgumentException(
            "onTime and late must be >= 0, got " + onTime + " and " + late);
      }
      if (openOverdue != null && openOverdue < 0) {
        throw new IllegalArgumentException("openOverdue must be >= 0 or null, got " + openOverdue);
      }
    }

    /** Without the open overdue figure: timeliness is then not stated. */
    public Compliance(final long onTime, final long late) {
      this(onTime, late, null);
    }
  }

  /**
   * Everything the draft states, for one agency (or subtree) and year, live or frozen.
   *
   * @param heading what the draft is; its year and scope must be the tables'
   * @param table3 Table 三
   * @param table4 Table 四
   * @param compliance the year's compliance figures, or null when not known (an imported version
   *     without them)
   * @param feeYuan the year's 信息处理费 in yuan (the sum of the {@code FEE_PAID} amounts; from fen:
   *     {@code BigDecimal.valueOf(fen, 2)}), or null when not known; section 六 then has no fee
   *     sentence
   */
  public record Input(
      ReportHeading heading,
      Table3 table3,
      Table4 table4,
      Compliance compliance,
      BigDecimal feeYuan) {
    public Input {
      Objects.requireNonNull(heading, "heading");
      Objects.requireNonNull(table3, "table3");
      Objects.requireNonNull(table4, "table4");
      if (table3.year() != heading.year() || table4.year() != heading.year()) {
        throw new IllegalArgumentException(
            "heading.year, table3.year and table4.year differ: "
                + heading.year()
                + ", "
                + table3.year()
                + " and "
                + table4.year());
      }
      if (!heading.scope().equals(table3.scope()) || !heading.scope().equals(table4.scope())) {
        throw new IllegalArgumentException(
            "heading.subtree does not match the tables' scope: "
                + heading.scope()
                + ", "
                + table3.scope()
                + " and "
                + table4.scope());
      }
      if (feeYuan != null && feeYuan.signum() < 0) {
        throw new IllegalArgumentException("feeYuan must be >= 0 or null, got " + feeYuan);
      }
    }
  }

  public ReportDraft(
      final Taxonomy taxonomy,
      final ReportText text,
      final Table3Html table3Html,
      final Table4Html table4Html) {
    this.text = Objects.requireNonNull(text, "text");
    this.table3Html = Objects.requireNonNull(table3Html, "table3Html");
    this.table4Html = Objects.requireNonNull(table4Html, "table4Html");
    this.sentences =
        new DraftSentences(
            Objects.requireNonNull(taxonomy, "taxonomy"), text, new Table4Layout(taxonomy));
  }

  public ReportDraft() {
    this(Taxonomy.get(), ReportText.get(), new Table3Html(), new Table4Html());
  }

  /** The report title, e.g. 连城镇人民政府2024年政府信息公开工作年度报告 (not escaped). */
  public String title(final String agencyName, final int year) {
    return text.format(
        "draft.title",
        Map.of("agency", Objects.requireNonNull(agencyName, "agencyName"), "year", year));
  }

  /** The title of {@code heading}'s draft: a roll-up's ends with 「（含下级机关汇总）」 (not escaped). */
  public String title(final ReportHeading heading) {
    final String title = title(heading.agencyName(), heading.year());
    return heading.subtree() ? title + text.text("draft.title.subtree") : title;
  }

  /**
   * The full draft page for {@code agencyName}; the year and scope are {@code table3}'s. Kept for
   * callers from before {@link Input}: the heading cannot say live or published, no fee is stated,
   * and timeliness only with a {@link Compliance} that carries {@code openOverdue}.
   */
  public String render(
      final String agencyName,
      final Table3 table3,
      final Table4 table4,
      final Optional<Compliance> compliance) {
    Objects.requireNonNull(table3, "table3");
    Objects.requireNonNull(compliance, "compliance");
    return render(
        new Input(
            new ReportHeading(
                agencyName, table3.year(), "subtree".equals(table3.scope()), null, null),
            table3,
            table4,
            compliance.orElse(null),
            null));
  }

  /** The full draft page. */
  public String render(final Input input) {
    Objects.requireNonNull(input, "input");
    final ReportHeading heading = input.heading();
    final String title = title(heading);
    final String placeholder = paragraph("placeholder", text.text("draft.placeholder"));
    final StringBuilder body = new StringBuilder(32768);
    body.append("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
        .append(Html.escape(title + text.text("draft.marker")))
        .append("</title>\n<style>\n")
        .append(HtmlTables.CSS)
        .append(DRAFT_CSS)
        .append("</style>\n</head>\n<body>\n")
        .append("<h1>")
        .append(Html.escape(title))
        .append("</h1>\n")
        .append(paragraph("draft-marker", text.text("draft.marker")))
        .append(heading.html(text));
    if (heading.subtree()) {
      body.append(
          paragraph(
              "rollup-note", text.format("draft.rollup", Map.of("agency", heading.agencyName()))));
    }
    body.append(paragraph("draft-notice", text.text("draft.notice")));
    heading(body, "h2", text.text("section.1"));
    for (int i = 1; i <= 5; i++) {
      heading(body, "h3", text.text("section.1." + i));
      body.append(
          i == 2 ? paragraph("paragraph applications", applicationsParagraph(input)) : placeholder);
    }
    heading(body, "h2", text.text("section.2"));
    body.append(placeholder);
    heading(body, "h2", text.table3Title());
    body.append(table3Html.fragment(input.table3()));
    heading(body, "h2", text.table4Title());
    body.append(table4Html.fragment(input.table4()));
    heading(body, "h2", text.text("section.5"));
    body.append(placeholder);
    heading(body, "h2", text.text("section.6"));
    final String fee = sentences.fee(input.feeYuan());
    if (!fee.isEmpty()) {
      body.append(paragraph("paragraph fee", fee));
    }
    body.append(paragraph("placeholder", text.text("draft.placeholder.other")));
    body.append("</body>\n</html>\n");
    return body.toString();
  }

  private static void heading(final StringBuilder body, final String tag, final String heading) {
    body.append('<')
        .append(tag)
        .append('>')
        .append(Html.escape(heading))
        .append("</")
        .append(tag)
        .append(">\n");
  }

  private static String paragraph(final String cssClass, final String content) {
    return "<p class=\"" + cssClass + "\">" + Html.escape(content) + "</p>\n";
  }

  /**
   * The paragraph of section 一（二）依申请公开情况 (not escaped): the applications from Table 三 and the
   * compliance figures, then the 行政复议、行政诉讼 sentence from Table 四.
   */
  public String applicationsParagraph(final Input input) {
    Objects.requireNonNull(input, "input");
    return sentences.paragraph(input.table3(), input.compliance(), input.table4());
  }

  /**
   * The applications part of that paragraph alone (not escaped), stated from the 总计 column of
   * {@code table}: received (with the non-zero applicant types, the organisations broken down by
   * type), carried in, decided (with the answers, withdrawals and timeliness if {@code compliance}
   * is given, and the non-zero outcome groups), carried out; zero counts are left out, and nothing
   * at all is 「本年度未收到政府信息公开申请。」.
   */
  public String applicationsParagraph(final Table3 table, final Optional<Compliance> compliance) {
    Objects.requireNonNull(compliance, "compliance");
    return sentences.applications(table, compliance.orElse(null));
  }

  /** The 行政复议、行政诉讼 sentence from {@code table} (not escaped). */
  public String casesSentence(final Table4 table) {
    return sentences.cases(table);
  }

  /** Section 六's 信息处理费 sentence (not escaped); empty when {@code feeYuan} is null. */
  public String feeSentence(final BigDecimal feeYuan) {
    return sentences.fee(feeYuan);
  }
}
