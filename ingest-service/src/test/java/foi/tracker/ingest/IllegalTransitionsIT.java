package foi.tracker.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every illegal lifecycle transition, one per row, through the whole stack over HTTP: the desk's
 * call is well-formed, so ingest writes it (202); the processor refuses it with a reason that shows
 * on the request ({@code rejected}), and no cell of Table 三 or Table 四 of any year moves.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IllegalTransitionsIT {
  private static final String ADMIN = "illegal-admin-token-0123456789";

  /** The application every row starts from: received Monday 2025-03-03, due 2025-03-31. */
  private static final String RECEIVED = "2025-03-03";

  private TrackerStack stack;
  private TestHttp in;
  private TestHttp out;

  @BeforeAll
  void startStack() throws Exception {
    stack = TrackerStack.start(ADMIN);
    in = stack.ingestHttp();
    out = stack.dashboardHttp();
  }

  @AfterAll
  void stopStack() throws Exception {
    stack.close();
  }

  static Stream<Arguments> transitions() {
    final List<Arguments> a = new ArrayList<>();
    final String decided = ev("DECIDED", "2025-03-20", "\"outcome\":\"DISCLOSED\"");
    a.add(
        row(
            "decided twice",
            "申请已办结",
            decided,
            ev("DECIDED", "2025-03-25", "\"outcome\":\"UNAVAILABLE_NOT_HELD\"")));
    a.add(row("withdrawn after the decision", "申请已办结", decided, ev("WITHDRAWN", "2025-03-25", "")));
    a.add(row("a step after closing", "申请已办结", decided, ev("FEE_NOTICE_ISSUED", "2025-03-25", "")));
    a.add(
        row(
            "date before receipt",
            "早于收到申请日期",
            ev("CONSULTATION_STARTED", "2025-02-27", "\"party\":\"THIRD_PARTY\"")));
    a.add(
        row(
            "date before the previous step",
            "早于上一办理环节",
            ev("CONSULTATION_STARTED", "2025-03-12", "\"party\":\"THIRD_PARTY\""),
            ev("CONSULTATION_ENDED", "2025-03-10", "")));
    a.add(
        row(
            "second extension",
            "只能一次",
            ev("EXTENSION_GRANTED", "2025-03-20", "\"workingDays\":10"),
            ev("EXTENSION_GRANTED", "2025-03-24", "\"workingDays\":5")));
    a.add(
        row(
            "extension after the due date",
            "届满前",
            ev("EXTENSION_GRANTED", "2025-04-08", "\"workingDays\":10")));
    a.add(
        row(
            "extension while 补正 is pending",
            "补正期间",
            ev("CORRECTION_REQUESTED", "2025-03-05", ""),
            ev("EXTENSION_GRANTED", "2025-03-06", "\"workingDays\":10")));
    a.add(
        row(
            "second correction request",
            "一次性告知",
            ev("CORRECTION_REQUESTED", "2025-03-05", ""),
            ev("CORRECTION_RECEIVED", "2025-03-07", ""),
            ev("CORRECTION_REQUESTED", "2025-03-10", "")));
    a.add(
        row(
            "correction received with none pending",
            "没有待补正",
            ev("CORRECTION_RECEIVED", "2025-03-07", "")));
    // the clock's limits (api.md "The clock: lapses and limits")
    a.add(
        row(
            "delay after the due date",
            "届满前确定",
            ev("DELAY_SET", "2025-04-08", "\"dueDate\":\"2025-05-30\"")));
    a.add(
        row(
            "delay not later than the due date",
            "须晚于当前答复期限",
            ev("DELAY_SET", "2025-03-10", "\"dueDate\":\"2025-03-20\"")));
    a.add(
        row(
            "second delay",
            "只能确定一次",
            ev("DELAY_SET", "2025-03-10", "\"dueDate\":\"2025-04-30\""),
            ev("DELAY_SET", "2025-03-12", "\"dueDate\":\"2025-05-30\"")));
    a.add(
        row(
            "delay while 补正 is pending",
            "补正期间没有答复期限",
            ev("CORRECTION_REQUESTED", "2025-03-05", ""),
            ev("DELAY_SET", "2025-03-06", "\"dueDate\":\"2025-05-30\"")));
    a.add(
        row(
            "extension after a delay",
            "不能再延期",
            ev("DELAY_SET", "2025-03-10", "\"dueDate\":\"2025-04-30\""),
            ev("EXTENSION_GRANTED", "2025-03-12", "\"workingDays\":10")));
    a.add(
        row(
            "answer on the spot dated another day",
            "当场答复",
            ev("DECIDED", "2025-03-05", "\"outcome\":\"DISCLOSED\",\"onTheSpot\":true")));
    a.add(
        row(
            "consultation ended with none open",
            "没有进行中的征求意见",
            ev("CONSULTATION_ENDED", "2025-03-07", "")));
    a.add(
        row(
            "second consultation while one is open",
            "征求意见尚未结束",
            ev("CONSULTATION_STARTED", "2025-03-05", "\"party\":\"OTHER_AGENCY\""),
            ev("CONSULTATION_STARTED", "2025-03-06", "\"party\":\"THIRD_PARTY\"")));
    a.add(row("fee paid with no notice", "没有待缴费", ev("FEE_PAID", "2025-03-07", "")));
    a.add(
        row(
            "second fee notice while one is open",
            "收费通知尚未缴费",
            ev("FEE_NOTICE_ISSUED", "2025-03-05", ""),
            ev("FEE_NOTICE_ISSUED", "2025-03-06", "")));
    a.add(
        row(
            "outcome amended while open",
            "尚未办结",
            ev("AMENDED", "2025-03-10", "\"outcome\":\"UNAVAILABLE_NOT_HELD\"")));
    a.add(
        row(
            "receipt date amended after a step",
            "收到日期不能晚于后续环节",
            decided,
            ev("AMENDED", "2025-03-25", "\"receivedDate\":\"2025-03-24\"")));
    a.add(
        row(
            "review concluded with no case filed",
            "本申请没有行政复议案件",
            decided,
            ev("REVIEW_CONCLUDED", "2025-04-10", "\"caseId\":\"R-1\",\"result\":\"UPHELD\"")));
    a.add(
        row(
            "the same review filed twice",
            "不能重复登记",
            decided,
            ev("REVIEW_FILED", "2025-04-01", "\"caseId\":\"R-1\""),
            ev("REVIEW_FILED", "2025-04-02", "\"caseId\":\"R-1\"")));
    a.add(
        row(
            "review concluded before it was filed",
            "早于立案日期",
            decided,
            ev("REVIEW_FILED", "2025-04-10", "\"caseId\":\"R-1\""),
            ev("REVIEW_CONCLUDED", "2025-04-05", "\"caseId\":\"R-1\",\"result\":\"UPHELD\"")));
    a.add(
        row(
            "review concluded twice",
            "不能重复登记审结",
            decided,
            ev("REVIEW_FILED", "2025-04-01", "\"caseId\":\"R-1\""),
            ev("REVIEW_CONCLUDED", "2025-05-06", "\"caseId\":\"R-1\",\"result\":\"UPHELD\""),
            ev("REVIEW_CONCLUDED", "2025-05-08", "\"caseId\":\"R-1\",\"result\":\"CORRECTED\"")));
    a.add(
        row(
            "litigation concluded as a review",
            "本申请没有行政复议案件",
            decided,
            ev("LITIGATION_FILED", "2025-04-01", "\"caseId\":\"L-1\",\"afterReview\":false"),
            ev("REVIEW_CONCLUDED", "2025-05-06", "\"caseId\":\"L-1\",\"result\":\"UPHELD\"")));
    a.add(
        row(
            "reopened while open",
            "尚未办结，不能重新办理",
            ev("REOPENED", "2025-03-10", "\"reason\":\"ENTRY_ERROR\"")));
    a.add(
        row(
            "re-answer ordered by an upheld case",
            "维持",
            decided,
            ev("REVIEW_FILED", "2025-04-01", "\"caseId\":\"R-1\""),
            ev("REVIEW_CONCLUDED", "2025-05-06", "\"caseId\":\"R-1\",\"result\":\"UPHELD\""),
            ev("REOPENED", "2025-05-08", "\"reason\":\"REANSWER_ORDERED\",\"caseId\":\"R-1\"")));
    a.add(
        row(
            "decision date moved after a filing",
            "立案日期",
            decided,
            ev("REVIEW_FILED", "2025-04-01", "\"caseId\":\"R-1\""),
            ev("AMENDED", "2025-04-10", "\"decidedDate\":\"2025-04-02\"")));
    a.add(
        row(
            "a step after a void",
            "申请已作废",
            ev("VOIDED", "2025-03-05", "\"reason\":\"重复登记\""),
            ev("DECIDED", "2025-03-20", "\"outcome\":\"DISCLOSED\"")));
    return a.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("transitions")
  void shouldRejectWithAReasonAndMoveNoCell(
      final String name, final String reasonPart, final List<String> setup, final String illegal) {
    final String agency = "ill-" + name.replaceAll("[^A-Za-z0-9]+", "-").toLowerCase(Locale.ROOT);
    final String path = "/api/v1/agencies/" + agency;
    assertEquals(
        201, in.send("PUT", path, ADMIN, "{\"name\":\"" + name + "\",\"parentId\":null}").status());
    assertEquals(
        201,
        in.send(
                "POST",
                path + "/requests",
                ADMIN,
                "{\"requestId\":\"r1\","
                    + "\"applicantType\":\"NATURAL_PERSON\",\"receivedDate\":\""
                    + RECEIVED
                    + "\",\"channel\":\"ONLINE\"}")
            .status());
    for (int i = 0; i < setup.size(); i++) {
      final TestHttp.Resp r =
          in.send("POST", path + "/requests/r1/events", ADMIN, withId("s" + i, setup.get(i)));
      assertEquals(202, r.status(), "setup step " + i + ": " + r);
    }
    final String detail = path + "/requests/r1";
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              final TestHttp.Resp r = out.get(detail, ADMIN);
              return r.status() == 200 && r.json().get("history").size() == setup.size() + 1;
            });
    assertEquals(0, out.get(detail, ADMIN).json().get("rejected").size(), "the setup is legal");
    final List<String> before = tables(path);

    final TestHttp.Resp r =
        in.send("POST", path + "/requests/r1/events", ADMIN, withId("bad", illegal));
    assertEquals(202, r.status(), r.toString());
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> out.get(detail, ADMIN).json().get("rejected").size() == 1);
    final JsonNode request = out.get(detail, ADMIN).json();
    final JsonNode rejection = request.get("rejected").get(0);
    assertEquals("bad", rejection.get("eventId").asText(), rejection.toString());
    final String reason = rejection.get("reason").asText();
    assertTrue(
        reason.contains(reasonPart), "reason names the rule (" + reasonPart + "): " + reason);
    final String code = rejection.path("reasonCode").asText("");
    assertTrue(code.matches("[A-Z_]+"), "the refusal carries its rule's code: " + rejection);
    final JsonNode fate = out.get(detail + "/events/bad", ADMIN).json();
    assertEquals("REJECTED", fate.get("status").asText(), fate.toString());
    assertEquals(reason, fate.get("reason").asText(), fate.toString());
    assertEquals(code, fate.get("reasonCode").asText(), fate.toString());
    assertEquals(
        setup.size() + 1, request.get("history").size(), "the refused event is not in the history");
    assertFalse(request.get("history").toString().contains("\"bad\""), request.toString());
    assertEquals(before, tables(path), "no table changed");
  }

  /**
   * The same through a batch call: the legal items are counted, the illegal one (decided twice) is
   * written, refused by the processor with its reason, and counts nowhere.
   */
  @org.junit.jupiter.api.Test
  void batchItemsAreCountedAndAnIllegalOneIsRejected() {
    final String path = "/api/v1/agencies/ill-batch";
    assertEquals(
        201, in.send("PUT", path, ADMIN, "{\"name\":\"批量导入镇\",\"parentId\":null}").status());
    final String body =
        "{\"items\":["
            + "{\"application\":{\"requestId\":\"b1\",\"applicantType\":\"COMMERCIAL_ENTERPRISE\",\"receivedDate\":\""
            + RECEIVED
            + "\",\"channel\":\"POST\"}},"
            + "{\"application\":{\"requestId\":\"b2\",\"applicantType\":\"NATURAL_PERSON\",\"receivedDate\":\""
            + RECEIVED
            + "\",\"channel\":\"ONLINE\"}},"
            + "{\"requestId\":\"b1\",\"event\":"
            + withId("d1", ev("DECIDED", "2025-03-20", "\"outcome\":\"DISCLOSED\""))
            + "},"
            + "{\"requestId\":\"b1\",\"event\":"
            + withId("d2", ev("DECIDED", "2025-03-25", "\"outcome\":\"UNAVAILABLE_NOT_HELD\""))
            + "}]}";
    final TestHttp.Resp r = in.send("POST", path + "/batch", ADMIN, body);
    assertEquals(200, r.status(), r.toString());
    assertEquals(4, r.json().get("written").asInt(), r.body());
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> out.get(path + "/requests/b1", ADMIN).json().path("rejected").size() == 1);
    final JsonNode b1 = out.get(path + "/requests/b1", ADMIN).json();
    assertEquals("d2", b1.get("rejected").get(0).get("eventId").asText(), b1.toString());
    assertTrue(b1.get("rejected").get(0).get("reason").asText().contains("申请已办结"), b1.toString());
    assertEquals("DISCLOSED", b1.get("outcome").asText(), b1.toString());
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> out.get(path + "/requests/b2", ADMIN).status() == 200);
    final JsonNode rows = out.get(path + "/reports/2025/table3", null).json().get("rows");
    assertEquals("[1,1,0,0,0,0,2]", rows.get("NEW").toString(), rows.toString());
    assertEquals("[0,1,0,0,0,0,1]", rows.get("DISCLOSED").toString(), rows.toString());
    assertEquals("[0,0,0,0,0,0,0]", rows.get("UNAVAILABLE_NOT_HELD").toString(), rows.toString());
    assertEquals("[1,0,0,0,0,0,1]", rows.get("CARRIED_OVER_OUT").toString(), rows.toString());
  }

  /** Table 三 of 2024, 2025 and 2026 and Table 四 of 2025, as the dashboard serves them. */
  private List<String> tables(final String path) {
    final List<String> t = new ArrayList<>();
    for (String year : new String[] {"2024", "2025", "2026"}) {
      final TestHttp.Resp r = out.get(path + "/reports/" + year + "/table3", null);
      assertEquals(200, r.status(), r.toString());
      t.add(r.body());
    }
    t.add(out.get(path + "/reports/2025/table4", null).body());
    return t;
  }

  private static Arguments row(final String name, final String reasonPart, final String... steps) {
    final List<String> setup = List.of(steps).subList(0, steps.length - 1);
    return Arguments.of(name, reasonPart, setup, steps[steps.length - 1]);
  }

  private static String ev(final String type, final String date, final String fields) {
    return "\"type\":\""
        + type
        + "\",\"date\":\""
        + date
        + "\""
        + (fields.isEmpty() ? "" : "," + fields);
  }

  private static String withId(final String id, final String event) {
    return "{\"eventId\":\"" + id + "\"," + event + "}";
  }
}
