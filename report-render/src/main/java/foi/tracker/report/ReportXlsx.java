package foi.tracker.report;

import foi.tracker.core.table.Table3;
import foi.tracker.core.table.Table4;
import foi.tracker.core.taxonomy.ReportText;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Tables 三 and 四 as an Excel workbook (.xlsx) in the official layout: sheet 表三 and sheet 表四, merged
 * header and group cells as in the HTML, numbers as numeric cells, every cell bordered, A4 print
 * setup.
 *
 * <p>With a {@link ReportHeading}, each sheet says what it is in a title row above the grid (a text
 * cell merged across the grid's width: agency, year, 本机关 or 含下级, live as of when or which published
 * version), then an empty row; the grid starts {@link #TITLE_ROWS} rows lower, cell for cell as
 * without a heading. Without a heading the grid starts at row 0, as it always has.
 */
public final class ReportXlsx {
  /** Content type of {@link #render}. */
  public static final String CONTENT_TYPE =
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

  /**
   * Column widths of Table 三's label columns, in characters (a Chinese character counts about two).
   */
  private static final int[] TABLE3_LABEL_WIDTHS = {10, 18, 48};

  private static final int NUMBER_WIDTH = 11;
  private static final int TABLE4_WIDTH = 9;

  /** Rows above the grid when a heading is given: the title row and an empty row. */
  public static final int TITLE_ROWS = 2;

  private final Table3Layout table3Layout;
  private final Table4Layout table4Layout;
  private final ReportText text;

  public ReportXlsx(
      final Table3Layout table3Layout, final Table4Layout table4Layout, final ReportText text) {
    this.table3Layout = Objects.requireNonNull(table3Layout, "table3Layout");
    this.table4Layout = Objects.requireNonNull(table4Layout, "table4Layout");
    this.text = Objects.requireNonNull(text, "text");
  }

  public ReportXlsx() {
    this(new Table3Layout(), new Table4Layout(), ReportText.get());
  }

  /** The workbook's bytes, the grids at row 0 (no title row). */
  public byte[] render(final Table3 table3, final Table4 table4) {
    return render(table3, table4, null);
  }

  /**
   * The workbook's bytes with {@code heading}'s title row above each grid, which then starts at row
   * {@link #TITLE_ROWS}; a null heading gives {@link #render(Table3, Table4)}.
   */
  public byte[] render(final Table3 table3, final Table4 table4, final ReportHeading heading) {
    final ByteArrayOutputStream out = new ByteArrayOutputStream(16384);
    try {
      write(table3, table4, heading, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Writes the workbook to {@code out} (not closed), the grids at row 0 (no title row). */
  public void write(final Table3 table3, final Table4 table4, final OutputStream out)
      throws IOException {
    write(table3, table4, null, out);
  }

  /**
   * Writes the workbook of {@link #render(Table3, Table4, ReportHeading)} to {@code out} (not
   * closed).
   */
  public void write(
      final Table3 table3, final Table4 table4, final ReportHeading heading, final OutputStream out)
      throws IOException {
    Objects.requireNonNull(table3, "table3");
    Objects.requireNonNull(table4, "table4");
    if (heading != null
        && (heading.year() != table3.year()
            || heading.year() != table4.year()
            || !heading.scope().equals(table3.scope())
            || !heading.scope().equals(table4.scope()))) {
      throw new IllegalArgumentException(
          "heading ("
              + heading.year()
              + ", "
              + heading.scope()
              + ") does not match the tables ("
              + table3.year()
              + ", "
              + table3.scope()
              + "; "
              + table4.year()
              + ", "
              + table4.scope()
              + ")");
    }
    final int offset = heading == null ? 0 : TITLE_ROWS;
    try (Workbook workbook = new XSSFWorkbook()) {
      final Styles styles = new Styles(workbook);
      final Sheet sheet3 = workbook.createSheet(text.text("sheet.table3"));
      if (heading != null) {
        title(
            sheet3,
            heading.line(text) + "　" + text.table3Title(),
            table3Layout.columnCount(),
            styles);
      }
      fill(
          sheet3,
          table3Layout.cells(table3),
          offset,
          table3Layout.rowCount(),
          table3Layout.columnCount(),
          styles);
      for (int c = 0; c < table3Layout.columnCount(); c++) {
        final int chars = c < TABLE3_LABEL_WIDTHS.length ? TABLE3_LABEL_WIDTHS[c] : NUMBER_WIDTH;
        sheet3.setColumnWidth(c, chars * 256);
      }
      final Sheet sheet4 = workbook.createSheet(text.text("sheet.table4"));
      if (heading != null) {
        title(
            sheet4,
            heading.line(text) + "　" + text.table4Title(),
            table4Layout.columnCount(),
            styles);
      }
      fill(
          sheet4,
          table4Layout.cells(table4),
          offset,
          table4Layout.rowCount(),
          table4Layout.columnCount(),
          styles);
      for (int c = 0; c < table4Layout.columnCount(); c++) {
        sheet4.setColumnWidth(c, TABLE4_WIDTH * 256);
      }
      sheet4.getPrintSetup().setLandscape(true);
      workbook.write(out);
    }
  }

  /**
   * Row 0: {@code line} in one text cell merged across the grid's width, unbordered; row 1 stays
   * empty.
   */
  private static void title(
      final Sheet sheet, final String line, final int columns, final Styles styles) {
    final Row row = sheet.createRow(0);
    final Cell cell = row.createCell(0);
    cell.setCellValue(line);
    cell.setCellStyle(styles.title);
    row.setHeightInPoints(sheet.getDefaultRowHeightInPoints() * 2);
    sheet.addMergedRegion(new CellRangeAddress(0, 0, 0, columns - 1));
  }

  /** The grid of {@code cells}, its row 0 at sheet row {@code offset}. */
  private static void fill(
      final Sheet sheet,
      final List<GridCell> cells,
      final int offset,
      final int rows,
      final int columns,
      final Styles styles) {
    for (int r = 0; r < rows; r++) {
      final Row row = sheet.createRow(offset + r);
      for (int c = 0; c < columns; c++) {
        row.createCell(c).setCellStyle(styles.number);
      }
    }
    for (final GridCell cell : cells) {
      final Cell target = sheet.getRow(offset + cell.row()).getCell(cell.column());
      if (cell.number() != null) {
        target.setCellValue(cell.number());
      } else {
        target.setCellValue(cell.text());
        final boolean centred = cell.header() || cell.rowSpan() > 1;
        for (int r = offset + cell.row(); r < offset + cell.row() + cell.rowSpan(); r++) {
          for (int c = cell.column(); c < cell.column() + cell.columnSpan(); c++) {
            sheet.getRow(r).getCell(c).setCellStyle(centred ? styles.header : styles.label);
          }
        }
      }
      if (cell.merged()) {
        sheet.addMergedRegion(
            new CellRangeAddress(
                offset + cell.row(),
                offset + cell.row() + cell.rowSpan() - 1,
                cell.column(),
                cell.column() + cell.columnSpan() - 1));
      }
    }
    final PrintSetup print = sheet.getPrintSetup();
    print.setPaperSize(PrintSetup.A4_PAPERSIZE);
    sheet.setFitToPage(true);
    print.setFitWidth((short) 1);
    print.setFitHeight((short) 0);
  }

  /** The cell styles of a workbook. */
  private static final class Styles {
    private final CellStyle title;
    private final CellStyle header;
    private final CellStyle label;
    private final CellStyle number;

    Styles(final Workbook workbook) {
      title = workbook.createCellStyle();
      final Font bold = workbook.createFont();
      bold.setBold(true);
      title.setFont(bold);
      title.setAlignment(HorizontalAlignment.LEFT);
      title.setVerticalAlignment(VerticalAlignment.CENTER);
      title.setWrapText(true);
      header = bordered(workbook, HorizontalAlignment.CENTER);
      label = bordered(workbook, HorizontalAlignment.LEFT);
      number = bordered(workbook, HorizontalAlignment.CENTER);
    }

    private static CellStyle bordered(
        final Workbook workbook, final HorizontalAlignment alignment) {
      final CellStyle style = workbook.createCellStyle();
      style.setBorderTop(BorderStyle.THIN);
      style.setBorderBottom(BorderStyle.THIN);
      style.setBorderLeft(BorderStyle.THIN);
      style.setBorderRight(BorderStyle.THIN);
      style.setAlignment(alignment);
      style.setVerticalAlignment(VerticalAlignment.CENTER);
      style.setWrapText(true);
      return style;
    }
  }
}
