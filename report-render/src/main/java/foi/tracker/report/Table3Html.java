package foi.tracker.report;

import foi.tracker.core.table.Table3;
import foi.tracker.core.taxonomy.ReportText;
import java.util.Map;
import java.util.Objects;

/** Table 三 (收到和处理政府信息公开申请情况) as HTML in the official layout, every text escaped. */
public final class Table3Html {
  /** Content type of {@link #page}. */
  public static final String CONTENT_TYPE = "text/html; charset=utf-8";

  private final Table3Layout layout;
  private final ReportText text;

  public Table3Html(final Table3Layout layout, final ReportText text) {
    this.layout = Objects.requireNonNull(layout, "layout");
    this.text = Objects.requireNonNull(text, "text");
  }

  public Table3Html() {
    this(new Table3Layout(), ReportText.get());
  }

  /** The {@code <table>} element alone, for embedding. */
  public String fragment(final Table3 table) {
    return HtmlTables.table(layout.cells(table), layout.rowCount(), "foi-table3");
  }

  /** A standalone page: the agency name, year and table title as heading, then the table. */
  public String page(final Table3 table, final String agencyName) {
    Objects.requireNonNull(table, "table");
    final String title =
        text.format(
            "table.page.title",
            Map.of(
                "agency",
                Objects.requireNonNullElse(agencyName, table.agencyId()),
                "year",
                table.year(),
                "table",
                text.table3Title()));
    return HtmlTables.page(title, fragment(table));
  }

  /**
   * A standalone page that says what it is (api.md "For people"): the agency name, year and table
   * title as heading, then {@code heading}'s line (agency, year, 本机关 or 含下级, live as of when or
   * which published version), then the official table. The line is a paragraph, so the table stays
   * the page's first {@code <table>}.
   */
  public String page(final Table3 table, final ReportHeading heading) {
    Objects.requireNonNull(table, "table");
    return HtmlTables.titledPage(
        heading, table.year(), table.scope(), text.table3Title(), fragment(table), text);
  }
}
