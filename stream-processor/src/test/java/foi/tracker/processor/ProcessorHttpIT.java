package foi.tracker.processor;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import foi.tracker.core.config.TrackerConfig;
import foi.tracker.core.json.Json;
import foi.tracker.kafka.EmbeddedKafka;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

/**
 * The processor's own HTTP server on a real broker: /health is 200 with the state and lag while
 * Streams runs and 503 once it no longer does; only GET is answered, and only its three paths.
 */
class ProcessorHttpIT {
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  private static final java.util.regex.Pattern RUNNING_ONE =
      java.util.regex.Pattern.compile("(?m)^foi_tracker_processor_running(\\{[^}]*\\})? 1\\.0$");
  private static final java.util.regex.Pattern RUNNING_ZERO =
      java.util.regex.Pattern.compile("(?m)^foi_tracker_processor_running(\\{[^}]*\\})? 0\\.0$");

  @Test
  void healthIs200WhileRunningAnd503AfterwardsAndOnlyItsPathsAnswer() throws Exception {
    try (EmbeddedKafka broker = EmbeddedKafka.startTemporary()) {
      final Path dir = Files.createTempDirectory("processor-http-it");
      final TrackerConfig config =
          TrackerConfig.from(Map.of("TRACKER_PARTITIONS", "2", "TRACKER_DATA_DIR", dir.toString()))
              .withBootstrapServers(broker.bootstrapServers());
      final StreamProcessorApp app =
          StreamProcessorApp.start(
              config,
              ProcessorSettings.defaults(2),
              Map.of(
                  StreamsConfig.STATE_DIR_CONFIG,
                  dir.resolve("streams-" + UUID.randomUUID()).toString()));
      try (ProcessorHttp http = ProcessorHttp.start(app, "127.0.0.1", 0)) {
        await().atMost(Duration.ofSeconds(60)).until(app::isRunning);
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> get(http, "/health").statusCode() == 200);
        final JsonNode up = Json.MAPPER.readTree(get(http, "/health").body());
        assertEquals("UP", up.get("status").asText());
        assertEquals("RUNNING", up.get("state").asText());
        assertEquals(2, up.get("partitions").size(), up.toString());
        assertEquals(0, up.get("lagRecords").asLong());
        final HttpResponse<String> post =
            CLIENT.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.port() + "/health"))
                    .POST(HttpRequest.BodyPublishers.ofString("{}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(405, post.statusCode());
        assertEquals("METHOD_NOT_ALLOWED", Json.MAPPER.readTree(post.body()).get("error").asText());
        assertEquals(404, get(http, "/healthz").statusCode());
        assertEquals(404, get(http, "/").statusCode());
        assertTrue(
            get(http, "/metrics")
                .body()
                .contains("foi_tracker_processor_lag_records{partition=\"1\""));
        assertTrue(
            RUNNING_ONE.matcher(get(http, "/metrics").body()).find(),
            "foi_tracker_processor_running is 1 while Streams runs");

        app.close();
        // the process still answers its scrape: the gauge says it processes nothing
        assertTrue(
            RUNNING_ZERO.matcher(get(http, "/metrics").body()).find(),
            "foi_tracker_processor_running is 0 once Streams has stopped");
        final HttpResponse<String> down = get(http, "/health");
        assertEquals(503, down.statusCode(), down.body());
        final JsonNode d = Json.MAPPER.readTree(down.body());
        assertEquals("DOWN", d.get("status").asText());
        assertEquals("NOT_RUNNING", d.get("state").asText());
      }
    }
  }

  private static HttpResponse<String> get(final ProcessorHttp http, final String path)
      throws Exception {
    return CLIENT.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.port() + path))
            .timeout(Duration.ofSeconds(10))
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
