package foi.tracker.report;

import foi.tracker.core.table.Table4;
import foi.tracker.core.taxonomy.ReportText;
import foi.tracker.core.taxonomy.Taxonomy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The official layout (版式) of Table 四 as a grid of cells with their merges: 行政复议 (5 result columns)
 * and 行政诉讼 split into 未经复议直接起诉 and 复议后起诉 (5 result columns each); 3 header rows and one data row.
 */
public final class Table4Layout {
  /** Header rows above the data row. */
  public static final int HEADER_ROWS = 3;

  private final Taxonomy taxonomy;
  private final List<Column> columns;

  /**
   * One of the 15 columns, in published order.
   *
   * @param group the group key in Taxonomy's Table 四 labels (REVIEW, LITIGATION_DIRECT,
   *     LITIGATION_AFTER_REVIEW)
   * @param result the result key (UPHELD, CORRECTED, OTHER, PENDING, TOTAL)
   */
  public record Column(String code, String group, String result) {}

  public Table4Layout(final Taxonomy taxonomy) {
    this.taxonomy = Objects.requireNonNull(taxonomy, "taxonomy");
    this.columns = splitCodes(taxonomy);
  }

  public Table4Layout() {
    this(Taxonomy.get());
  }

  private static List<Column> splitCodes(final Taxonomy taxonomy) {
    final List<Column> out = new ArrayList<>();
    for (final String code : taxonomy.table4Columns()) {
      String group = null;
      for (final String key : taxonomy.table4Labels().keySet()) {
        if (code.startsWith(key + "_") && (group == null || key.length() > group.length())) {
          group = key;
        }
      }
      if (group == null) {
        throw new IllegalStateException("Table 四 column " + code + " has no group label");
      }
      final String result = code.substring(group.length() + 1);
      if (!taxonomy.table4Labels().containsKey(result)) {
        throw new IllegalStateException(
            "Table 四 column " + code + " has no result label " + result);
      }
      out.add(new Column(code, group, result));
    }
    return List.copyOf(out);
  }

  /** The 15 columns in published order. */
  public List<Column> columns() {
    return columns;
  }

  /** The groups in published order, each with its columns. */
  public Map<String, List<Column>> groups() {
    final Map<String, List<Column>> groups = new LinkedHashMap<>();
    for (final Column column : columns) {
      groups.computeIfAbsent(column.group(), g -> new ArrayList<>()).add(column);
    }
    return groups;
  }

  /** The label of a group or result key, e.g. 结果维持. */
  public String label(final String key) {
    final String label = taxonomy.table4Labels().get(key);
    if (label == null) {
      throw new IllegalArgumentException("no Table 四 label for " + key);
    }
    return label;
  }

  /**
   * The parent heading of a group (行政诉讼 for both litigation groups), or null for a top-level group.
   */
  public String parentLabel(final String group) {
    final String label = label(group);
    final int dot = label.indexOf(ReportText.LABEL_PATH_SEPARATOR);
    return dot < 0 ? null : label.substring(0, dot);
  }

  /** The own heading of a group (行政复议, 未经复议直接起诉, 复议后起诉). */
  public String groupLabel(final String group) {
    final String label = label(group);
    final int dot = label.indexOf(ReportText.LABEL_PATH_SEPARATOR);
    return dot < 0 ? label : label.substring(dot + ReportText.LABEL_PATH_SEPARATOR.length());
  }

  public int rowCount() {
    return HEADER_ROWS + 1;
  }

  public int columnCount() {
    return columns.size();
  }

  /**
   * All cells of {@code table} in row-major order, each merged cell once at its top-left position.
   */
  public List<GridCell> cells(final Table4 table) {
    Objects.requireNonNull(table, "table");
    final List<GridCell> top = new ArrayList<>();
    final List<GridCell> middle = new ArrayList<>();
    final List<GridCell> bottom = new ArrayList<>();
    int c = 0;
    String openParent = null;
    int parentStart = 0;
    for (final Map.Entry<String, List<Column>> group : groups().entrySet()) {
      final String parent = parentLabel(group.getKey());
      final int width = group.getValue().size();
      if (openParent != null && !openParent.equals(parent)) {
        top.add(GridCell.text(0, parentStart, 1, c - parentStart, openParent, true));
        openParent = null;
      }
      if (parent == null) {
        top.add(GridCell.text(0, c, 1, width, groupLabel(group.getKey()), true));
        for (int i = 0; i < width; i++) {
          middle.add(GridCell.text(1, c + i, 2, 1, label(group.getValue().get(i).result()), true));
        }
      } else {
        if (openParent == null) {
          openParent = parent;
          parentStart = c;
        }
        middle.add(GridCell.text(1, c, 1, width, groupLabel(group.getKey()), true));
        for (int i = 0; i < width; i++) {
          bottom.add(GridCell.text(2, c + i, 1, 1, label(group.getValue().get(i).result()), true));
        }
      }
      c += width;
    }
    if (openParent != null) {
      top.add(GridCell.text(0, parentStart, 1, c - parentStart, openParent, true));
    }
    final List<GridCell> cells = new ArrayList<>(top);
    cells.addAll(middle);
    cells.addAll(bottom);
    for (int i = 0; i < columns.size(); i++) {
      final Long value = table.cells().get(columns.get(i).code());
      if (value == null) {
        throw new IllegalArgumentException("Table 四 has no cell " + columns.get(i).code());
      }
      cells.add(GridCell.number(HEADER_ROWS, i, value));
    }
    return cells;
  }
}
