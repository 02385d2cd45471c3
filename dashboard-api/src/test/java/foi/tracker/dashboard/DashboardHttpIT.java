package foi.tracker.dashboard;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import foi.tracker.core.event.ApplicationReceived;
import foi.tracker.core.event.Channel;
import foi.tracker.core.event.Decided;
import foi.tracker.core.event.RequestEvent;
import foi.tracker.core.request.RequestRules;
import foi.tracker.core.sim.GeneratedRequest;
import foi.tracker.core.sim.LifecycleGenerator;
import foi.tracker.core.sim.Recount;
import foi.tracker.core.table.Table3;
import foi.tracker.core.taxonomy.Taxonomy;
import foi.tracker.report.SeedTables;
import foi.tracker.report.Table3ReadBack;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The dashboard API against a real broker and stream processor in this JVM: seed 002's published
 * Table 三 and a randomized three-level data set checked against the independent recount in every
 * format, the error answers of every endpoint, the per-request export, the live alert stream and
 * the dead-letter count.
 */
@Tag("integration")
class DashboardHttpIT {
  private static final Taxonomy TAXONOMY = Taxonomy.get();

  /** agency → parent: a county, two middle agencies, four below them. */
  static final Map<String, String> TREE = new java.util.LinkedHashMap<>();

  static {
    TREE.put("county", null);
    TREE.put("dept-a", "county");
    TREE.put("town-b", "county");
    TREE.put("dept-a-1", "dept-a");
    TREE.put("dept-a-2", "dept-a");
    TREE.put("town-b-1", "town-b");
    TREE.put("town-b-2", "town-b");
  }

  private static DashboardStack stack;
  private static List<GeneratedRequest> generated;
  private static String countyToken;
  private static String townBToken;
  private static String watchToken;
  private static final int AGENCIES = 12;
  private static LocalDate today;

