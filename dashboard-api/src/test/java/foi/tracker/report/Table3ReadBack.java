package foi.tracker.report;

import foi.tracker.core.taxonomy.ReportText;
import foi.tracker.core.taxonomy.Taxonomy;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Reads Table 三 back from the dashboard's HTML, CSV and XLSX answers into row code → 7 counts, by
 * the official layout's grid positions (report-render's test readers, made reachable from
 * dashboard-api's tests).
 */
public final class Table3ReadBack {
  private static final Taxonomy TAXONOMY = Taxonomy.get();
  private static final Table3Layout LAYOUT = new Table3Layout();

  private Table3ReadBack() {}

  /**
   * From an HTML page: the grid cell at each row/column code's position, as a browser lays out the
   * merges.
   */
  public static Map<String, long[]> html(final String html) {
    final Map<String, long[]> out = empty();
    final Map<String, String> byPosition = new LinkedHashMap<>();
    for (Grid.Read cell : Grid.read(html)) {
      byPosition.put(cell.row() + "," + cell.column(), cell.text());
    }
    fill(out, (r, c) -> byPosition.get(r + "," + c));
    return out;
  }

  /**
   * The first table's cells as a browser lays them out: position, spans, tag and text, one string
   * per cell.
   */
  public static List<String> grid(final String html) {
    return Grid.read(html).stream().map(Grid.Read::toString).toList();
  }

  /**
   * From the CSV: BOM, two header lines, then one line per row in taxonomy order with the 7 numbers
   * last.
   */
  public static Map<String, long[]> csv(final byte[] bytes) {
    if (bytes.length < 3
        || bytes[0] != (byte) 0xEF
        || bytes[1] != (byte) 0xBB
        || bytes[2] != (byte) 0xBF) {
      throw new AssertionError("the CSV does not start with a UTF-8 byte-order mark");
    }
    final List<List<String>> records =
        CsvReader.parse(new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8));
    final Map<String, long[]> out = empty();
    final int columns = TAXONOMY.columns().size();
    for (int i = 0; i < TAXONOMY.rows().size(); i++) {
      final List<String> record = records.get(i + 2);
      final Taxonomy.Row row = TAXONOMY.rows().get(i);
      if (!record.get(2).equals(row.label())) {
        throw new AssertionError(
            "CSV line " + (i + 3) + " is '" + record.get(2) + "', expected " + row.label());
      }
      for (int c = 0; c < columns; c++) {
        out.get(row.code())[c] = Long.parseLong(record.get(record.size() - columns + c));
      }
    }
    return out;
  }

  /** From the workbook's Table 三 sheet, numeric cells at the layout's positions. */
  public static Map<String, long[]> xlsx(final byte[] bytes) throws IOException {
    try (Workbook workbook = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
      final Sheet sheet = workbook.getSheet(ReportText.get().text("sheet.table3"));
      final int top = XlsxGrid.table3Top(sheet);
      final Map<String, long[]> out = empty();
      fill(
          out,
          (r, c) -> {
            final Cell cell = sheet.getRow(top + r).getCell(c);
            if (cell.getCellType() != CellType.NUMERIC) {
              throw new AssertionError("xlsx cell " + r + "," + c + " is not a number");
            }
            return String.valueOf((long) cell.getNumericCellValue());
          });
      return out;
    }
  }

  /** Every cell value of every sheet, for comparing two workbooks by value. */
  public static List<List<String>> xlsxValues(final byte[] bytes) throws IOException {
    final List<List<String>> out = new java.util.ArrayList<>();
    try (Workbook workbook = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
      for (Sheet sheet : workbook) {
        for (org.apache.poi.ss.usermodel.Row row : sheet) {
          final List<String> values = new java.util.ArrayList<>();
          values.add(sheet.getSheetName() + "!" + row.getRowNum());
          row.forEach(cell -> values.add(cell.getColumnIndex() + "=" + cell.toString()));
          out.add(values);
        }
        out.add(List.of("merged", sheet.getMergedRegions().toString()));
      }
    }
    return out;
  }

  private interface CellText {
    String at(int row, int column);
  }

  private static void fill(final Map<String, long[]> out, final CellText text) {
    for (Taxonomy.Row row : TAXONOMY.rows()) {
      for (int c = 0; c < TAXONOMY.columns().size(); c++) {
        final int r = LAYOUT.gridRow(row.code());
        final int col = LAYOUT.gridColumn(TAXONOMY.columns().get(c).code());
        final String t = text.at(r, col);
        if (t == null) {
          throw new AssertionError("no cell at " + r + "," + col + " for " + row.code());
        }
        out.get(row.code())[c] = Long.parseLong(t.trim());
      }
    }
  }

  private static Map<String, long[]> empty() {
    final Map<String, long[]> out = new LinkedHashMap<>();
    TAXONOMY.rows().forEach(r -> out.put(r.code(), new long[TAXONOMY.columns().size()]));
    return out;
  }
}
