package foi.tracker.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import foi.tracker.core.config.TrackerConfig;
import foi.tracker.core.edge.Incident;
import foi.tracker.kafka.junit.BrokerBootstrap;
import foi.tracker.kafka.junit.KafkaBrokerExtension;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

/**
 * The ingest service's HTTP edge against a real broker: security headers, CORS for the dashboard
 * page only, 401 before a large body is read, no exception text in a 500, and the desk tokens'
 * write quota.
 */
@ExtendWith(KafkaBrokerExtension.class)
class IngestEdgeIT {
  static final String RUN = UUID.randomUUID().toString().substring(0, 6);
  static final String ADMIN = "admin-edge-" + RUN;
  static final String AGENCY = "edge-" + RUN;
  static final String DASHBOARD_ORIGIN = "http://127.0.0.1:18081";
  static final String FOREIGN_ORIGIN = "http://evil.example.com";

  /** A desk token may write 3 events at once, then one a minute. */
  static final WriteLimits LIMITS = new WriteLimits(4, 1, 3);

  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  static String bootstrap;
  static IngestApp app;
  static TestHttp http;

  @BeforeAll
  static void start(@BrokerBootstrap final String servers) throws Exception {
    bootstrap = servers;
    // a data dir of its own (the signing key is kept there), not ./data in the module
    final TrackerConfig config =
        TrackerConfig.from(Map.of())
            .withBootstrapServers(servers)
            .withPorts(0, 0)
            .withAdminToken(ADMIN)
            .withDataDir(java.nio.file.Files.createTempDirectory("ingest-edge-it"));
    System.setProperty("tracker.test.fault-route", "true");
    try {
      app =
          IngestApp.start(config, ADMIN, IngestHttpIT.CLOCK, "127.0.0.1", DASHBOARD_ORIGIN, LIMITS);
    } finally {
      System.clearProperty("tracker.test.fault-route");
    }
    Awaitility.await().atMost(Duration.ofSeconds(60)).until(app::isReady);
    http = new TestHttp(app.port());
    assertEquals(
        201,
        http.send(
                "PUT",
                "/api/v1/agencies/" + AGENCY,
                ADMIN,
                "{\"name\":\"边界测试县人民政府\",\"parentId\":null}")
            .status());
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
  }

