package foi.tracker.ingest;

import foi.tracker.dashboard.HeadlessChromium;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import org.awaitility.Awaitility;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Regenerates the README's screenshots (run by {@code ./bin/screenshots}): starts the whole tracker
 * in this JVM, logs a small county through the ingest — 固镇县人民政府 with 连城镇, 湖沟镇 and 县财政局 under it; a
 * dozen applications this year, one overdue, one whose 补正 lapsed, decided ones and one with a 复议
 * case; last year published as 第1版 and changed since — and saves the desk page (a county desk
 * token), a request's page on it, the dashboard and its year-end panel in headless Chromium at
 * 1400×1000 as PNGs under the directory given (default docs/screenshots).
 */
public final class Screenshots {
  private static final String ADMIN = "screenshots-admin-token-0123456789";
  private static final String COUNTY = "guzhen-county";
  private static final String LIANCHENG = "liancheng";
  private static final String HUGOU = "hugou";
  private static final String CZJ = "guzhen-czj";
  private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

  private final TestHttp in;
  private final TestHttp out;
  private final LocalDate today = LocalDate.now(CHINA);
  private int applications;

  private Screenshots(final TestHttp in, final TestHttp out) {
    this.in = in;
    this.out = out;
  }

  public static void main(final String[] args) throws Exception {
    final Path dir = Path.of(args.length > 0 ? args[0] : "docs/screenshots");
    Files.createDirectories(dir);
    HeadlessChromium.ensureInstalled();
    try (TrackerStack stack = TrackerStack.start(ADMIN)) {
      final Screenshots s = new Screenshots(stack.ingestHttp(), stack.dashboardHttp());
      final String deskToken = s.county();
      s.shoot(deskToken, dir);
    }
    System.out.println("screenshots written to " + dir.toAbsolutePath());
    System.exit(0);
  }

