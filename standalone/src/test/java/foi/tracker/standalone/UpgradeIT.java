package foi.tracker.standalone;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import foi.tracker.core.json.Json;
import foi.tracker.kafka.LoopbackPorts;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An upgrade keeps an existing ./data working: the current jar starts on a data dir written by the
 * previous release (46604ea; made by src/test/upgrade/make-previous-data.sh, kept as a resource)
 * and every table is exact under the current rules, among them Table 四 across years, which that
 * release counted differently (a review filed in November 2024 and concluded 纠正 in February 2025
 * was 尚未审结 in 2024 and nowhere in 2025): the processor recounts its totals from the stored
 * requests. The stored requests of the old format are read, the idempotency index is rebuilt, and
 * new steps and a publication work on the old data.
 */
class UpgradeIT {
  private static final String ADMIN = "upgrade-admin-token-0123456789";
  private static final String PREVIOUS = "data-46604ea.tar.gz";
  private Process process;

  @AfterEach
  void stop() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      process.waitFor();
    }
  }

  @Test
  void shouldStartOnThePreviousReleasesDataAndBeExactUnderTheCurrentRules() throws Exception {
    final Path dataDir = Files.createTempDirectory("upgrade-it");
    unpack(dataDir);
    final int ingest = LoopbackPorts.reserve();
    final int dashboard = LoopbackPorts.reserve();
    process = StandaloneProcessIT.start(dataDir, ingest, dashboard, ADMIN);
    StandaloneProcessIT.awaitHealthy(process, dataDir, ingest, dashboard);
    final String d = "http://127.0.0.1:" + dashboard + "/api/v1/agencies/";
    final String in = "http://127.0.0.1:" + ingest + "/api/v1/agencies/";

    await()
        .atMost(Duration.ofSeconds(30))
        .ignoreExceptions()
        .until(
            () ->
                get(d + "liancheng/reports/2025/table4")
                        .get("cells")
                        .get("REVIEW_CORRECTED")
                        .asLong()
                    == 1);
    final JsonNode t4y2024 = get(d + "liancheng/reports/2024/table4").get("cells");
    assertEquals(1, t4y2024.get("REVIEW_PENDING").asLong(), "open on 31 December 2024: 尚未审结");
    assertEquals(0, t4y2024.get("REVIEW_CORRECTED").asLong());
    final JsonNode t4y2025 = get(d + "liancheng/reports/2025/table4").get("cells");
    assertEquals(1, t4y2025.get("REVIEW_TOTAL").asLong());
    assertEquals(0, t4y2025.get("REVIEW_PENDING").asLong());

    final JsonNode y2024 = get(d + "guzhen/reports/2024/table3?scope=subtree").get("rows");
    assertEquals("[3,1,0,0,0,0,4]", y2024.get("NEW").toString());
    assertEquals("[1,0,0,0,0,0,1]", y2024.get("DISCLOSED").toString());
    assertEquals("[2,0,0,0,0,0,2]", y2024.get("OTHER").toString());
    assertEquals("[0,1,0,0,0,0,1]", y2024.get("CARRIED_OVER_OUT").toString());
    final JsonNode y2025 = get(d + "guzhen/reports/2025/table3?scope=subtree").get("rows");
    assertEquals("[0,1,0,0,0,0,1]", y2025.get("CARRIED_OVER_IN").toString());
    assertEquals("[0,0,0,0,1,0,1]", y2025.get("NEW").toString());
    assertEquals("[0,1,0,0,0,0,1]", y2025.get("PARTIALLY_DISCLOSED").toString());
    assertEquals("[0,0,0,0,1,0,1]", y2025.get("CARRIED_OVER_OUT").toString());

    final JsonNode request =
        Json.MAPPER.readTree(
            StandaloneProcessIT.call("GET", d + "liancheng/requests/2024-001", ADMIN, null).body());
    assertEquals("DISCLOSED", request.get("outcome").asText(), request.toString());
    assertEquals(1, request.get("cases").size());

    // the index was rebuilt from the old log: a re-send is the same, a changed re-send a conflict
    assertEquals(
        202,
        StandaloneProcessIT.call(
                "POST",
                in + "liancheng/requests/2024-003/events",
                ADMIN,
                "{\"eventId\":\"w1\",\"type\":\"WITHDRAWN\",\"date\":\"2024-11-01\"}")
            .statusCode());
    assertEquals(
        409,
        StandaloneProcessIT.call(
                "POST",
                in + "liancheng/requests/2024-003/events",
                ADMIN,
                "{\"eventId\":\"w1\",\"type\":\"WITHDRAWN\",\"date\":\"2024-11-02\"}")
            .statusCode());
    // a new step on an old request, and a publication of an old year
    assertEquals(
        202,
        StandaloneProcessIT.call(
                "POST",
                in + "guzhen-czj/requests/cz-2/events",
                ADMIN,
                "{\"eventId\":\"d1\",\"type\":\"DECIDED\",\"date\":\"2025-11-20\",\"outcome\":\"DISCLOSED\"}")
            .statusCode());
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                get(d + "guzhen/reports/2025/table3?scope=subtree")
                        .get("rows")
                        .get("DISCLOSED")
                        .get(6)
                        .asLong()
                    == 1);
    assertEquals(
        201,
        StandaloneProcessIT.call(
                "PUT",
                in + "guzhen/reports/2025/publications/1",
                ADMIN,
                "{\"publishedDate\":\"2026-01-20\"}")
            .statusCode());
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                StandaloneProcessIT.call(
                            "GET",
                            d + "guzhen/reports/2025/table3?scope=subtree&version=published",
                            null,
                            null)
                        .statusCode()
                    == 200);
    final JsonNode published =
        get(d + "guzhen/reports/2025/table3?scope=subtree&version=published");
    assertEquals("[0,1,0,0,1,0,2]", published.get("rows").get("DECIDED_TOTAL").toString());
    assertTrue(published.get("balanced").asBoolean(), published.toString());
  }

  private static JsonNode get(final String url) throws IOException, InterruptedException {
    return Json.MAPPER.readTree(StandaloneProcessIT.call("GET", url, null, null).body());
  }

  private static void unpack(final Path dataDir) throws IOException, InterruptedException {
    final Path tar = dataDir.resolveSibling(dataDir.getFileName() + ".tar.gz");
    try (InputStream in = UpgradeIT.class.getResourceAsStream("/upgrade/" + PREVIOUS)) {
      Files.copy(in, tar);
    }
    final Process p =
        new ProcessBuilder("tar", "-xzf", tar.toString(), "-C", dataDir.toString())
            .inheritIO()
            .start();
    assertEquals(0, p.waitFor(), "tar");
    Files.delete(tar);
  }
}
