package foi.tracker.report;

import foi.tracker.core.table.Table3Checks;
import foi.tracker.core.taxonomy.ReportText;
import foi.tracker.core.table.Table3;
import foi.tracker.core.table.Table4;
import foi.tracker.core.taxonomy.Taxonomy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The printable draft (草稿) of the annual report (政府信息公开工作年度报告) as a full HTML page for A4: section 一 with
 * the 依申请公开 paragraph generated from the Table 三 numbers, sections 三 and 四 with the tables, and sections 二, 五
 * and 六 (and the rest of 一) marked to be filled by hand. All dynamic text is escaped.
 */
public final class ReportDraft {
  /** Content type of {@link #render}. */
  public static final String CONTENT_TYPE = "text/html; charset=utf-8";

  private static final String DRAFT_CSS = """
      body { font-family: "SimSun", "Songti SC", serif; font-size: 12pt; line-height: 1.6; max-width: 180mm;
             margin: 1em auto; }
      h1 { font-size: 18pt; text-align: center; margin-bottom: 0.2em; }
      p.draft-marker { text-align: center; color: #a00; margin-top: 0; }
      p.draft-notice { font-size: 10pt; color: #555; border: 1px dashed #999; padding: 0.4em; }
      h2 { font-size: 14pt; margin-top: 1.2em; }
      h3 { font-size: 12pt; }
      p.paragraph { text-indent: 2em; }
      p.placeholder { color: #a00; border: 1px dashed #a00; padding: 1em; }
      h2, h3 { page-break-after: avoid; break-after: avoid; }
      @media print { p.draft-notice { display: none; } p.placeholder { color: #000; } }
      """;

  private final Taxonomy taxonomy;
  private final ReportText text;
  private final Table3Html table3Html;
  private final Table4Html table4Html;

  /**
   * Answer-time compliance of the year's decided applications (按期答复情况), from the deadline tracking.
   *
   * @param onTime answered within the statutory period
   * @param late answered after it
   */
  public record Compliance(long onTime, long late) {
    public Compliance {
      if (onTime < 0 || late < 0) {
        throw new IllegalArgumentException("onTime and late must be >= 0, got " + onTime + " and " + late);
      }
    }
  }

  public ReportDraft(final Taxonomy taxonomy, final ReportText text, final Table3Html table3Html,
                     final Table4Html table4Html) {
    this.taxonomy = Objects.requireNonNull(taxonomy, "taxonomy");
    this.text = Objects.requireNonNull(text, "text");
    this.table3Html = Objects.requireNonNull(table3Html, "table3Html");
    this.table4Html = Objects.requireNonNull(table4Html, "table4Html");
  }

  public ReportDraft() {
    this(Taxonomy.get(), ReportText.get(), new Table3Html(), new Table4Html());
  }

  /** The report title, e.g. 连城镇人民政府2024年政府信息公开工作年度报告 (not escaped). */
  public String title(final String agencyName, final int year) {
    return text.format("draft.title", Map.of("agency", Objects.requireNonNull(agencyName, "agencyName"),
        "year", year));
  }