  @Test
  void shouldSendSecurityHeadersOnPagesAnswersAndRefusals() {
    for (TestHttp.Resp r :
        new TestHttp.Resp[] {
          http.get("/", null),
          http.get("/desk.js", null),
          http.get("/api/v1/taxonomy", null),
          http.get("/no-such-page", null),
          http.send("POST", "/api/v1/agencies/" + AGENCY + "/requests", null, "{}")
        }) {
      final String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
      assertTrue(
          csp.contains("default-src 'self'")
              && csp.contains("script-src 'self';")
              && csp.contains("frame-ancestors 'none'")
              && csp.contains("connect-src 'self' " + DASHBOARD_ORIGIN),
          r.status() + " " + r.headers().map());
      assertFalse(csp.contains("unsafe-eval"), csp);
      assertEquals(
          "nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(null), r.toString());
      assertEquals("DENY", r.headers().firstValue("X-Frame-Options").orElse(null));
      assertEquals("no-referrer", r.headers().firstValue("Referrer-Policy").orElse(null));
    }
  }

  @Test
  void shouldAnswerAPathNoRouteTakesInTheContractsErrorBody() {
    final TestHttp.Resp unknown = http.get("/api/v1/no-such-route", null);
    assertEquals(404, unknown.status());
    assertEquals("NOT_FOUND", unknown.json().get("error").asText(), unknown.toString());
    assertTrue(
        unknown.json().has("field") && unknown.json().get("field").isNull(), unknown.toString());
    assertFalse(unknown.toString().contains("_links"), unknown.toString());
  }

  @Test
  void shouldAllowCorsForTheDashboardPageOnlyWithoutCredentialsOrPrivateNetwork() throws Exception {
    final String path = "/api/v1/agencies/" + AGENCY + "/reports/2025/publications/1";
    final HttpResponse<String> foreignPreflight = preflight(path, FOREIGN_ORIGIN);
    assertTrue(
        foreignPreflight.headers().firstValue("Access-Control-Allow-Origin").isEmpty(),
        foreignPreflight.headers().map().toString());
    final HttpResponse<String> ownPreflight = preflight(path, DASHBOARD_ORIGIN);
    assertEquals(
        DASHBOARD_ORIGIN,
        ownPreflight.headers().firstValue("Access-Control-Allow-Origin").orElse(null),
        ownPreflight.headers().map().toString());
    assertTrue(ownPreflight.headers().firstValue("Access-Control-Allow-Credentials").isEmpty());
    final HttpResponse<String> privateNetwork =
        CLIENT.send(
            HttpRequest.newBuilder(URI.create(http.base() + path))
                .timeout(Duration.ofSeconds(20))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", DASHBOARD_ORIGIN)
                .header("Access-Control-Request-Method", "PUT")
                .header("Access-Control-Request-Private-Network", "true")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertTrue(
        privateNetwork.headers().firstValue("Access-Control-Allow-Private-Network").isEmpty(),
        privateNetwork.headers().map().toString());

    assertEquals(
        "PUT", ownPreflight.headers().firstValue("Access-Control-Allow-Methods").orElse(null));
    // a method the page does not use is not allowed
    final HttpResponse<String> deletePreflight =
        CLIENT.send(
            HttpRequest.newBuilder(URI.create(http.base() + path))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", DASHBOARD_ORIGIN)
                .header("Access-Control-Request-Method", "DELETE")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertTrue(
        deletePreflight.headers().firstValue("Access-Control-Allow-Origin").isEmpty(),
        deletePreflight.headers().map().toString());

    final HttpResponse<String> foreign = simpleGet("/api/v1/taxonomy", FOREIGN_ORIGIN);
    assertTrue(
        foreign.headers().firstValue("Access-Control-Allow-Origin").isEmpty(),
        foreign.headers().toString());
    // the page's own PUT gets ACAO, also on a refusal, so that the page can show it
    final HttpResponse<String> own =
        CLIENT.send(
            HttpRequest.newBuilder(URI.create(http.base() + path))
                .PUT(HttpRequest.BodyPublishers.ofString("{}"))
                .header("Origin", DASHBOARD_ORIGIN)
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer desk.bad.token")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(401, own.statusCode(), own.body());
    assertEquals(
        DASHBOARD_ORIGIN,
        own.headers().firstValue("Access-Control-Allow-Origin").orElse(null),
        own.headers().map().toString());
    assertTrue(own.headers().firstValue("Access-Control-Allow-Credentials").isEmpty());
  }

  @Test
  void shouldRefuseALargeWriteWithABadTokenBeforeReadingItsBody() throws Exception {
    final long fiftyMb = 50L * 1024 * 1024;
    final AtomicLong sent = new AtomicLong();
    try (Socket s = new Socket("127.0.0.1", app.port())) {
      s.setSoTimeout(30_000);
      final OutputStream out = s.getOutputStream();
      out.write(
          ("POST /api/v1/agencies/"
                  + AGENCY
                  + "/batch HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                  + "Authorization: Bearer desk.nosuchtoken.abcdefabcdefabcdef\r\nContent-Type: application/json\r\n"
                  + "Content-Length: "
                  + fiftyMb
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      final Thread writer =
          new Thread(
              () -> {
                final byte[] chunk = new byte[64 * 1024];
                java.util.Arrays.fill(chunk, (byte) ' ');
                try {
                  while (sent.get() < fiftyMb) {
                    out.write(chunk);
                    sent.addAndGet(chunk.length);
                  }
                } catch (java.io.IOException e) {
                  // the server closed the connection without reading the rest: what this test
                  // expects
                }
              },
              "large-body-writer");
      writer.setDaemon(true);
      writer.start();
      final BufferedReader in =
          new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
      final String statusLine = in.readLine();
      assertNotNull(statusLine);
      assertTrue(statusLine.startsWith("HTTP/1.1 401"), statusLine);
      assertTrue(sent.get() < fiftyMb, "the whole body was sent before the answer: " + sent.get());
    }
    // the server stays healthy and the body limit is unchanged for a valid token
    assertEquals(200, http.get("/health", null).status());
    final TestHttp.Resp tooLarge =
        http.send(
            "POST", "/api/v1/agencies/" + AGENCY + "/batch", ADMIN, new byte[3 * 1024 * 1024]);
    assertEquals(413, tooLarge.status(), tooLarge.toString());
  }

  /**
   * Regression: an unauthenticated write whose body was still arriving when the 401 was sent lost
   * its answer to a connection reset (the client saw no bytes). The refusal must reach every
   * client, whatever the size of the body it was sending.
   */
  @Test
  void shouldDeliverThe401ToEveryUnauthenticatedWriteWhateverItsBodySize() throws Exception {
    final int[] sizes = {16 * 1024, 60 * 1024, 200 * 1024, 900 * 1024};
    for (int i = 0; i < 1000; i++) {
      final byte[] body = new byte[sizes[i % sizes.length]];
      java.util.Arrays.fill(body, (byte) 'x');
      final HttpResponse<String> r =
          CLIENT.send(
              HttpRequest.newBuilder(
                      URI.create(
                          "http://127.0.0.1:"
                              + app.port()
                              + "/api/v1/agencies/"
                              + AGENCY
                              + (i % 2 == 0 ? "/batch" : "/tokens/no-such-token")))
                  .timeout(Duration.ofSeconds(20))
                  .header("Content-Type", "application/json")
                  .method(
                      i % 2 == 0 ? "POST" : "DELETE", HttpRequest.BodyPublishers.ofByteArray(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(401, r.statusCode(), "call " + i + ": " + r.body());
    }
  }

  @Test
  void shouldAnswerAnUnexpectedFailureWithAFixedTextAndAnIncidentIdThatIsLogged() {
    final Logger logger = (Logger) LoggerFactory.getLogger(Incident.class);
    final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    logged.start();
    logger.addAppender(logged);
    try {
      final TestHttp.Resp r = http.get("/api/v1/test-fault", null);
      assertEquals(500, r.status(), r.toString());
      assertFalse(r.body().contains(FaultRoute.SECRET_DETAIL), r.body());
      assertFalse(r.body().contains("IllegalStateException"), r.body());
      assertEquals("INTERNAL", r.json().get("error").asText());
      assertEquals(Incident.MESSAGE, r.json().get("message").asText());
      final String id = r.json().get("incidentId").asText();
      assertTrue(id.matches("[0-9a-f]{12}"), id);
      assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(null));
      final ILoggingEvent line =
          logged.list.stream()
              .filter(e -> e.getFormattedMessage().contains(id))
              .findFirst()
              .orElseThrow(() -> new AssertionError("incident " + id + " not logged"));
      assertEquals(FaultRoute.SECRET_DETAIL, line.getThrowableProxy().getMessage());
    } finally {
      logger.detachAppender(logged);
    }
  }

  @Test
  void shouldRefuseADeskTokenBeyondItsQuotaAndWriteNothing() {
    final String desk = issueDesk(AGENCY);
    for (int i = 0; i < 3; i++) {
      assertEquals(201, application(desk, "q-" + RUN + "-" + i).status());
    }
    final long alerts = app.quota().alerts();
    final TestHttp.Resp refused = application(desk, "q-" + RUN + "-3");
    assertEquals(429, refused.status(), refused.toString());
    assertEquals("QUOTA_EXCEEDED", refused.json().get("error").asText());
    final long retryAfter =
        Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
    assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
    assertEquals(alerts + 1, app.quota().alerts());
    // a second refusal within the hour is no new alert
    assertEquals(429, application(desk, "q-" + RUN + "-4").status());
    assertEquals(alerts + 1, app.quota().alerts());
    // nothing of the refused calls was written: the admin's batch of the same ids writes both anew
    assertEquals(
        2, batch(ADMIN, "q-" + RUN + "-3", "q-" + RUN + "-4").json().get("written").asInt());
  }

  @Test
  void shouldLetTheAdminTokenWriteBeyondTheQuota() {
    for (int i = 0; i < 5; i++) {
      assertEquals(201, application(ADMIN, "adm-" + RUN + "-" + i).status());
    }
  }

  @Test
  void shouldCountEachBatchItemAgainstTheQuota() {
    final String desk = issueDesk(AGENCY);
    assertEquals(201, application(desk, "b-" + RUN + "-0").status());
    final TestHttp.Resp three =
        batch(desk, "b-" + RUN + "-1", "b-" + RUN + "-2", "b-" + RUN + "-3");
    assertEquals(429, three.status(), three.toString());
    assertTrue(three.headers().firstValue("Retry-After").isPresent());
    final TestHttp.Resp two = batch(desk, "b-" + RUN + "-1", "b-" + RUN + "-2");
    assertEquals(200, two.status(), two.toString());
    // written now, so nothing of the refused batch had been written; its third item still is not
    assertEquals(2, two.json().get("written").asInt());
    final TestHttp.Resp third = batch(ADMIN, "b-" + RUN + "-3");
    assertEquals(1, third.json().get("written").asInt(), third.toString());
  }

  private static String issueDesk(final String agencyId) {
    final TestHttp.Resp r =
        http.send(
            "POST", "/api/v1/agencies/" + agencyId + "/tokens", ADMIN, "{\"label\":\"限额测试窗口\"}");
    assertEquals(201, r.status(), r.toString());
    return r.json().get("token").asText();
  }

  private static String applicationJson(final String requestId) {
    return "{\"requestId\":\""
        + requestId
        + "\",\"applicantType\":\"NATURAL_PERSON\",\"receivedDate\":\"2025-06-02\","
        + "\"channel\":\"ONLINE\"}";
  }

  private static TestHttp.Resp application(final String token, final String requestId) {
    return http.send(
        "POST", "/api/v1/agencies/" + AGENCY + "/requests", token, applicationJson(requestId));
  }

  private static TestHttp.Resp batch(final String token, final String... requestIds) {
    final StringBuilder json = new StringBuilder("{\"items\":[");
    for (int i = 0; i < requestIds.length; i++) {
      json.append(i == 0 ? "" : ",")
          .append("{\"application\":")
          .append(applicationJson(requestIds[i]))
          .append('}');
    }
    return http.send(
        "POST", "/api/v1/agencies/" + AGENCY + "/batch", token, json.append("]}").toString());
  }

  private static HttpResponse<String> preflight(final String path, final String origin)
      throws Exception {
    return CLIENT.send(
        HttpRequest.newBuilder(URI.create(http.base() + path))
            .timeout(Duration.ofSeconds(20))
            .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
            .header("Origin", origin)
            .header("Access-Control-Request-Method", "PUT")
            .header("Access-Control-Request-Headers", "authorization,content-type")
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> simpleGet(final String path, final String origin)
      throws Exception {
    return CLIENT.send(
        HttpRequest.newBuilder(URI.create(http.base() + path))
            .timeout(Duration.ofSeconds(20))
            .GET()
            .header("Origin", origin)
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
