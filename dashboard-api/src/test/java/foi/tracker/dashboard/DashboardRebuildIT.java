package foi.tracker.dashboard;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import foi.tracker.core.event.RequestEvent;
import foi.tracker.core.request.RequestRules;
import foi.tracker.core.sim.GeneratedRequest;
import foi.tracker.core.sim.LifecycleGenerator;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Not ready means 503 for the dashboard: with a data set processed, the dashboard is restarted with
 * its rebuild held (deterministically, until the test lets it go). Until its views are rebuilt
 * every table, list and download answers 503 CATCHING_UP with Retry-After (never a partial 200),
 * {@code /health} is 503 STARTING with the processor's state, and status, layout and the page
 * answer; once rebuilt, every answer is what it was before the restart. Then the processor stops:
 * the dashboard stays ready (steady-state lag never means 503) and reports the processor as not
 * running with its exact lag.
 */
@Tag("integration")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardRebuildIT {
  private static final String AS_OF = "截至 \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}";
  private static final List<String> AGENCIES = List.of("shi", "qu-1", "zhen-1", "zhen-2");
  private static DashboardStack stack;
  private static String desk;
  private static LifecycleGenerator gen;
  private static final List<GeneratedRequest> GENERATED = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    stack = DashboardStack.start();
    stack.putAgency("shi", "机关 shi", null);
    stack.putAgency("qu-1", "机关 qu-1", "shi");
    stack.putAgency("zhen-1", "机关 zhen-1", "qu-1");
    stack.putAgency("zhen-2", "机关 zhen-2", "qu-1");
    desk = stack.issueToken("qu-1");
    final LocalDate today = LocalDate.now(RequestRules.CHINA);
    gen = new LifecycleGenerator(7L, LocalDate.of(2024, 1, 1), today);
    final List<RequestEvent> events = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      final GeneratedRequest r = gen.next(AGENCIES.get(i % AGENCIES.size()), "q" + i);
      GENERATED.add(r);
      events.addAll(r.events());
    }
    stack.send(events);
    stack.awaitViewsEqualRecount("shi", GENERATED, today);
  }

  @AfterAll
  static void stop() throws Exception {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  @Order(1)
  void shouldAnswer503CatchingUpNeverAPartialTableWhileTheViewsAreRebuilt() throws Exception {
    final List<String> paths = paths(LocalDate.now(RequestRules.CHINA).getYear());
    final Map<String, String> before = answers(paths);
    final CountDownLatch release = new CountDownLatch(1);
    stack.restartDashboard(() -> awaitQuietly(release));
    try {
      for (String p : paths) {
        assertCatchingUp(stack.get(p, DashboardStack.ADMIN), p);
      }
      assertCatchingUp(
          stack.get("/api/v1/agencies/qu-1/deadlines?scope=subtree", desk),
          "deadlines, desk token");
      assertCatchingUp(
          stack.get("/api/v1/agencies/qu-1/alerts/recent", desk), "recent alerts, desk token");
      final DashboardStack.Resp health = stack.get("/health", null);
      assertEquals(503, health.status(), health.toString());
      assertEquals("STARTING", health.json().get("status").asText());
      assertTrue(health.json().get("processor").has("lagRecords"), health.toString());
      final DashboardStack.Resp status = stack.get("/api/v1/status", null);
      assertEquals(200, status.status(), status.toString());
      assertFalse(status.json().get("caughtUp").asBoolean());
      assertTrue(status.json().get("processor").has("state"), status.toString());
      assertEquals(200, stack.get("/api/v1/layout", null).status());
      assertEquals(200, stack.get("/", null).status(), "the dashboard page");
    } finally {
      release.countDown();
    }
    await().atMost(Duration.ofSeconds(60)).until(() -> stack.dashboard().isReady());
    assertEquals(before, answers(paths));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              final DashboardStack.Resp health = stack.get("/health", null);
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
  @Order(2)
  void shouldStayReadyAndReportTheProcessorNotRunningWithItsLagWhenItStops() {
    final String table =
        "/api/v1/agencies/shi/reports/"
            + LocalDate.now(RequestRules.CHINA).getYear()
            + "/table3?scope=subtree";
    final String tableBefore = stack.get(table, null).body();
    stack.stopProcessor();
    // one more event on the log, which no processor reads: the lag is exactly 1
    final RequestEvent late = gen.next("zhen-1", "late").events().get(0);
    stack.send(List.of(late));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              final JsonNode processor = stack.get("/api/v1/status", null).json().get("processor");
              assertEquals("NOT_RUNNING", processor.get("state").asText(), processor.toString());
              assertEquals(0, processor.get("members").asInt(), processor.toString());
              assertEquals(1, processor.get("lagRecords").asLong(), processor.toString());
            });
    final DashboardStack.Resp health = stack.get("/health", null);
    assertEquals(
        200, health.status(), "a stopped processor does not make the dashboard unready: " + health);
    assertEquals("NOT_RUNNING", health.json().get("processor").get("state").asText());
    assertEquals(1, health.json().get("processor").get("lagRecords").asLong());
    final DashboardStack.Resp t = stack.get(table, null);
    assertEquals(200, t.status(), "steady-state lag never turns a read into 503: " + t);
    assertEquals(tableBefore.replaceAll(AS_OF, ""), t.body().replaceAll(AS_OF, ""));
  }

  private static List<String> paths(final int year) {
    final List<String> out = new ArrayList<>();
    out.add("/api/v1/agencies");
    final String r = "/api/v1/agencies/shi/reports/" + year;
    for (String f : List.of("json", "html", "csv", "xlsx")) {
      out.add(r + "/table3?scope=subtree&format=" + f);
    }
    out.add(r + "/table4?scope=subtree");
    out.add(r + "?scope=subtree");
    out.add(r + "/publications");
    out.add("/api/v1/agencies/qu-1/compliance/" + year + "?scope=subtree");
    out.add("/api/v1/agencies/shi/requests?format=csv&year=" + year + "&scope=subtree");
    out.add("/api/v1/agencies/shi/requests?format=json&scope=subtree");
    out.add("/api/v1/agencies/shi/deadlines?scope=subtree");
    out.add(
        "/api/v1/agencies/"
            + GENERATED.get(5).agencyId()
            + "/requests/"
            + GENERATED.get(5).requestId());
    out.add("/api/v1/calendar/due-date?from=2025-03-03&workingDays=20");
    return out;
  }

  /**
   * Each answer's body (workbooks: their cell values), the minute of a live download's heading left
   * out.
   */
  private static Map<String, String> answers(final List<String> paths) throws java.io.IOException {
    final Map<String, String> out = new LinkedHashMap<>();
    for (String p : paths) {
      final DashboardStack.Resp r = stack.get(p, DashboardStack.ADMIN);
      assertEquals(200, r.status(), p + " " + r);
      final String body =
          p.contains("format=xlsx")
              ? foi.tracker.report.Table3ReadBack.xlsxValues(r.bytes()).toString()
              : new String(r.bytes(), StandardCharsets.UTF_8);
      out.put(p, body.replaceAll(AS_OF, ""));
    }
    return out;
  }

  private static void assertCatchingUp(final DashboardStack.Resp r, final String what) {
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
