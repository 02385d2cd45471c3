package foi.tracker.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The desk page in headless Chromium against the whole stack in this JVM (broker, stream processor, dashboard,
 * ingest): a clerk logs in with a desk token, logs an application and its decision, and sees Table 三's counts move.
 * Needs Debian's chromium and chromium-driver; installs them when missing and running as root, fails otherwise.
 */
class DeskPageIT {
  private static final String CHROMIUM = "/usr/bin/chromium";
  private static final String CHROMEDRIVER = "/usr/bin/chromedriver";
  private static final String ADMIN = "desk-page-admin-token";
  private static final String EVIL = "<script>alert(1)</script> 2024年度财政预算执行情况";

  @Test
  void clerkLogsAnApplicationAndItsDecision() throws Exception {
    ensureChromium();
    try (TrackerStack stack = TrackerStack.start(ADMIN)) {
      final TestHttp http = stack.ingestHttp();
      assertEquals(201, http.send("PUT", "/api/v1/agencies/guzhen-county", ADMIN,
          "{\"name\":\"古镇县人民政府\",\"parentId\":null}").status());
      assertEquals(201, http.send("PUT", "/api/v1/agencies/liancheng-town", ADMIN,
          "{\"name\":\"连城镇人民政府\",\"parentId\":\"guzhen-county\"}").status());
      final String token = http.send("POST", "/api/v1/agencies/liancheng-town/tokens", ADMIN,
          "{\"label\":\"连城镇受理窗口\"}").json().get("token").asText();
      drive(http.base() + "/", token);
    }
  }

  private void drive(final String url, final String token) throws IOException {
    final WebDriver driver = chrome();
    try {
      final WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(60));
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
      ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(
          "document.getElementById('n-date').value = '2099-01-01';");
      driver.findElement(By.id("n-submit")).click();
      wait.until(d -> errorFor(d, "#new-form", "receivedDate").contains("2099"));
      ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(
          "document.getElementById('n-date').value = document.getElementById('n-date').max;");

      driver.findElement(By.id("n-submit")).click();
      wait.until(d -> d.findElement(By.id("new-msg")).getText().contains("已登记"));
      assertTrue(driver.findElement(By.id("new-msg")).getText().contains("<script>alert(1)</script>"),
          "the subject is shown as text: " + driver.findElement(By.id("new-msg")).getText());
      assertNoAlert(driver);

      // the open list (from the dashboard) shows it, with its subject as text
      wait.until(d -> d.findElements(By.cssSelector("#open-table tbody tr[data-status]")).size() == 1);
      wait.until(d -> d.findElement(By.cssSelector("#open-table tbody tr[data-status] td.subject")).getText()
          .equals(EVIL));
      final WebElement row = driver.findElement(By.cssSelector("#open-table tbody tr[data-status]"));
      assertTrue(List.of("ON_TRACK", "DUE_SOON", "OVERDUE", "PAUSED").contains(row.getAttribute("data-status")));
      wait.until(d -> count(d, "NEW").equals("1"));
      screenshot(driver, "desk-open.png");

      // record the decision
      row.click();
      wait.until(d -> d.findElement(By.id("step-form")).isDisplayed());
      assertEquals(EVIL, driver.findElement(By.id("s-subject")).getText());
      new Select(driver.findElement(By.id("s-type"))).selectByValue("DECIDED");
      final Select outcome = new Select(driver.findElement(By.id("s-f-outcome")));
      assertEquals(22, outcome.getOptions().size(), "the 21 outcomes and a prompt");
      assertEquals(6, driver.findElements(By.cssSelector("#s-f-outcome optgroup")).size());
      screenshot(driver, "desk-step.png");
      driver.findElement(By.id("s-submit")).click();
      wait.until(d -> errorFor(d, "#step-form", "outcome").length() > 0);
      outcome.selectByValue("DISCLOSED");
      driver.findElement(By.id("s-submit")).click();
      // the confirmation stays in view, also once the list shows the request closed
      wait.until(d -> d.findElement(By.id("step-msg")).getText().contains("已保存")
          || d.findElement(By.id("step-none")).getText().contains("已保存"));

      wait.until(d -> count(d, "NEW").equals("1") && count(d, "DECIDED_TOTAL").equals("1"));
      wait.until(d -> d.findElements(By.cssSelector("#open-table tbody tr[data-status]")).isEmpty());
      assertEquals("0", count(driver, "CARRIED_OVER_OUT"));
      assertNoAlert(driver);
      screenshot(driver, "desk.png");
    } catch (RuntimeException | AssertionError e) {
      screenshot(driver, "desk-failure.png");
      throw e;
    } finally {
      driver.quit();
    }
  }

  private static String errorFor(final WebDriver d, final String form, final String field) {
    return d.findElement(By.cssSelector(form + " .err[data-for='" + field + "']")).getText();
  }

  private static String count(final WebDriver d, final String row) {
    final List<WebElement> cells = d.findElements(By.cssSelector("#count-table tr[data-row='" + row + "'] td.num"));
    return cells.isEmpty() ? "" : cells.get(0).getText();
  }

  private static void assertNoAlert(final WebDriver driver) {
    try {
      driver.switchTo().alert();
      fail("a script from the subject ran");
    } catch (NoAlertPresentException expected) {
      // the subject stayed text
    }
  }

  private static void screenshot(final WebDriver driver, final String name) throws IOException {
    final File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
    final Path target = Path.of("target", name);
    Files.createDirectories(target.getParent());
    Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
  }

  private static WebDriver chrome() throws IOException {
    final ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--window-size=1400,1300", "--lang=zh-CN",
        "--user-data-dir=" + Files.createTempDirectory("desk-chromium").toAbsolutePath());
    System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
    final ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
    return new ChromeDriver(service, options);
  }

  /** Installs Debian's chromium and chromium-driver when missing (as root); otherwise fails saying what to do. */
  static void ensureChromium() throws Exception {
    if (Files.isExecutable(Path.of(CHROMIUM)) && Files.isExecutable(Path.of(CHROMEDRIVER))) {
      return;
    }
    final boolean root = "root".equals(System.getProperty("user.name"))
        || "0".equals(run(List.of("id", "-u"), 10).trim());
    if (!root) {
      fail("DeskPageIT needs " + CHROMIUM + " and " + CHROMEDRIVER + ": install them with "
          + "'apt-get install -y chromium chromium-driver' (as root), then run the test again");
    }
    run(List.of("apt-get", "update"), 600);
    // fonts-wqy-zenhei: a CJK font, so the screenshots show Chinese rather than empty boxes
    run(List.of("apt-get", "install", "-y", "--no-install-recommends", "chromium", "chromium-driver",
        "fonts-wqy-zenhei"), 900);
    if (!Files.isExecutable(Path.of(CHROMIUM)) || !Files.isExecutable(Path.of(CHROMEDRIVER))) {
      fail("apt-get install chromium chromium-driver did not provide " + CHROMIUM + " and " + CHROMEDRIVER);
    }
  }

  private static String run(final List<String> command, final int timeoutSeconds) throws Exception {
    final ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().put("DEBIAN_FRONTEND", "noninteractive");
    final Process p = pb.start();
    final byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS) || p.exitValue() != 0) {
      fail(String.join(" ", command) + " failed:\n" + new String(out));
    }
    return new String(out);
  }
}
