package foi.tracker.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import foi.tracker.dashboard.HeadlessChromium;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The desk page for the whole life of a request, in headless Chromium against the whole stack in
 * this JVM: an application registered with its 登记号 and decided is found by that 登记号 in the search,
 * opened, and a 复议 filing with its 案号 is recorded on it and shown; an application whose 补正 period
 * has passed shows as LAPSED in the open list with what it waits for, and is closed with the
 * one-click 「按视为放弃申请办结」 once the clerk confirms, as （六）1 逾期不补正.
 */
class DeskLifecyclePageIT {
  private static final String ADMIN = "desk-lifecycle-admin-token";
  private static final String TOWN = "lc-town";
  private static final String REGNO = "连政依申〔2026〕12号";
  private static final String CASE_NUMBER = "固复〔2026〕3号";

  @Test
  void decidedRequestGetsAReviewAndALapsedOneIsClosed() throws Exception {
    HeadlessChromium.ensureInstalled();
    try (TrackerStack stack = TrackerStack.start(ADMIN)) {
      final TestHttp in = stack.ingestHttp();
      final TestHttp out = stack.dashboardHttp();
      assertEquals(
          201,
          in.send(
                  "PUT",
                  "/api/v1/agencies/lc-county",
                  ADMIN,
                  "{\"name\":\"固镇县人民政府\",\"parentId\":null}")
              .status());
      assertEquals(
          201,
          in.send(
                  "PUT",
                  "/api/v1/agencies/" + TOWN,
                  ADMIN,
                  "{\"name\":\"连城镇人民政府\",\"parentId\":\"lc-county\"}")
              .status());
      final String token =
          in.send("POST", "/api/v1/agencies/" + TOWN + "/tokens", ADMIN, "{\"label\":\"连城镇受理窗口\"}")
              .json()
              .get("token")
              .asText();

      // an application whose 补正 was due the day before yesterday and never came
      final LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
      final TestHttp.Resp lapsed =
          in.send(
              "POST",
              "/api/v1/agencies/" + TOWN + "/requests",
              token,
              "{\"requestId\":\"lapse-1\",\"applicantType\":\"NATURAL_PERSON\",\"receivedDate\":\""
                  + today.minusDays(10)
                  + "\",\"channel\":\"ONLINE\",\"subject\":\"村道修建资金使用情况\"}");
      assertEquals(201, lapsed.status(), lapsed.toString());
      final TestHttp.Resp notice =
          in.send(
              "POST",
              "/api/v1/agencies/" + TOWN + "/requests/lapse-1/events",
              token,
              "{\"eventId\":\"c1\",\"type\":\"CORRECTION_REQUESTED\",\"date\":\""
                  + today.minusDays(9)
                  + "\",\"dueBy\":\""
                  + today.minusDays(2)
                  + "\"}");
      assertEquals(202, notice.status(), notice.toString());
      Awaitility.await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> "LAPSED".equals(request(out, "lapse-1").path("deadlineStatus").asText()));
      assertEquals(
          today.minusDays(1).toString(),
          request(out, "lapse-1").path("lapse").path("since").asText());

      final WebDriver driver = HeadlessChromium.start(1400, 1600);
      try {
        final WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(60));
        wait.ignoring(StaleElementReferenceException.class);
        driver.get(in.base() + "/");
        wait.until(d -> d.findElement(By.id("token")).isDisplayed());
        driver.findElement(By.id("token")).sendKeys(token);
        driver.findElement(By.cssSelector("#login-form button[type=submit]")).click();
        wait.until(d -> d.findElement(By.id("desk")).isDisplayed());

        // register with a 登记号 on the page; the decision comes over HTTP
        new Select(driver.findElement(By.id("n-type"))).selectByValue("NATURAL_PERSON");
        new Select(driver.findElement(By.id("n-channel"))).selectByValue("IN_PERSON");
        driver.findElement(By.id("n-regno")).sendKeys(REGNO);
        driver.findElement(By.id("n-subject")).sendKeys("2025年度低保资金发放名单");
        final String requestId = driver.findElement(By.id("n-id")).getText();
        driver.findElement(By.id("n-submit")).click();
        wait.until(d -> d.findElement(By.id("new-msg")).getText().contains("已登记"));
        assertTrue(driver.findElement(By.id("new-msg")).getText().contains(REGNO));
        final TestHttp.Resp decided =
            in.send(
                "POST",
                "/api/v1/agencies/" + TOWN + "/requests/" + requestId + "/events",
                token,
                "{\"eventId\":\"d1\",\"type\":\"DECIDED\",\"date\":\""
                    + today
                    + "\",\"outcome\":\"DISCLOSED\"}");
        assertEquals(202, decided.status(), decided.toString());
        Awaitility.await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> "CLOSED".equals(request(out, requestId).path("status").asText()));

