package foi.tracker.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import foi.tracker.dashboard.HeadlessChromium;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard page's year-end panel (年度报告发布) in headless Chromium against the whole stack in this
 * JVM: a year published over HTTP shows 「已发布 第1版」; an application dated in that year and entered
 * afterwards shows as 「发布后变动」 with the moved cell named in words and as a correction event; the
 * published version can be viewed beside the live table; version 2 is published from the page's
 * form (its reason required), and a withdrawn version is marked 「已撤销」.
 *
 * <p>The page's form PUTs to the ingest service, another origin: the ingest allows the dashboard's
 * origin (CORS).
 */
class PublicationPageIT {
  private static final String ADMIN = "publication-page-admin-token-0123";

  @Test
  void publishedYearChangesAndRepublicationOnThePage() throws Exception {
    HeadlessChromium.ensureInstalled();
    try (TrackerStack stack = TrackerStack.start(ADMIN)) {
      final TestHttp in = stack.ingestHttp();
      final TestHttp out = stack.dashboardHttp();
      final LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
      final int year = today.getYear() - 1;
      assertEquals(
          201,
          in.send(
                  "PUT",
                  "/api/v1/agencies/pp-county",
                  ADMIN,
                  "{\"name\":\"固镇县人民政府\",\"parentId\":null}")
              .status());
      importPreviousYear(in, out, year - 1, today);
      application(in, "before-1", year + "-03-10");
      Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> newCount(out, year) == 1);
      drive(stack, in, out, year, today);
    }
  }

  private void drive(
      final TrackerStack stack,
      final TestHttp in,
      final TestHttp out,
      final int year,
      final LocalDate today)
      throws Exception {
    final WebDriver driver = HeadlessChromium.start(1400, 1800);
    try {
      final WebDriverWait wait =
          HeadlessChromium.openWhenReady(
              driver, out.base() + "/?ingest=" + in.base(), Duration.ofSeconds(60));
      new Select(driver.findElement(By.id("agency"))).selectByValue("pp-county");
      new Select(driver.findElement(By.id("year"))).selectByValue(String.valueOf(year));

      // not yet published; past 31 March of the next year a government's report is overdue
      wait.until(
          d -> "unpublished".equals(d.findElement(By.id("pub-status")).getAttribute("data-state")));
      assertTrue(driver.findElement(By.id("pub-status")).getText().contains("未发布"));
      final boolean overdue = today.isAfter(LocalDate.of(year + 1, 3, 31));
      wait.until(d -> d.findElement(By.id("pub-overdue")).isDisplayed() == overdue);
      if (overdue) {
        assertEquals("逾期未发布", driver.findElement(By.id("pub-overdue")).getText());
      }

      // version 1 over HTTP
      final TestHttp.Resp v1 =
          in.send(
              "PUT",
              "/api/v1/agencies/pp-county/reports/" + year + "/publications/1",
              ADMIN,
              "{\"publishedDate\":\"" + today + "\"}");
      assertEquals(201, v1.status(), v1.toString());
      wait.until(d -> d.findElement(By.id("pub-status")).getText().contains("已发布 第1版"));
      assertTrue(driver.findElement(By.id("pub-status")).getText().contains("发布日期 " + today));
      wait.until(d -> !d.findElement(By.id("pub-overdue")).isDisplayed());
      wait.until(d -> d.findElement(By.id("pub-changes-title")).getText().contains("发布后无变动"));

      // an application dated in that year, entered after the publication: a correction
      application(in, "late-1", year + "-06-10");
      final By changed =
          By.cssSelector(
              "#changes-table tbody tr[data-table=table3][data-row=NEW]"
                  + "[data-col=NATURAL_PERSON]");
      wait.until(d -> d.findElement(By.id("pub-changes-title")).getText().contains("发布后变动"));
      wait.until(d -> !d.findElements(changed).isEmpty());
      final List<WebElement> cells = driver.findElement(changed).findElements(By.tagName("td"));
      assertTrue(cells.get(1).getText().contains("新收"), cells.get(1).getText());
      assertTrue(cells.get(2).getText().contains("自然人"), cells.get(2).getText());
      assertEquals("1", cells.get(3).getText(), "published");
      assertEquals("2", cells.get(4).getText(), "live");
      assertTrue(
          driver.findElement(By.id("pub-changes-title")).getText().matches(".*发布后变动 \\d+ 处.*"));
      // the previous year's imported report carried 3 applications over; none were entered: the
      // check fires,
      // every entry is listed and the panel is red, never 「校验通过」
      wait.until(d -> "bad".equals(d.findElement(By.id("validation")).getAttribute("data-state")));
      final List<WebElement> entries = driver.findElements(By.cssSelector("#imbalances li"));
      assertEquals(2, entries.size(), "NATURAL_PERSON and TOTAL columns");
      for (WebElement e : entries) {
        assertEquals("PUBLISHED_CONTINUITY", e.getAttribute("data-rule"));
        assertTrue(e.getText().contains("与上年已发布报告衔接"), e.getText());
      }
      assertTrue(driver.findElement(By.id("validation-summary")).getText().contains("共 2 项"));
      assertTrue(!driver.findElement(By.id("validation")).getText().contains("校验通过"));

      // the correction events need a token
      wait.until(d -> d.findElement(By.id("corr-hint")).getText().contains("输入令牌"));
      driver.findElement(By.id("token")).sendKeys(ADMIN);
      driver.findElement(By.id("token-save")).click();
      final By event = By.cssSelector("#corr-table tbody tr[data-request=late-1]");
      wait.until(d -> !d.findElements(event).isEmpty());
      assertTrue(
          driver.findElement(event).getText().contains("新收申请"),
          driver.findElement(event).getText());

      // the published version beside the live table
      new Select(driver.findElement(By.id("view-version"))).selectByValue("published");
      final By newNp = By.cssSelector("#t3 td[data-row=NEW][data-col=NATURAL_PERSON]");
      wait.until(
          d ->
              d.findElement(By.id("table3-caption")).getText().contains("已发布第1版")
                  && "1".equals(d.findElement(newNp).getText()));
      assertTrue(
          driver.findElement(By.id("dl-html")).getAttribute("href").contains("version=published"));
      new Select(driver.findElement(By.id("view-version"))).selectByValue("");
      wait.until(d -> "2".equals(d.findElement(newNp).getText()));
      HeadlessChromium.screenshot(driver, "publication-changed.png");

      // version 2 from the page: the reason is required
      wait.until(d -> "2".equals(d.findElement(By.id("publish-form")).getAttribute("data-next")));
      driver.findElement(By.id("pub-submit")).click();
      wait.until(d -> d.findElement(By.id("pub-msg")).getText().contains("更正原因"));
      assertTrue(driver.findElement(By.id("pub-msg")).getAttribute("class").contains("bad"));
      driver.findElement(By.id("pub-reason")).sendKeys("补录一件漏登申请");
      driver.findElement(By.id("pub-submit")).click();
      wait.until(d -> d.findElement(By.id("pub-msg")).getText().contains("第2版"));
      assertTrue(
          driver.findElement(By.id("pub-msg")).getAttribute("class").contains("ok"),
          driver.findElement(By.id("pub-msg")).getText());
      wait.until(d -> d.findElement(By.id("pub-status")).getText().contains("已发布 第2版"));
      wait.until(d -> d.findElement(By.id("pub-changes-title")).getText().contains("发布后无变动"));
      assertTrue(
          driver
              .findElement(By.cssSelector("#pub-versions li[data-version='2']"))
              .getText()
              .contains("补录一件漏登申请"));

      // the same version again from elsewhere is a conflict, shown in red in Chinese
      final TestHttp.Resp again =
          in.send(
              "PUT",
              "/api/v1/agencies/pp-county/reports/" + year + "/publications/2",
              ADMIN,
              "{\"publishedDate\":\"" + today + "\",\"reason\":\"另一个原因\"}");
      assertEquals(409, again.status(), again.toString());

      // withdrawal (admin, over HTTP): version 2 stays listed, marked, and version 1 is the
      // published one again
      final TestHttp.Resp w =
          in.send(
              "DELETE",
              "/api/v1/agencies/pp-county/reports/" + year + "/publications/2",
              ADMIN,
              "{\"reason\":\"误发\"}");
      assertEquals(200, w.status(), w.toString());
      final By withdrawn = By.cssSelector("#pub-versions li.withdrawn[data-version='2']");
      wait.until(d -> !d.findElements(withdrawn).isEmpty());
      assertTrue(driver.findElement(withdrawn).getText().contains("已撤销"));
      wait.until(d -> d.findElement(By.id("pub-status")).getText().contains("已发布 第1版"));
      assertTrue(driver.findElement(By.id("pub-next")).getText().contains("第3版"));

      // a refusal from the ingest (an unknown token) is shown in red, in Chinese
      driver.findElement(By.id("token")).clear();
      driver.findElement(By.id("token")).sendKeys("no-such-token");
      driver.findElement(By.id("token-save")).click();
      driver.findElement(By.id("pub-reason")).sendKeys("再次发布");
      driver.findElement(By.id("pub-submit")).click();
      wait.until(
          d ->
              d.findElement(By.id("pub-msg")).getAttribute("class").contains("bad")
                  && !d.findElement(By.id("pub-msg")).getText().contains("正在发布"));
      final String refusal = driver.findElement(By.id("pub-msg")).getText();
      assertTrue(
          refusal
              .codePoints()
              .anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN),
          refusal);
      HeadlessChromium.assertNoAlert(driver);
      HeadlessChromium.screenshot(driver, "publication.png");
    } catch (RuntimeException | AssertionError e) {
      HeadlessChromium.screenshot(driver, "publication-failure.png");
      throw e;
    } finally {
      driver.quit();
    }
  }

  /**
   * Year {@code year} imported as published: 3 natural-person applications received, all carried
   * over.
   */
  private static void importPreviousYear(
      final TestHttp in, final TestHttp out, final int year, final LocalDate today) {
    final com.fasterxml.jackson.databind.JsonNode layout = out.get("/api/v1/layout", null).json();
    final java.util.Set<String> rows = new java.util.LinkedHashSet<>();
    layout
        .get("table3")
        .get("cells")
        .forEach(
            c -> {
              if (c.hasNonNull("rowCode")) {
                rows.add(c.get("rowCode").asText());
              }
            });
    final java.util.Set<String> codes = new java.util.LinkedHashSet<>();
    layout
        .get("table4")
        .get("cells")
        .forEach(
            c -> {
              if (c.hasNonNull("code")) {
                codes.add(c.get("code").asText());
              }
            });
    assertEquals(25, rows.size());
    assertEquals(15, codes.size());
    final StringBuilder b =
        new StringBuilder(
            "{\"publishedDate\":\"" + today + "\",\"imported\":{\"table3\":{\"rows\":{");
    String sep = "";
    for (String r : rows) {
      final boolean three = r.equals("NEW") || r.equals("CARRIED_OVER_OUT");
      b.append(sep)
          .append('"')
          .append(r)
          .append("\":")
          .append(three ? "[3,0,0,0,0,0,3]" : "[0,0,0,0,0,0,0]");
      sep = ",";
    }
    b.append("}},\"table4\":{\"cells\":{");
    sep = "";
    for (String c : codes) {
      b.append(sep).append('"').append(c).append("\":0");
      sep = ",";
    }
    b.append("}}}}");
    final TestHttp.Resp r =
        in.send(
            "PUT",
            "/api/v1/agencies/pp-county/reports/" + year + "/publications/1",
            ADMIN,
            b.toString());
    assertEquals(201, r.status(), r.toString());
  }

  private static void application(final TestHttp in, final String id, final String date) {
    final TestHttp.Resp r =
        in.send(
            "POST",
            "/api/v1/agencies/pp-county/requests",
            ADMIN,
            "{\"requestId\":\""
                + id
                + "\",\"applicantType\":\"NATURAL_PERSON\",\"receivedDate\":\""
                + date
                + "\",\"channel\":\"IN_PERSON\"}");
    assertEquals(201, r.status(), r.toString());
  }

  private static long newCount(final TestHttp out, final int year) {
    final TestHttp.Resp r =
        out.get("/api/v1/agencies/pp-county/reports/" + year + "/table3?scope=agency", null);
    return r.status() == 200 ? r.json().get("rows").get("NEW").get(0).asLong() : -1;
  }
}
