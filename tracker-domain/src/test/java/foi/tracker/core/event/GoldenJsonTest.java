package foi.tracker.core.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import foi.tracker.core.json.Json;
import foi.tracker.core.request.Rejection;
import foi.tracker.core.table.AgencyTotals;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The event log is the system of record and is kept forever, so the JSON of every event type is
 * pinned by a golden file under {@code src/test/resources/golden/}: today's code must write exactly
 * that JSON and read it back into the same record. A failing test here means old events would no
 * longer read the same: add a new field as optional, never rename or drop one. (To add a type,
 * write its golden file by hand from api.md.)
 */
class GoldenJsonTest {
  private static final String A = "liancheng";
  private static final String R = "2024-001";
  private static final LocalDate D = LocalDate.of(2024, 3, 11);
  private static final Instant AT = Instant.parse("2024-03-11T02:30:00Z");

  static Map<String, Object> samples() {
    final Map<String, Object> m = new LinkedHashMap<>();
    m.put(
        EventType.RECEIVED,
        new ApplicationReceived(
            "received",
            A,
            R,
            D,
            AT,
            "NATURAL_PERSON",
            Channel.ONLINE,
            "申请公开2023年道路建设资金使用情况",
            "hmac-sha256:3f1c0a"));
    m.put(
        EventType.CORRECTION_REQUESTED,
        new CorrectionRequested("e1", A, R, D.plusDays(2), AT, LocalDate.of(2024, 3, 28)));
    m.put(EventType.CORRECTION_RECEIVED, new CorrectionReceived("e2", A, R, D.plusDays(8), AT));
    m.put(
        EventType.CONSULTATION_STARTED,
        new ConsultationStarted("e3", A, R, D.plusDays(9), AT, ConsultationParty.THIRD_PARTY));
    m.put(EventType.CONSULTATION_ENDED, new ConsultationEnded("e4", A, R, D.plusDays(15), AT));
    m.put(EventType.EXTENSION_GRANTED, new ExtensionGranted("e5", A, R, D.plusDays(20), AT, 15));
    m.put(EventType.FEE_NOTICE_ISSUED, new FeeNoticeIssued("e6", A, R, D.plusDays(21), AT));
    m.put(EventType.FEE_PAID, new FeePaid("e7", A, R, D.plusDays(23), AT));
    m.put(
        EventType.DELAY_SET,
        new DelaySet("e8", A, R, D.plusDays(24), AT, LocalDate.of(2024, 6, 28)));
    m.put(
        EventType.DECIDED,
        new Decided("e9", A, R, D.plusDays(30), AT, "PARTIALLY_DISCLOSED", Boolean.FALSE));
    m.put(EventType.WITHDRAWN, new Withdrawn("w1", A, "2024-002", D.plusDays(3), AT));
    m.put(
        EventType.AMENDED,
        new Amended(
            "a1",
            A,
            R,
            D.plusDays(40),
            AT,
            "COMMERCIAL_ENTERPRISE",
            LocalDate.of(2024, 3, 8),
            Channel.IN_PERSON,
            "DISCLOSED"));
    m.put(EventType.REVIEW_FILED, new ReviewFiled("r1", A, R, D.plusDays(50), AT, "FY-2024-07"));
    m.put(
        EventType.REVIEW_CONCLUDED,
        new ReviewConcluded("r2", A, R, D.plusDays(90), AT, "FY-2024-07", AppealResult.UPHELD));
    m.put(
        EventType.LITIGATION_FILED,
        new LitigationFiled("l1", A, R, D.plusDays(100), AT, "XZ-2024-3", true));
    m.put(
        EventType.LITIGATION_CONCLUDED,
        new LitigationConcluded(
            "l2", A, R, D.plusDays(200), AT, "XZ-2024-3", AppealResult.CORRECTED));
    m.put(
        EventType.REOPENED,
        new Reopened(
            "o1",
            A,
            R,
            D.plusDays(210),
            AT,
            ReopenReason.REANSWER_ORDERED,
            "XZ-2024-3",
            LocalDate.of(2024, 11, 29)));
    m.put(
        EventType.VOIDED,
        new Voided("v1", A, "2024-003", D.plusDays(1), AT, "重复登记，与2024-001为同一申请", true));
    return m;
  }

