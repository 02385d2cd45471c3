package foi.tracker.report;

import foi.tracker.core.taxonomy.ReportText;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;

/**
 * Finds the official grid (表格) in a workbook sheet by its first header row rather than at a fixed
 * row, so a reader works with and without the title rows above it (shared with dashboard-api's
 * tests through the test-jar).
 */
final class XlsxGrid {
  private XlsxGrid() {}

  /** The sheet row of Table 三's first header row: the one whose first cell is the 勾稽 note. */
  static int table3Top(final Sheet sheet) {
    return rowStartingWith(sheet, ReportText.get().balanceNote());
  }

  /** The sheet row of Table 四's first header row: the one whose first cell is 行政复议. */
  static int table4Top(final Sheet sheet) {
    return rowStartingWith(sheet, new Table4Layout().groupLabel("REVIEW"));
  }

  private static int rowStartingWith(final Sheet sheet, final String text) {
    for (final Row row : sheet) {
      final Cell first = row.getCell(0);
      if (first != null
          && first.getCellType() == CellType.STRING
          && text.equals(first.getStringCellValue())) {
        return row.getRowNum();
      }
    }
    throw new AssertionError("sheet " + sheet.getSheetName() + " has no row starting with " + text);
  }
}
