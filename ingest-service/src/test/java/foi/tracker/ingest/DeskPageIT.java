package foi.tracker.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import foi.tracker.dashboard.HeadlessChromium;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The desk page in headless Chromium against the whole stack in this JVM (broker, stream processor,
 * dashboard, ingest): a clerk logs in with a desk token, logs an application and its decision, and
 * sees Table 三's counts move. Needs Debian's chromium and chromium-driver; installs them when
 * missing and running as root, fails otherwise.
 */
class DeskPageIT {
  private static final String ADMIN = "desk-page-admin-token";
  private static final String EVIL = "<script>alert(1)</script> 2024年度财政预算执行情况";

  @Test
  void clerkLogsAnApplicationAndItsDecision() throws Exception {
    HeadlessChromium.ensureInstalled();
    try (TrackerStack stack = TrackerStack.start(ADMIN)) {
      final TestHttp http = stack.ingestHttp();
      assertEquals(
          201,
          http.send(
                  "PUT",
                  "/api/v1/agencies/guzhen-county",
                  ADMIN,
                  "{\"name\":\"古镇县人民政府\",\"parentId\":null}")
              .status());
      assertEquals(
          201,
          http.send(
                  "PUT",
                  "/api/v1/agencies/liancheng-town",
                  ADMIN,
                  "{\"name\":\"连城镇人民政府\",\"parentId\":\"guzhen-county\"}")
              .status());
      final String token =
          http.send(
                  "POST",
                  "/api/v1/agencies/liancheng-town/tokens",
                  ADMIN,
                  "{\"label\":\"连城镇受理窗口\"}")
              .json()
              .get("token")
              .asText();
      drive(http.base() + "/", token);
    }
  }