  @BeforeAll
  static void start() throws Exception {
    System.setProperty("tracker.sse.heartbeat", "1s");
    try {
      stack = DashboardStack.start();
    } finally {
      System.clearProperty("tracker.sse.heartbeat");
    }
    today = LocalDate.now(RequestRules.CHINA);
    stack.putAgency("guzhen", "固镇县人民政府", null);
    stack.putAgency("liancheng", "连城镇人民政府", "guzhen");
    TREE.forEach((id, parent) -> stack.putAgency(id, "机关 " + id, parent));
    // apart from the tree above, so that what the tests below add changes none of its tables
    stack.putAgency("watch", "预警县人民政府", null);
    stack.putAgency("alarm-town", "预警镇人民政府", "watch");
    stack.putAgency("formula-town", "公式镇人民政府", null);
    watchToken = stack.issueToken("watch");
    countyToken = stack.issueToken("county");
    townBToken = stack.issueToken("town-b");
    // seed 002 (连城镇 2024): three applications by natural persons, one disclosed, two counted in
    // （六）3 其他
    stack.send(
        List.of(
            received("liancheng", "lc-1", "2024-03-11", "申请公开 2024年预算"),
            decided("liancheng", "lc-1", "2024-03-29", "DISCLOSED"),
            received("liancheng", "lc-2", "2024-05-06", "申请公开 征地补偿"),
            decided("liancheng", "lc-2", "2024-05-27", "OTHER"),
            received("liancheng", "lc-3", "2024-09-02", "申请公开 道路规划"),
            decided("liancheng", "lc-3", "2024-09-20", "OTHER")));
    final LifecycleGenerator gen = new LifecycleGenerator(20241L, LocalDate.of(2024, 1, 1), today);
    generated = new ArrayList<>();
    final List<String> agencies = List.copyOf(TREE.keySet());
    final List<RequestEvent> events = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      final GeneratedRequest r = gen.next(agencies.get(i % agencies.size()), "r-" + i);
      generated.add(r);
      events.addAll(r.events());
    }
    stack.send(events);
  }

  @AfterAll
  static void stop() throws Exception {
    stack.close();
  }

  static ApplicationReceived received(
      final String agency, final String id, final String date, final String subject) {
    final LocalDate d = LocalDate.parse(date);
    return new ApplicationReceived(
        "rcv-" + id, agency, id, d, at(d), "NATURAL_PERSON", Channel.ONLINE, subject, null);
  }

  static Decided decided(
      final String agency, final String id, final String date, final String outcome) {
    final LocalDate d = LocalDate.parse(date);
    return new Decided("dec-" + id, agency, id, d, at(d), outcome, null);
  }

  static Instant at(final LocalDate d) {
    return d.atTime(10, 0).toInstant(ZoneOffset.ofHours(8));
  }

  static Map<String, long[]> rows(final JsonNode table3) {
    final Map<String, long[]> out = new HashMap<>();
    table3
        .get("rows")
        .fields()
        .forEachRemaining(
            e -> {
              final long[] v = new long[e.getValue().size()];
              for (int i = 0; i < v.length; i++) {
                v[i] = e.getValue().get(i).asLong();
              }
              out.put(e.getKey(), v);
            });
    return out;
  }

  static void assertSameTable(
      final Map<String, long[]> expected, final Map<String, long[]> actual, final String what) {
    for (Taxonomy.Row row : TAXONOMY.rows()) {
      assertArrayEquals(
          expected.get(row.code()), actual.get(row.code()), what + " row " + row.code());
    }
  }

  private static boolean matches(final Map<String, long[]> expected, final JsonNode json) {
    final Map<String, long[]> actual = rows(json);
    return TAXONOMY.rows().stream()
        .allMatch(r -> java.util.Arrays.equals(expected.get(r.code()), actual.get(r.code())));
  }

  @Test
  void shouldServeSeed002sPublishedTable3InEveryFormatWhenItsApplicationsAreLogged()
      throws Exception {
    final Table3 published = SeedTables.lianCheng2024("liancheng");
    final int year = SeedTables.lianChengYear();
    final String path = "/api/v1/agencies/liancheng/reports/" + year + "/table3";
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> matches(published.rows(), stack.get(path, null).json()));
    final JsonNode json = stack.get(path, null).json();
    assertEquals("liancheng", json.get("agencyId").asText());
    assertEquals(year, json.get("year").asInt());
    assertTrue(json.get("balanced").asBoolean());
    assertEquals(0, json.get("imbalances").size());
    final Map<String, long[]> fromJson = rows(json);
    assertSameTable(published.rows(), fromJson, "json vs seed 002");
    assertFormatsAgree(path, fromJson);
    // the county's subtree holds exactly the town's applications
    assertSameTable(
        published.rows(),
        rows(
            stack
                .get("/api/v1/agencies/guzhen/reports/" + year + "/table3?scope=subtree", null)
                .json()),
        "guzhen subtree");
    assertSameTable(
        Recount.table3(List.of(), year),
        rows(stack.get("/api/v1/agencies/guzhen/reports/" + year + "/table3", null).json()),
        "guzhen alone");
  }

  private static void assertFormatsAgree(final String path, final Map<String, long[]> fromJson)
      throws Exception {
    final String sep = path.contains("?") ? "&" : "?";
    final DashboardStack.Resp html = stack.get(path + sep + "format=html", null);
    assertEquals(200, html.status());
    assertTrue(html.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
    assertSameTable(fromJson, Table3ReadBack.html(html.body()), path + " html");
    final DashboardStack.Resp csv = stack.get(path + sep + "format=csv", null);
    assertEquals(200, csv.status());
    assertSameTable(fromJson, Table3ReadBack.csv(csv.bytes()), path + " csv");
    final DashboardStack.Resp xlsx = stack.get(path + sep + "format=xlsx", null);
    assertEquals(200, xlsx.status());
    assertSameTable(fromJson, Table3ReadBack.xlsx(xlsx.bytes()), path + " xlsx");
  }

  @Test
  void shouldMatchTheRecountForEveryAgencyYearAndScopeWhenLifecyclesAreRandom() throws Exception {
    final Map<String, List<GeneratedRequest>> byAgency = new HashMap<>();
    generated.forEach(r -> byAgency.computeIfAbsent(r.agencyId(), k -> new ArrayList<>()).add(r));
    final int first = 2024;
    final int last = today.getYear();
    final Map<String, Map<String, long[]>> expected = new HashMap<>();
    for (String agency : TREE.keySet()) {
      final Set<String> subtree = subtree(agency);
      final List<GeneratedRequest> inSubtree =
          generated.stream().filter(r -> subtree.contains(r.agencyId())).toList();
      for (int y = first; y <= last; y++) {
        expected.put(
            agency + "/" + y + "/agency",
            Recount.table3(byAgency.getOrDefault(agency, List.of()), y));
        expected.put(agency + "/" + y + "/subtree", Recount.table3(inSubtree, y));
      }
    }
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              for (int y = first; y <= last; y++) {
                if (!matches(
                    expected.get("county/" + y + "/subtree"),
                    stack
                        .get("/api/v1/agencies/county/reports/" + y + "/table3?scope=subtree", null)
                        .json())) {
                  return false;
                }
              }
              return true;
            });
    for (Map.Entry<String, Map<String, long[]>> e : expected.entrySet()) {
      final String[] k = e.getKey().split("/");
      final JsonNode json =
          stack
              .get("/api/v1/agencies/" + k[0] + "/reports/" + k[1] + "/table3?scope=" + k[2], null)
              .json();
      assertSameTable(e.getValue(), rows(json), e.getKey());
      assertTrue(json.get("balanced").asBoolean(), e.getKey() + " " + json.get("imbalances"));
      assertEquals(k[2], json.get("scope").asText());
    }
    for (String agency : TREE.keySet()) {
      final Set<String> subtree = subtree(agency);
      final List<GeneratedRequest> inSubtree =
          generated.stream().filter(r -> subtree.contains(r.agencyId())).toList();
      for (int y = first; y <= last; y++) {
        final JsonNode t4 =
            stack
                .get("/api/v1/agencies/" + agency + "/reports/" + y + "/table4?scope=subtree", null)
                .json()
                .get("cells");
        Recount.table4(inSubtree, y)
            .forEach(
                (code, n) -> assertEquals((long) n, t4.get(code).asLong(), agency + " " + code));
      }
    }
    // every format agrees with the JSON, for a subtree and for a single agency
    for (String path :
        List.of(
            "/api/v1/agencies/county/reports/2025/table3?scope=subtree",
            "/api/v1/agencies/town-b-1/reports/2024/table3",
            "/api/v1/agencies/dept-a/reports/" + last + "/table3?scope=subtree")) {
      assertFormatsAgree(path, rows(stack.get(path, null).json()));
    }
  }

  static Set<String> subtree(final String agency) {
    final Set<String> out = new java.util.HashSet<>();
    for (String id : TREE.keySet()) {
      String cur = id;
      while (cur != null) {
        if (cur.equals(agency)) {
          out.add(id);
          break;
        }
        cur = TREE.get(cur);
      }
    }
    return out;
  }

  @Test
  void shouldAnswerErrorsInTheErrorShapeWhenCallsAreWrong() {
    final int next = today.getYear() + 1;
    final String t3 = "/api/v1/agencies/county/reports/";
    assertError(t3 + "20x4/table3", null, 400, "INVALID_FIELD", "year");
    assertError(t3 + next + "/table3", null, 400, "INVALID_FIELD", "year");
    assertError(t3 + "2024/table3?scope=everything", null, 400, "INVALID_FIELD", "scope");
    assertError(t3 + "2024/table3?format=pdf", null, 400, "INVALID_FIELD", "format");
    assertError(
        "/api/v1/agencies/nowhere/reports/2024/table3", null, 404, "UNKNOWN_AGENCY", "agencyId");
    assertError(t3 + next + "/table4", null, 400, "INVALID_FIELD", "year");
    assertError(t3 + "2024/table4?scope=x", null, 400, "INVALID_FIELD", "scope");
    assertError(
        "/api/v1/agencies/nowhere/reports/2024/table4", null, 404, "UNKNOWN_AGENCY", "agencyId");
    assertError(t3 + "abc", null, 400, "INVALID_FIELD", "year");
    assertError("/api/v1/agencies/nowhere/reports/2024", null, 404, "UNKNOWN_AGENCY", "agencyId");
    assertError("/api/v1/agencies/county/compliance/" + next, null, 400, "INVALID_FIELD", "year");
    assertError(
        "/api/v1/agencies/county/compliance/2024?scope=x", null, 400, "INVALID_FIELD", "scope");
    assertError(
        "/api/v1/agencies/nowhere/compliance/2024", null, 404, "UNKNOWN_AGENCY", "agencyId");
    // token-protected: 401 without or with a wrong token, 403 outside the token's subtree, then the
    // call's own checks
    for (String p :
        List.of(
            "/api/v1/agencies/dept-a/requests/r-1",
            "/api/v1/agencies/dept-a/deadlines",
            "/api/v1/agencies/dept-a/alerts/recent",
            "/api/v1/agencies/dept-a/requests?format=csv",
            "/api/v1/agencies/dept-a/alerts/stream")) {
      assertError(p, null, 401, "UNAUTHORIZED", null);
      assertError(p, "desk.nope.nothing", 401, "UNAUTHORIZED", null);
      assertError(p, townBToken, 403, "FORBIDDEN", "agencyId");
    }
    assertError(
        "/api/v1/agencies/dept-a/alerts/stream?token=" + townBToken,
        null,
        403,
        "FORBIDDEN",
        "agencyId");
    assertError(
        "/api/v1/agencies/nowhere/requests?format=csv",
        countyToken,
        404,
        "UNKNOWN_AGENCY",
        "agencyId");
    assertError(
        "/api/v1/agencies/dept-a/requests?format=pdf", countyToken, 400, "INVALID_FIELD", "format");
    assertError(
        "/api/v1/agencies/dept-a/requests?year=" + next, countyToken, 400, "INVALID_FIELD", "year");
    assertError(
        "/api/v1/agencies/dept-a/requests?year=x", countyToken, 400, "INVALID_FIELD", "year");
    assertError(
        "/api/v1/agencies/dept-a/requests?scope=x", countyToken, 400, "INVALID_FIELD", "scope");
    assertError(
        "/api/v1/agencies/dept-a/alerts/recent?scope=x",
        countyToken,
        400,
        "INVALID_FIELD",
        "scope");
    assertError(
        "/api/v1/agencies/dept-a/alerts/stream?scope=x",
        countyToken,
        400,
        "INVALID_FIELD",
        "scope");
    assertError(
        "/api/v1/agencies/dept-a/deadlines?status=LATE",
        countyToken,
        400,
        "INVALID_FIELD",
        "status");
    assertError(
        "/api/v1/agencies/dept-a/requests/none-such",
        countyToken,
        404,
        "UNKNOWN_REQUEST",
        "requestId");
    assertError("/api/v1/calendar/due-date?from=2024-02-30", null, 400, "INVALID_FIELD", "from");
  }

  private static void assertError(
      final String path,
      final String token,
      final int status,
      final String code,
      final String field) {
    final DashboardStack.Resp r = stack.get(path, token);
    assertEquals(status, r.status(), path + " -> " + r);
    final JsonNode body = r.json();
    assertEquals(code, body.get("error").asText(), path);
    assertFalse(body.get("message").asText().isBlank(), path);
    if (field == null) {
      assertTrue(body.get("field") == null || body.get("field").isNull(), path + " " + body);
    } else {
      assertEquals(field, body.get("field").asText(), path);
    }
  }

  @Test
  void shouldListTheAgencyTreeAndTheStatusWithoutAToken() {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> stack.get("/api/v1/agencies", null).json().get("agencies").size() == AGENCIES);
    final JsonNode list = stack.get("/api/v1/agencies", null).json().get("agencies");
    final Map<String, JsonNode> byId = new HashMap<>();
    final List<String> order = new ArrayList<>();
    list.forEach(
        a -> {
          byId.put(a.get("agencyId").asText(), a);
          order.add(a.get("agencyId").asText());
        });
    assertEquals("连城镇人民政府", byId.get("liancheng").get("name").asText());
    assertEquals("guzhen", byId.get("liancheng").get("parentId").asText());
    assertTrue(byId.get("guzhen").get("parentId").isNull());
    assertEquals(2, byId.get("dept-a-1").get("depth").asInt());
    // depth first: every agency right after its parent's earlier siblings' subtrees, i.e. after its
    // parent
    for (JsonNode a : list) {
      if (!a.get("parentId").isNull()) {
        assertTrue(
            order.indexOf(a.get("parentId").asText()) < order.indexOf(a.get("agencyId").asText()));
      }
    }
    assertEquals(
        List.of("dept-a", "dept-a-1", "dept-a-2", "town-b", "town-b-1", "town-b-2"),
        order.subList(order.indexOf("county") + 1, order.indexOf("county") + 7));
    final JsonNode status = stack.get("/api/v1/status", null).json();
    assertEquals(AGENCIES, status.get("agencies").asInt());
    assertTrue(status.get("caughtUp").asBoolean());
    assertTrue(status.has("deadLetters") && status.has("rejected"));
    final long illegal = generated.stream().mapToInt(GeneratedRequest::illegalEvents).sum();
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> stack.get("/api/v1/status", null).json().get("rejected").asLong() == illegal);
  }

  @Test
  void shouldExportEveryRequestAsCsvWithoutSubjectsWhenAsked() {
    final List<GeneratedRequest> inCounty = generated;
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                lines(stack.get("/api/v1/agencies/county/requests?scope=" + "subtree", countyToken))
                        .size()
                    == 1 + inCounty.size());
    final DashboardStack.Resp r =
        stack.get("/api/v1/agencies/county/requests?format=csv&scope=subtree", countyToken);
    assertEquals(200, r.status());
    assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
    assertTrue(
        r.headers()
            .firstValue("Content-Disposition")
            .orElse("")
            .contains("county-requests-subtree.csv"));
    assertArrayEquals(
        new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, java.util.Arrays.copyOf(r.bytes(), 3));
    final List<List<String>> lines = lines(r);
    assertEquals(
        List.of(
            "申请编号", "机关名称", "机关编号", "申请人类型", "申请方式", "收到申请日期", "答复期限", "答复日期", "办理结果", "期限状态",
            "已用工作日"),
        lines.get(0));
    final Map<String, GeneratedRequest> byId = new HashMap<>();
    inCounty.forEach(g -> byId.put(g.requestId(), g));
    for (List<String> line : lines.subList(1, lines.size())) {
      assertEquals(11, line.size(), line.toString());
      final GeneratedRequest g = byId.get(line.get(0));
      assertFalse(line.get(1).isBlank(), "the agency's name: " + line);
      assertEquals(g.agencyId(), line.get(2));
      assertEquals(RequestCsv.applicantTypeLabel(g.applicantType()), line.get(3));
      assertEquals(g.receivedDate().toString(), line.get(5));
      assertEquals(g.decidedDate() == null ? "" : g.decidedDate().toString(), line.get(7));
      assertEquals(g.outcome() == null ? "" : RequestCsv.outcomeLabel(g.outcome()), line.get(8));
      if (g.decidedDate() != null) {
        assertTrue(line.get(9).startsWith("已") && line.get(9).endsWith("答复"), line.toString());
        assertTrue(Integer.parseInt(line.get(10)) >= 0, line.toString());
      }
      for (int i : new int[] {3, 4, 8, 9}) {
        assertFalse(
            line.get(i).matches(".*[A-Z]{2,}.*"),
            "a label, not a code, in column " + i + ": " + line);
      }
    }
    assertFalse(r.body().contains("申请公开信息"), "no subject text in the export");
    // the year filter: the requests Table 三 of 2024 counts (received by its end, not decided before
    // it)
    final long in2024 =
        inCounty.stream()
            .filter(
                g ->
                    g.receivedDate().getYear() <= 2024
                        && (g.decidedDate() == null || g.decidedDate().getYear() >= 2024))
            .count();
    assertEquals(
        1 + in2024,
        lines(
                stack.get(
                    "/api/v1/agencies/county/requests?format=csv&year=2024&scope=subtree",
                    countyToken))
            .size());
    // a town's own desk sees its own requests only
    final long townB = inCounty.stream().filter(g -> g.agencyId().equals("town-b")).count();
    assertEquals(
        1 + townB, lines(stack.get("/api/v1/agencies/town-b/requests", townBToken)).size());
  }

  /**
   * The streamed export (agency by agency, records filtered on their head and decoded one at a
   * time) gives byte for byte the CSV of the whole-scope build it replaced (every request decoded,
   * one sorted list), and the same rows in JSON, for every year filter.
   */
  @Test
  void shouldStreamTheSameExportAsTheWholeScopeBuild() throws Exception {
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                lines(stack.get("/api/v1/agencies/county/requests?scope=" + "subtree", countyToken))
                        .size()
                    == 1 + generated.size());
    final DashboardViews views = stack.dashboard().views();
    for (String year : new String[] {null, "2024", "2025", String.valueOf(today.getYear())}) {
      final String q = "scope=subtree" + (year == null ? "" : "&year=" + year);
      final DashboardStack.Resp csv =
          stack.get("/api/v1/agencies/county/requests?format=csv&" + q, countyToken);
      final List<RequestCsv.Line> before =
          previousExport(
              views, views.scope("county", true), year == null ? null : Integer.valueOf(year));
      assertTrue(before.size() > 10, "a stack with data: " + before.size());
      assertArrayEquals(
          RequestCsv.render(before, id -> views.agency(id).map(a -> a.name()).orElse(null)),
          csv.bytes(),
          "CSV " + q);
      final JsonNode json =
          stack.get("/api/v1/agencies/county/requests?format=json&" + q, countyToken).json();
      assertEquals("county", json.get("agencyId").asText());
      assertEquals(
          foi.tracker.core.json.Json.MAPPER.readTree(Answer.jsonWithNulls(before).body()),
          json.get("requests"),
          "JSON " + q);
    }
  }

  /**
   * The export as built before it was streamed: every request of the scope decoded, filtered, one
   * sorted list.
   */
  private static List<RequestCsv.Line> previousExport(
      final DashboardViews views, final Set<String> scope, final Integer year) {
    final foi.tracker.core.deadline.DeadlineClock c =
        new foi.tracker.core.deadline.DeadlineClock(
            views.calendar(), foi.tracker.core.deadline.DeadlineSettings.defaults());
    final LocalDate now = LocalDate.now(RequestRules.CHINA);
    final List<RequestCsv.Line> lines = new ArrayList<>();
    for (foi.tracker.core.request.RequestState s : views.allRequests(scope)) {
      if (year != null
          && (s.receivedDate().getYear() > year
              || s.decidedDate() != null && s.decidedDate().getYear() < year)) {
        continue;
      }
      final foi.tracker.core.deadline.Deadline d =
          c.evaluateBrief(s.receivedDate(), s.clock(), s.decidedDate(), now);
      lines.add(
          new RequestCsv.Line(
              s.requestId(),
              s.agencyId(),
              s.applicantType(),
              s.channel() == null ? null : s.channel().name(),
              s.receivedDate(),
              d.dueDate(),
              s.decidedDate(),
              s.outcome(),
              d.status() == null ? null : d.status().name(),
              d.workingDaysUsed()));
    }
    lines.sort(
        java.util.Comparator.comparing(RequestCsv.Line::agencyId)
            .thenComparing(RequestCsv.Line::receivedDate)
            .thenComparing(RequestCsv.Line::requestId));
    return lines;
  }

  /**
   * The deadline list in pages (api.md "Lists at national scope"): walked with a small limit it
   * gives every open request once, in the order of the one-page list, which equals a fresh
   * evaluation of every open request; each page has the total and a nextCursor, null on the last;
   * the open overdue of compliance is the count of the OVERDUE ones without a re-answer order; a
   * bad limit or cursor is a 400 naming it.
   */
  @Test
  void shouldPageTheDeadlineListFromTheCountsAsTheRecountHasIt() throws Exception {
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                lines(stack.get("/api/v1/agencies/county/requests?scope=" + "subtree", countyToken))
                        .size()
                    == 1 + generated.size());
    final DashboardViews views = stack.dashboard().views();
    final Set<String> scope = views.scope("county", true);
    final foi.tracker.core.deadline.DeadlineClock c =
        new foi.tracker.core.deadline.DeadlineClock(
            views.calendar(), foi.tracker.core.deadline.DeadlineSettings.defaults());
    final java.util.function.Function<
            foi.tracker.core.request.RequestState, foi.tracker.core.deadline.Deadline>
        eval =
            OpenDeadlinesTest.evaluator(c, new RequestRules(c), LocalDate.now(RequestRules.CHINA));
    final List<String> recount = new ArrayList<>();
    final Map<String, String> statusOf = new HashMap<>();
    long overdue = 0;
    final List<foi.tracker.core.request.RequestState> open = new ArrayList<>();
    views.openRequests(scope).forEach(o -> open.add(o.decoded()));
    final Map<String, foi.tracker.core.deadline.Deadline> ds = new HashMap<>();
    open.forEach(s -> ds.put(s.key(), eval.apply(s)));
    open.sort(
        java.util.Comparator.comparing(
                (foi.tracker.core.request.RequestState s) ->
                    ds.get(s.key()).dueDate() == null ? LocalDate.MAX : ds.get(s.key()).dueDate())
            .thenComparing(s -> s.key()));
    for (foi.tracker.core.request.RequestState s : open) {
      recount.add(s.requestId());
      statusOf.put(s.requestId(), String.valueOf(ds.get(s.key()).status()));
      if (ds.get(s.key()).status() == foi.tracker.core.deadline.DeadlineStatus.OVERDUE
          && s.reanswer() == null) {
        overdue++;
      }
    }
    assertTrue(recount.size() >= 4, "open requests to page: " + recount.size());
    final JsonNode one =
        stack.get("/api/v1/agencies/county/deadlines?scope=subtree&limit=5000", countyToken).json();
    assertEquals(recount, ids(one.get("requests")));
    assertEquals(recount.size(), one.get("total").asInt());
    assertTrue(one.get("nextCursor").isNull());
    one.get("requests")
        .forEach(
            r ->
                assertEquals(
                    statusOf.get(r.get("requestId").asText()), r.get("deadlineStatus").asText()));
    final List<String> walked = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      final JsonNode page =
          stack
              .get(
                  "/api/v1/agencies/county/deadlines?scope=subtree&limit=2"
                      + (cursor == null ? "" : "&cursor=" + cursor),
                  countyToken)
              .json();
      assertEquals(recount.size(), page.get("total").asInt());
      assertTrue(page.get("requests").size() <= 2);
      walked.addAll(ids(page.get("requests")));
      cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
      pages++;
    } while (cursor != null);
    assertEquals(recount, walked, "every open request once, in order");
    assertEquals((recount.size() + 1) / 2, pages);
    final long overdueNow = overdue;
    assertEquals(
        overdueNow,
        stack
            .get("/api/v1/agencies/county/compliance/" + today.getYear() + "?scope=subtree", null)
            .json()
            .get("openOverdue")
            .asLong());
    final JsonNode od =
        stack
            .get("/api/v1/agencies/county/deadlines?scope=subtree&status=OVERDUE", countyToken)
            .json();
    assertEquals(
        recount.stream().filter(id -> statusOf.get(id).equals("OVERDUE")).toList(),
        ids(od.get("requests")));
    for (String bad : List.of("limit=0", "limit=5001", "limit=ten", "cursor=%21", "cursor=YzE")) {
      assertError(
          "/api/v1/agencies/county/deadlines?scope=subtree&" + bad,
          countyToken,
          400,
          "INVALID_FIELD",
          bad.substring(0, bad.indexOf('=')));
    }
  }

  private static List<String> ids(final JsonNode requests) {
    final List<String> out = new ArrayList<>();
    requests.forEach(r -> out.add(r.get("requestId").asText()));
    return out;
  }

  /**
   * The agency list's ETag is a digest of its body; If-None-Match with it answers 304 without a
   * body.
   */
  @Test
  void shouldAnswerNotModifiedWhenTheAgencyListIsUnchanged() throws Exception {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> stack.get("/api/v1/agencies", null).json().get("agencies").size() == AGENCIES);
    final DashboardStack.Resp first = stack.get("/api/v1/agencies", null);
    final String etag = first.headers().firstValue("ETag").orElseThrow();
    assertEquals(
        AgencyReads.etag(first.bytes()), etag, "a digest of the body: another list, another tag");
    final HttpResponse<byte[]> same =
        DashboardStack.client()
            .send(
                HttpRequest.newBuilder(URI.create(stack.base() + "/api/v1/agencies"))
                    .header("If-None-Match", etag)
                    .GET()
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(304, same.statusCode());
    assertEquals(0, same.body().length);
    assertEquals(etag, same.headers().firstValue("ETag").orElseThrow());
    final HttpResponse<byte[]> stale =
        DashboardStack.client()
            .send(
                HttpRequest.newBuilder(URI.create(stack.base() + "/api/v1/agencies"))
                    .header("If-None-Match", "\"0000\"")
                    .GET()
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, stale.statusCode());
    assertArrayEquals(first.bytes(), stale.body());
  }

  @Test
  void shouldNeutraliseFormulaLikeIdsWhenExporting() {
    stack.send(
        List.of(received("formula-town", "-2024-9", "2024-10-08", "=HYPERLINK(\"http://x\")")));
    final String path = "/api/v1/agencies/formula-town/requests?format=csv&year=2024";
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> stack.get(path, DashboardStack.ADMIN).body().contains("'-2024-9"));
    final String body = stack.get(path, DashboardStack.ADMIN).body();
    assertFalse(body.contains("\r\n-2024-9"), "a value starting with - is not written bare");
    assertFalse(body.contains("HYPERLINK"), "no subject");
  }

  private static List<List<String>> lines(final DashboardStack.Resp r) {
    final String text = r.body().replace("\uFEFF", "");
    final List<List<String>> out = new ArrayList<>();
    for (String line : text.split("\r\n")) {
      if (!line.isEmpty()) {
        out.add(List.of(line.split(",", -1)));
      }
    }
    return out;
  }

  @Test
  void shouldPushAnOverdueAlertLiveWhenALateApplicationIsLogged() throws Exception {
    final List<String> received = new CopyOnWriteArrayList<>();
    final HttpRequest req =
        HttpRequest.newBuilder(
                URI.create(
                    stack.base()
                        + "/api/v1/agencies/watch/alerts/stream?scope=subtree&token="
                        + watchToken))
            .header("Accept", "text/event-stream")
            .GET()
            .build();
    final HttpResponse<InputStream> resp =
        DashboardStack.client().send(req, HttpResponse.BodyHandlers.ofInputStream());
    assertEquals(200, resp.statusCode());
    assertTrue(
        resp.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
    final Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(new InputStreamReader(resp.body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                  received.add(line);
                }
              } catch (java.io.IOException e) {
                received.add("closed: " + e);
              }
            },
            "sse-reader");
    reader.setDaemon(true);
    reader.start();
    try {
      await().atMost(Duration.ofSeconds(10)).until(() -> received.contains(": connected"));
      // received two months ago and never answered: the processor's deadline check finds it OVERDUE
      // at once
      final LocalDate long_ago = today.minusMonths(2);
      stack.send(List.of(received("alarm-town", "late-1", long_ago.toString(), "逾期测试")));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  received.stream()
                      .anyMatch(
                          l ->
                              l.startsWith("data: ")
                                  && l.contains("\"late-1\"")
                                  && l.contains("\"OVERDUE\"")));
      final int data = indexOf(received, "late-1");
      assertEquals("event: alert", received.get(data - 1));
      final JsonNode alert =
          foi.tracker.core.json.Json.MAPPER.readTree(received.get(data).substring(6));
      assertEquals("alarm-town", alert.get("agencyId").asText());
      assertEquals("OVERDUE", alert.get("to").asText());
      // the recent list has it too, newest first
      final JsonNode recent =
          stack.get("/api/v1/agencies/watch/alerts/recent?scope=subtree", watchToken).json();
      assertEquals(1, recent.get("alerts").size(), recent.toString());
      assertEquals("late-1", recent.get("alerts").get(0).get("requestId").asText());
      assertEquals(
          0,
          stack.get("/api/v1/agencies/watch/alerts/recent", watchToken).json().get("alerts").size(),
          "the watch agency alone has no alerts: they are its town's");
      assertEquals(403, stack.get("/api/v1/agencies/watch/alerts/recent", countyToken).status());
      await().atMost(Duration.ofSeconds(10)).until(() -> received.contains(": heartbeat"));
      assertEquals(1, stack.dashboard().views().alertListenerCount());
    } finally {
      resp.body().close();
    }
    // the client went away: its listener is gone (found on the next heartbeat's write at the
    // latest)
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> stack.dashboard().views().alertListenerCount() == 0);
  }

  private static int indexOf(final List<String> lines, final String requestId) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith("data: ") && lines.get(i).contains("\"" + requestId + "\"")) {
        return i;
      }
    }
    return -1;
  }

  @Test
  void shouldCountADeadLetterInTheStatusWhenAPoisonRecordIsProduced() {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> stack.get("/api/v1/status", null).json().get("caughtUp").asBoolean());
    final long before = stack.get("/api/v1/status", null).json().get("deadLetters").asLong();
    stack.sendRaw("liancheng/poison", "{\"type\":\"DECIDED\",".getBytes(StandardCharsets.UTF_8));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                stack.get("/api/v1/status", null).json().get("deadLetters").asLong() == before + 1);
  }
}
