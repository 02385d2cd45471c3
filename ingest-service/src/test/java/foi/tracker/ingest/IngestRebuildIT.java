package foi.tracker.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import foi.tracker.dashboard.HeadlessChromium;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Not ready means 503 for the ingest service: with requests, events and desk tokens on the log, the
 * ingest is restarted with its rebuild held (deterministically, until the test lets it go). Until
 * the index is rebuilt a valid desk token gets 503 CATCHING_UP (never 401), an event on an existing
 * request 503 (never 404), a changed re-send 503 (never 201), and nothing is written; taxonomy, the
 * page and {@code /health} (503 STARTING) answer. Once rebuilt, everything answers as before the
 * restart. The desk page with a stored token says 「正在恢复数据，请稍候」, keeps the token and signs in by
 * itself once the ingest is ready.
 */
@Tag("integration")
class IngestRebuildIT {
  private static final String ADMIN = "rebuild-admin-token";
  private static final String TOWN = "rebuild-town";
  private static final int REQUESTS = 300;
  private static final String APPS = "/api/v1/agencies/" + TOWN + "/requests";

  private static TrackerStack stack;
  private static String desk;

  @BeforeAll
  static void start() throws Exception {
    stack = TrackerStack.start(ADMIN);
    final TestHttp http = stack.ingestHttp();
    assertEquals(
        201,
        http.send(
                "PUT",
                "/api/v1/agencies/" + TOWN,
                ADMIN,
                "{\"name\":\"连城镇人民政府\",\"parentId\":null}")
            .status());
    desk =
        http.send("POST", "/api/v1/agencies/" + TOWN + "/tokens", ADMIN, "{\"label\":\"受理窗口\"}")
            .json()
            .get("token")
            .asText();
    final List<String> items = new ArrayList<>();
    for (int i = 0; i < REQUESTS; i++) {
      items.add("{\"application\":" + IngestBatchIT.application("r" + i, "NATURAL_PERSON") + "}");
      items.add(
          "{\"requestId\":\"r"
              + i
              + "\",\"event\":"
              + IngestBatchIT.event("fee", "FEE_NOTICE_ISSUED")
              + "}");
    }
    final TestHttp.Resp batch =
        http.send(
            "POST",
            "/api/v1/agencies/" + TOWN + "/batch",
            desk,
            "{\"items\":[" + String.join(",", items) + "]}");
    assertEquals(200, batch.status(), batch.toString());
    assertEquals(2 * REQUESTS, batch.json().get("written").asInt(), batch.toString());
  }

