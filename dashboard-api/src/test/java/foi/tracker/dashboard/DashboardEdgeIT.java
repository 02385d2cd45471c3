package foi.tracker.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import foi.tracker.core.access.AccessControl;
import foi.tracker.core.agency.Agency;
import foi.tracker.core.config.TrackerConfig;
import foi.tracker.core.edge.Incident;
import foi.tracker.core.json.Json;
import foi.tracker.core.topic.DeskToken;
import foi.tracker.core.topic.Topics;
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
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

/**
 * The dashboard's HTTP edge against a real broker: CORS for the desk page only (it used to allow
 * any origin), security headers on pages and answers, 401 before an upload's body is read, no
 * exception text in a 500.
 */
@ExtendWith(KafkaBrokerExtension.class)
class DashboardEdgeIT {
  static final String ADMIN = "dashboard-edge-admin";

  /** The desk page's origin: this host's loopback at the ingest port. */
  static final String DESK_ORIGIN = "http://127.0.0.1:18080";

  static final String FOREIGN_ORIGIN = "http://evil.example.com";
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  static DashboardApp app;
  static KafkaProducer<String, byte[]> producer;
  static String base;

  @BeforeAll
  static void start(@BrokerBootstrap final String servers) throws Exception {
    final TrackerConfig config =
        TrackerConfig.from(
                Map.of("TRACKER_DATA_DIR", Files.createTempDirectory("dashboard-edge").toString()))
            .withBootstrapServers(servers)
            .withPorts(18080, 0);
    System.setProperty("tracker.test.fault-route", "true");
    System.setProperty("tracker.sse.heartbeat", "300ms");
    try {
      app = DashboardApp.start(config, ADMIN, Clock.systemUTC(), "127.0.0.1");
    } finally {
      System.clearProperty("tracker.test.fault-route");
      System.clearProperty("tracker.sse.heartbeat");
    }
    Awaitility.await().atMost(Duration.ofSeconds(60)).until(app::isReady);
    base = "http://127.0.0.1:" + app.port();
    producer =
        new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers),
            new StringSerializer(),
            new ByteArraySerializer());
    producer
        .send(
            new ProducerRecord<>(
                Topics.AGENCIES.name(),
                "edge-town",
                Json.write(new Agency("edge-town", "边界镇人民政府", null))))
        .get();
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> app.views().agency("edge-town").isPresent());
  }

  @AfterAll
  static void stop() {
    if (producer != null) {
      producer.close();
    }
    if (app != null) {
      app.close();
    }
  }

  @Test
  void shouldEndAnAlertStreamWhenItsTokenIsRevoked() throws Exception {
    final String token = issue("t-revoke", false);
    final SseClient stream = SseClient.open(token);
    assertEquals(200, stream.status);
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> stream.lines.contains(": heartbeat"));
    issue("t-revoke", true);
    Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> stream.ended);
    assertTrue(stream.lines.contains("event: revoked"), stream.lines.toString());
    // and it cannot come back
    assertEquals(401, SseClient.open(token).status);
  }

  @Test
  void shouldRefuseASixthAlertStreamOfOneTokenUntilOneCloses() throws Exception {
    final String token = issue("t-cap", false);
    final List<SseClient> open = new java.util.ArrayList<>();
    try {
      for (int i = 0; i < AlertStreamCap.DEFAULT_PER_TOKEN; i++) {
        final SseClient s = SseClient.open(token);
        assertEquals(200, s.status);
        open.add(s);
      }
      final SseClient sixth = SseClient.open(token);
      assertEquals(429, sixth.status, sixth.lines.toString());
      assertTrue(sixth.lines.get(0).contains("\"TOO_MANY_STREAMS\""), sixth.lines.toString());
      assertTrue(sixth.retryAfter != null);
      // another token is not affected
      final SseClient other = SseClient.open(issue("t-cap-other", false));
      assertEquals(200, other.status);
      open.add(other);
      open.remove(0).close();
      // the closed one's place is free once the server notices (at its next heartbeat at the
      // latest)
      Awaitility.await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () -> {
                final SseClient s = SseClient.open(token);
                if (s.status == 200) {
                  open.add(s);
                  return true;
                }
                return false;
              });
    } finally {
      open.forEach(SseClient::close);
    }
  }

  /**
   * Writes a desk token for edge-town as the ingest service does (same id and secret each time);
   * the bearer.
   */
  private static String issue(final String tokenId, final boolean revoked) throws Exception {
    final String secret = "secret-of-" + tokenId;
    producer
        .send(
            new ProducerRecord<>(
                Topics.TOKENS.name(),
                tokenId,
                Json.write(
                    new DeskToken(
                        tokenId,
                        "edge-town",
                        "边界镇窗口",
                        AccessControl.hashForStorage(secret),
                        Instant.now(),
                        revoked))))
        .get();
    final String bearer = "desk." + tokenId + "." + secret;
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> (app.views().access().authenticate(bearer) == null) == revoked);
    return bearer;
  }

  /** One alert stream read line by line on its own thread. */
  static final class SseClient {
    final List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
    volatile boolean ended;
    int status;
    String retryAfter;
    private java.io.InputStream body;

    static SseClient open(final String token) throws Exception {
      final SseClient c = new SseClient();
      final HttpResponse<java.io.InputStream> r =
          CLIENT.send(
              HttpRequest.newBuilder(
                      URI.create(base + "/api/v1/agencies/edge-town/alerts/stream?token=" + token))
                  .header("Accept", "text/event-stream")
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofInputStream());
      c.status = r.statusCode();
      c.retryAfter = r.headers().firstValue("Retry-After").orElse(null);
      c.body = r.body();
      final Thread t =
          new Thread(
              () -> {
                try (BufferedReader in =
                    new BufferedReader(new InputStreamReader(c.body, StandardCharsets.UTF_8))) {
                  String line;
                  while ((line = in.readLine()) != null) {
                    c.lines.add(line);
                  }
                } catch (java.io.IOException e) {
                  c.lines.add("closed: " + e);
                }
                c.ended = true;
              },
              "sse-reader");
      t.setDaemon(true);
      t.start();
      if (c.status != 200) {
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> c.ended);
      }
      return c;
    }

    void close() {
      try {
        body.close();
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }

  @Test
  void shouldAllowCorsForTheDeskPageOnlyWithoutCredentialsOrPrivateNetwork() throws Exception {
    final String path = "/api/v1/agencies/a1/deadlines?scope=subtree";
    final HttpResponse<String> foreignPreflight = send(options(path, FOREIGN_ORIGIN).build());
    assertTrue(
        foreignPreflight.headers().firstValue("Access-Control-Allow-Origin").isEmpty(),
        foreignPreflight.headers().map().toString());
    final HttpResponse<String> ownPreflight = send(options(path, DESK_ORIGIN).build());
    assertEquals(
        DESK_ORIGIN,
        ownPreflight.headers().firstValue("Access-Control-Allow-Origin").orElse(null),
        ownPreflight.headers().map().toString());
    assertTrue(ownPreflight.headers().firstValue("Access-Control-Allow-Credentials").isEmpty());
    final String methods =
        ownPreflight.headers().firstValue("Access-Control-Allow-Methods").orElse("");
    assertEquals("GET", methods);
    final HttpResponse<String> privateNetwork =
        send(
            options(path, DESK_ORIGIN)
                .header("Access-Control-Request-Private-Network", "true")
                .build());
    assertTrue(
        privateNetwork.headers().firstValue("Access-Control-Allow-Private-Network").isEmpty(),
        privateNetwork.headers().map().toString());
    final HttpResponse<String> writePreflight =
        send(
            HttpRequest.newBuilder(URI.create(base + path))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", DESK_ORIGIN)
                .header("Access-Control-Request-Method", "DELETE")
                .build());
    assertTrue(
        writePreflight.headers().firstValue("Access-Control-Allow-Origin").isEmpty(),
        writePreflight.headers().map().toString());

    final HttpResponse<String> foreign =
        send(
            HttpRequest.newBuilder(URI.create(base + "/api/v1/agencies"))
                .header("Origin", FOREIGN_ORIGIN)
                .GET()
                .build());
    assertTrue(
        foreign.headers().firstValue("Access-Control-Allow-Origin").isEmpty(),
        foreign.headers().toString());
    final HttpResponse<String> own =
        send(
            HttpRequest.newBuilder(URI.create(base + "/api/v1/agencies"))
                .header("Origin", DESK_ORIGIN)
                .GET()
                .build());
    assertEquals(200, own.statusCode());
    assertEquals(DESK_ORIGIN, own.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
    assertTrue(own.headers().firstValue("Access-Control-Allow-Credentials").isEmpty());
  }

  @Test
  void shouldSendSecurityHeadersOnPagesAnswersAndRefusals() throws Exception {
    for (String path :
        List.of(
            "/",
            "/dashboard.js",
            "/api/v1/agencies",
            "/api/v1/layout",
            "/no-such-page",
            "/api/v1/agencies/a1/deadlines")) {
      final HttpResponse<String> r =
          send(HttpRequest.newBuilder(URI.create(base + path)).GET().build());
      final String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
      assertTrue(
          csp.contains("default-src 'self'")
              && csp.contains("script-src 'self';")
              && csp.contains("frame-ancestors 'none'")
              && csp.contains("connect-src 'self' " + DESK_ORIGIN),
          path + " " + r.statusCode() + " " + r.headers().map());
      assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(null), path);
      assertEquals("DENY", r.headers().firstValue("X-Frame-Options").orElse(null), path);
      assertEquals("no-referrer", r.headers().firstValue("Referrer-Policy").orElse(null), path);
    }
  }

  @Test
  void shouldAnswerRefusalsTheFrameworkMakesItselfInTheContractsErrorBody() throws Exception {
    final HttpResponse<String> unknown =
        send(HttpRequest.newBuilder(URI.create(base + "/api/v1/no-such-route")).GET().build());
    assertEquals(404, unknown.statusCode());
    assertTrue(
        unknown.body().contains("\"error\":\"NOT_FOUND\"")
            && unknown.body().contains("\"field\":null")
            && !unknown.body().contains("_links"),
        unknown.body());
    final HttpResponse<String> method =
        send(HttpRequest.newBuilder(URI.create(base + "/api/v1/layout")).DELETE().build());
    assertEquals(405, method.statusCode());
    assertTrue(
        method.body().contains("\"error\":\"METHOD_NOT_ALLOWED\"")
            && !method.body().contains("_links"),
        method.body());
  }

  @Test
  void shouldRefuseALargeUploadWithABadTokenBeforeReadingItsBody() throws Exception {
    final long fiftyMb = 50L * 1024 * 1024;
    final AtomicLong sent = new AtomicLong();
    try (Socket s = new Socket("127.0.0.1", app.port())) {
      s.setSoTimeout(30_000);
      final OutputStream out = s.getOutputStream();
      out.write(
          ("POST /api/v1/agencies/a1/reports/2024/import-preview HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                  + "Authorization: Bearer desk.nosuchtoken.abcdefabcdefabcdef\r\nContent-Type: application/octet-stream\r\n"
                  + "Content-Length: "
                  + fiftyMb
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      final Thread writer =
          new Thread(
              () -> {
                final byte[] chunk = new byte[64 * 1024];
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
              "large-upload-writer");
      writer.setDaemon(true);
      writer.start();
      final String statusLine =
          new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII))
              .readLine();
      assertNotNull(statusLine);
      assertTrue(statusLine.startsWith("HTTP/1.1 401"), statusLine);
      assertTrue(sent.get() < fiftyMb, "the whole body was sent before the answer: " + sent.get());
    }
    assertEquals(
        200, send(HttpRequest.newBuilder(URI.create(base + "/health")).GET().build()).statusCode());
  }

  @Test
  void shouldAnswerAnUnexpectedFailureWithAFixedTextAndAnIncidentIdThatIsLogged() throws Exception {
    final Logger logger = (Logger) LoggerFactory.getLogger(Incident.class);
    final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    logged.start();
    logger.addAppender(logged);
    try {
      final HttpResponse<String> r =
          send(HttpRequest.newBuilder(URI.create(base + "/api/v1/test-fault")).GET().build());
      assertEquals(500, r.statusCode(), r.body());
      assertFalse(r.body().contains(FaultRoute.SECRET_DETAIL), r.body());
      assertFalse(r.body().contains("IllegalStateException"), r.body());
      final JsonNode body = Json.MAPPER.readTree(r.body());
      assertEquals("INTERNAL", body.get("error").asText());
      assertEquals(Incident.MESSAGE, body.get("message").asText());
      final String id = body.get("incidentId").asText();
      assertTrue(id.matches("[0-9a-f]{12}"), id);
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

  private static HttpRequest.Builder options(final String path, final String origin) {
    return HttpRequest.newBuilder(URI.create(base + path))
        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
        .header("Origin", origin)
        .header("Access-Control-Request-Method", "GET")
        .header("Access-Control-Request-Headers", "authorization");
  }

  private static HttpResponse<String> send(final HttpRequest request) throws Exception {
    return CLIENT.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }
}
