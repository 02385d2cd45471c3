package foi.tracker.report;

import java.util.Comparator;
import java.util.List;

/**
 * Writes a grid of {@link GridCell}s as an HTML {@code <table>} and wraps fragments in a page (页面).
 */
final class HtmlTables {
  /** Shared style of the tables, for screen and A4 print. */
  static final String CSS =
      """
      table.foi-table { border-collapse: collapse; margin: 0.5em 0 1.5em; font-size: 10.5pt; }
      table.foi-table th, table.foi-table td { border: 1px solid #000; padding: 2px 4px; vertical-align: middle; }
      table.foi-table th { font-weight: normal; text-align: center; }
      table.foi-table th.label { text-align: left; }
      table.foi-table td.num { text-align: center; min-width: 3em; }
      table.foi-table tr { page-break-inside: avoid; break-inside: avoid; }
      table.foi-table4 { width: 100%; table-layout: fixed; }
      table.foi-table4 th, table.foi-table4 td.num { min-width: 0; overflow-wrap: anywhere; }
      p.report-heading { font-size: 10.5pt; margin: 0.2em 0; }
      @page { size: A4; margin: 20mm 15mm; }
      @media print {
        body { margin: 0; }
        table.foi-table { font-size: 9pt; }
        table.foi-table4 { font-size: 8pt; }
        table.foi-table4 th, table.foi-table4 td { padding: 1px; }
      }
      """;

  private HtmlTables() {}

  static String table(final List<GridCell> cells, final int rows, final String cssClass) {
    final List<GridCell> sorted =
        cells.stream()
            .sorted(Comparator.comparingInt(GridCell::row).thenComparingInt(GridCell::column))
            .toList();
    final StringBuilder out = new StringBuilder(8192);
    out.append("<table class=\"foi-table ").append(Html.escape(cssClass)).append("\">\n");
    int i = 0;
    for (int r = 0; r < rows; r++) {
      out.append("<tr>");
      while (i < sorted.size() && sorted.get(i).row() == r) {
        appendCell(out, sorted.get(i));
        i++;
      }
      out.append("</tr>\n");
    }
    out.append("</table>\n");
    return out.toString();
  }

  private static void appendCell(final StringBuilder out, final GridCell cell) {
    final String tag = cell.number() != null ? "td" : "th";
    out.append('<').append(tag);
    if (cell.number() != null) {
      out.append(" class=\"num\"");
    } else if (!cell.header()) {
      out.append(" class=\"label\" scope=\"row\"");
    }
    if (cell.rowSpan() > 1) {
      out.append(" rowspan=\"").append(cell.rowSpan()).append('"');
    }
    if (cell.columnSpan() > 1) {
      out.append(" colspan=\"").append(cell.columnSpan()).append('"');
    }
    out.append('>');
    out.append(cell.number() != null ? cell.number().toString() : Html.escape(cell.text()));
    out.append("</").append(tag).append('>');
  }

  /**
   * A standalone UTF-8 page with {@code title} as its title and heading, then {@code bodyHtml}
   * (already escaped).
   */
  static String page(final String title, final String bodyHtml) {
    return "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>"
        + Html.escape(title)
        + "</title>\n<style>\n"
        + CSS
        + "</style>\n</head>\n<body>\n<h1>"
        + Html.escape(title)
        + "</h1>\n"
        + bodyHtml
        + "</body>\n</html>\n";
  }

  /**
   * A standalone page of one table that says what it is (api.md "For people"): the agency name,
   * year and table title as heading, then {@code heading}'s line (agency, year, 本机关 or 含下级, live as
   * of when or which published version), then the table. The line is a paragraph, so the table
   * stays the page's first {@code <table>}.
   */
  static String titledPage(
      final ReportHeading heading,
      final int year,
      final String scope,
      final String tableTitle,
      final String table,
      final foi.tracker.core.taxonomy.ReportText text) {
    java.util.Objects.requireNonNull(heading, "heading");
    if (year != heading.year() || !heading.scope().equals(scope)) {
      throw new IllegalArgumentException(
          "heading ("
              + heading.year()
              + ", "
              + heading.scope()
              + ") does not match the table ("
              + year
              + ", "
              + scope
              + ")");
    }
    final String title =
        text.format(
            "table.page.title",
            java.util.Map.of("agency", heading.agencyName(), "year", year, "table", tableTitle));
    return page(title, heading.html(text) + table);
  }
}