        // the recently decided list shows it, by name and 登记号
        final By recentRow =
            By.cssSelector("#recent-table tbody tr[data-key='" + TOWN + "/" + requestId + "']");
        wait.until(
            d ->
                d.findElement(recentRow)
                    .findElement(By.cssSelector("td.regno"))
                    .getText()
                    .equals(REGNO));
        assertEquals(
            "连城镇人民政府",
            driver.findElement(recentRow).findElement(By.cssSelector("td.agency")).getText());

        // found by its 登记号 and opened
        driver.findElement(By.id("q")).sendKeys(REGNO);
        driver.findElement(By.id("q-submit")).click();
        final By found =
            By.cssSelector("#search-table tbody tr[data-key='" + TOWN + "/" + requestId + "']");
        wait.until(d -> d.findElement(found).isDisplayed());
        assertEquals(
            1, driver.findElements(By.cssSelector("#search-table tbody tr[data-key]")).size());
        wait.until(
            d -> {
              d.findElement(found).click();
              return true;
            });
        wait.until(
            d ->
                d.findElement(By.id("req-panel")).isDisplayed()
                    && REGNO.equals(fact(d, "registrationNumber")));
        assertTrue(fact(driver, "status").contains("已办结"), fact(driver, "status"));
        assertEquals("（一）予以公开", fact(driver, "outcome"));
        assertEquals("连城镇人民政府", fact(driver, "agency"));

        // a 复议 filing with its 案号
        new Select(driver.findElement(By.id("r-type"))).selectByValue("REVIEW_FILED");
        driver.findElement(By.id("r-f-caseNumber")).sendKeys(CASE_NUMBER);
        assertTrue(driver.findElement(By.id("r-f-caseId")).getAttribute("value").length() > 0);
        HeadlessChromium.screenshot(driver, "desk-lifecycle-review.png");
        driver.findElement(By.id("r-submit")).click();
        wait.until(d -> d.findElement(By.id("r-msg")).getText().contains("已保存"));
        wait.until(
            d ->
                d.findElements(By.cssSelector("#r-cases td.case-number")).stream()
                    .anyMatch(td -> td.getText().equals(CASE_NUMBER)));
        assertTrue(
            driver.findElement(By.cssSelector("#r-history tbody")).getText().contains(CASE_NUMBER));
        final JsonNode withCase = request(out, requestId);
        assertEquals(
            CASE_NUMBER,
            withCase.path("cases").get(0).path("caseNumber").asText(),
            withCase.toString());

        // a desk cannot void a decided request: the page says why beside the form, and lists the
        // refusal in red
        new Select(driver.findElement(By.id("r-type"))).selectByValue("VOIDED");
        assertTrue(driver.findElement(By.id("r-type-hint")).getText().contains("只能作废"));
        driver.findElement(By.id("r-f-reason")).sendKeys("重复登记");
        driver.findElement(By.id("r-submit")).click();
        wait.until(d -> d.findElement(By.id("r-msg")).getText().startsWith("未生效"));
        assertTrue(driver.findElement(By.id("r-msg")).getAttribute("class").contains("bad"));
        wait.until(
            d ->
                d.findElement(By.id("r-rejected-box")).isDisplayed()
                    && d.findElement(By.id("r-rejected")).getText().contains("作废登记"));
        assertEquals("CLOSED", request(out, requestId).path("status").asText());