  /**
   * The fields version 2 added to existing types, each pinned by its own file (the files above stay
   * as they were).
   */
  static Map<String, Object> version2Samples() {
    final Map<String, Object> m = new LinkedHashMap<>();
    m.put(
        "RECEIVED-registrationNumber",
        new ApplicationReceived(
            "received", A, R, D, AT, "NATURAL_PERSON", Channel.POST, null, null, "连政依申〔2024〕12号"));
    m.put("FEE_PAID-amount", new FeePaid("e7", A, R, D.plusDays(23), AT, 12_050L));
    m.put(
        "AMENDED-decidedDate",
        new Amended(
            "a2",
            A,
            R,
            D.plusDays(41),
            AT,
            null,
            null,
            null,
            null,
            LocalDate.of(2024, 4, 9),
            null,
            null,
            null,
            null,
            null,
            null));
    m.put(
        "AMENDED-case",
        new Amended(
            "a3",
            A,
            R,
            D.plusDays(250),
            AT,
            null,
            null,
            null,
            null,
            null,
            "XZ-2024-3",
            LocalDate.of(2024, 6, 20),
            LocalDate.of(2024, 9, 26),
            AppealResult.OTHER,
            Boolean.FALSE,
            "固行初字〔2024〕3号"));
    m.put(
        "REVIEW_FILED-caseNumber",
        new ReviewFiled("r1", A, R, D.plusDays(50), AT, "FY-2024-07", "固复〔2024〕7号"));
    m.put(
        "LITIGATION_FILED-caseNumber",
        new LitigationFiled("l1", A, R, D.plusDays(100), AT, "XZ-2024-3", true, "固行初字〔2024〕3号"));
    m.put(
        "REOPENED-entryError",
        new Reopened("o2", A, R, D.plusDays(31), AT, ReopenReason.ENTRY_ERROR, null, null));
    return m;
  }

  static Stream<Arguments> events() {
    final List<Arguments> a = new ArrayList<>();
    samples().forEach((type, event) -> a.add(Arguments.of(type, event)));
    version2Samples().forEach((name, event) -> a.add(Arguments.of(name, event)));
    return a.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("events")
  void shouldWriteAndReadTheGoldenJsonOfEachEventType(final String type, final Object event)
      throws IOException {
    final String golden = golden("event-" + type + ".json");
    assertEquals(
        Json.MAPPER.readTree(golden),
        Json.MAPPER.readTree(Json.write(event)),
        type + " as written");
    final RequestEvent read = Json.MAPPER.readValue(golden, RequestEvent.class);
    assertEquals(event, read, type + " as read");
    assertEquals(type.split("-")[0], read.type());
  }

  @Test
  void shouldHaveAGoldenFileForEveryEventType() {
    final List<String> all = new ArrayList<>(EventType.LIFECYCLE);
    all.add(0, EventType.RECEIVED);
    assertEquals(all, List.copyOf(samples().keySet()));
    assertEquals(RequestEvent.class.getPermittedSubclasses().length, all.size());
  }

  @Test
  void shouldKeepTheAgencyTotalsFormat() throws IOException {
    final TreeMap<String, Long> cells = new TreeMap<>();
    cells.put("2024|NEW|NATURAL_PERSON", 3L);
    cells.put("2024|DISCLOSED|NATURAL_PERSON", 1L);
    cells.put("2024|C|WD|13", 1L);
    final AgencyTotals t = new AgencyTotals(A, cells);
    final String golden = golden("agency-totals.json");
    assertEquals(Json.MAPPER.readTree(golden), Json.MAPPER.readTree(Json.write(t)));
    assertEquals(t, Json.MAPPER.readValue(golden, AgencyTotals.class));
  }

  /** The records of {@code foi.rejected}: each refusal with its reason and the code of its rule. */
  @Test
  void shouldKeepTheRejectionFormat() throws IOException {
    final Rejection r =
        new Rejection(
            A,
            "2025-0017",
            "e9",
            "DECIDED",
            LocalDate.of(2025, 10, 20),
            Instant.parse("2025-10-20T03:00:00Z"),
            "the request was closed on 2025-10-15 (DECIDED); after closing only "
                + "AMENDED and review/litigation events are accepted (申请已办结)",
            "CLOSED");
    final String golden = golden("rejection.json");
    assertEquals(Json.MAPPER.readTree(golden), Json.MAPPER.readTree(Json.write(r)));
    assertEquals(r, Json.MAPPER.readValue(golden, Rejection.class));
    // a record written before codes existed reads with the code null
    final String bare =
        new String(
            Json.write(new Rejection(A, "2025-0017", "e9", "DECIDED", null, null, "x")),
            StandardCharsets.UTF_8);
    assertEquals(false, bare.contains("reasonCode"), bare);
    assertEquals(null, Json.MAPPER.readValue(bare, Rejection.class).reasonCode());
  }

  private static String golden(final String name) throws IOException {
    try (InputStream in = GoldenJsonTest.class.getResourceAsStream("/golden/" + name)) {
      assertNotNull(in, "missing golden file " + name);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /**
   * Writes the golden files from the samples; run once by hand when a type is added, then review
   * the files.
   */
  public static void main(final String[] args) throws IOException {
    final Path dir = Path.of(args.length > 0 ? args[0] : "src/test/resources/golden");
    Files.createDirectories(dir);
    final Map<String, Object> all = new LinkedHashMap<>(samples());
    all.putAll(version2Samples());
    for (Map.Entry<String, Object> e : all.entrySet()) {
      if (Files.exists(dir.resolve("event-" + e.getKey() + ".json"))) {
        continue; // a golden file is written once and never regenerated
      }
      final JsonNode tree = Json.MAPPER.readTree(Json.write(e.getValue()));
      Files.writeString(
          dir.resolve("event-" + e.getKey() + ".json"),
          Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(tree) + "\n");
    }
  }
}
