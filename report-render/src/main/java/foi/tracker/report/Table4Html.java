package foi.tracker.report;

import foi.tracker.core.table.Table4;
import foi.tracker.core.taxonomy.ReportText;
import java.util.Map;
import java.util.Objects;

/** Table 四 (政府信息公开行政复议、行政诉讼情况) as HTML in the official layout, every text escaped. */
public final class Table4Html {
  /** Content type of {@link #page}. */
  public static final String CONTENT_TYPE = "text/html; charset=utf-8";

  private final Table4Layout layout;
  private final ReportText text;

  public Table4Html(final Table4Layout layout, final ReportText text) {
    this.layout = Objects.requireNonNull(layout, "layout");
    this.text = Objects.requireNonNull(text, "text");
  }

  public Table4Html() {
    this(new Table4Layout(), ReportText.get());
  }

  /** The {@code <table>} element alone, for embedding. */
  public String fragment(final Table4 table) {
    return HtmlTables.table(layout.cells(table), layout.rowCount(), "foi-table4");
  }

  /** A standalone page: the agency name, year and table title as heading, then the table. */
  public String page(final Table4 table, final String agencyName) {
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
                text.table4Title()));
    return HtmlTables.page(title, fragment(table));
  }

  /**
   * A standalone page that says what it is (api.md "For people"): the agency name, year and table
   * title as heading, then {@code heading}'s line (agency, year, 本机关 or 含下级, live as of when or
   * which published version), then the official table. The line is a paragraph, so the table stays
   * the page's first {@code <table>}.
   */
  public String page(final Table4 table, final ReportHeading heading) {
    Objects.requireNonNull(table, "table");
    return HtmlTables.titledPage(
        heading, table.year(), table.scope(), text.table4Title(), fragment(table), text);
  }
}
