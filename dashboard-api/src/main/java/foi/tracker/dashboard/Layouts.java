package foi.tracker.dashboard;

import foi.tracker.core.table.Table3Builder;
import foi.tracker.core.table.Table4;
import foi.tracker.core.taxonomy.Taxonomy;
import foi.tracker.report.GridCell;
import foi.tracker.report.Table3Layout;
import foi.tracker.report.Table4Layout;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The official layouts (版式) of Table 三 and Table 四 as JSON grids, from the same {@link
 * Table3Layout} and {@link Table4Layout} the HTML and XLSX renderers use: header and label cells
 * with their merges, and number cells that name the row and column codes whose count they show. The
 * page fills them from the tables' JSON.
 */
final class Layouts {
  private Layouts() {}

  static Map<String, Object> table3() {
    final Table3Layout layout = new Table3Layout();
    final Taxonomy taxonomy = Taxonomy.get();
    final Map<Integer, String> rowCodes = new LinkedHashMap<>();
    taxonomy.rows().forEach(r -> rowCodes.put(layout.gridRow(r.code()), r.code()));
    final Map<Integer, String> columnCodes = new LinkedHashMap<>();
    taxonomy.columns().forEach(c -> columnCodes.put(layout.gridColumn(c.code()), c.code()));
    final List<Map<String, Object>> cells = new ArrayList<>();
    for (GridCell c : layout.cells(Table3Builder.build("layout", "agency", 2024, Map.of()))) {
      final Map<String, Object> m = cell(c);
      if (c.number() != null) {
        m.put("rowCode", rowCodes.get(c.row()));
        m.put("columnCode", columnCodes.get(c.column()));
      }
      cells.add(m);
    }
    return grid(layout.rowCount(), layout.columnCount(), cells);
  }

  static Map<String, Object> table4() {
    final Table4Layout layout = new Table4Layout();
    final Map<String, Long> zero = new LinkedHashMap<>();
    Taxonomy.get().table4Columns().forEach(c -> zero.put(c, 0L));
    final List<Map<String, Object>> cells = new ArrayList<>();
    for (GridCell c : layout.cells(new Table4("layout", 2024, "agency", zero))) {
      final Map<String, Object> m = cell(c);
      if (c.number() != null) {
        m.put("code", layout.columns().get(c.column()).code());
      }
      cells.add(m);
    }
    return grid(layout.rowCount(), layout.columnCount(), cells);
  }

  private static Map<String, Object> cell(final GridCell c) {
    final Map<String, Object> m = new LinkedHashMap<>();
    m.put("row", c.row());
    m.put("column", c.column());
    m.put("rowSpan", c.rowSpan());
    m.put("columnSpan", c.columnSpan());
    m.put("header", c.header());
    if (c.text() != null) {
      m.put("text", c.text());
    }
    return m;
  }

  private static Map<String, Object> grid(
      final int rows, final int columns, final List<Map<String, Object>> cells) {
    final Map<String, Object> out = new LinkedHashMap<>();
    out.put("rows", rows);
    out.put("columns", columns);
    out.put("cells", cells);
    return out;
  }
}
