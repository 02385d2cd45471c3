package foi.tracker.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import foi.tracker.core.table.Table3;
import foi.tracker.core.table.Table4;
import foi.tracker.core.taxonomy.ReportText;
import foi.tracker.core.taxonomy.Taxonomy;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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
      assertWorkbook(
          Tables.randomTable3(random, "r", 2025), Tables.randomTable4(random, "r", 2025));
    }
  }

  private void assertWorkbook(final Table3 table3, final Table4 table4) throws IOException {
    assertWorkbook(xlsx.render(table3, table4), table3, table4, 0);
  }

  /** Reads the grids back where their header rows are, which must be {@code expectedTop}. */
  private void assertWorkbook(
      final byte[] bytes, final Table3 table3, final Table4 table4, final int expectedTop)
      throws IOException {
    try (Workbook workbook = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
      assertEquals(2, workbook.getNumberOfSheets());
      final Sheet sheet3 = workbook.getSheet(ReportText.get().text("sheet.table3"));
      final int top3 = XlsxGrid.table3Top(sheet3);
      assertEquals(expectedTop, top3);
      for (final Taxonomy.Row row : TAXONOMY.rows()) {
        final int r = top3 + layout3.gridRow(row.code());
        for (final Taxonomy.Column column : TAXONOMY.columns()) {
          final Cell cell = sheet3.getRow(r).getCell(layout3.gridColumn(column.code()));
          assertEquals(CellType.NUMERIC, cell.getCellType(), row.code() + "/" + column.code());
          assertEquals(
              table3.cell(row.code(), column.code()),
              (long) cell.getNumericCellValue(),
              row.code() + "/" + column.code());
        }
        final int labelColumn =
            row.section() == null || row.label().equals(row.group())
                ? (row.section() == null ? 0 : 1)
                : 2;
        assertEquals(
            row.label(), sheet3.getRow(r).getCell(labelColumn).getStringCellValue(), row.code());
      }
      final Sheet sheet4 = workbook.getSheet(ReportText.get().text("sheet.table4"));
      final List<String> codes = TAXONOMY.table4Columns();
      final int top4 = XlsxGrid.table4Top(sheet4);
      assertEquals(expectedTop, top4);
      for (int c = 0; c < codes.size(); c++) {
        final Cell cell = sheet4.getRow(top4 + Table4Layout.HEADER_ROWS).getCell(c);
        assertEquals(CellType.NUMERIC, cell.getCellType());
        assertEquals(
            table4.cells().get(codes.get(c)), (long) cell.getNumericCellValue(), codes.get(c));
      }
    }
  }

  @Test
  void shouldMergeHeaderAndGroupCellsLikeTheHtmlWhenWritingSheets() throws IOException {
    final Table3 table3 = Tables.zeroTable3("a", 2024);
    final Table4 table4 = SeedReport.load(Seeds.resource(Seeds.LIANCHENG_2024)).toTable4("a");
    try (Workbook workbook =
        new XSSFWorkbook(new ByteArrayInputStream(xlsx.render(table3, table4)))) {
      final Sheet sheet3 = workbook.getSheetAt(0);
      assertEquals(
          Set.of(
              "A1:C3", "D1:J1", "D2:D3", "E2:I2", "J2:J3", "A4:C4", "A5:C5", "A6:A27", "B6:C6",
              "B7:C7", "B8:B15", "B16:B18", "B19:B23", "B24:B26", "B27:C27", "A28:C28"),
          regions(sheet3));
      assertEquals(
          ReportText.get().balanceNote(), sheet3.getRow(0).getCell(0).getStringCellValue());
      assertEquals(
          TAXONOMY.row("DISCLOSED").section(), sheet3.getRow(5).getCell(0).getStringCellValue());
      assertEquals(
          TAXONOMY.row("OTHER").group(), sheet3.getRow(23).getCell(1).getStringCellValue());
      assertEquals(
          TAXONOMY.columns().get(1).group(), sheet3.getRow(1).getCell(4).getStringCellValue());
      final Sheet sheet4 = workbook.getSheetAt(1);
      assertEquals(
          Set.of("A1:E1", "F1:O1", "A2:A3", "B2:B3", "C2:C3", "D2:D3", "E2:E3", "F2:J2", "K2:O2"),
          regions(sheet4));
      final Table4Layout layout4 = new Table4Layout();
      assertEquals(layout4.groupLabel("REVIEW"), sheet4.getRow(0).getCell(0).getStringCellValue());
      assertEquals(
          layout4.parentLabel("LITIGATION_DIRECT"),
          sheet4.getRow(0).getCell(5).getStringCellValue());
      assertEquals(
          layout4.groupLabel("LITIGATION_AFTER_REVIEW"),
          sheet4.getRow(1).getCell(10).getStringCellValue());
      assertEquals(layout4.label("PENDING"), sheet4.getRow(2).getCell(13).getStringCellValue());
    }
  }

  @Test
  void shouldSetReadableColumnWidthsWhenWritingSheets() throws IOException {
    try (Workbook workbook =
        new XSSFWorkbook(
            new ByteArrayInputStream(
                xlsx.render(
                    Tables.zeroTable3("a", 2024),
                    Tables.randomTable4(new Random(1), "a", 2024))))) {
      final Sheet sheet3 = workbook.getSheetAt(0);
      assertEquals(48 * 256, sheet3.getColumnWidth(2));
      assertEquals(11 * 256, sheet3.getColumnWidth(9));
    }
  }

  private static ReportHeading liveHeading(final boolean subtree) {
    return ReportHeading.live("连城镇人民政府", 2025, subtree, Instant.parse("2026-12-07T06:03:00Z"));
  }

  @Test
  void shouldPutATitleRowAboveEachGridWhenGivenAHeading() throws IOException {
    final ReportHeading heading =
        ReportHeading.published(
            "连城镇人民政府",
            2025,
            false,
            new ReportHeading.Publication(2, LocalDate.of(2026, 1, 20), "更正表四"));
    final Random random = new Random(5L);
    final byte[] bytes =
        xlsx.render(
            Tables.randomTable3(random, "r", 2025),
            Tables.randomTable4(random, "r", 2025),
            heading);
    try (Workbook workbook = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
      final Sheet sheet3 = workbook.getSheetAt(0);
      final Cell title3 = sheet3.getRow(0).getCell(0);
      assertEquals(CellType.STRING, title3.getCellType());
      assertEquals(
          "连城镇人民政府　2025年度　本机关　第2版，发布日期 2026-01-20；更正原因：更正表四　" + ReportText.get().table3Title(),
          title3.getStringCellValue());
      assertTrue(regions(sheet3).contains("A1:J1"));
      final Sheet sheet4 = workbook.getSheetAt(1);
      assertEquals(
          "连城镇人民政府　2025年度　本机关　第2版，发布日期 2026-01-20；更正原因：更正表四　" + ReportText.get().table4Title(),
          sheet4.getRow(0).getCell(0).getStringCellValue());
      assertTrue(regions(sheet4).contains("A1:O1"));
      for (final Sheet sheet : List.of(sheet3, sheet4)) {
        for (int r = 0; r < ReportXlsx.TITLE_ROWS; r++) {
          final org.apache.poi.ss.usermodel.Row row = sheet.getRow(r);
          if (row != null) {
            row.forEach(
                cell ->
                    assertNotEquals(
                        CellType.NUMERIC, cell.getCellType(), "title rows hold no number"));
          }
        }
      }
    }
    final byte[] subtree =
        xlsx.render(
            Tables.withScope(Tables.zeroTable3("g", 2025), "subtree"),
            Tables.table4("g", 2025, "subtree", Map.of()),
            liveHeading(true));
    try (Workbook workbook = new XSSFWorkbook(new ByteArrayInputStream(subtree))) {
      assertTrue(
          workbook
              .getSheetAt(0)
              .getRow(0)
              .getCell(0)
              .getStringCellValue()
              .startsWith("连城镇人民政府　2025年度　含下级　截至 2026-12-07 14:03 的实时数据　"));
    }
    assertThrows(
        IllegalArgumentException.class,
        () ->
            xlsx.render(
                Tables.zeroTable3("g", 2025),
                Tables.table4("g", 2025, "agency", Map.of()),
                liveHeading(true)));
  }

  @Test
  void shouldKeepEveryGridCellAndMergeWhenATitleRowIsAdded() throws IOException {
    final Random random = new Random(12L);
    for (int i = 0; i < 3; i++) {
      final Table3 table3 = Tables.randomTable3(random, "r", 2025);
      final Table4 table4 = Tables.randomTable4(random, "r", 2025);
      final byte[] titled = xlsx.render(table3, table4, liveHeading(false));
      assertWorkbook(titled, table3, table4, ReportXlsx.TITLE_ROWS);
      try (Workbook plain =
              new XSSFWorkbook(new ByteArrayInputStream(xlsx.render(table3, table4)));
          Workbook withTitle = new XSSFWorkbook(new ByteArrayInputStream(titled))) {
        for (int s = 0; s < 2; s++) {
          final Sheet before = plain.getSheetAt(s);
          final Sheet after = withTitle.getSheetAt(s);
          assertEquals(before.getSheetName(), after.getSheetName());
          assertEquals(before.getLastRowNum() + ReportXlsx.TITLE_ROWS, after.getLastRowNum());
          for (final org.apache.poi.ss.usermodel.Row row : before) {
            for (final Cell cell : row) {
              final Cell moved =
                  after
                      .getRow(row.getRowNum() + ReportXlsx.TITLE_ROWS)
                      .getCell(cell.getColumnIndex());
              assertEquals(cell.getCellType(), moved.getCellType());
              assertEquals(
                  cell.toString(),
                  moved.toString(),
                  before.getSheetName() + " " + cell.getAddress());
            }
          }
          final Set<String> expected = new HashSet<>();
          for (final CellRangeAddress m : before.getMergedRegions()) {
            expected.add(
                new CellRangeAddress(
                        m.getFirstRow() + ReportXlsx.TITLE_ROWS,
                        m.getLastRow() + ReportXlsx.TITLE_ROWS,
                        m.getFirstColumn(),
                        m.getLastColumn())
                    .formatAsString());
          }
          expected.add(
              new CellRangeAddress(0, 0, 0, before.getRow(0).getLastCellNum() - 1)
                  .formatAsString());
          assertEquals(expected, regions(after));
        }
      }
    }
  }

  private static Set<String> regions(final Sheet sheet) {
    return sheet.getMergedRegions().stream()
        .map(CellRangeAddress::formatAsString)
        .collect(Collectors.toSet());
  }
}
