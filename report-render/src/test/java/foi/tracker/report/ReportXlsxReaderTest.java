package foi.tracker.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import foi.tracker.core.table.Table3;
import foi.tracker.core.table.Table4;
import foi.tracker.core.taxonomy.ReportText;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Random;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/**
 * Reading last year's numbers back from the official-layout workbook the tracker exports (导入已发布年报).
 */
class ReportXlsxReaderTest {
  private final ReportXlsxReader reader = new ReportXlsxReader();

  @Test
  void shouldReadBackEveryNumberOfTheTrackersOwnExportWithAndWithoutTitleRows() {
    final Random random = new Random(7);
    final Table3 t3 = Tables.randomTable3(random, "town", 2025);
    final Table4 t4 = Tables.randomTable4(random, "town", 2025);
    for (byte[] xlsx :
        new byte[][] {
          new ReportXlsx().render(t3, t4),
          new ReportXlsx()
              .render(
                  t3,
                  t4,
                  ReportHeading.live("连城镇人民政府", 2025, false, Instant.parse("2026-01-05T02:00:00Z")))
        }) {
      final ReportXlsxReader.Read read = reader.read(xlsx);
      assertEquals(java.util.List.of(), read.problems());
      t3.rows().forEach((row, values) -> assertArrayEquals(values, read.table3().get(row), row));
      assertEquals(t4.cells(), read.table4());
    }
  }

  @Test
  void shouldNameEveryCellThatIsNotAWholeNumber() throws Exception {
    final Table3 t3 = Tables.zeroTable3("town", 2025);
    final byte[] xlsx =
        new ReportXlsx().render(t3, Tables.table4("town", 2025, "agency", java.util.Map.of()));
    final byte[] edited;
    try (Workbook w = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
      final Sheet sheet = w.getSheet(ReportText.get().text("sheet.table3"));
      final int top = XlsxGrid.table3Top(sheet);
      final Table3Layout layout = new Table3Layout();
      sheet
          .getRow(top + layout.gridRow("NEW"))
          .getCell(layout.gridColumn("NATURAL_PERSON"))
          .setCellValue("三");
      sheet
          .getRow(top + layout.gridRow("DISCLOSED"))
          .getCell(layout.gridColumn("TOTAL"))
          .setCellValue("12");
      sheet.getRow(top + layout.gridRow("OTHER")).getCell(layout.gridColumn("TOTAL")).setBlank();
      final ByteArrayOutputStream out = new ByteArrayOutputStream();
      w.write(out);
      edited = out.toByteArray();
    }
    final ReportXlsxReader.Read read = reader.read(edited);
    assertEquals(2, read.problems().size(), read.problems().toString());
    assertEquals("imported.table3.rows.NEW[0]", read.problems().get(0).field());
    assertEquals(12, read.table3().get("DISCLOSED")[6], "digits typed as text are read");
    assertEquals("imported.table3.rows.OTHER[6]", read.problems().get(1).field());
  }

  @Test
  void shouldSaySoWhenTheFileIsNotAWorkbook() {
    final ReportXlsxReader.Read read = reader.read("a,b,c".getBytes(StandardCharsets.UTF_8));
    assertEquals(1, read.problems().size());
    assertNull(read.problems().get(0).field());
  }
}
