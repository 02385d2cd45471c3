package foi.tracker.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import foi.tracker.dashboard.HeadlessChromium;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Pdf;
import org.openqa.selenium.PrintsPage;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chromium.HasCdp;
import org.openqa.selenium.print.PageSize;
import org.openqa.selenium.print.PrintOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The printable draft (GET /api/v1/agencies/{a}/reports/{year}) on A4, in headless Chromium against
 * the whole stack in this JVM: a few applications, decided in several ways, and a 复议 case concluded
 * as 纠错 are logged through the ingest so that Table 三 and Table 四 carry figures; the draft is
 * printed to PDF (A4, WebDriver's default margins of 1 cm) and must be a PDF of 1 to 4 pages; then,
 * under print media emulation at the width of an A4 page's content box, Table 三 and Table 四 must
 * fit the page: no table, and no cell of one, wider than the body.
 */
class DraftPrintPageIT {
  private static final String ADMIN = "draft-print-page-admin-token-0123";
  private static final String COUNTY = "dp-county";

  /**
   * A4's 210 mm less the draft's @page margins (15 mm each side) at 96 CSS px per inch: the
   * narrower content box.
   */
  private static final int A4_CSS_CONTENT_WIDTH = (int) Math.floor((210 - 2 * 15) / 25.4 * 96);

  /** A4's 210 mm less WebDriver's default print margins (1 cm each side): about 718 CSS px. */
  private static final int A4_WEBDRIVER_CONTENT_WIDTH =
      (int) Math.floor((210 - 2 * 10) / 25.4 * 96);

  @Test
  void draftPrintsOnA4WithBothTablesWithinThePageWidth() throws Exception {
    HeadlessChromium.ensureInstalled();
    try (TrackerStack stack = TrackerStack.start(ADMIN)) {
      final TestHttp in = stack.ingestHttp();
      final TestHttp out = stack.dashboardHttp();
      final int year = LocalDate.now(ZoneId.of("Asia/Shanghai")).getYear() - 1;
      assertEquals(
          201,
          in.send(
                  "PUT",
                  "/api/v1/agencies/" + COUNTY,
                  ADMIN,
                  "{\"name\":\"固镇县人民政府\",\"parentId\":null}")
              .status());
      application(in, "p-1", "NATURAL_PERSON", year + "-03-02");
      application(in, "p-2", "COMMERCIAL_ENTERPRISE", year + "-04-08");
      application(in, "p-3", "LEGAL_SERVICE_ORG", year + "-05-11");
      application(in, "p-4", "NATURAL_PERSON", year + "-06-15");
      decide(in, "p-1", year + "-03-20", "DISCLOSED");
      decide(in, "p-2", year + "-04-28", "PARTIALLY_DISCLOSED");
      decide(in, "p-3", year + "-05-30", "UNAVAILABLE_NOT_HELD");
      event(
          in,
          "p-3",
          "{\"eventId\":\"rf\",\"type\":\"REVIEW_FILED\",\"date\":\""
              + year
              + "-07-01\","
              + "\"caseId\":\"R-1\",\"caseNumber\":\"固复〔"
              + year
              + "〕3号\"}");
      event(
          in,
          "p-3",
          "{\"eventId\":\"rc\",\"type\":\"REVIEW_CONCLUDED\",\"date\":\""
              + year
              + "-08-20\","
              + "\"caseId\":\"R-1\",\"result\":\"CORRECTED\"}");
      Awaitility.await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> reviewsCorrected(out, year) == 1 && newTotal(out, year) == 4);
      final String draftUrl = out.base() + "/api/v1/agencies/" + COUNTY + "/reports/" + year;
      drive(draftUrl);
      downloadsSayWhatTheyAre(out, year);
    }
  }

  private void drive(final String draftUrl) throws Exception {
    final WebDriver driver = HeadlessChromium.start(1400, 1000);
    try {
      final WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(60));
      driver.get(draftUrl);
      wait.until(d -> d.findElements(By.cssSelector("table.foi-table4 td.num")).size() == 15);
      assertTrue(driver.findElement(By.tagName("h1")).getText().contains("固镇县人民政府"));
      assertTrue(driver.findElement(By.cssSelector("table.foi-table4")).getText().contains("行政复议"));

      // printed to PDF on A4 with the default margins
      final PrintOptions options = new PrintOptions();
      options.setPageSize(new PageSize(29.7, 21.0));
      options.setBackground(false);
      final Pdf pdf = ((PrintsPage) driver).print(options);
      final byte[] bytes = Base64.getDecoder().decode(pdf.getContent());
      final Path file = Path.of("target", "draft-print.pdf");
      Files.createDirectories(file.getParent());
      Files.write(file, bytes);
      final String text = new String(bytes, StandardCharsets.ISO_8859_1);
      assertTrue(
          text.startsWith("%PDF-"), "not a PDF: " + text.substring(0, Math.min(16, text.length())));
      final int pages = pages(text);
      assertTrue(
          pages >= 1 && pages <= 4, "the draft printed on " + pages + " A4 pages, expected 1 to 4");
      final Matcher box =
          Pattern.compile("/MediaBox\\s*\\[\\s*0\\s+0\\s+([0-9.]+)\\s+([0-9.]+)\\s*]")
              .matcher(text);
      assertTrue(box.find(), "no /MediaBox in the PDF");
      // A4 is 595.28 × 841.89 pt
      assertEquals(595.3, Double.parseDouble(box.group(1)), 1.5, "page width in pt");
      assertEquals(841.9, Double.parseDouble(box.group(2)), 1.5, "page height in pt");

      // under print media, at the width of an A4 page's content box, both tables fit
      ((HasCdp) driver).executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
      assertEquals(
          Boolean.TRUE,
          js(driver, "return matchMedia('print').matches;"),
          "print media not emulated");
      // a printed page has no scroll bar: the whole width is the content box's
      ((HasCdp) driver).executeCdpCommand("Emulation.setScrollbarsHidden", Map.of("hidden", true));
      for (int width : List.of(A4_WEBDRIVER_CONTENT_WIDTH, A4_CSS_CONTENT_WIDTH)) {
        ((HasCdp) driver)
            .executeCdpCommand(
                "Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", 1123, "deviceScaleFactor", 1, "mobile", false));
        new WebDriverWait(driver, Duration.ofSeconds(10))
            .withMessage(
                () ->
                    "the viewport is "
                        + js(
                            driver,
                            "return document.documentElement.clientWidth + ' of ' + innerWidth;")
                        + " px, not "
                        + width)
            .until(
                d ->
                    ((Number) js(d, "return document.documentElement.clientWidth;")).intValue()
                        == width);
        assertFits(driver, "table.foi-table3", "Table 三", width);
        assertFits(driver, "table.foi-table4", "Table 四", width);
        assertTrue(
            ((Number) js(driver, "return document.documentElement.scrollWidth;")).intValue()
                <= width,
            "the page scrolls sideways at " + width + " px");
      }
      HeadlessChromium.screenshot(driver, "draft-print.png");
    } catch (RuntimeException | AssertionError e) {
      HeadlessChromium.screenshot(driver, "draft-print-failure.png");
      throw e;
    } finally {
      driver.quit();
    }
  }

  /**
   * Every download names, above the official grid, the agency, the year, the scope and live-as-of
   * (api.md "For people"): the HTML tables as a browser shows them, the draft, and the XLSX's title
   * row.
   */
  private static void downloadsSayWhatTheyAre(final TestHttp out, final int year) throws Exception {
    final WebDriver driver = HeadlessChromium.start(1400, 1000);
    try {
      for (String scope : List.of("agency", "subtree")) {
        final String expectedScope = scope.equals("agency") ? "本机关" : "含下级";
        for (String path : List.of("/table3?format=html&scope=" + scope, "?scope=" + scope)) {
          driver.get(out.base() + "/api/v1/agencies/" + COUNTY + "/reports/" + year + path);
          final String page =
              new WebDriverWait(driver, Duration.ofSeconds(20))
                  .until(d -> d.findElement(By.tagName("body")).getText());
          final String head =
              page.substring(
                  0,
                  page.indexOf(year + "年") + 200 > page.length()
                      ? page.length()
                      : page.indexOf(year + "年") + 200);
          assertTrue(
              head.contains("固镇县人民政府")
                  && head.contains(year + "年")
                  && head.contains(expectedScope)
                  && head.contains("实时数据"),
              path + " does not say what it is: " + head);
        }
        final byte[] xlsx =
            out.getBytes(
                "/api/v1/agencies/"
                    + COUNTY
                    + "/reports/"
                    + year
                    + "/table3?format=xlsx&scope="
                    + scope);
        try (org.apache.poi.ss.usermodel.Workbook w =
            new org.apache.poi.xssf.usermodel.XSSFWorkbook(
                new java.io.ByteArrayInputStream(xlsx))) {
          final String title = w.getSheetAt(0).getRow(0).getCell(0).getStringCellValue();
          assertTrue(
              title.contains("固镇县人民政府")
                  && title.contains(year + "年")
                  && title.contains(expectedScope),
              "the XLSX title row: " + title);
        }
      }
    } finally {
      driver.quit();
    }
  }

  /**
   * Table {@code selector} is no wider than the body, sits within it, and no cell's content
   * overflows the cell.
   */
  private static void assertFits(
      final WebDriver driver, final String selector, final String name, final int width) {
    final String script =
        """
        const t = document.querySelector(arguments[0]);
        const body = document.body;
        const tr = t.getBoundingClientRect(), br = body.getBoundingClientRect();
        const over = [...t.querySelectorAll('th, td')].filter(c => c.scrollWidth > c.clientWidth + 1)
            .map(c => c.textContent.trim().slice(0, 20) + ' (' + c.scrollWidth + ' > ' + c.clientWidth + ')');
        return 'table ' + t.scrollWidth + ' body ' + body.clientWidth + ' left ' + Math.round(tr.left - br.left)
            + ' right ' + Math.round(br.right - tr.right) + ' overflowing ' + over.length + ' ' + over.join('; ');
        """;
    final String m = (String) js(driver, script, selector);
    final Matcher f =
        Pattern.compile("table (\\d+) body (\\d+) left (-?\\d+) right (-?\\d+) overflowing (\\d+)")
            .matcher(m);
    assertTrue(f.find(), m);
    final String at = name + " at " + width + " px: " + m;
    System.out.println("DraftPrintPageIT " + at);
    assertTrue(Integer.parseInt(f.group(1)) <= Integer.parseInt(f.group(2)), at);
    assertTrue(Integer.parseInt(f.group(3)) >= 0 && Integer.parseInt(f.group(4)) >= 0, at);
    assertEquals(0, Integer.parseInt(f.group(5)), at);
  }

  /** The number of page objects: {@code /Type /Page}, not {@code /Type /Pages}. */
  static int pages(final String pdf) {
    final Matcher m = Pattern.compile("/Type\\s*/Page(?![a-zA-Z])").matcher(pdf);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  private static Object js(final WebDriver driver, final String script, final Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  private static void application(
      final TestHttp in, final String id, final String type, final String date) {
    final TestHttp.Resp r =
        in.send(
            "POST",
            "/api/v1/agencies/" + COUNTY + "/requests",
            ADMIN,
            "{\"requestId\":\""
                + id
                + "\",\"applicantType\":\""
                + type
                + "\",\"receivedDate\":\""
                + date
                + "\",\"channel\":\"ONLINE\"}");
    assertEquals(201, r.status(), r.toString());
  }

  private static void decide(
      final TestHttp in, final String id, final String date, final String outcome) {
    event(
        in,
        id,
        "{\"eventId\":\"d\",\"type\":\"DECIDED\",\"date\":\""
            + date
            + "\",\"outcome\":\""
            + outcome
            + "\"}");
  }

  private static void event(final TestHttp in, final String id, final String body) {
    final TestHttp.Resp r =
        in.send("POST", "/api/v1/agencies/" + COUNTY + "/requests/" + id + "/events", ADMIN, body);
    assertEquals(202, r.status(), r.toString());
    assertTrue(!r.json().has("accepted") || r.json().get("accepted").asBoolean(), r.toString());
  }

  private static long reviewsCorrected(final TestHttp out, final int year) {
    final TestHttp.Resp r =
        out.get("/api/v1/agencies/" + COUNTY + "/reports/" + year + "/table4", null);
    return r.status() == 200 ? r.json().path("cells").path("REVIEW_CORRECTED").asLong(-1) : -1;
  }

  private static long newTotal(final TestHttp out, final int year) {
    final TestHttp.Resp r =
        out.get("/api/v1/agencies/" + COUNTY + "/reports/" + year + "/table3?scope=agency", null);
    return r.status() == 200 ? r.json().get("rows").get("NEW").get(6).asLong() : -1;
  }
}