  private void drive(final String url, final String token) throws IOException {
    final WebDriver driver = HeadlessChromium.start(1400, 1300);
    try {
      final WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(60));
      // the page re-renders its tables on every live update: an element found a moment ago may be
      // replaced
      wait.ignoring(StaleElementReferenceException.class);
      driver.get(url);
      wait.until(d -> d.findElement(By.id("token")).isDisplayed());
      assertEquals("依申请公开受理窗口", driver.getTitle());
      // a wrong token is refused next to the field
      driver.findElement(By.id("token")).sendKeys("desk.wrong.token");
      driver.findElement(By.cssSelector("#login-form button[type=submit]")).click();
      wait.until(d -> !errorFor(d, "#login-form", "token").isEmpty());
      driver.findElement(By.id("token")).clear();
      driver.findElement(By.id("token")).sendKeys(token);
      driver.findElement(By.cssSelector("#login-form button[type=submit]")).click();
      wait.until(d -> d.findElement(By.id("desk")).isDisplayed());
      assertTrue(driver.findElement(By.id("who-agency")).getText().contains("连城镇人民政府"));
      assertTrue(
          driver
              .findElement(By.cssSelector("link[rel='icon']"))
              .getAttribute("href")
              .startsWith("data:image/svg+xml"),
          "a favicon");
      // the agency by its name, the id only after it
      wait.until(
          d ->
              new Select(d.findElement(By.id("n-agency")))
                  .getFirstSelectedOption()
                  .getText()
                  .equals("连城镇人民政府（liancheng-town）"));

      // the applicant-type select carries the six official labels, from /api/v1/taxonomy
      final List<WebElement> types = new Select(driver.findElement(By.id("n-type"))).getOptions();
      assertEquals(7, types.size());
      assertTrue(types.get(1).getText().contains("自然人"));

      // missing fields are named next to the field, nothing is sent
      driver.findElement(By.id("n-submit")).click();
      wait.until(d -> !errorFor(d, "#new-form", "applicantType").isEmpty());
      assertFalse(errorFor(driver, "#new-form", "channel").isEmpty());

      // a refusal from the server is shown next to its field: a future date
      new Select(driver.findElement(By.id("n-type"))).selectByValue("NATURAL_PERSON");
      new Select(driver.findElement(By.id("n-channel"))).selectByValue("ONLINE");
      driver.findElement(By.id("n-subject")).sendKeys(EVIL);
      ((org.openqa.selenium.JavascriptExecutor) driver)
          .executeScript("document.getElementById('n-date').value = '2099-01-01';");
      driver.findElement(By.id("n-submit")).click();
      wait.until(d -> errorFor(d, "#new-form", "receivedDate").contains("2099"));
      // Chinese first, named by its Chinese label (not 「receivedDate」), English only after
      final String dateError = errorFor(driver, "#new-form", "receivedDate");
      assertTrue(
          dateError.startsWith("收到申请日期：日期不能晚于今天") && !dateError.contains("receivedDate"),
          dateError);
      ((org.openqa.selenium.JavascriptExecutor) driver)
          .executeScript(
              "document.getElementById('n-date').value = document.getElementById('n-date').max;");

      driver.findElement(By.id("n-submit")).click();
      wait.until(d -> d.findElement(By.id("new-msg")).getText().contains("已登记"));
      assertTrue(
          driver.findElement(By.id("new-msg")).getText().contains("<script>alert(1)</script>"),
          "the subject is shown as text: " + driver.findElement(By.id("new-msg")).getText());
      HeadlessChromium.assertNoAlert(driver);

      // the open list (from the dashboard) shows it, with its subject as text
      wait.until(
          d -> d.findElements(By.cssSelector("#open-table tbody tr[data-status]")).size() == 1);
      wait.until(
          d ->
              d.findElement(By.cssSelector("#open-table tbody tr[data-status] td.subject"))
                  .getText()
                  .equals(EVIL));
      // the list is redrawn every 5 s, so the row is looked up afresh (inside a wait) each time it
      // is used
      final By row = By.cssSelector("#open-table tbody tr[data-status]");
      final String status = wait.until(d -> d.findElement(row).getAttribute("data-status"));
      assertTrue(List.of("ON_TRACK", "DUE_SOON", "OVERDUE", "PAUSED").contains(status), status);
      wait.until(d -> count(d, "NEW").equals("1"));
      // 本年度统计: 一 and 二, （七） in its 三、本年度办理结果 context, 四
      assertEquals("0", count(driver, "CARRIED_OVER_IN"));
      assertTrue(
          driver
              .findElement(By.cssSelector("#count-table tr[data-row='DECIDED_TOTAL'] td"))
              .getText()
              .equals("三、本年度办理结果：（七）总计"));
      assertTrue(
          driver
              .findElement(By.cssSelector("#count-table tr[data-row='CARRIED_OVER_IN'] td"))
              .getText()
              .startsWith("二、"));
      HeadlessChromium.screenshot(driver, "desk-open.png");

      // record the decision
      wait.until(
          d -> {
            d.findElement(row).click();
            return true;
          });
      wait.until(d -> d.findElement(By.id("step-form")).isDisplayed());
      assertEquals(EVIL, driver.findElement(By.id("s-subject")).getText());
      new Select(driver.findElement(By.id("s-type"))).selectByValue("DECIDED");
      final Select outcome = new Select(driver.findElement(By.id("s-f-outcome")));
      assertEquals(22, outcome.getOptions().size(), "the 21 outcomes and a prompt");
      assertEquals(6, driver.findElements(By.cssSelector("#s-f-outcome optgroup")).size());
      HeadlessChromium.screenshot(driver, "desk-step.png");
      driver.findElement(By.id("s-submit")).click();
      wait.until(d -> errorFor(d, "#step-form", "outcome").length() > 0);
      outcome.selectByValue("DISCLOSED");
      driver.findElement(By.id("s-submit")).click();
      // the confirmation stays in view, also once the list shows the request closed
      wait.until(
          d ->
              d.findElement(By.id("step-msg")).getText().contains("已保存")
                  || d.findElement(By.id("step-none")).getText().contains("已保存"));

      wait.until(d -> count(d, "NEW").equals("1") && count(d, "DECIDED_TOTAL").equals("1"));
      wait.until(
          d -> d.findElements(By.cssSelector("#open-table tbody tr[data-status]")).isEmpty());
      assertEquals("0", count(driver, "CARRIED_OVER_OUT"));
      HeadlessChromium.assertNoAlert(driver);
      HeadlessChromium.screenshot(driver, "desk.png");

      // a back-dated application already past its 20 working days: the page warns before saving it
      final String backDated =
          java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).minusMonths(3).toString();
      new Select(driver.findElement(By.id("n-type"))).selectByValue("NATURAL_PERSON");
      new Select(driver.findElement(By.id("n-channel"))).selectByValue("POST");
      ((org.openqa.selenium.JavascriptExecutor) driver)
          .executeScript(
              "var i = document.getElementById('n-date');"
                  + "i.value = arguments[0]; i.dispatchEvent(new Event('change'));",
              backDated);
      wait.until(d -> d.findElement(By.id("n-overdue")).isDisplayed());
      assertTrue(
          driver.findElement(By.id("n-overdue")).getText().contains("已过"),
          driver.findElement(By.id("n-overdue")).getText());
      driver.findElement(By.id("n-submit")).click();
      wait.until(d -> d.findElement(By.id("new-msg")).getText().startsWith("尚未登记"));
      assertTrue(
          driver.findElements(By.cssSelector("#open-table tbody tr[data-status]")).isEmpty(),
          "not saved yet");
      driver.findElement(By.id("n-submit")).click();
      wait.until(d -> d.findElement(By.id("new-msg")).getText().contains("已登记"));
      // listed as overdue in words, never 「-N」
      final By late = By.cssSelector("#open-table tbody tr[data-status='OVERDUE'] td.num");
      wait.until(
          d -> !d.findElements(late).isEmpty() && d.findElement(late).getText().startsWith("已超期 "));
      HeadlessChromium.assertNoAlert(driver);
    } catch (RuntimeException | AssertionError e) {
      HeadlessChromium.screenshot(driver, "desk-failure.png");
      throw e;
    } finally {
      driver.quit();
    }
  }

  private static String errorFor(final WebDriver d, final String form, final String field) {
    return d.findElement(By.cssSelector(form + " .err[data-for='" + field + "']")).getText();
  }

  private static String count(final WebDriver d, final String row) {
    final List<WebElement> cells =
        d.findElements(By.cssSelector("#count-table tr[data-row='" + row + "'] td.num"));
    return cells.isEmpty() ? "" : cells.get(0).getText();
  }
}
