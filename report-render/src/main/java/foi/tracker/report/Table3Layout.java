package foi.tracker.report;

import foi.tracker.core.table.Table3;
import foi.tracker.core.taxonomy.ReportText;
import foi.tracker.core.taxonomy.Taxonomy;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The official layout (版式) of Table 三 as a grid of cells with their merges, shared by the HTML and
 * XLSX renderers: 3 header rows and 25 data rows; 3 label columns and 7 number columns.
 */
public final class Table3Layout {
  /** Header rows above the first data row. */
  public static final int HEADER_ROWS = 3;

  /** Label columns left of the first number column. */
  public static final int LABEL_COLUMNS = 3;

  private final Taxonomy taxonomy;
  private final ReportText text;

  public Table3Layout(final Taxonomy taxonomy, final ReportText text) {
    this.taxonomy = Objects.requireNonNull(taxonomy, "taxonomy");
    this.text = Objects.requireNonNull(text, "text");
  }

  public Table3Layout() {
    this(Taxonomy.get(), ReportText.get());
  }

  /** Grid rows in all: header rows plus one per Table 三 row. */
  public int rowCount() {
    return HEADER_ROWS + taxonomy.rows().size();
  }

  /** Grid columns in all: label columns plus the 7 number columns. */
  public int columnCount() {
    return LABEL_COLUMNS + taxonomy.columns().size();
  }

  /** The grid row of Table 三 row {@code code}. */
  public int gridRow(final String code) {
    for (int i = 0; i < taxonomy.rows().size(); i++) {
      if (taxonomy.rows().get(i).code().equals(code)) {
        return HEADER_ROWS + i;
      }
    }
    throw new IllegalArgumentException("unknown Table 三 row code: " + code);
  }

  /** The grid column of Table 三 column {@code code}. */
  public int gridColumn(final String code) {
    for (int i = 0; i < taxonomy.columns().size(); i++) {
      if (taxonomy.columns().get(i).code().equals(code)) {
        return LABEL_COLUMNS + i;
      }
    }
    throw new IllegalArgumentException("unknown Table 三 column code: " + code);
  }

  /**
   * All cells of {@code table} in row-major order, each merged cell once at its top-left position.
   */
  public List<GridCell> cells(final Table3 table) {
    Objects.requireNonNull(table, "table");
    final List<GridCell> cells = new ArrayList<>();
    addHeader(cells);
    final List<Taxonomy.Row> rows = taxonomy.rows();
    for (int i = 0; i < rows.size(); i++) {
      final Taxonomy.Row row = rows.get(i);
      final int r = HEADER_ROWS + i;
      addRowLabels(cells, rows, i, r);
      final long[] values = table.rows().get(row.code());
      if (values == null) {
        throw new IllegalArgumentException("Table 三 has no row " + row.code());
      }
      for (final Taxonomy.Column column : taxonomy.columns()) {
        cells.add(
            GridCell.number(r, gridColumn(column.code()), table.cell(row.code(), column.code())));
      }
    }
    return cells;
  }

  private void addHeader(final List<GridCell> cells) {
    final List<Taxonomy.Column> columns = taxonomy.columns();
    cells.add(GridCell.text(0, 0, HEADER_ROWS, LABEL_COLUMNS, text.balanceNote(), true));
    cells.add(
        GridCell.text(0, LABEL_COLUMNS, 1, columns.size(), text.text("table3.applicants"), true));
    final List<GridCell> subHeadings = new ArrayList<>();
    int c = 0;
    while (c < columns.size()) {
      final Taxonomy.Column column = columns.get(c);
      if (column.group() == null) {
        cells.add(GridCell.text(1, LABEL_COLUMNS + c, 2, 1, column.label(), true));
        c++;
        continue;
      }
      int end = c;
      while (end < columns.size() && column.group().equals(columns.get(end).group())) {
        subHeadings.add(
            GridCell.text(2, LABEL_COLUMNS + end, 1, 1, columns.get(end).label(), true));
        end++;
      }
      cells.add(GridCell.text(1, LABEL_COLUMNS + c, 1, end - c, column.group(), true));
      c = end;
    }
    cells.addAll(subHeadings);
  }

  private static void addRowLabels(
      final List<GridCell> cells, final List<Taxonomy.Row> rows, final int i, final int r) {
    final Taxonomy.Row row = rows.get(i);
    if (row.section() == null) {
      cells.add(GridCell.text(r, 0, 1, LABEL_COLUMNS, row.label(), false));
      return;
    }
    if (i == 0 || !row.section().equals(rows.get(i - 1).section())) {
      cells.add(GridCell.text(r, 0, runLength(rows, i, true), 1, row.section(), false));
    }
    if (row.label().equals(row.group())) {
      cells.add(GridCell.text(r, 1, 1, LABEL_COLUMNS - 1, row.label(), false));
      return;
    }
    if (i == 0 || !Objects.equals(row.group(), rows.get(i - 1).group())) {
      cells.add(GridCell.text(r, 1, runLength(rows, i, false), 1, row.group(), false));
    }
    cells.add(GridCell.text(r, 2, 1, 1, row.label(), false));
  }

  /** How many rows from {@code start} on share its section (or group). */
  private static int runLength(
      final List<Taxonomy.Row> rows, final int start, final boolean bySection) {
    final Taxonomy.Row first = rows.get(start);
    int n = 0;
    for (int i = start; i < rows.size(); i++) {
      final Taxonomy.Row row = rows.get(i);
      final boolean same =
          bySection
              ? Objects.equals(row.section(), first.section())
              : Objects.equals(row.group(), first.group());
      if (!same) {
        break;
      }
      n++;
    }
    return n;
  }
}
