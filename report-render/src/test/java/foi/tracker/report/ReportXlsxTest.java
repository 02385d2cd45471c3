package foi.tracker.report;

import foi.tracker.core.table.Table3Checks;
import foi.tracker.core.taxonomy.ReportText;
import static org.junit.jupiter.api.Assertions.assertEquals;

import foi.tracker.core.table.Table3;
import foi.tracker.core.table.Table4;
import foi.tracker.core.taxonomy.Taxonomy;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

class ReportXlsxTest {
  private static final Taxonomy TAXONOMY = Taxonomy.get();
  private final ReportXlsx xlsx = new ReportXlsx();
  private final Table3Layout layout3 = new Table3Layout();

  @Test
  void shouldMatchTablesCellByCellWhenReadingSeed002Back() throws IOException {
    final SeedReport seed = SeedReport.load(Seeds.resource(Seeds.LIANCHENG_2024));
    assertWorkbook(seed.toTable3("liancheng"), seed.toTable4("liancheng"));
  }

  @Test
  void shouldMatchTablesCellByCellWhenReadingRandomTablesBack() throws IOException {
    final Random random = new Random(11L);
    for (int i = 0; i < 5; i++) {
      assertWorkbook(Tables.randomTable3(random, "r", 2025), Tables.randomTable4(random, "r", 2025));
    }
  }

  private void assertWorkbook(final Table3 table3, final Table4 table4) throws IOException {
    try (Workbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx.render(table3, table4)))) {
      assertEquals(2, workbook.getNumberOfSheets());
      final Sheet sheet3 = workbook.getSheet(ReportText.get().text("sheet.table3"));
      for (final Taxonomy.Row row : TAXONOMY.rows()) {
        final int r = layout3.gridRow(row.code());
        for (final Taxonomy.Column column : TAXONOMY.columns()) {
          final Cell cell = sheet3.getRow(r).getCell(layout3.gridColumn(column.code()));
          assertEquals(CellType.NUMERIC, cell.getCellType(), row.code() + "/" + column.code());
          assertEquals(table3.cell(row.code(), column.code()), (long) cell.getNumericCellValue(),
              row.code() + "/" + column.code());
        }
        final int labelColumn = row.section() == null || row.label().equals(row.group()) ? (row.section() == null ? 0
            : 1) : 2;
        assertEquals(row.label(), sheet3.getRow(r).getCell(labelColumn).getStringCellValue(), row.code());
      }
      final Sheet sheet4 = workbook.getSheet(ReportText.get().text("sheet.table4"));
      final List<String> codes = TAXONOMY.table4Columns();
      for (int c = 0; c < codes.size(); c++) {
        final Cell cell = sheet4.getRow(Table4Layout.HEADER_ROWS).getCell(c);
        assertEquals(CellType.NUMERIC, cell.getCellType());
        assertEquals(table4.cells().get(codes.get(c)), (long) cell.getNumericCellValue(), codes.get(c));
      }
    }
  }

  @Test
  void shouldMergeHeaderAndGroupCellsLikeTheHtmlWhenWritingSheets() throws IOException {
    final Table3 table3 = Tables.zeroTable3("a", 2024);
    final Table4 table4 = SeedReport.load(Seeds.resource(Seeds.LIANCHENG_2024)).toTable4("a");
    try (Workbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx.render(table3, table4)))) {
      final Sheet sheet3 = workbook.getSheetAt(0);
      assertEquals(Set.of("A1:C3", "D1:J1", "D2:D3", "E2:I2", "J2:J3", "A4:C4", "A5:C5", "A6:A27", "B6:C6", "B7:C7",
          "B8:B15", "B16:B18", "B19:B23", "B24:B26", "B27:C27", "A28:C28"), regions(sheet3));
      assertEquals(ReportText.get().balanceNote(), sheet3.getRow(0).getCell(0).getStringCellValue());
      assertEquals(TAXONOMY.row("DISCLOSED").section(), sheet3.getRow(5).getCell(0).getStringCellValue());
      assertEquals(TAXONOMY.row("OTHER").group(), sheet3.getRow(23).getCell(1).getStringCellValue());
      assertEquals(TAXONOMY.columns().get(1).group(), sheet3.getRow(1).getCell(4).getStringCellValue());
      final Sheet sheet4 = workbook.getSheetAt(1);
      assertEquals(Set.of("A1:E1", "F1:O1", "A2:A3", "B2:B3", "C2:C3", "D2:D3", "E2:E3", "F2:J2", "K2:O2"),
          regions(sheet4));
      final Table4Layout layout4 = new Table4Layout();
      assertEquals(layout4.groupLabel("REVIEW"), sheet4.getRow(0).getCell(0).getStringCellValue());
      assertEquals(layout4.parentLabel("LITIGATION_DIRECT"), sheet4.getRow(0).getCell(5).getStringCellValue());
      assertEquals(layout4.groupLabel("LITIGATION_AFTER_REVIEW"), sheet4.getRow(1).getCell(10).getStringCellValue());
      assertEquals(layout4.label("PENDING"), sheet4.getRow(2).getCell(13).getStringCellValue());
    }
  }

  @Test
  void shouldSetReadableColumnWidthsWhenWritingSheets() throws IOException {
    try (Workbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx.render(Tables.zeroTable3("a", 2024),
        Tables.randomTable4(new Random(1), "a", 2024))))) {
      final Sheet sheet3 = workbook.getSheetAt(0);
      assertEquals(48 * 256, sheet3.getColumnWidth(2));
      assertEquals(11 * 256, sheet3.getColumnWidth(9));
    }
  }

  private static Set<String> regions(final Sheet sheet) {
    return sheet.getMergedRegions().stream().map(CellRangeAddress::formatAsString).collect(Collectors.toSet());
  }
}