        // the lapsed application in the open list: what it waits for, since when, and the one-click
        // close
        final By lapsedRow =
            By.cssSelector("#open-table tbody tr[data-key='" + TOWN + "/lapse-1']");
        wait.until(d -> "LAPSED".equals(d.findElement(lapsedRow).getAttribute("data-status")));
        wait.until(
            d ->
                d.findElement(lapsedRow)
                    .findElement(By.cssSelector("td.wait"))
                    .getText()
                    .contains("逾期未补正"));
        assertTrue(driver.findElement(lapsedRow).getText().contains(today.minusDays(1).toString()));

        // the 补正 form asks for its period and says what is assumed without it
        wait.until(
            d -> {
              d.findElement(lapsedRow).findElement(By.cssSelector("td.mono")).click();
              return true;
            });
        wait.until(d -> d.findElement(By.id("step-form")).isDisplayed());
        new Select(driver.findElement(By.id("s-type"))).selectByValue("CORRECTION_REQUESTED");
        assertTrue(driver.findElement(By.id("s-f-dueBy")).isDisplayed());
        assertTrue(driver.findElement(By.id("s-dueby-hint")).getText().contains("15个工作日"));
        new Select(driver.findElement(By.id("s-type"))).selectByValue("FEE_PAID");
        assertTrue(driver.findElement(By.id("s-f-amountYuan")).isDisplayed());

        wait.until(
            d -> {
              d.findElement(lapsedRow).findElement(By.cssSelector("button.lapse-close")).click();
              return true;
            });
        wait.until(d -> d.findElement(By.id("lapse-confirm")).isDisplayed());
        assertTrue(
            driver.findElement(By.id("lapse-text")).getText().contains("（六）1"),
            driver.findElement(By.id("lapse-text")).getText());
        assertEquals(
            today.minusDays(1).toString(),
            driver.findElement(By.id("lapse-date")).getAttribute("value"));
        // nothing is closed before the clerk confirms
        assertEquals("OPEN", request(out, "lapse-1").path("status").asText());
        HeadlessChromium.screenshot(driver, "desk-lifecycle-lapse.png");
        driver.findElement(By.id("lapse-ok")).click();

        wait.until(
            d ->
                d.findElement(By.id("req-panel")).isDisplayed()
                    && "lapse-1".equals(fact(d, "requestId"))
                    && fact(d, "status").contains("已办结"));
        assertTrue(fact(driver, "outcome").startsWith("（六）1"), fact(driver, "outcome"));
        assertEquals(today.minusDays(1).toString(), fact(driver, "decidedDate"));
        wait.until(d -> d.findElements(lapsedRow).isEmpty());
        final JsonNode closed = request(out, "lapse-1");
        assertEquals("OTHER_NO_CORRECTION", closed.path("outcome").asText());
        assertEquals("ANSWERED_ON_TIME", closed.path("deadlineStatus").asText(), closed.toString());
        HeadlessChromium.assertNoAlert(driver);
        HeadlessChromium.screenshot(driver, "desk-lifecycle.png");
      } catch (RuntimeException | AssertionError e) {
        HeadlessChromium.screenshot(driver, "desk-lifecycle-failure.png");
        throw e;
      } finally {
        driver.quit();
      }
    }
  }

  private static JsonNode request(final TestHttp out, final String requestId) {
    final TestHttp.Resp r = out.get("/api/v1/agencies/" + TOWN + "/requests/" + requestId, ADMIN);
    return r.status() == 200
        ? r.json()
        : com.fasterxml.jackson.databind.node.MissingNode.getInstance();
  }

  private static String fact(final WebDriver d, final String key) {
    final java.util.List<WebElement> dd =
        d.findElements(By.cssSelector("#r-facts dd[data-k='" + key + "']"));
    return dd.isEmpty() ? "" : dd.get(0).getText();
  }
}
