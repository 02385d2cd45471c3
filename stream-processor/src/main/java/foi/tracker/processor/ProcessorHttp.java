package foi.tracker.processor;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import foi.tracker.ops.TrackerMeters;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The processor's own small HTTP server (it has no Micronaut): {@code GET /metrics} (Prometheus
 * text), {@code GET /health} (200 while Streams is RUNNING or REBALANCING, else 503; the body names
 * the state and the lag of each partition held) and {@code GET /openapi.yml}. Bound to {@code
 * TRACKER_PROCESSOR_HOST} (default loopback) at {@code TRACKER_PROCESSOR_PORT} (default {@value
 * #DEFAULT_PORT}).
 */
public final class ProcessorHttp implements AutoCloseable {
  public static final int DEFAULT_PORT = 8083;
  private static final byte[] NOT_FOUND =
      "{\"error\":\"NOT_FOUND\",\"message\":\"未找到 (not found)\",\"field\":null}"
          .getBytes(StandardCharsets.UTF_8);
  private final HttpServer server;
  private final ExecutorService executor;

  private ProcessorHttp(final HttpServer server, final ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /** Starts serving {@code app} on {@code host:port} (port 0: any free port). */
  public static ProcessorHttp start(final StreamProcessorApp app, final String host, final int port)
      throws IOException {
    final HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 16);
    final ExecutorService executor =
        Executors.newFixedThreadPool(
            2,
            r -> {
              final Thread t = new Thread(r, "processor-http");
              t.setDaemon(true);
              return t;
            });
    final byte[] openApi = openApi();
    server.createContext(
        "/metrics",
        x ->
            answer(
                x,
                200,
                TrackerMeters.CONTENT_TYPE,
                app.registry().scrape().getBytes(StandardCharsets.UTF_8)));
    server.createContext(
        "/health",
        x -> {
          final KafkaStreams.State state = app.state();
          final boolean up =
              state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING;
          final Map<Integer, Double> lag = new TreeMap<>(ProcessorMeters.lagOf(app.streams()));
          final StringBuilder body =
              new StringBuilder()
                  .append("{\"status\":\"")
                  .append(up ? "UP" : "DOWN")
                  .append("\",\"state\":\"")
                  .append(state)
                  .append("\",\"lagRecords\":")
                  .append((long) lag.values().stream().mapToDouble(Double::doubleValue).sum())
                  .append(",\"partitions\":{");
          String sep = "";
          for (Map.Entry<Integer, Double> e : lag.entrySet()) {
            body.append(sep)
                .append('"')
                .append(e.getKey())
                .append("\":")
                .append(e.getValue().longValue());
            sep = ",";
          }
          body.append("}}");
          answer(
              x,
              up ? 200 : 503,
              "application/json",
              body.toString().getBytes(StandardCharsets.UTF_8));
        });
    server.createContext(
        "/openapi.yml", x -> answer(x, 200, "application/yaml; charset=utf-8", openApi));
    server.createContext("/", x -> answer(x, 404, "application/json", NOT_FOUND));
    server.setExecutor(executor);
    server.start();
    return new ProcessorHttp(server, executor);
  }

  /** {@code TRACKER_PROCESSOR_PORT}, else {@link #DEFAULT_PORT}. */
  public static int portFrom(final Map<String, String> env) {
    final String v = env.get("TRACKER_PROCESSOR_PORT");
    if (v == null || v.isBlank()) {
      return DEFAULT_PORT;
    }
    try {
      final int p = Integer.parseInt(v.trim());
      if (p >= 0 && p <= 65535) {
        return p;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "TRACKER_PROCESSOR_PORT must be a port number from 0 to 65535, got: " + v);
  }

  /** {@code TRACKER_PROCESSOR_HOST}, else loopback. */
  public static String hostFrom(final Map<String, String> env) {
    final String v = env.get("TRACKER_PROCESSOR_HOST");
    return v == null || v.isBlank() ? "127.0.0.1" : v.trim();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private static void answer(
      final HttpExchange x, final int status, final String type, final byte[] body)
      throws IOException {
    try (x) {
      final String path = x.getRequestURI().getPath();
      if (status != 404 && !path.equals(x.getHttpContext().getPath())) {
        answer(x, 404, "application/json", NOT_FOUND);
        return;
      }
      if (!"GET".equals(x.getRequestMethod()) && !"HEAD".equals(x.getRequestMethod())) {
        final byte[] refused =
            ("{\"error\":\"METHOD_NOT_ALLOWED\",\"message\":\"只支持 GET (only GET)\",\"field\":null}")
                .getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", "application/json");
        x.getResponseHeaders().set("Allow", "GET, HEAD");
        x.sendResponseHeaders(405, refused.length);
        x.getResponseBody().write(refused);
        return;
      }
      x.getResponseHeaders().set("Content-Type", type);
      x.getResponseHeaders().set("Cache-Control", "no-store");
      final boolean head = "HEAD".equals(x.getRequestMethod());
      x.sendResponseHeaders(status, head ? -1 : body.length);
      if (!head) {
        try (OutputStream out = x.getResponseBody()) {
          out.write(body);
        }
      }
    }
  }

  private static byte[] openApi() throws IOException {
    try (InputStream in =
        ProcessorHttp.class.getResourceAsStream("/openapi/stream-processor.yml")) {
      if (in == null) {
        throw new IllegalStateException(
            "openapi/stream-processor.yml is missing from the class path");
      }
      return in.readAllBytes();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