  @AfterAll
  static void stop() throws Exception {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void shouldAnswer503CatchingUpNever401Or404Or201WhileTheIndexIsRebuilt() throws Exception {
    final String event = IngestBatchIT.event("fee", "FEE_NOTICE_ISSUED");
    final String changed = IngestBatchIT.application("r7", "COMMERCIAL_ENTERPRISE");
    final TestHttp before = stack.ingestHttp();
    final TestHttp.Resp eventBefore = before.send("POST", APPS + "/r7/events", desk, event);
    assertEquals(202, eventBefore.status(), eventBefore.toString());
    assertEquals(409, before.send("POST", APPS, desk, changed).status());
    final String whoamiBefore = before.get("/api/v1/whoami", desk).body();

    final CountDownLatch release = new CountDownLatch(1);
    stack.restartIngest(() -> awaitQuietly(release));
    try {
      final TestHttp http = stack.ingestHttp();
      final long offsets = TestHttp.endOffsets(stack.bootstrapServers());
      assertCatchingUp(http.get("/api/v1/whoami", desk), "a valid desk token");
      assertCatchingUp(
          http.send("POST", APPS + "/r7/events", desk, event), "an event on an existing request");
      assertCatchingUp(
          http.send(
              "POST", APPS + "/r8/events", desk, IngestBatchIT.event("decided-late", "FEE_PAID")),
          "a new event on an existing request");
      assertCatchingUp(http.send("POST", APPS, desk, changed), "a changed re-send");
      assertCatchingUp(http.get("/api/v1/agencies/" + TOWN, desk), "the agency");
      assertCatchingUp(
          http.send(
              "POST",
              "/api/v1/agencies/" + TOWN + "/batch",
              desk,
              "{\"items\":[{\"application\":" + changed + "}]}"),
          "a batch");
      assertCatchingUp(
          http.get("/api/v1/whoami", "desk.nosuch.token"),
          "an unknown token (not yet known to be)");
      assertEquals(
          offsets,
          TestHttp.endOffsets(stack.bootstrapServers()),
          "nothing written while rebuilding");

      assertEquals(200, http.get("/api/v1/taxonomy", null).status());
      assertEquals(200, http.get("/", null).status(), "the desk page");
      assertEquals(200, http.get("/desk-config.json", null).status());
      final TestHttp.Resp health = http.get("/health", null);
      assertEquals(503, health.status(), health.toString());
      assertEquals("STARTING", health.json().get("status").asText());
      assertTrue(health.json().get("processor").has("state"), health.toString());
    } finally {
      release.countDown();
    }
    Awaitility.await().atMost(Duration.ofSeconds(60)).until(stack.ingest::isReady);
    final TestHttp http = stack.ingestHttp();
    assertEquals(whoamiBefore, http.get("/api/v1/whoami", desk).body());
    final TestHttp.Resp eventAfter = http.send("POST", APPS + "/r7/events", desk, event);
    assertEquals(202, eventAfter.status(), eventAfter.toString());
    assertEquals(eventBefore.body(), eventAfter.body());
    final TestHttp.Resp changedAfter = http.send("POST", APPS, desk, changed);
    assertEquals(409, changedAfter.status(), changedAfter.toString());
    assertEquals(404, http.send("POST", APPS + "/nosuch/events", desk, event).status());
    assertEquals(401, http.get("/api/v1/whoami", "desk.nosuch.token").status());
    // ready: 200, with the processor's state and lag (read in the background, so it may take a
    // moment)
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              final TestHttp.Resp health = http.get("/health", null);
              assertEquals(200, health.status(), health.toString());
              assertEquals("UP", health.json().get("status").asText());
              assertEquals(
                  "RUNNING",
                  health.json().get("processor").get("state").asText(),
                  health.toString());
              assertEquals(
                  0, health.json().get("processor").get("lagRecords").asLong(), health.toString());
            });
  }

  @Test
  void shouldKeepTheStoredTokenAndSayTheDataIsBeingRestoredWhenTheDeskPageMeetsARebuild()
      throws Exception {
    HeadlessChromium.ensureInstalled();
    final WebDriver driver = HeadlessChromium.start(1200, 900);
    final CountDownLatch release = new CountDownLatch(1);
    try {
      final WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(60));
      stack.restartIngest(() -> awaitQuietly(release));
      // the page loads while the ingest rebuilds (its taxonomy is answered); a clerk signed in
      // before has the token
      // in the tab's storage
      driver.get(stack.ingestHttp().base() + "/");
      wait.until(d -> d.findElement(By.id("token")).isDisplayed());
      ((JavascriptExecutor) driver)
          .executeScript("sessionStorage.setItem('desk.token', arguments[0]);", desk);
      driver.navigate().refresh();
      wait.until(d -> d.findElement(By.id("login-msg")).getText().contains("正在恢复数据，请稍候"));
      assertEquals(
          desk,
          ((JavascriptExecutor) driver)
              .executeScript("return sessionStorage.getItem('desk.token');"));
      // once the rebuild is let go, the page asks again after Retry-After and signs in with the
      // token it kept
      release.countDown();
      wait.until(d -> d.findElement(By.id("desk")).isDisplayed());
      assertTrue(driver.findElement(By.id("who-agency")).getText().contains("连城镇人民政府"));
      assertEquals(
          desk,
          ((JavascriptExecutor) driver)
              .executeScript("return sessionStorage.getItem('desk.token');"));
      HeadlessChromium.assertNoAlert(driver);
    } finally {
      release.countDown();
      driver.quit();
    }
    Awaitility.await().atMost(Duration.ofSeconds(60)).until(stack.ingest::isReady);
  }

  private static void assertCatchingUp(final TestHttp.Resp r, final String what) {
    assertEquals(503, r.status(), what + ": " + r);
    final JsonNode body = r.json();
    assertEquals("CATCHING_UP", body.get("error").asText(), what + ": " + r);
    assertTrue(body.get("message").asText().startsWith("正在恢复数据，请稍候"), what + ": " + r);
    assertEquals("3", r.headers().firstValue("Retry-After").orElse(null), what + ": Retry-After");
  }

  private static void awaitQuietly(final CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
