package foi.tracker.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import foi.tracker.core.request.RequestRules;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard page in headless Chromium against broker, processor and dashboard in this JVM: the
 * statistics office picks a township and sees its Table 三 and a green validation panel, enters a
 * token, and sees an overdue application appear live while the page is open; its {@code <script>}
 * subject stays text. Needs Debian's chromium and chromium-driver; installs them when missing and
 * running as root (as DeskPageIT does), fails otherwise.
 */
@Tag("integration")
class DashboardPageIT {
  private static final String EVIL = "<script>alert(1)</script> 2024年度财政预算执行情况";

  private static DashboardStack stack;
  private static String countyToken;

  @BeforeAll
  static void start() throws Exception {
    HeadlessChromium.ensureInstalled();
    stack = DashboardStack.start();
    stack.putAgency("guzhen", "固镇县人民政府", null);
    stack.putAgency("liancheng", "连城镇人民政府", "guzhen");
    stack.putAgency("xinma", "新马桥镇人民政府", "guzhen");
    stack.putAgency("broken", "数据异常镇", "guzhen");
    // a decision with no application behind it (a corrupt counter record): Table 三 of 2024 cannot
    // check out
    stack.putTotals(
        new foi.tracker.core.table.AgencyTotals(
            "broken", java.util.Map.of("2024|DISCLOSED|NATURAL_PERSON", 1L)));
    countyToken = stack.issueToken("guzhen");
    stack.send(
        List.of(
            DashboardHttpIT.received("liancheng", "lc-1", "2024-03-11", "申请公开 2024年预算"),
            DashboardHttpIT.decided("liancheng", "lc-1", "2024-03-29", "DISCLOSED"),
            DashboardHttpIT.received("liancheng", "lc-2", "2024-05-06", "申请公开 征地补偿"),
            DashboardHttpIT.decided("liancheng", "lc-2", "2024-05-27", "OTHER"),
            DashboardHttpIT.received("liancheng", "lc-3", "2024-09-02", "申请公开 道路规划"),
            DashboardHttpIT.decided("liancheng", "lc-3", "2024-09-20", "OTHER"),
            DashboardHttpIT.received("xinma", "xm-1", "2024-04-01", "申请公开 学校"),
            DashboardHttpIT.decided("xinma", "xm-1", "2024-04-12", "DISCLOSED")));
  }