  /** The full draft page for {@code agencyName}; the year is {@code table3}'s. */
  public String render(final String agencyName, final Table3 table3, final Table4 table4,
                       final Optional<Compliance> compliance) {
    Objects.requireNonNull(table3, "table3");
    Objects.requireNonNull(table4, "table4");
    Objects.requireNonNull(compliance, "compliance");
    if (table3.year() != table4.year()) {
      throw new IllegalArgumentException("table3.year and table4.year differ: " + table3.year() + " and "
          + table4.year());
    }
    final String title = title(agencyName, table3.year());
    final String placeholder = "<p class=\"placeholder\">" + Html.escape(text.text("draft.placeholder")) + "</p>\n";
    final StringBuilder body = new StringBuilder(32768);
    body.append("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
        .append(Html.escape(title + text.text("draft.marker"))).append("</title>\n<style>\n")
        .append(HtmlTables.CSS).append(DRAFT_CSS).append("</style>\n</head>\n<body>\n")
        .append("<h1>").append(Html.escape(title)).append("</h1>\n")
        .append("<p class=\"draft-marker\">").append(Html.escape(text.text("draft.marker"))).append("</p>\n")
        .append("<p class=\"draft-notice\">").append(Html.escape(text.text("draft.notice"))).append("</p>\n");
    heading(body, "h2", text.text("section.1"));
    body.append(placeholder);
    heading(body, "h3", text.text("section.1.applications"));
    body.append("<p class=\"paragraph applications\">")
        .append(Html.escape(applicationsParagraph(table3, compliance))).append("</p>\n");
    heading(body, "h2", text.text("section.2"));
    body.append(placeholder);
    heading(body, "h2", text.table3Title());
    body.append(table3Html.fragment(table3));
    heading(body, "h2", text.table4Title());
    body.append(table4Html.fragment(table4));
    heading(body, "h2", text.text("section.5"));
    body.append(placeholder);
    heading(body, "h2", text.text("section.6"));
    body.append(placeholder);
    body.append("</body>\n</html>\n");
    return body.toString();
  }

  private static void heading(final StringBuilder body, final String tag, final String heading) {
    body.append('<').append(tag).append('>').append(Html.escape(heading)).append("</").append(tag).append(">\n");
  }

  /**
   * The 依申请公开 paragraph of section 一 (not escaped), stated from the 总计 column of {@code table}: received (with
   * the non-zero applicant types, the organisations broken down by type), carried in, decided (with compliance if
   * given, and the non-zero outcome groups), carried out.
   */
  public String applicationsParagraph(final Table3 table, final Optional<Compliance> compliance) {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(compliance, "compliance");
    final StringBuilder out = new StringBuilder(256);
    final long received = table.cell(Taxonomy.NEW, Taxonomy.TOTAL);
    out.append(text.format("para.received", Map.of("year", table.year(), "count", received)));
    final List<String> applicants = applicantItems(table);
    if (!applicants.isEmpty()) {
      out.append(text.format("para.breakdown", Map.of("items",
          String.join(text.text("para.item.separator"), applicants))));
    }
    out.append(text.format("para.carriedIn", Map.of("count", table.cell(Taxonomy.CARRIED_OVER_IN, Taxonomy.TOTAL))));
    final long decided = table.cell(Taxonomy.DECIDED_TOTAL, Taxonomy.TOTAL);
    out.append(text.format("para.decided", Map.of("count", decided)));
    compliance.ifPresent(c -> {
      if (decided > 0 && c.onTime() == decided && c.late() == 0) {
        out.append(text.text("para.onTime.all"));
      } else if (decided > 0 || c.onTime() > 0 || c.late() > 0) {
        out.append(text.format("para.onTime.partial", Map.of("onTime", c.onTime(), "late", c.late())));
      }
    });
    final List<String> outcomes = outcomeItems(table);
    if (!outcomes.isEmpty()) {
      out.append(text.format("para.breakdown", Map.of("items",
          String.join(text.text("para.item.separator"), outcomes))));
    }
    out.append(text.format("para.carriedOut",
        Map.of("count", table.cell(Taxonomy.CARRIED_OVER_OUT, Taxonomy.TOTAL))));
    return out.toString();
  }

  /** 自然人n件, 法人或其他组织n件（商业企业n件、…）: the non-zero applicant types of 一. */
  private List<String> applicantItems(final Table3 table) {
    final Map<String, List<Taxonomy.Column>> byGroup = new LinkedHashMap<>();
    for (final String type : taxonomy.applicantTypes()) {
      final Taxonomy.Column column = taxonomy.columns().stream().filter(c -> c.code().equals(type)).findFirst()
          .orElseThrow();
      byGroup.computeIfAbsent(column.group() == null ? column.code() : column.group(), g -> new ArrayList<>())
          .add(column);
    }
    final List<String> items = new ArrayList<>();
    for (final List<Taxonomy.Column> members : byGroup.values()) {
      final Taxonomy.Column first = members.get(0);
      if (first.group() == null) {
        final long n = table.cell(Taxonomy.NEW, first.code());
        if (n != 0) {
          items.add(item(first.label(), n));
        }
        continue;
      }
      long sum = 0;
      final List<String> parts = new ArrayList<>();
      for (final Taxonomy.Column member : members) {
        final long n = table.cell(Taxonomy.NEW, member.code());
        sum += n;
        if (n != 0) {
          parts.add(item(member.label(), n));
        }
      }
      if (sum != 0) {
        items.add(text.format("para.org", Map.of("label", first.group(), "count", sum,
            "items", String.join(text.text("para.org.separator"), parts))));
      }
    }
    return items;
  }

  /** 予以公开n件, …: the non-zero outcome groups of 三, from the 总计 column. */
  private List<String> outcomeItems(final Table3 table) {
    final Map<String, Long> byGroup = new LinkedHashMap<>();
    for (final String outcome : taxonomy.outcomes()) {
      byGroup.merge(taxonomy.row(outcome).group(), table.cell(outcome, Taxonomy.TOTAL), Long::sum);
    }
    final List<String> items = new ArrayList<>();
    byGroup.forEach((group, n) -> {
      if (n != 0) {
        items.add(item(ReportText.groupName(group), n));
      }
    });
    return items;
  }

  private String item(final String label, final long count) {
    return text.format("para.item", Map.of("label", label, "count", count));
  }
}
