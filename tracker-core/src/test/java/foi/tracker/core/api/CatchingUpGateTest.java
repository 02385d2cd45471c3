package foi.tracker.core.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import foi.tracker.core.json.Json;
import foi.tracker.core.view.TopicTail;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CatchingUpGateTest {
  @ParameterizedTest
  @CsvSource({
    "GET, /api/v1/agencies/shi/reports/2025/table3",
    "GET, /api/v1/whoami",
    "POST, /api/v1/agencies/shi/requests",
    "POST, /api/v1/agencies/shi/requests/q1/events",
    "PUT, /api/v1/agencies/shi/reports/2025/publications/1",
    "GET, /api/v1/agencies",
    "GET, /api/v1/agencies/shi/alerts/stream",
    "GET, /API/v1/agencies",
    "GET, /api/v1/status/extra",
    "GET, /api/v1/statuses",
    "GET, /api",
    "GET, /api/"
  })
  void shouldHoldBackEveryApiRouteWhenItDependsOnTheLog(final String method, final String path) {
    assertTrue(CatchingUpGate.holdsBack(method, path), method + " " + path);
  }

  @ParameterizedTest
  @CsvSource({
    "GET, /api/v1/status",
    "GET, /api/v1/layout",
    "GET, /api/v1/taxonomy",
    "GET, /api/v1/status/",
    "GET, /health",
    "GET, /",
    "GET, /desk/index.html",
    "GET, /dashboard/dashboard.js",
    "GET, /desk-config.json",
    "GET, /metrics",
    "GET, /openapi.yml",
    "GET, /apix",
    "OPTIONS, /api/v1/agencies/shi/reports/2025/publications/1"
  })
  void shouldLetThroughWhatDoesNotDependOnTheLog(final String method, final String path) {
    assertFalse(CatchingUpGate.holdsBack(method, path), method + " " + path);
  }

  @Test
  void shouldAnswer503CatchingUpWithRetryAfterAndTheProgressWhenHoldingBack() throws Exception {
    final Reply r = CatchingUpGate.answer(new TopicTail.Progress(1_250, 5_000, 12.3, false));
    assertEquals(503, r.status());
    assertEquals(Map.of("Retry-After", "3"), r.headers());
    final JsonNode body = Json.MAPPER.readTree(r.json());
    assertEquals("CATCHING_UP", body.get("error").asText());
    assertTrue(body.get("message").asText().startsWith("正在恢复数据，请稍候"), body.get("message").asText());
    assertTrue(body.get("field").isNull());
    assertEquals("{\"read\":1250,\"toRead\":5000,\"percent\":25}", body.get("progress").toString());
  }
}
