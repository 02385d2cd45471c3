package foi.tracker.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import foi.tracker.core.taxonomy.ReportText;
import foi.tracker.dashboard.HeadlessChromium;
import foi.tracker.report.Table3Layout;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard page's import of a report published before the tracker was in use (导入上年已发布年报), in
 * headless Chromium against the whole stack in this JVM: an agency's Table 三/四 exported as XLSX
 * over HTTP is uploaded on the page for another agency's previous year; the page shows the grid as
 * read with 「校验通过」, nothing is written until 「确认导入」, which publishes version 1 as imported. A
 * workbook edited with Apache POI so that a column no longer balances shows the BALANCE entry in
 * red, and nothing is written. The same page shows the compliance figures with 「样本较少」 and the
 * open-and-overdue count of 31 December, and a lapsed 补正 in the list 「视为放弃待办结」.
 */
class ImportPageIT {
  private static final String ADMIN = "import-page-admin-token-0123456";
  private static final String XLSX =
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

  @Test
  void anExportedWorkbookIsPreviewedCheckedAndImportedOnThePage() throws Exception {
    HeadlessChromium.ensureInstalled();
    try (TrackerStack stack = TrackerStack.start(ADMIN)) {
      final TestHttp in = stack.ingestHttp();
      final TestHttp out = stack.dashboardHttp();
      final LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
      final int year = today.getYear() - 1;
      agency(in, "ip-source", "固镇县财政局");
      agency(in, "ip-target", "连城县人民政府");
      agency(in, "ip-other", "连城县教育局");
      // the source: two applications in that year, one answered on time, one still open (overdue on
      // 31 December)
      application(in, "ip-source", "s1", year + "-03-10");
      application(in, "ip-source", "s2", year + "-03-10");
      event(in, "ip-source", "s1", "DECIDED", year + "-03-20", "\"outcome\":\"DISCLOSED\"");
      // the target: a 补正 whose time ran out (视为放弃待办结)
      application(in, "ip-target", "t1", year + "-11-03");
      event(
          in,
          "ip-target",
          "t1",
          "CORRECTION_REQUESTED",
          year + "-11-05",
          "\"dueBy\":\"" + year + "-11-20\"");
      Awaitility.await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> decided(out, "ip-source", year) == 1);
      final byte[] exported =
          out.getBytes("/api/v1/agencies/ip-source/reports/" + year + "/table3?format=xlsx");
      final Path dir = Files.createTempDirectory("import-page");
      final Path good = dir.resolve("固镇县财政局-" + year + ".xlsx");
      Files.write(good, exported);
      final Path bad = dir.resolve("连城县教育局-" + year + "-不平衡.xlsx");
      Files.write(bad, unbalanced(exported));
      drive(in, out, year, today, good, bad);
    }
  }

  private void drive(
      final TestHttp in,
      final TestHttp out,
      final int year,
      final LocalDate today,
      final Path good,
      final Path bad)
      throws Exception {
    final WebDriver driver = HeadlessChromium.start(1400, 2400);
    try {
      final WebDriverWait wait =
          HeadlessChromium.openWhenReady(
              driver, out.base() + "/?ingest=" + in.base(), Duration.ofSeconds(60));
      driver.findElement(By.id("token")).sendKeys(ADMIN);
      driver.findElement(By.id("token-save")).click();
      new Select(driver.findElement(By.id("year"))).selectByValue(String.valueOf(year));

      // the source's compliance: 1 on time, 1 open and overdue on 31 December: 50%, a small sample,
      // stated
      new Select(driver.findElement(By.id("agency"))).selectByValue("ip-source");
      wait.until(d -> d.findElement(By.id("c-rate")).getText().contains("50%"));
      assertTrue(
          driver.findElement(By.id("c-rate")).getText().contains("样本较少"),
          driver.findElement(By.id("c-rate")).getText());
      assertEquals("1", driver.findElement(By.id("c-overdue")).getText());
      assertTrue(driver.findElement(By.id("c-overdue-label")).getText().contains("12月31日"));
      assertTrue(
          driver.findElement(By.id("c-note")).getText().contains("1 ÷ 2"),
          driver.findElement(By.id("c-note")).getText());
      assertFalse(driver.findElement(By.id("compliance-panel")).getText().contains("不计算"));

      // the target: no publication yet, so the import form is offered
      new Select(driver.findElement(By.id("agency"))).selectByValue("ip-target");
      wait.until(
          d -> "unpublished".equals(d.findElement(By.id("pub-status")).getAttribute("data-state")));
      wait.until(d -> d.findElement(By.id("import-form")).isDisplayed());
      assertTrue(driver.findElement(By.id("import-form")).getText().contains("导入上年已发布年报"));
      assertTrue(driver.findElement(By.id("imp-next")).getText().contains("第1版"));

      // the lapsed 补正 beside the overdue list
      final By lapsed = By.cssSelector("#lapsed-table tbody tr[data-request=t1]");
      wait.until(d -> !d.findElements(lapsed).isEmpty());
      final List<WebElement> lapse = driver.findElement(lapsed).findElements(By.tagName("td"));
      assertEquals("连城县人民政府", lapse.get(0).getText());
      assertEquals("t1", lapse.get(1).getText());
      assertEquals("逾期未补正", lapse.get(2).getText());
      assertEquals(year + "-11-21", lapse.get(3).getText());
      assertTrue(lapse.get(4).getText().contains("逾期不补正"), lapse.get(4).getText());
      assertTrue(
          driver
              .findElements(By.cssSelector("#deadline-table tbody tr[data-request=t1]"))
              .isEmpty(),
          "a lapsed request is not in the overdue list");

      // preview: the grid as read and its checks; nothing written
      driver.findElement(By.id("imp-file")).sendKeys(good.toAbsolutePath().toString());
      assertEquals(
          good.getFileName().toString(), driver.findElement(By.id("imp-file-name")).getText());
      driver.findElement(By.id("imp-preview")).click();
      wait.until(d -> d.findElement(By.id("imp-result")).isDisplayed());
      final By newNp = By.cssSelector("#imp-t3 td[data-row=NEW][data-col=NATURAL_PERSON]");
      assertEquals("2", driver.findElement(newNp).getText());
      assertEquals(
          "2",
          driver.findElement(By.cssSelector("#imp-t3 td[data-row=NEW][data-col=TOTAL]")).getText());
      assertEquals(
          "1",
          driver
              .findElement(
                  By.cssSelector("#imp-t3 td[data-row=DISCLOSED][data-col=NATURAL_PERSON]"))
              .getText());
      assertEquals(
          "1",
          driver
              .findElement(
                  By.cssSelector("#imp-t3 td[data-row=CARRIED_OVER_OUT][data-col=NATURAL_PERSON]"))
              .getText());
      assertEquals(15, driver.findElements(By.cssSelector("#imp-t4 td[data-code]")).size());
      assertEquals("0", driver.findElement(By.cssSelector("#imp-t4 td[data-code]")).getText());
      assertTrue(driver.findElement(By.id("imp-t3")).getText().contains("自然人"));
      assertEquals("ok", driver.findElement(By.id("imp-check")).getAttribute("data-state"));
      assertTrue(driver.findElement(By.id("imp-summary")).getText().contains("校验通过"));
      assertTrue(driver.findElements(By.cssSelector("#imp-problems li")).isEmpty());
      assertEquals(0, publications(out, "ip-target", year), "nothing is written by the preview");

      // confirm: version 1, imported
      final String published = year + 1 + "-01-28";
      ((JavascriptExecutor) driver)
          .executeScript(
              "arguments[0].value = arguments[1];",
              driver.findElement(By.id("imp-date")),
              published);
      driver.findElement(By.id("imp-confirm")).click();
      wait.until(d -> d.findElement(By.id("imp-msg")).getText().contains("已发布 第1版（导入）"));
      assertTrue(driver.findElement(By.id("imp-msg")).getAttribute("class").contains("ok"));
      wait.until(d -> d.findElement(By.id("pub-status")).getText().contains("已发布 第1版（导入）"));
      assertTrue(driver.findElement(By.id("pub-status")).getText().contains("发布日期 " + published));
      assertEquals(1, publications(out, "ip-target", year));
      // the live figures (one application entered since) are not compared cell by cell with an
      // imported report
      wait.until(d -> d.findElement(By.id("pub-changes-title")).getText().contains("导入的报告"));
      final TestHttp.Resp frozen =
          out.get("/api/v1/agencies/ip-target/reports/" + year + "/table3?version=published", null);
      assertEquals(200, frozen.status(), frozen.toString());
      assertEquals(2, frozen.json().get("rows").get("NEW").get(0).asLong());
      assertTrue(frozen.json().get("publication").get("imported").asBoolean());
      // later versions of an imported year are imported too: the page offers the import for version
      // 2, not the
      // form that would freeze the tracker's own figures
      wait.until(d -> d.findElement(By.id("imp-next")).getText().contains("第2版"));
      assertFalse(driver.findElement(By.id("publish-form")).isDisplayed());
      HeadlessChromium.screenshot(driver, "import-done.png");

      // an unbalanced workbook for another agency: the BALANCE entry in red, before anything is
      // written
      new Select(driver.findElement(By.id("agency"))).selectByValue("ip-other");
      wait.until(
          d ->
              "unpublished".equals(d.findElement(By.id("pub-status")).getAttribute("data-state"))
                  && d.findElement(By.id("import-form")).isDisplayed());
      driver.findElement(By.id("imp-file")).sendKeys(bad.toAbsolutePath().toString());
      driver.findElement(By.id("imp-preview")).click();
      wait.until(d -> "bad".equals(d.findElement(By.id("imp-check")).getAttribute("data-state")));
      assertEquals("7", driver.findElement(newNp).getText());
      final By balance =
          By.cssSelector("#imp-problems li[data-rule=BALANCE][data-column=NATURAL_PERSON]");
      assertFalse(
          driver.findElements(balance).isEmpty(), driver.findElement(By.id("imp-check")).getText());
      final WebElement entry = driver.findElement(balance);
      assertTrue(
          entry.getText().contains("收支平衡") && entry.getText().contains("［自然人］"), entry.getText());
      assertEquals("rgba(198, 40, 40, 1)", entry.getCssValue("color"));
      assertTrue(driver.findElement(By.id("imp-summary")).getText().contains("校验未通过"));
      assertFalse(driver.findElement(By.id("imp-check")).getText().contains("校验通过"));
      assertTrue(
          driver
              .findElement(By.cssSelector("#imp-t3 td[data-row=NEW][data-col=TOTAL]"))
              .getAttribute("class")
              .contains("imp-bad"),
          "the 总计 that no longer adds up is marked in the grid");
      assertEquals(0, publications(out, "ip-other", year), "nothing is written by the preview");
      HeadlessChromium.screenshot(driver, "import-unbalanced.png");

      // imported as published all the same, as a roll-up (含下级): the published subtree table carries
      // the entry
      driver.findElement(By.id("imp-subtree")).click();
      assertTrue(driver.findElement(By.id("imp-subtree")).isSelected());
      assertTrue(driver.findElement(By.id("imp-scope-note")).getText().contains("含下级"));
      ((JavascriptExecutor) driver)
          .executeScript(
              "arguments[0].value = arguments[1];",
              driver.findElement(By.id("imp-date")),
              published);
      driver.findElement(By.id("imp-confirm")).click();
      wait.until(d -> d.findElement(By.id("imp-msg")).getText().contains("已发布 第1版（导入）"));
      assertTrue(driver.findElement(By.id("imp-msg")).getText().contains("含下级"));
      final String rollUpPath =
          "/api/v1/agencies/ip-other/reports/" + year + "/table3?scope=subtree&version=published";
      Awaitility.await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> out.get(rollUpPath, null).status() == 200);
      final TestHttp.Resp rollUp = out.get(rollUpPath, null);
      assertEquals(7, rollUp.json().get("rows").get("NEW").get(0).asLong());
      assertFalse(rollUp.json().get("balanced").asBoolean());
      HeadlessChromium.assertNoAlert(driver);
    } catch (RuntimeException | AssertionError e) {
      HeadlessChromium.screenshot(driver, "import-failure.png");
      throw e;
    } finally {
      driver.quit();
    }
  }

  /** The exported workbook with 表三's 新收 · 自然人 raised by 5: that column no longer balances. */
  private static byte[] unbalanced(final byte[] xlsx) throws Exception {
    try (Workbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream()) {
      final Sheet sheet = wb.getSheet(ReportText.get().text("sheet.table3"));
      Integer top = null;
      for (Row row : sheet) {
        final Cell first = row.getCell(0);
        if (first != null
            && first.getCellType() == CellType.STRING
            && ReportText.get().balanceNote().equals(first.getStringCellValue())) {
          top = row.getRowNum();
          break;
        }
      }
      assertTrue(top != null, "表三's header row");
      final Table3Layout layout = new Table3Layout();
      final Cell cell =
          sheet.getRow(top + layout.gridRow("NEW")).getCell(layout.gridColumn("NATURAL_PERSON"));
      final double was =
          cell.getCellType() == CellType.NUMERIC
              ? cell.getNumericCellValue()
              : Double.parseDouble(cell.getStringCellValue().trim());
      assertEquals(2.0, was);
      cell.setCellValue(was + 5);
      wb.write(bytes);
      return bytes.toByteArray();
    }
  }

  private static void agency(final TestHttp in, final String id, final String name) {
    assertEquals(
        201,
        in.send(
                "PUT",
                "/api/v1/agencies/" + id,
                ADMIN,
                "{\"name\":\"" + name + "\",\"parentId\":null}")
            .status());
  }

  private static void application(
      final TestHttp in, final String agency, final String id, final String date) {
    final TestHttp.Resp r =
        in.send(
            "POST",
            "/api/v1/agencies/" + agency + "/requests",
            ADMIN,
            "{\"requestId\":\""
                + id
                + "\",\"applicantType\":\"NATURAL_PERSON\",\"receivedDate\":\""
                + date
                + "\",\"channel\":\"IN_PERSON\"}");
    assertEquals(201, r.status(), r.toString());
  }

  private static void event(
      final TestHttp in,
      final String agency,
      final String id,
      final String type,
      final String date,
      final String fields) {
    final TestHttp.Resp r =
        in.send(
            "POST",
            "/api/v1/agencies/" + agency + "/requests/" + id + "/events",
            ADMIN,
            "{\"type\":\"" + type + "\",\"date\":\"" + date + "\"," + fields + "}");
    assertEquals(202, r.status(), r.toString());
  }

  private static long decided(final TestHttp out, final String agency, final int year) {
    final TestHttp.Resp r =
        out.get("/api/v1/agencies/" + agency + "/reports/" + year + "/table3?scope=agency", null);
    return r.status() == 200 ? r.json().get("rows").get("DISCLOSED").get(0).asLong() : -1;
  }

  private static int publications(final TestHttp out, final String agency, final int year) {
    final TestHttp.Resp r =
        out.get("/api/v1/agencies/" + agency + "/reports/" + year + "/publications", null);
    assertEquals(200, r.status(), r.toString());
    return r.json().get("publications").size();
  }
}
