package foi.tracker.core.api;

import foi.tracker.core.json.Json;
import foi.tracker.core.view.TopicTail;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Not ready means 503 (未就绪即 503, api.md "Operating it"): until a service has rebuilt its views from
 * Kafka, every {@code /api/**} route answers 503 {@code CATCHING_UP} with Retry-After, rather than
 * answers built on part of the log (a valid token refused as unknown, an existing request not
 * found, a changed re-send taken as new, a table short of counts). The routes that do not depend on
 * the log ({@link #ALWAYS_OPEN}), the pages, {@code /health} and the CORS preflight are not held
 * back. Each service applies it once, in one HTTP filter.
 */
public final class CatchingUpGate {
  /**
   * The routes answered during the rebuild: what the pages need to start and what says how far it
   * is.
   */
  public static final Set<String> ALWAYS_OPEN =
      Set.of("/api/v1/status", "/api/v1/layout", "/api/v1/taxonomy");

  /** Seconds a client waits before asking again. */
  public static final int RETRY_AFTER_SECONDS = 3;

  /** The message's Chinese part: what the pages show. */
  public static final String MESSAGE = "正在恢复数据，请稍候";

  private static final com.fasterxml.jackson.databind.ObjectMapper WITH_NULLS =
      Json.MAPPER
          .copy()
          .setSerializationInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.ALWAYS);

  private CatchingUpGate() {}

  /**
   * Whether a request for {@code path} with {@code method} waits for the rebuild (answered 503
   * until then).
   */
  public static boolean holdsBack(final String method, final String path) {
    if (path == null || "OPTIONS".equalsIgnoreCase(method)) {
      return false;
    }
    final String p = path.toLowerCase(Locale.ROOT);
    if (!(p.equals("/api") || p.startsWith("/api/"))) {
      return false;
    }
    final String trimmed = p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    return !ALWAYS_OPEN.contains(trimmed);
  }

  /**
   * The 503: {@code {"error":"CATCHING_UP","message":"正在恢复数据，请稍候 (…)","field":null,"progress":{…}}}
   * with {@code Retry-After}; {@code progress} as in the 503 {@code /health}.
   */
  public static Reply answer(final TopicTail.Progress progress) {
    final Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", "CATCHING_UP");
    body.put(
        "message",
        ApiException.text(
            null,
            MESSAGE + "：服务刚启动，正在从 Kafka 重建数据，完成前不受理请求",
            "the service is rebuilding its data from Kafka after a start; retry after Retry-After seconds"));
    body.put("field", null);
    final Map<String, Object> p = new LinkedHashMap<>();
    p.put("read", progress.read());
    p.put("toRead", progress.toRead());
    p.put("percent", progress.percent());
    body.put("progress", p);
    try {
      final String json = WITH_NULLS.writeValueAsString(body);
      return new Reply(503, json, Map.of("Retry-After", String.valueOf(RETRY_AFTER_SECONDS)));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
