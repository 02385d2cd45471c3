package foi.tracker.dashboard;

import foi.tracker.core.api.ApiException;
import foi.tracker.core.api.Reply;
import foi.tracker.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** An HTTP answer of any content type, framework-free. */
record Answer(int status, String contentType, byte[] body, Map<String, String> headers) {
  static final String JSON = "application/json";
  static final String HTML = "text/html; charset=utf-8";
  private static final com.fasterxml.jackson.databind.ObjectMapper WITH_NULLS =
      Json.MAPPER
          .copy()
          .setSerializationInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.ALWAYS);

  static Answer json(final Object body) {
    return new Answer(200, JSON, Json.write(body), Map.of());
  }

  /** JSON that keeps null fields (request detail, deadlines: a null due date is information). */
  static Answer jsonWithNulls(final Object body) {
    try {
      return new Answer(200, JSON, WITH_NULLS.writeValueAsBytes(body), Map.of());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static Answer html(final String html) {
    return new Answer(200, HTML, html.getBytes(StandardCharsets.UTF_8), Map.of());
  }

  static Answer error(final ApiException e) {
    final Reply r = Reply.error(e);
    return new Answer(r.status(), JSON, r.json().getBytes(StandardCharsets.UTF_8), r.headers());
  }

  static Answer download(final String contentType, final byte[] body, final String filename) {
    return new Answer(
        200,
        contentType,
        body,
        Map.of("Content-Disposition", "attachment; filename=\"" + filename + "\""));
  }
}
