package foi.tracker.core.view;

import foi.tracker.core.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The body of a service's {@code GET /health} (服务健康状态): its own readiness ({@code UP} once its
 * views are rebuilt, {@code STARTING} with the rebuild's progress before) and, for the on-call
 * engineer, the processor's state and lag. The status code follows the service's own readiness
 * only: a lagging or stopped processor never makes it 503.
 */
public final class ServiceHealth {
  private static final com.fasterxml.jackson.databind.ObjectMapper WITH_NULLS =
      Json.MAPPER
          .copy()
          .setSerializationInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.ALWAYS);

  private ServiceHealth() {}

  /**
   * {@code {"status":"UP","processor":{…}}} when ready, else {@code
   * {"status":"STARTING","progress":{"read","toRead","percent","seconds"},"processor":{…}}}.
   */
  public static String body(
      final boolean ready,
      final TopicTail.Progress progress,
      final ProcessorProbe.Snapshot processor) {
    final Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", ready ? "UP" : "STARTING");
    if (!ready) {
      final Map<String, Object> p = new LinkedHashMap<>();
      p.put("read", progress.read());
      p.put("toRead", progress.toRead());
      p.put("percent", progress.percent());
      p.put("seconds", Math.round(progress.seconds() * 10) / 10.0);
      body.put("progress", p);
    }
    body.put("processor", processor.json());
    try {
      return WITH_NULLS.writeValueAsString(body);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
