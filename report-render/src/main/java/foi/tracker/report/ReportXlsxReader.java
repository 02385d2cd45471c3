package foi.tracker.report;

import foi.tracker.core.taxonomy.ReportText;
import foi.tracker.core.taxonomy.Taxonomy;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Reads last year's published numbers back from a workbook in the official layout that {@link
 * ReportXlsx} writes (an office fills in the familiar grid and uploads it to import the report):
 * sheets 表三 and 表四, each grid found by its first header row, so title rows above it do not matter.
 * Every cell that is not a whole number is reported by its place (row and column labels), never
 * guessed.
 */
public final class ReportXlsxReader {
  /** At most this many bytes are read (the tracker's own export is ~10 KB). */
  public static final int MAX_BYTES = 2 * 1024 * 1024;

  private final Taxonomy taxonomy = Taxonomy.get();
  private final ReportText text = ReportText.get();
  private final Table3Layout table3Layout = new Table3Layout();
  private final Table4Layout table4Layout = new Table4Layout();

  /**
   * The numbers as read, and what could not be read.
   *
   * @param table3 row code → 7 numbers (a cell that could not be read is 0 and named in {@code
   *     problems})
   * @param table4 code → number
   * @param problems one Chinese line per cell or sheet that could not be read; empty when all were
   *     read
   */
  public record Read(
      Map<String, long[]> table3, Map<String, Long> table4, List<Problem> problems) {}

  /**
   * A cell (or sheet) that could not be read: where, in the field naming of the import, and why.
   */
  public record Problem(String field, String message) {}

  /** Reads {@code bytes}; a file that is not a workbook at all is one problem with field null. */
  public Read read(final byte[] bytes) {
    final Map<String, long[]> t3 = new LinkedHashMap<>();
    taxonomy.rows().forEach(r -> t3.put(r.code(), new long[taxonomy.columns().size()]));
    final Map<String, Long> t4 = new LinkedHashMap<>();
    taxonomy.table4Columns().forEach(c -> t4.put(c, 0L));
    final List<Problem> problems = new ArrayList<>();
    if (bytes == null || bytes.length == 0 || bytes.length > MAX_BYTES) {
      problems.add(new Problem(null, "文件为空或超过 2 MB，应为本系统导出的表三/表四 XLSX 文件 (empty or too large)"));
      return new Read(t3, t4, problems);
    }
    try (Workbook workbook = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
      final Sheet sheet3 = workbook.getSheet(text.text("sheet.table3"));
      final Integer top3 = sheet3 == null ? null : top(sheet3, text.balanceNote());
      if (top3 == null) {
        problems.add(
            new Problem(
                "imported.table3",
                "找不到工作表「"
                    + text.text("sheet.table3")
                    + "」及其表头，请使用本系统导出的表格填写 (sheet or its header not found)"));
      } else {
        for (Taxonomy.Row row : taxonomy.rows()) {
          for (int c = 0; c < taxonomy.columns().size(); c++) {
            final Taxonomy.Column column = taxonomy.columns().get(c);
            final int r = top3 + table3Layout.gridRow(row.code());
            final int col = table3Layout.gridColumn(column.code());
            final String where = "表三「" + row.label() + "」行「" + column.label() + "」列";
            t3.get(row.code())[c] =
                number(
                    sheet3,
                    r,
                    col,
                    "imported.table3.rows." + row.code() + "[" + c + "]",
                    where,
                    problems);
          }
        }
      }
      final Sheet sheet4 = workbook.getSheet(text.text("sheet.table4"));
      final Integer top4 = sheet4 == null ? null : top(sheet4, table4Layout.groupLabel("REVIEW"));
      if (top4 == null) {
        problems.add(
            new Problem(
                "imported.table4",
                "找不到工作表「"
                    + text.text("sheet.table4")
                    + "」及其表头，请使用本系统导出的表格填写 (sheet or its header not found)"));
      } else {
        final List<Table4Layout.Column> columns = table4Layout.columns();
        for (int i = 0; i < columns.size(); i++) {
          final String code = columns.get(i).code();
          final String where =
              "表四「"
                  + table4Layout.groupLabel(columns.get(i).group())
                  + "·"
                  + table4Layout.label(columns.get(i).result())
                  + "」";
          t4.put(
              code,
              number(
                  sheet4,
                  top4 + Table4Layout.HEADER_ROWS,
                  i,
                  "imported.table4.cells." + code,
                  where,
                  problems));
        }
      }
    } catch (IOException | RuntimeException e) {
      problems.add(new Problem(null, "无法读取该文件，应为本系统导出的表三/表四 XLSX 文件 (not a readable workbook)"));
    }
    return new Read(t3, t4, problems);
  }

  private static Integer top(final Sheet sheet, final String firstCell) {
    for (final Row row : sheet) {
      final Cell first = row.getCell(0);
      if (first != null
          && first.getCellType() == CellType.STRING
          && firstCell.equals(first.getStringCellValue())) {
        return row.getRowNum();
      }
    }
    return null;
  }

  /**
   * A whole number ≥ 0 in the cell (a number, or text of digits); otherwise 0 and a problem naming
   * the cell.
   */
  private static long number(
      final Sheet sheet,
      final int r,
      final int c,
      final String field,
      final String where,
      final List<Problem> problems) {
    final Row row = sheet.getRow(r);
    final Cell cell = row == null ? null : row.getCell(c);
    if (cell == null || cell.getCellType() == CellType.BLANK) {
      problems.add(new Problem(field, where + "为空，请填写数字（没有填 0） (empty)"));
      return 0;
    }
    if (cell.getCellType() == CellType.NUMERIC) {
      final double d = cell.getNumericCellValue();
      if (d == Math.rint(d) && Math.abs(d) < 1e12) {
        return (long) d;
      }
      problems.add(new Problem(field, where + "为 " + d + "，应为整数 (not a whole number)"));
      return 0;
    }
    if (cell.getCellType() == CellType.STRING) {
      final String s = cell.getStringCellValue().trim();
      if (s.matches("-?\\d{1,12}")) {
        return Long.parseLong(s);
      }
      problems.add(new Problem(field, where + "为「" + s + "」，应为整数 (not a whole number)"));
      return 0;
    }
    problems.add(new Problem(field, where + "不是数字（可能是公式），请填写数值 (not a number)"));
    return 0;
  }
}