  /** The county, its requests and last year's publication; answers a county desk token. */
  private String county() {
    agency(COUNTY, "固镇县人民政府", null);
    agency(LIANCHENG, "连城镇人民政府", COUNTY);
    agency(HUGOU, "湖沟镇人民政府", COUNTY);
    agency(CZJ, "固镇县财政局", COUNTY);
    final String token =
        send("POST", "/api/v1/agencies/" + COUNTY + "/tokens", "{\"label\":\"固镇县政务公开办\"}", 201)
            .json()
            .get("token")
            .asText();
    final int year = today.getYear();
    final int last = year - 1;

    // last year: a few answered applications, published as version 1, then one entered late
    apply(
        COUNTY,
        "2025-g-1",
        "NATURAL_PERSON",
        LocalDate.of(last, 3, 12),
        "IN_PERSON",
        "固政依申〔" + last + "〕5号",
        "2024年度县级财政预算执行情况");
    step(COUNTY, "2025-g-1", "DECIDED", LocalDate.of(last, 3, 28), "\"outcome\":\"DISCLOSED\"");
    apply(
        LIANCHENG,
        "2025-l-1",
        "NATURAL_PERSON",
        LocalDate.of(last, 5, 6),
        "ONLINE",
        null,
        "连城镇低保对象名单");
    step(
        LIANCHENG,
        "2025-l-1",
        "DECIDED",
        LocalDate.of(last, 5, 20),
        "\"outcome\":\"PARTIALLY_DISCLOSED\"");
    apply(
        HUGOU,
        "2025-h-1",
        "COMMERCIAL_ENTERPRISE",
        LocalDate.of(last, 9, 2),
        "POST",
        null,
        "湖沟镇工业园区规划图");
    step(
        HUGOU,
        "2025-h-1",
        "DECIDED",
        LocalDate.of(last, 9, 25),
        "\"outcome\":\"UNAVAILABLE_NOT_HELD\"");
    awaitNew(COUNTY, last, 3);
    send(
        "PUT",
        "/api/v1/agencies/" + COUNTY + "/reports/" + last + "/publications/1",
        "{\"publishedDate\":\"" + LocalDate.of(year, 1, 20).toString() + "\"}",
        201);
    apply(
        COUNTY,
        "2025-g-2",
        "NATURAL_PERSON",
        LocalDate.of(last, 11, 3),
        "POST",
        "固政依申〔" + last + "〕17号",
        "县城老旧小区改造项目清单");
    step(COUNTY, "2025-g-2", "DECIDED", LocalDate.of(last, 11, 24), "\"outcome\":\"DISCLOSED\"");

    // this year
    apply(
        LIANCHENG,
        "l-1",
        "NATURAL_PERSON",
        days(-45),
        "ONLINE",
        "连政依申〔" + year + "〕8号",
        "村道硬化工程招投标文件");
    apply(LIANCHENG, "l-2", "NATURAL_PERSON", days(-10), "ONLINE", null, "宅基地审批台账");
    step(LIANCHENG, "l-2", "CORRECTION_REQUESTED", days(-9), "\"dueBy\":\"" + days(-2) + "\"");
    apply(
        LIANCHENG,
        "l-3",
        "NATURAL_PERSON",
        days(-90),
        "IN_PERSON",
        "连政依申〔" + year + "〕3号",
        "征地补偿款发放明细");
    step(LIANCHENG, "l-3", "DECIDED", days(-75), "\"outcome\":\"PARTIALLY_DISCLOSED\"");
    step(
        LIANCHENG,
        "l-3",
        "REVIEW_FILED",
        days(-50),
        "\"caseId\":\"fy-" + year + "-3\",\"caseNumber\":\"固复〔" + year + "〕3号\"");
    apply(LIANCHENG, "l-4", "NATURAL_PERSON", days(-3), "POST", null, "2025年度防汛物资采购合同");
    apply(HUGOU, "h-1", "COMMERCIAL_ENTERPRISE", days(-20), "EMAIL", null, "湖沟镇污水处理厂环评报告");
    step(HUGOU, "h-1", "CONSULTATION_STARTED", days(-6), "\"party\":\"THIRD_PARTY\"");
    apply(HUGOU, "h-2", "NATURAL_PERSON", days(-30), "IN_PERSON", null, "农村危房改造补助名单");
    step(HUGOU, "h-2", "DECIDED", days(-12), "\"outcome\":\"DISCLOSED\"");
    apply(HUGOU, "h-3", "OTHER_ORG", days(-6), "ONLINE", null, "镇卫生院改扩建工程验收资料");
    apply(
        CZJ,
        "f-1",
        "LEGAL_SERVICE_ORG",
        days(-25),
        "POST",
        "财依申〔" + year + "〕11号",
        "某公司政府采购合同履约资料");
    step(CZJ, "f-1", "DECIDED", days(-8), "\"outcome\":\"WITHHELD_THIRD_PARTY_RIGHTS\"");
    apply(CZJ, "f-2", "NATURAL_PERSON", days(-15), "ONLINE", null, "县财政专项资金拨付明细");
    apply(CZJ, "f-3", "NATURAL_PERSON", days(-100), "ONLINE", null, "县财政专项资金拨付明细");
    step(CZJ, "f-3", "DECIDED", days(-85), "\"outcome\":\"NOT_PROCESSED_DUPLICATE\"");
    apply(
        COUNTY,
        "g-1",
        "RESEARCH_INSTITUTION",
        days(-12),
        "EMAIL",
        "固政依申〔" + year + "〕21号",
        "全县义务教育学校布局调整方案");
    apply(COUNTY, "g-2", "NATURAL_PERSON", days(-50), "IN_PERSON", null, "县政府常务会议纪要");
    step(COUNTY, "g-2", "WITHDRAWN", days(-40), "");
    apply(COUNTY, "g-3", "NATURAL_PERSON", days(-2), "IN_PERSON", null, "城区停车收费标准依据");
    awaitNew(COUNTY, year, applications - 4);
    awaitNew(COUNTY, last, 4);
    Awaitility.await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                "LAPSED"
                    .equals(
                        out.get("/api/v1/agencies/" + LIANCHENG + "/requests/l-2", ADMIN)
                            .json()
                            .path("deadlineStatus")
                            .asText()));
    return token;
  }

  private void shoot(final String token, final Path dir) throws Exception {
    final WebDriver driver = HeadlessChromium.start(1400, 1000);
    try {
      final WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(60));
      wait.ignoring(StaleElementReferenceException.class);

      // the desk, signed in with the county's token: its open requests, overdue and lapsed ones
      // first
      driver.get(in.base() + "/");
      wait.until(d -> d.findElement(By.id("token")).isDisplayed());
      driver.findElement(By.id("token")).sendKeys(token);
      driver.findElement(By.cssSelector("#login-form button[type=submit]")).click();
      wait.until(d -> d.findElement(By.id("desk")).isDisplayed());
      wait.until(
          d -> d.findElements(By.cssSelector("#open-table tbody tr[data-status]")).size() == 8);
      wait.until(
          d -> !d.findElements(By.cssSelector("#recent-table tbody tr[data-key]")).isEmpty());
      save(driver, dir.resolve("desk.png"));

      // a request's page: the decided one with its 复议 case
      final By row = By.cssSelector("#recent-table tbody tr[data-key='" + LIANCHENG + "/l-3']");
      wait.until(
          d -> {
            d.findElement(row).click();
            return true;
          });
      wait.until(
          d ->
              d.findElement(By.id("req-panel")).isDisplayed()
                  && !d.findElements(By.cssSelector("#r-cases td.case-number")).isEmpty());
      scrollTo(driver, "req-panel");
      save(driver, dir.resolve("desk-request.png"));

      // the dashboard: the county with its townships and department, this year
      driver.get(out.base() + "/?ingest=" + in.base());
      wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-ready")));
      new Select(driver.findElement(By.id("agency"))).selectByValue(COUNTY);
      new Select(driver.findElement(By.id("scope"))).selectByValue("subtree");
      new Select(driver.findElement(By.id("year"))).selectByValue(String.valueOf(today.getYear()));
      wait.until(d -> d.findElement(By.id("table3-caption")).getText().contains("含下级"));
      wait.until(
          d ->
              !d.findElement(By.cssSelector("#t3 td[data-row=NEW][data-col=TOTAL]"))
                  .getText()
                  .isEmpty());
      // the county's token: live alerts and the deadline lists
      driver.findElement(By.id("token")).sendKeys(token);
      driver.findElement(By.id("token-save")).click();
      wait.until(d -> d.findElement(By.id("live-state")).getAttribute("class").contains("on"));
      ((JavascriptExecutor) driver).executeScript("window.scrollTo(0, 0);");
      save(driver, dir.resolve("dashboard.png"));

      // the year-end panel: last year published, changed since
      new Select(driver.findElement(By.id("scope"))).selectByValue("agency");
      new Select(driver.findElement(By.id("year")))
          .selectByValue(String.valueOf(today.getYear() - 1));
      wait.until(d -> d.findElement(By.id("pub-status")).getText().contains("已发布 第1版"));
      wait.until(d -> d.findElement(By.id("pub-changes-title")).getText().contains("发布后变动"));
      wait.until(
          d -> !d.findElements(By.cssSelector("#corr-table tbody tr[data-request]")).isEmpty());
      scrollTo(driver, "publication-panel");
      save(driver, dir.resolve("dashboard-publication.png"));
    } finally {
      driver.quit();
    }
  }

  private static void scrollTo(final WebDriver driver, final String id) {
    final WebElement e = driver.findElement(By.id(id));
    ((JavascriptExecutor) driver)
        .executeScript(
            "arguments[0].scrollIntoView({block: 'start'});" + "window.scrollBy(0, -8);", e);
  }

  private static void save(final WebDriver driver, final Path target) throws Exception {
    Files.write(target, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    System.out.println(target + " " + Files.size(target) + " bytes");
  }

  private LocalDate days(final int offset) {
    return today.plusDays(offset);
  }

  private void agency(final String id, final String name, final String parent) {
    send(
        "PUT",
        "/api/v1/agencies/" + id,
        "{\"name\":\""
            + name
            + "\",\"parentId\":"
            + (parent == null ? "null" : "\"" + parent + "\"")
            + "}",
        201);
  }

  private void apply(
      final String agency,
      final String id,
      final String type,
      final LocalDate received,
      final String channel,
      final String registrationNumber,
      final String subject) {
    send(
        "POST",
        "/api/v1/agencies/" + agency + "/requests",
        "{\"requestId\":\""
            + id
            + "\",\"applicantType\":\""
            + type
            + "\",\"receivedDate\":\""
            + received
            + "\",\"channel\":\""
            + channel
            + "\",\"subject\":\""
            + subject
            + "\""
            + (registrationNumber == null
                ? ""
                : ",\"registrationNumber\":\"" + registrationNumber + "\"")
            + "}",
        201);
    applications++;
  }

  private void step(
      final String agency,
      final String id,
      final String type,
      final LocalDate date,
      final String fields) {
    final TestHttp.Resp r =
        send(
            "POST",
            "/api/v1/agencies/" + agency + "/requests/" + id + "/events",
            "{\"type\":\""
                + type
                + "\",\"date\":\""
                + date
                + "\""
                + (fields.isEmpty() ? "" : "," + fields)
                + "}",
            202);
    if (r.json().has("accepted") && !r.json().get("accepted").asBoolean()) {
      throw new IllegalStateException(type + " on " + id + " refused: " + r);
    }
  }

  private void awaitNew(final String agency, final int year, final long n) {
    Awaitility.await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> {
              final TestHttp.Resp r =
                  out.get(
                      "/api/v1/agencies/" + agency + "/reports/" + year + "/table3?scope=subtree",
                      null);
              return r.status() == 200 && r.json().get("rows").get("NEW").get(6).asLong() == n;
            });
  }

  private TestHttp.Resp send(
      final String method, final String path, final String body, final int expected) {
    final TestHttp.Resp r = in.send(method, path, ADMIN, body);
    if (r.status() != expected) {
      throw new IllegalStateException(method + " " + path + " answered " + r);
    }
    return r;
  }
}
