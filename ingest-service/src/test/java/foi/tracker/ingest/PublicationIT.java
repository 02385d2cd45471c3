package foi.tracker.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Publication (年报发布) through the whole stack on a real broker: the cut under concurrent writes,
 * what a version freezes, corrections after it, re-publication and withdrawal, an imported year
 * with its checks, the contract's refusals in order, and a dashboard restarted from Kafka serving
 * the same versions.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PublicationIT {
  private static final String ADMIN = "publication-admin-token-0123456789";
  private static final int NP = 0;
  private static final int TOTAL = 6;

  private TrackerStack stack;
  private TestHttp in;
  private TestHttp out;

  @BeforeAll
  void start() throws Exception {
    stack = TrackerStack.start(ADMIN);
    in = stack.ingestHttp();
    out = stack.dashboardHttp();
    agency("p-county", null);
    agency("p-town", "p-county");
    agency("p-village", "p-county");
  }

  @AfterAll
  void stop() throws Exception {
    stack.close();
  }

  @Test
  void shouldCutExactlyBetweenTheWritesAcknowledgedBeforeAndThoseSentAfterWhileWritesGoOn()
      throws Exception {
    for (int i = 0; i < 5; i++) {
      application("p-town", "pre-" + i, "2025-06-0" + (i + 1));
    }
    final AtomicBoolean stop = new AtomicBoolean();
    final AtomicInteger acked = new AtomicInteger();
    final ExecutorService pool = Executors.newSingleThreadExecutor();
    final Future<?> writer =
        pool.submit(
            () -> {
              for (int i = 0; !stop.get(); i++) {
                application("p-village", "w-" + i, "2025-12-01");
                acked.incrementAndGet();
              }
            });
    Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> acked.get() >= 20);
    final int ackedBefore = acked.get();
    final TestHttp.Resp r = publish("p-county", 2025, 1, "{\"publishedDate\":\"2026-01-20\"}");
    final int sentBefore201 = acked.get() + 1;
    assertEquals(201, r.status(), r.toString());
    assertEquals(1, r.json().get("version").asInt());
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> acked.get() >= sentBefore201 + 10);
    stop.set(true);
    writer.get();
    pool.shutdown();
    final int total = acked.get();

    final JsonNode frozen = awaitPublished("p-county", 2025, "subtree");
    final long frozenNew = frozen.get("rows").get("NEW").get(NP).asLong() - 5;
    assertTrue(
        frozenNew >= ackedBefore,
        "every write acknowledged before the call is in: " + frozenNew + " < " + ackedBefore);
    assertTrue(
        frozenNew <= sentBefore201,
        "no write sent after the 201 is in: " + frozenNew + " > " + sentBefore201);
    assertEquals(1, frozen.get("publication").get("version").asInt());
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                table3("p-village", 2025, "agency", null).get("rows").get("NEW").get(NP).asLong()
                    == total);

    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                corrections("p-county", 2025, "subtree", ADMIN).get("eventCount").asLong()
                    == total - frozenNew);
    final JsonNode corrections = corrections("p-county", 2025, "subtree", ADMIN);
    corrections
        .get("events")
        .forEach(
            e -> {
              assertEquals("p-village", e.get("agencyId").asText());
              assertEquals("RECEIVED", e.get("type").asText());
            });
    assertFalse(
        corrections("p-county", 2025, "subtree", null).has("events"), "events only with a token");
    // paged (api.md "Lists at national scope"): one at a time, every event once and in order, the
    // total on each page
    final List<String> allEvents = new ArrayList<>();
    corrections.get("events").forEach(e -> allEvents.add(e.toString()));
    assertEquals(allEvents.size(), corrections.get("total").asInt());
    assertTrue(corrections.get("nextCursor").isNull(), "one page of the default 500");
    final List<String> walked = new ArrayList<>();
    String cursor = null;
    do {
      final JsonNode page =
          corrections(
              "p-county",
              2025,
              "subtree&limit=1" + (cursor == null ? "" : "&cursor=" + cursor),
              ADMIN);
      assertEquals(allEvents.size(), page.get("total").asInt());
      assertTrue(page.get("events").size() <= 1, page.toString());
      page.get("events").forEach(e -> walked.add(e.toString()));
      cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
    } while (cursor != null);
    assertEquals(allEvents, walked);
    for (String bad : List.of("limit=0", "limit=5001", "limit=x", "cursor=%21%21", "cursor=ZDE")) {
      final TestHttp.Resp refused =
          out.get("/api/v1/agencies/p-county/reports/2025/corrections?scope=subtree&" + bad, ADMIN);
      assertEquals(400, refused.status(), bad + " " + refused);
      assertEquals(bad.substring(0, bad.indexOf('=')), refused.json().get("field").asText(), bad);
    }
    final JsonNode live = table3("p-county", 2025, "subtree", null);
    assertEquals(1, live.get("publication").get("version").asInt());
    final JsonNode changed = live.get("changedSincePublication");
    assertTrue(changed.size() > 0, live.toString());
    boolean sawNew = false;
    for (JsonNode c : changed) {
      if (c.get("row").asText().equals("NEW")
          && c.get("column").asText().equals("NATURAL_PERSON")) {
        assertEquals(frozenNew + 5, c.get("published").asLong());
        assertEquals(total + 5, c.get("live").asLong());
        sawNew = true;
      }
    }
    assertTrue(sawNew, changed.toString());

    // re-publication with its reason, then its withdrawal: the first version is the published one
    // again
    assertEquals(
        "MISSING_FIELD",
        publish("p-county", 2025, 2, "{\"publishedDate\":\"2026-02-01\"}")
            .json()
            .get("error")
            .asText());
    final TestHttp.Resp v2 =
        publish("p-county", 2025, 2, "{\"publishedDate\":\"2026-02-01\",\"reason\":\"补录遗漏申请\"}");
    assertEquals(201, v2.status(), v2.toString());
    final JsonNode republished = awaitVersion("p-county", 2025, "subtree", 2);
    assertEquals(total + 5, republished.get("rows").get("NEW").get(NP).asLong());
    assertEquals(
        0, table3("p-county", 2025, "subtree", null).get("changedSincePublication").size());
    final TestHttp.Resp w =
        in.send(
            "DELETE",
            "/api/v1/agencies/p-county/reports/2025/publications/2",
            ADMIN,
            "{\"reason\":\"误发\"}");
    assertEquals(200, w.status(), w.toString());
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                table3("p-county", 2025, "subtree", "published")
                        .get("publication")
                        .get("version")
                        .asInt()
                    == 1);
    final JsonNode list =
        out.get("/api/v1/agencies/p-county/reports/2025/publications", null).json();
    assertEquals(2, list.get("publications").size());
    assertTrue(list.get("publications").get(1).get("withdrawn").asBoolean());
    assertEquals("补录遗漏申请", list.get("publications").get(1).get("reason").asText());

    // a dashboard rebuilt from Kafka serves the same frozen version
    final String before = table3("p-county", 2025, "subtree", "1").get("rows").toString();
    stack.restartDashboard();
    out = stack.dashboardHttp();
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                out.get(
                            "/api/v1/agencies/p-county/reports/2025/table3?scope=subtree&version=1",
                            null)
                        .status()
                    == 200);
    assertEquals(before, table3("p-county", 2025, "subtree", "1").get("rows").toString());
    for (String format : List.of("csv", "html", "xlsx")) {
      assertEquals(
          200,
          out.get(
                  "/api/v1/agencies/p-county/reports/2025/table3?scope=subtree&version=1&format="
                      + format,
                  null)
              .status(),
          format);
    }
    assertEquals(200, out.get("/api/v1/agencies/p-county/reports/2025?version=1", null).status());
    assertEquals(
        200, out.get("/api/v1/agencies/p-county/compliance/2025?version=published", null).status());
  }

  @Test
  void shouldStoreAnImportedReportAsGivenAndSayWhatIsWrongWithIt() {
    agency("i-town", null);
    final StringBuilder rows = new StringBuilder();
    final List<String> codes = new ArrayList<>();
    for (var row : foi.tracker.core.taxonomy.Taxonomy.get().rows()) {
      codes.add(row.code());
    }
    for (String code : codes) {
      final String v =
          switch (code) {
            case "NEW" -> "[3,0,0,0,0,0,3]";
            case "DISCLOSED", "DECIDED_TOTAL" -> "[2,0,0,0,0,0,2]";
            case "CARRIED_OVER_OUT" -> "[2,0,0,0,0,0,2]"; // 3 + 0 − 2 = 1, not 2: BALANCE
            default -> "[0,0,0,0,0,0,0]";
          };
      rows.append(rows.length() == 0 ? "" : ",").append('"').append(code).append("\":").append(v);
    }
    final StringBuilder t4 = new StringBuilder();
    for (String code : foi.tracker.core.taxonomy.Taxonomy.get().table4Columns()) {
      t4.append(t4.length() == 0 ? "" : ",")
          .append('"')
          .append(code)
          .append("\":")
          .append(code.equals("REVIEW_TOTAL") ? 1 : 0);
    }
    final String body =
        "{\"publishedDate\":\"2025-01-25\",\"imported\":{\"table3\":{\"rows\":{"
            + rows
            + "}},\"table4\":{\"cells\":{"
            + t4
            + "}}}}";
    final TestHttp.Resp r = publish("i-town", 2024, 1, body);
    assertEquals(201, r.status(), r.toString());
    assertEquals(
        201, publish("i-town", 2024, 1, body).status(), "the same version again: the same answer");
    assertEquals(
        "CONFLICT",
        publish("i-town", 2024, 1, body.replace("2025-01-25", "2025-01-26"))
            .json()
            .get("error")
            .asText());
    final JsonNode t = awaitPublished("i-town", 2024, "agency");
    assertFalse(t.get("balanced").asBoolean());
    assertEquals("BALANCE", t.get("imbalances").get(0).get("rule").asText(), t.toString());
    assertEquals(
        404,
        out.get("/api/v1/agencies/i-town/reports/2024/table3?scope=subtree&version=published", null)
            .status(),
        "an agency report imported without scope has no subtree table");
    final JsonNode table4 =
        out.get("/api/v1/agencies/i-town/reports/2024/table4?version=published", null).json();
    assertEquals(
        "TABLE4_TOTAL", table4.get("imbalances").get(0).get("rule").asText(), table4.toString());
    // 2025 live: 二 is 0 while the published 2024 report carried 2 over
    final JsonNode live = table3("i-town", 2025, "agency", null);
    boolean continuity = false;
    for (JsonNode i : live.get("imbalances")) {
      continuity |= i.get("rule").asText().equals("PUBLISHED_CONTINUITY");
    }
    assertTrue(continuity, live.toString());
    final JsonNode notImported =
        publish("i-town", 2024, 2, "{\"publishedDate\":\"2025-02-01\",\"reason\":\"x\"}").json();
    assertEquals("MISSING_FIELD", notImported.get("error").asText());
    assertEquals(
        "imported",
        notImported.get("field").asText(),
        "a later version of an imported year is imported");
  }

  @Test
  void shouldPreviewAnUploadedOfficialWorkbookAndImportWhatWasRead() {
    agency("x-town", null);
    application("x-town", "x1", "2025-04-01");
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                table3("x-town", 2025, "agency", null).get("rows").get("NEW").get(NP).asLong()
                    == 1);
    final byte[] xlsx = out.getBytes("/api/v1/agencies/x-town/reports/2025/table3?format=xlsx");
    assertEquals(
        401,
        out.upload(
                "/api/v1/agencies/x-county/reports/2024/import-preview",
                null,
                "application/octet-stream",
                xlsx)
            .status());
    final TestHttp.Resp preview =
        out.upload(
            "/api/v1/agencies/x-town/reports/2024/import-preview",
            ADMIN,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            xlsx);
    assertEquals(200, preview.status(), preview.toString());
    final JsonNode p = preview.json();
    assertTrue(p.get("readable").asBoolean(), p.toString());
    assertEquals(1, p.get("table3").get("rows").get("NEW").get(NP).asLong());
    assertEquals(1, p.get("table3").get("rows").get("CARRIED_OVER_OUT").get(TOTAL).asLong());
    assertTrue(p.get("table3").get("balanced").asBoolean());
    final TestHttp.Resp imported =
        publish(
            "x-town",
            2024,
            1,
            "{\"publishedDate\":\"2025-01-30\",\"imported\":" + p.get("imported") + "}");
    assertEquals(201, imported.status(), imported.toString());
    assertEquals(
        1, awaitPublished("x-town", 2024, "agency").get("rows").get("NEW").get(NP).asLong());
    final TestHttp.Resp junk =
        out.upload(
            "/api/v1/agencies/x-town/reports/2024/import-preview",
            ADMIN,
            "application/octet-stream",
            "not a workbook".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertEquals(200, junk.status());
    assertFalse(junk.json().get("readable").asBoolean());
  }

  @Test
  void shouldFlagAPublishedSubtreeThatNoLongerAddsUpToItsAgenciesOwnPublications() {
    agency("s-county", null);
    agency("s-town", "s-county");
    application("s-town", "s1", "2025-05-06");
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                table3("s-town", 2025, "agency", null).get("rows").get("NEW").get(NP).asLong()
                    == 1);
    assertEquals(201, publish("s-town", 2025, 1, "{\"publishedDate\":\"2026-01-10\"}").status());
    assertEquals(201, publish("s-county", 2025, 1, "{\"publishedDate\":\"2026-01-20\"}").status());
    final JsonNode agreed = awaitPublished("s-county", 2025, "subtree");
    assertTrue(
        agreed.get("balanced").asBoolean(),
        "the county's roll-up adds up to the town's report: " + agreed);
    // a late entry, and the town re-publishes; the county's published roll-up no longer adds up
    application("s-town", "s2", "2025-12-29");
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                table3("s-town", 2025, "agency", null).get("rows").get("NEW").get(NP).asLong()
                    == 2);
    assertEquals(
        201,
        publish("s-town", 2025, 2, "{\"publishedDate\":\"2026-02-10\",\"reason\":\"补录\"}")
            .status());
    awaitVersion("s-town", 2025, "subtree", 2);
    final JsonNode flagged = table3("s-county", 2025, "subtree", "published");
    assertFalse(flagged.get("balanced").asBoolean(), flagged.toString());
    boolean sum = false;
    for (JsonNode i : flagged.get("imbalances")) {
      if (i.get("rule").asText().equals("SUBTREE_SUM")) {
        sum = true;
        assertTrue(i.get("message").asText().contains("s-town名称"), i.toString());
      }
    }
    assertTrue(sum, flagged.toString());
  }

  @Test
  void shouldRefuseInTheContractsOrder() {
    agency("r-town", null);
    assertEquals(
        "YEAR_NOT_ENDED",
        publish(
                "r-town",
                java.time.LocalDate.now(foi.tracker.core.request.RequestRules.CHINA).getYear(),
                1,
                "{\"publishedDate\":\"2026-01-20\"}")
            .json()
            .get("error")
            .asText());
    assertEquals(
        "year",
        publish("r-town", 2020, 1, "{\"publishedDate\":\"2021-01-20\"}")
            .json()
            .get("field")
            .asText());
    assertEquals(
        "publishedDate",
        publish("r-town", 2025, 1, "{\"publishedDate\":\"2025-12-31\"}")
            .json()
            .get("field")
            .asText());
    assertEquals(
        "VERSION_CONFLICT",
        publish("r-town", 2025, 2, "{\"publishedDate\":\"2026-01-20\",\"reason\":\"r\"}")
            .json()
            .get("error")
            .asText());
    assertEquals(
        "version",
        publish("r-town", 2025, 0, "{\"publishedDate\":\"2026-01-20\"}")
            .json()
            .get("field")
            .asText());
    assertEquals(
        401,
        in.send(
                "PUT",
                "/api/v1/agencies/r-town/reports/2025/publications/1",
                null,
                "{\"publishedDate\":\"2026-01-20\"}")
            .status());
    assertEquals(
        400, out.get("/api/v1/agencies/r-town/reports/2025/table3?version=latest", null).status());
    assertEquals(
        404,
        out.get("/api/v1/agencies/r-town/reports/2025/table3?version=published", null).status());
    assertEquals(404, out.get("/api/v1/agencies/r-town/reports/2025/corrections", null).status());
  }

  private JsonNode awaitPublished(final String agency, final int year, final String scope) {
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                out.get(
                            "/api/v1/agencies/"
                                + agency
                                + "/reports/"
                                + year
                                + "/table3?scope="
                                + scope
                                + "&version=published",
                            null)
                        .status()
                    == 200);
    return table3(agency, year, scope, "published");
  }

  private JsonNode awaitVersion(
      final String agency, final int year, final String scope, final int version) {
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                out.get(
                            "/api/v1/agencies/"
                                + agency
                                + "/reports/"
                                + year
                                + "/table3?scope="
                                + scope
                                + "&version=published",
                            null)
                        .json()
                        .path("publication")
                        .path("version")
                        .asInt()
                    == version);
    return table3(agency, year, scope, "published");
  }

  private JsonNode table3(
      final String agency, final int year, final String scope, final String version) {
    final TestHttp.Resp r =
        out.get(
            "/api/v1/agencies/"
                + agency
                + "/reports/"
                + year
                + "/table3?scope="
                + scope
                + (version == null ? "" : "&version=" + version),
            null);
    assertEquals(200, r.status(), r.toString());
    return r.json();
  }

  private JsonNode corrections(
      final String agency, final int year, final String scope, final String token) {
    final TestHttp.Resp r =
        out.get(
            "/api/v1/agencies/" + agency + "/reports/" + year + "/corrections?scope=" + scope,
            token);
    assertEquals(200, r.status(), r.toString());
    return r.json();
  }

  private TestHttp.Resp publish(
      final String agency, final int year, final int version, final String body) {
    return in.send(
        "PUT",
        "/api/v1/agencies/" + agency + "/reports/" + year + "/publications/" + version,
        ADMIN,
        body);
  }

  private void agency(final String id, final String parent) {
    final TestHttp.Resp r =
        in.send(
            "PUT",
            "/api/v1/agencies/" + id,
            ADMIN,
            "{\"name\":\""
                + id
                + "名称\",\"parentId\":"
                + (parent == null ? "null" : "\"" + parent + "\"")
                + "}");
    assertEquals(201, r.status(), r.toString());
  }

  private void application(final String agency, final String id, final String date) {
    final TestHttp.Resp r =
        in.send(
            "POST",
            "/api/v1/agencies/" + agency + "/requests",
            ADMIN,
            "{\"requestId\":\""
                + id
                + "\",\"applicantType\":\"NATURAL_PERSON\",\"receivedDate\":\""
                + date
                + "\",\"channel\":\"IN_PERSON\"}");
    assertEquals(201, r.status(), r.toString());
  }
}