  @AfterAll
  static void stop() throws Exception {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void shouldShowTheTownsTableAndAnOverdueApplicationLiveWhenTheOfficeWatches() throws Exception {
    final WebDriver driver = HeadlessChromium.start(1400, 2200);
    try {
      final WebDriverWait wait =
          HeadlessChromium.openWhenReady(driver, stack.base() + "/", Duration.ofSeconds(40));
      assertEquals("政府信息公开申请统计", driver.getTitle());
      final Select agency = new Select(driver.findElement(By.id("agency")));
      wait.until(d -> agency.getOptions().size() == 4);
      assertTrue(
          agency.getOptions().get(1).getText().contains("└"),
          "a town is indented under its county");
      agency.selectByValue("liancheng");
      new Select(driver.findElement(By.id("scope"))).selectByValue("agency");
      new Select(driver.findElement(By.id("year"))).selectByValue("2024");

      // seed 002's numbers in the official layout: merged headers, the （一）…（七） groups
      wait.until(d -> cell(d, "NEW", "TOTAL").equals("3"));
      assertEquals("3", cell(driver, "NEW", "NATURAL_PERSON"));
      assertEquals("1", cell(driver, "DISCLOSED", "NATURAL_PERSON"));
      assertEquals("2", cell(driver, "OTHER", "TOTAL"));
      assertEquals("3", cell(driver, "DECIDED_TOTAL", "TOTAL"));
      assertEquals("0", cell(driver, "CARRIED_OVER_OUT", "TOTAL"));
      assertEquals("0", cell(driver, "CARRIED_OVER_IN", "TOTAL"));
      assertEquals(25 * 7, driver.findElements(By.cssSelector("#t3 td[data-row]")).size());
      final WebElement applicants =
          driver.findElement(By.xpath("//table[@id='t3']//th[text()='申请人情况']"));
      assertEquals("7", applicants.getAttribute("colspan"));
      final WebElement legal =
          driver.findElement(By.xpath("//table[@id='t3']//th[text()='法人或其他组织']"));
      assertEquals("5", legal.getAttribute("colspan"));
      assertTrue(driver.findElement(By.id("t3")).getText().contains("（七）总计"));
      // cell for cell (position, merges, th/td, text) the page's table is the official HTML
      // rendering's
      final String pageTable =
          (String)
              ((JavascriptExecutor) driver)
                  .executeScript("return document.getElementById('t3').outerHTML;");
      assertEquals(
          foi.tracker.report.Table3ReadBack.grid(
              stack.get("/api/v1/agencies/liancheng/reports/2024/table3?format=html", null).body()),
          foi.tracker.report.Table3ReadBack.grid(pageTable));
      wait.until(d -> "ok".equals(d.findElement(By.id("validation")).getAttribute("data-state")));
      assertTrue(driver.findElements(By.cssSelector("#imbalances li")).isEmpty());
      wait.until(d -> d.findElement(By.id("c-decided")).getText().equals("3"));
      // three answered, all on time: the rate is given however few (the page says the sample is
      // small)
      final String rate = driver.findElement(By.id("c-rate")).getText();
      assertTrue(rate.startsWith("100"), rate);
      // read inside a wait: the page's poll may redraw the histogram between finding a bar and
      // reading it
      final int histogramCount =
          wait.until(
              d ->
                  Integer.valueOf(
                      d.findElements(By.cssSelector("#histogram rect[data-days]")).stream()
                          .mapToInt(r -> Integer.parseInt(r.getAttribute("data-count")))
                          .sum()));
      assertEquals(3, histogramCount);
      // the 法定 20 个工作日 label sits above the bars, never over one
      final Boolean labelClear =
          wait.until(
              d ->
                  (Boolean)
                      ((JavascriptExecutor) d)
                          .executeScript(
                              "var t = document.getElementById('histogram-limit'); if (!t) { return null; }"
                                  + "var b = t.getBBox(); var clear = true;"
                                  + "document.querySelectorAll('#histogram rect[data-days]').forEach(function (r) {"
                                  + "  var rb = r.getBBox(); if (b.y + b.height > rb.y && b.x < rb.x + rb.width && b.x + b.width > rb.x) {"
                                  + "    clear = false; } });"
                                  + "return clear;"));
      assertTrue(labelClear, "the 法定 20 个工作日 label overlaps a bar");
      assertTrue(
          driver
              .findElement(By.cssSelector("link[rel='icon']"))
              .getAttribute("href")
              .startsWith("data:image/svg+xml"),
          "a favicon");
      final String header = driver.findElement(By.tagName("header")).getText();
      assertTrue(header.contains("无法识别的记录") && !header.contains("死信"), header);
      assertTrue(
          driver
              .findElement(By.id("dl-xlsx"))
              .getAttribute("href")
              .endsWith("/api/v1/agencies/liancheng/reports/2024/table3?scope=agency&format=xlsx"));
      wait.until(d -> d.findElement(By.id("dead-letters")).getText().equals("0"));
      HeadlessChromium.screenshot(driver, "dashboard-table3.png");

      // a table that does not check out turns the panel red and names the rule and the cells
      agency.selectByValue("broken");
      wait.until(d -> "bad".equals(d.findElement(By.id("validation")).getAttribute("data-state")));
      final String firstProblem =
          wait.until(
              d -> {
                final List<WebElement> problems =
                    d.findElements(By.cssSelector("#imbalances li[data-rule='NEGATIVE']"));
                return problems.isEmpty() ? null : problems.get(0).getText();
              });
      assertTrue(firstProblem.contains("四"), "the negative 四 is listed: " + firstProblem);
      assertEquals("-1", cell(driver, "CARRIED_OVER_OUT", "NATURAL_PERSON"));
      HeadlessChromium.screenshot(driver, "dashboard-imbalance.png");

      // the county's office enters its token and watches its towns
      driver.findElement(By.id("token")).sendKeys(countyToken);
      driver.findElement(By.id("token-save")).click();
      agency.selectByValue("guzhen");
      new Select(driver.findElement(By.id("scope"))).selectByValue("subtree");
      wait.until(d -> d.findElement(By.id("live-state")).getText().equals("实时预警已连接"));
      wait.until(d -> cell(d, "NEW", "TOTAL").equals("4"));
      assertTrue(driver.findElements(By.cssSelector("#deadline-table tbody tr")).isEmpty());

      // an application received two months ago and never answered is logged while the page is open
      final LocalDate longAgo = LocalDate.now(RequestRules.CHINA).minusMonths(2);
      stack.send(
          List.of(DashboardHttpIT.received("liancheng", "late-page", longAgo.toString(), EVIL)));
      final By row = By.cssSelector("#deadline-table tbody tr[data-request='late-page']");
      wait.until(
          d ->
              !d.findElements(row).isEmpty()
                  && "true".equals(d.findElement(row).getAttribute("data-live")));
      assertEquals("OVERDUE", driver.findElement(row).getAttribute("data-status"));
      // by name, and overdue said as such (not 「剩余 -N」)
      wait.until(
          d ->
              d.findElement(row)
                  .findElement(By.cssSelector("td.agency"))
                  .getText()
                  .equals("连城镇人民政府"));
      assertTrue(
          driver
              .findElement(row)
              .findElement(By.cssSelector("td.num"))
              .getText()
              .startsWith("已超期 "),
          driver.findElement(row).getText());
      wait.until(
          d ->
              d.findElement(row)
                  .findElement(By.cssSelector("td.subject"))
                  .getAttribute("textContent")
                  .equals(EVIL));
      wait.until(
          d -> {
            d.findElement(row).click();
            return true;
          });
      wait.until(d -> d.findElement(By.id("d-subject")).getText().equals(EVIL));
      assertTrue(driver.findElements(By.cssSelector("#d-explanation li")).size() > 0);
      final String status = driver.findElement(By.id("d-status")).getText();
      assertTrue(status.matches("已超期 \\d+ 个工作日") && !status.contains("-"), status);
      HeadlessChromium.assertNoAlert(driver);
      assertEquals(
          0L,
          ((JavascriptExecutor) driver)
              .executeScript("return document.querySelectorAll('#deadline-panel script').length;"));
      // the current year's table counts it
      new Select(driver.findElement(By.id("year")))
          .selectByValue(String.valueOf(longAgo.getYear()));
      wait.until(d -> Long.parseLong(cell(d, "NEW", "TOTAL")) >= 1);
      HeadlessChromium.screenshot(driver, "dashboard-live.png");
      HeadlessChromium.assertNoAlert(driver);
    } catch (RuntimeException | AssertionError e) {
      HeadlessChromium.screenshot(driver, "dashboard-failure.png");
      throw e;
    } finally {
      driver.quit();
    }
  }

  private static String cell(final WebDriver d, final String row, final String column) {
    final List<WebElement> cells =
        d.findElements(By.cssSelector("#t3 td[data-row='" + row + "'][data-col='" + column + "']"));
    return cells.isEmpty() ? "" : cells.get(0).getText();
  }
}
