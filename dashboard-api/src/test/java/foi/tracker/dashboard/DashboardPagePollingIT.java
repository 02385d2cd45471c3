package foi.tracker.dashboard;

import static org.junit.jupiter.api.Assertions.assertTrue;

import foi.tracker.core.request.RequestRules;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What the open dashboard page costs the server, in headless Chromium: it polls the agency list by
 * its version (an {@code If-None-Match} answered 304 while the list is unchanged, the new list once
 * an agency is added) and reloads its lists once per burst of alerts, not once per alert. The
 * page's own {@code fetch} calls are recorded in the browser.
 */
@Tag("integration")
class DashboardPagePollingIT {
  /** Wraps the page's fetch: each call's path, its If-None-Match, its status and when it began. */
  private static final String RECORD_FETCHES =
      "window.__calls = [];"
          + "var original = window.fetch;"
          + "window.fetch = function (url, options) {"
          + "  var h = (options && options.headers) || {};"
          + "  var call = { url: String(url), inm: h['If-None-Match'] || null, status: 0, at: Date.now() };"
          + "  window.__calls.push(call);"
          + "  return original.apply(this, arguments).then(function (r) { call.status = r.status; return r; });"
          + "};";

  /** The agency list's path, exactly (the tables' paths begin with it too). */
  private static final String AGENCY_LIST = "/api/v1/agencies";

  /** Alerts sent at once; without the debounce each would reload the deadline list. */
  private static final int BURST = 30;

  private static DashboardStack stack;
  private static String countyToken;

  @BeforeAll
  static void start() throws Exception {
    HeadlessChromium.ensureInstalled();
    stack = DashboardStack.start();
    stack.putAgency("pl-county", "平林县人民政府", null);
    stack.putAgency("pl-town", "平林镇人民政府", "pl-county");
    countyToken = stack.issueToken("pl-county");
  }

  @AfterAll
  static void stop() throws Exception {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void shouldPollTheAgencyListByItsVersionAndReloadOncePerBurstOfAlerts() throws Exception {
    final WebDriver driver = HeadlessChromium.start(1400, 1600);
    try {
      final WebDriverWait wait =
          HeadlessChromium.openWhenReady(driver, stack.base() + "/", Duration.ofSeconds(40));
      final JavascriptExecutor js = (JavascriptExecutor) driver;
      js.executeScript(RECORD_FETCHES);

      // the unchanged list: asked for by the version the first read gave, answered 304 with no
      // body; never sent again while it holds
      wait.until(d -> !calls(d, AGENCY_LIST, c -> c.inm() != null && c.status() == 304).isEmpty());
      assertTrue(
          calls(driver, AGENCY_LIST, c -> c.status() == 200).isEmpty(),
          "the unchanged list was sent again: " + calls(driver, AGENCY_LIST, c -> true));

      // an agency is added: the next poll gets the new list (200) and the page offers it
      stack.putAgency("pl-new", "平林新区管委会", "pl-county");
      final Select agency = new Select(driver.findElement(By.id("agency")));
      wait.until(
          d ->
              agency.getOptions().stream().anyMatch(o -> "pl-new".equals(o.getAttribute("value"))));
      assertTrue(
          !calls(driver, AGENCY_LIST, c -> c.inm() != null && c.status() == 200).isEmpty(),
          "the changed list came as the answer to a versioned poll");

      // the county watches its towns live
      driver.findElement(By.id("token")).sendKeys(countyToken);
      driver.findElement(By.id("token-save")).click();
      agency.selectByValue("pl-county");
      new Select(driver.findElement(By.id("scope"))).selectByValue("subtree");
      wait.until(d -> d.findElement(By.id("live-state")).getText().equals("实时预警已连接"));

      // a burst of applications received long ago and never answered: one alert each
      js.executeScript("window.__calls = [];");
      final long burstStart = System.currentTimeMillis();
      final LocalDate longAgo = LocalDate.now(RequestRules.CHINA).minusMonths(2);
      final List<foi.tracker.core.event.RequestEvent> burst = new ArrayList<>();
      for (int i = 0; i < BURST; i++) {
        burst.add(
            DashboardHttpIT.received("pl-town", "burst-" + i, longAgo.toString(), "申请公开 " + i));
      }
      stack.send(burst);
      wait.until(
          d ->
              d.findElements(By.cssSelector("#deadline-table tbody tr[data-request^='burst-']"))
                      .size()
                  == BURST);
      // the debounced reload has happened: the list holds them all, now from the server
      Thread.sleep(3_000);
      final long elapsed = System.currentTimeMillis() - burstStart;
      final int reloads =
          calls(driver, "/deadlines?", c -> c.url().contains("status=OVERDUE")).size();
      // the page's own poll (every 5 s) also reads the list; the alerts add one reload per ~2 s
      final long allowed = 1 + (elapsed / 5_000 + 1) + (elapsed / 2_000 + 1);
      assertTrue(
          allowed < BURST,
          "the burst took "
              + elapsed
              + " ms: too slow to tell a debounced page from one that is not");
      assertTrue(reloads >= 1, "the deadline list was read after the burst");
      assertTrue(
          reloads <= allowed,
          reloads
              + " reads of the deadline list for "
              + BURST
              + " alerts in "
              + elapsed
              + " ms (at most "
              + allowed
              + " expected)");
      HeadlessChromium.assertNoAlert(driver);
    } catch (RuntimeException | AssertionError e) {
      HeadlessChromium.screenshot(driver, "dashboard-polling-failure.png");
      throw e;
    } finally {
      driver.quit();
    }
  }

  /** A recorded fetch. */
  private record Call(String url, String inm, long status) {}

  @SuppressWarnings("unchecked")
  private static List<Call> calls(
      final WebDriver d, final String pathPart, final java.util.function.Predicate<Call> which) {
    final List<Map<String, Object>> raw =
        (List<Map<String, Object>>)
            ((JavascriptExecutor) d).executeScript("return window.__calls || [];");
    final List<Call> out = new ArrayList<>();
    for (Map<String, Object> m : raw) {
      final Call c =
          new Call(
              (String) m.get("url"),
              (String) m.get("inm"),
              ((Number) m.getOrDefault("status", 0L)).longValue());
      final boolean matches =
          pathPart.equals(AGENCY_LIST) ? c.url().equals(AGENCY_LIST) : c.url().contains(pathPart);
      if (matches && which.test(c)) {
        out.add(c);
      }
    }
    return out;
  }
}
