package foi.tracker.core.api;

import foi.tracker.core.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/** An HTTP answer independent of the framework: status, JSON body, extra headers. */
public record Reply(int status, String json, Map<String, String> headers) {
  public static Reply of(final int status, final Object body) {
    return new Reply(status, Json.writeString(body), Map.of());
  }

  public static Reply error(final ApiException e) {
    final Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", e.code());
    body.put("message", e.getMessage());
    body.put("field", e.field());
    final String json;
    try {
      json =
          Json.MAPPER
              .copy()
              .setSerializationInclusion(
                  com.fasterxml.jackson.annotation.JsonInclude.Include.ALWAYS)
              .writeValueAsString(body);
    } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
      throw new IllegalStateException(ex);
    }
    return new Reply(e.status(), json, e.status() == 503 ? Map.of("Retry-After", "5") : Map.of());
  }
}
