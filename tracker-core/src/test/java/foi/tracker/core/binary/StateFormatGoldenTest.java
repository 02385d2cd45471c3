package foi.tracker.core.binary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import foi.tracker.core.deadline.ClockEvent;
import foi.tracker.core.deadline.Deadline;
import foi.tracker.core.deadline.DeadlineStatus;
import foi.tracker.core.event.AppealResult;
import foi.tracker.core.event.Channel;
import foi.tracker.core.request.AppealCase;
import foi.tracker.core.request.CountedAnswer;
import foi.tracker.core.request.DeadlineStatusAlerted;
import foi.tracker.core.request.FeePayment;
import foi.tracker.core.request.HistoryEntry;
import foi.tracker.core.request.ReanswerOrder;
import foi.tracker.core.request.Rejection;
import foi.tracker.core.request.RequestState;
import foi.tracker.core.request.RequestStatus;
import foi.tracker.core.request.VoidMark;
import foi.tracker.core.table.AgencyTotals;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Golden bytes of the stored state formats (the layouts in {@link StateLayout}): records written by
 * an earlier release must stay readable, and today's writers must produce the current version's
 * files byte for byte. Each file was written once by the code of its version and is never
 * regenerated: the JSON files by the release before the binary form, {@code
 * request-v3-deadline-flags.bin} by the hand-written codec the layouts replaced. A change to a
 * layout needs a new format version and its golden file ({@link
 * #shouldHaveAGoldenFileForEveryFormatVersion}).
 */
class StateFormatGoldenTest {

  static byte[] golden(final String name) throws IOException {
    try (InputStream in =
        StateFormatGoldenTest.class.getResourceAsStream("/golden-state/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing golden file " + name);
      }
      return in.readAllBytes();
    }
  }

  /**
   * A closed request with every part filled: clock, two cases, fingerprints, history, a refusal,
   * deadline, alert.
   */
  static RequestState richV1() {
    final Map<String, AppealCase> cases = new LinkedHashMap<>();
    cases.put(
        "R-1",
        new AppealCase(
            "R-1",
            AppealCase.Kind.REVIEW,
            false,
            LocalDate.of(2025, 11, 10),
            LocalDate.of(2026, 2, 3),
            AppealResult.CORRECTED));
    cases.put(
        "L-1",
        new AppealCase(
            "L-1", AppealCase.Kind.LITIGATION, true, LocalDate.of(2026, 2, 20), null, null));
    final Map<String, String> fingerprints = new LinkedHashMap<>();
    fingerprints.put("received", "f0");
    fingerprints.put("e1", "f1");
    fingerprints.put("e2", "f2");
    return new RequestState(
        "guzhen-lc",
        "2025-0017",
        "NATURAL_PERSON",
        Channel.POST,
        LocalDate.of(2025, 9, 1),
        "申请公开连城镇2024年道路修缮合同",
        "ab12cd",
        RequestStatus.CLOSED,
        "PARTIALLY_DISCLOSED",
        LocalDate.of(2025, 10, 15),
        "DECIDED",
        LocalDate.of(2025, 10, 15),
        List.of(
            new ClockEvent("CORRECTION_REQUESTED", LocalDate.of(2025, 9, 3), null, null),
            new ClockEvent("CORRECTION_RECEIVED", LocalDate.of(2025, 9, 8), null, null),
            new ClockEvent("EXTENSION_GRANTED", LocalDate.of(2025, 9, 30), 15, null),
            new ClockEvent(
                "DELAY_SET", LocalDate.of(2025, 10, 1), null, LocalDate.of(2025, 11, 30))),
        cases,
        fingerprints,
        List.of(
            new HistoryEntry(
                "received",
                "RECEIVED",
                LocalDate.of(2025, 9, 1),
                Instant.parse("2025-09-01T02:00:00Z"),
                "NATURAL_PERSON, POST"),
            new HistoryEntry(
                null, "DEADLINE_RECOMPUTED", LocalDate.of(2025, 11, 5), null, "节假日安排已更新")),
        List.of(
            new Rejection(
                "guzhen-lc",
                "2025-0017",
                "e9",
                "DECIDED",
                LocalDate.of(2025, 10, 20),
                Instant.parse("2025-10-20T03:00:00Z"),
                "the request was closed on 2025-10-15 (申请已办结)")),
        new Deadline(
            LocalDate.of(2025, 11, 30),
            -3,
            DeadlineStatus.ANSWERED_ON_TIME,
            false,
            LocalDate.of(2025, 9, 8),
            List.of(new Deadline.ExcludedDay(LocalDate.of(2025, 10, 1), "国庆节")),
            List.of("line 1", "第二行"),
            true,
            23),
        new DeadlineStatusAlerted(DeadlineStatus.DUE_SOON));
  }

  /**
   * {@link #richV1()} with every component version 2 added: 案号, registration number, fees,
   * re-answer, void mark.
   */
  static RequestState richV2() {
    final RequestState v1 = richV1();
    final Map<String, AppealCase> cases = new LinkedHashMap<>();
    v1.cases()
        .forEach(
            (k, c) ->
                cases.put(
                    k,
                    new AppealCase(
                        c.caseId(),
                        c.kind(),
                        c.afterReview(),
                        c.filedDate(),
                        c.concludedDate(),
                        c.result(),
                        "R-1".equals(k) ? "固复〔2025〕3号" : null)));
    return new RequestState(
        v1.agencyId(),
        v1.requestId(),
        v1.applicantType(),
        v1.channel(),
        v1.receivedDate(),
        v1.subject(),
        v1.applicantRefHash(),
        RequestStatus.OPEN,
        null,
        null,
        null,
        LocalDate.of(2026, 2, 5),
        v1.clock(),
        cases,
        v1.eventFingerprints(),
        v1.history(),
        v1.rejected(),
        v1.deadline(),
        v1.alerted(),
        "连政依申〔2025〕17号",
        List.of(
            new FeePayment("e4", LocalDate.of(2025, 9, 20), 12_050L),
            new FeePayment("e5", LocalDate.of(2026, 1, 4), 0L)),
        new CountedAnswer("PARTIALLY_DISCLOSED", LocalDate.of(2025, 10, 15), true, 23, true),
        new ReanswerOrder("R-1", LocalDate.of(2026, 2, 5), null),
        new VoidMark("v1", LocalDate.of(2026, 3, 1), "重复登记 duplicate of 2025-0016"));
  }

  /**
   * {@link #richV2()} with version 3's addition: the refusal's code, beside a refusal stored
   * without one.
   */
  static RequestState richV3() {
    final RequestState v2 = richV2();
    final Rejection old = v2.rejected().get(0);
    final List<Rejection> rejected =
        List.of(
            new Rejection(
                old.agencyId(),
                old.requestId(),
                old.eventId(),
                old.type(),
                old.date(),
                old.recordedAt(),
                old.reason(),
                "CLOSED"),
            new Rejection(
                "guzhen-lc",
                "2025-0017",
                "e10",
                "EXTENSION_GRANTED",
                LocalDate.of(2025, 10, 21),
                Instant.parse("2025-10-21T03:00:00Z"),
                "无代码 stored bare"));
    return new RequestState(
        v2.agencyId(),
        v2.requestId(),
        v2.applicantType(),
        v2.channel(),
        v2.receivedDate(),
        v2.subject(),
        v2.applicantRefHash(),
        v2.status(),
        v2.outcome(),
        v2.decidedDate(),
        v2.closedBy(),
        v2.lastStepDate(),
        v2.clock(),
        v2.cases(),
        v2.eventFingerprints(),
        v2.history(),
        rejected,
        v2.deadline(),
        v2.alerted(),
        v2.registrationNumber(),
        v2.fees(),
        v2.counted(),
        v2.reanswer(),
        v2.voided());
  }

  /**
   * {@link #richV3()} with a deadline using the flag byte's other bits: a lapse and overdue year
   * ends (both added after version 2 behind that byte, so records of versions 2 and 3 may hold
   * them).
   */
  static RequestState richV3WithLapseAndYearEnds() {
    final RequestState v3 = richV3();
    final Deadline d = v3.deadline();
    final Deadline lapsed =
        new Deadline(
            null,
            null,
            DeadlineStatus.LAPSED,
            false,
            d.clockStart(),
            d.excludedDays(),
            d.explanation(),
            false,
            null,
            new Deadline.Lapse(
                Deadline.Lapse.Kind.CORRECTION, LocalDate.of(2025, 10, 2), "WITHDRAWN_CORRECTION"),
            List.of(2025, 2026));
    return new RequestState(
        v3.agencyId(),
        v3.requestId(),
        v3.applicantType(),
        v3.channel(),
        v3.receivedDate(),
        v3.subject(),
        v3.applicantRefHash(),
        v3.status(),
        v3.outcome(),
        v3.decidedDate(),
        v3.closedBy(),
        v3.lastStepDate(),
        v3.clock(),
        v3.cases(),
        v3.eventFingerprints(),
        v3.history(),
        v3.rejected(),
        lapsed,
        new DeadlineStatusAlerted(DeadlineStatus.LAPSED),
        v3.registrationNumber(),
        v3.fees(),
        v3.counted(),
        v3.reanswer(),
        v3.voided());
  }

  static AgencyTotals totalsV1() {
    final TreeMap<String, Long> cells = new TreeMap<>();
    cells.put("2025|NEW|NATURAL_PERSON", 41L);
    cells.put("2025|PARTIALLY_DISCLOSED|NATURAL_PERSON", 7L);
    cells.put("2025|T4|REVIEW_PENDING", 1L);
    cells.put("2025|C|WD|23", 1L);
    cells.put("NOW|OVERDUE", 2L);
    cells.put("2026|C|LATE", -1L);
    return new AgencyTotals("guzhen-lc", cells);
  }

  @Test
  void shouldReadTheVersion1RequestRecordWrittenByTheFirstRelease() throws IOException {
    final byte[] bytes = golden("request-v1.bin");
    assertEquals(StateCodec.REQUEST_V1, bytes[0]);
    assertEquals(richV1(), StateCodec.readRequest(bytes));
    assertEquals(
        new StateCodec.RequestHead("guzhen-lc", "2025-0017", false),
        StateCodec.readRequestHead(bytes));
  }

  @Test
  void shouldReadTheVersion1TotalsRecordWrittenByTheFirstRelease() throws IOException {
    final byte[] bytes = golden("totals-v1.bin");
    assertEquals(totalsV1(), StateCodec.readTotals(bytes));
    assertArrayEquals(
        bytes, StateCodec.writeTotals(totalsV1()), "totals are still written as version 1");
  }

  @Test
  void shouldReadTheVersion1RecordWithTheNewComponentsEmpty() throws IOException {
    final RequestState s = StateCodec.readRequest(golden("request-v1.bin"));
    assertEquals(null, s.registrationNumber());
    assertEquals(List.of(), s.fees());
    assertEquals(null, s.counted());
    assertEquals(null, s.reanswer());
    assertEquals(null, s.voided());
    s.cases().values().forEach(c -> assertEquals(null, c.caseNumber()));
    // the views copy of a version 1 record is a version 1 record of the same state without the
    // processor's parts
    assertEquals(
        s.forViews(), StateCodec.readRequest(StateCodec.requestForViews(golden("request-v1.bin"))));
    s.rejected().forEach(r -> assertNull(r.reasonCode()));
  }

  @Test
  void shouldReadTheVersion2GoldenRecordWithoutCodes() throws IOException {
    final byte[] bytes = golden("request-v2.bin");
    assertEquals(StateCodec.REQUEST_V2, bytes[0]);
    final RequestState s = StateCodec.readRequest(bytes);
    assertEquals(richV2(), s);
    s.rejected().forEach(r -> assertNull(r.reasonCode()));
    assertEquals(
        new StateCodec.RequestHead("guzhen-lc", "2025-0017", true),
        StateCodec.readRequestHead(bytes));
    // the views copy keeps version 2
    final byte[] views = StateCodec.requestForViews(bytes);
    assertEquals(StateCodec.REQUEST_V2, views[0]);
    assertEquals(richV2().forViews(), StateCodec.readRequest(views));
  }

  @Test
  void shouldWriteAndReadTheVersion3GoldenRecordExactly() throws IOException {
    final byte[] bytes = golden("request-v3.bin");
    assertEquals(StateCodec.REQUEST_V3, bytes[0]);
    assertEquals(richV3(), StateCodec.readRequest(bytes));
    assertArrayEquals(
        bytes, StateCodec.writeRequest(richV3()), "today's code writes the golden version 3 bytes");
    assertEquals(
        new StateCodec.RequestHead("guzhen-lc", "2025-0017", true),
        StateCodec.readRequestHead(bytes));
    assertArrayEquals(
        StateCodec.writeRequest(richV3().forViews()), StateCodec.requestForViews(bytes));
    // the version 2 state written today is version 3, and reads back equal (codes stay null)
    assertEquals(richV2(), StateCodec.readRequest(StateCodec.writeRequest(richV2())));
  }

  /**
   * What each golden request file holds, oldest format first; JSON is the form before any format
   * byte.
   */
  static Map<String, RequestState> goldenRequests() {
    final Map<String, RequestState> files = new LinkedHashMap<>();
    files.put(
        "request-json.json", richV1()); // written by the release before the binary form (9330a5a^)
    files.put(
        "request-v1.bin", richV1()); // the deadline's flag byte still a boolean (before lapses)
    files.put("request-v2.bin", richV2());
    files.put("request-v3.bin", richV3());
    files.put("request-v3-deadline-flags.bin", richV3WithLapseAndYearEnds());
    return files;
  }

  static Map<String, AgencyTotals> goldenTotals() {
    final Map<String, AgencyTotals> files = new LinkedHashMap<>();
    files.put("totals-json.json", totalsV1());
    files.put("totals-v1.bin", totalsV1());
    return files;
  }

  @Test
  void shouldReadEveryFormatAReleasedDataDirectoryMayHold() throws IOException {
    for (Map.Entry<String, RequestState> e : goldenRequests().entrySet()) {
      assertEquals(
          e.getValue(),
          StateSerde.requests().deserializer().deserialize("foi.requests", golden(e.getKey())),
          e.getKey());
    }
    for (Map.Entry<String, AgencyTotals> e : goldenTotals().entrySet()) {
      assertEquals(
          e.getValue(),
          StateSerde.totals().deserializer().deserialize("foi.agency-totals", golden(e.getKey())),
          e.getKey());
    }
  }

  /**
   * The dashboard never decodes most records: its head and views copy must agree with decoding, in
   * every version.
   */
  @Test
  void shouldReadTheHeadAndCopyTheViewsOfEveryBinaryFormatAsDecodingWould() throws IOException {
    for (Map.Entry<String, RequestState> e : goldenRequests().entrySet()) {
      final byte[] bytes = golden(e.getKey());
      if (!StateCodec.isBinaryRequest(bytes)) {
        continue; // JSON goes through StateSerde (the test above)
      }
      final RequestState s = e.getValue();
      assertEquals(
          new StateCodec.RequestHead(s.agencyId(), s.requestId(), s.isOpen()),
          StateCodec.readRequestHead(bytes),
          e.getKey());
      final byte[] views = StateCodec.requestForViews(bytes);
      assertEquals(bytes[0], views[0], e.getKey() + ": the views copy keeps the record's version");
      assertEquals(s.forViews(), StateCodec.readRequest(views), e.getKey());
    }
  }

  /**
   * Every version of every record kind has its golden file, so a new version cannot ship without
   * one.
   */
  @Test
  void shouldHaveAGoldenFileForEveryFormatVersion() throws IOException {
    final RecordFormat<RequestState> requests = StateLayout.REQUEST_FORMAT;
    for (int v = 1; v <= requests.currentVersion(); v++) {
      assertEquals(
          requests.formatByte(v), golden("request-v" + v + ".bin")[0], "request-v" + v + ".bin");
    }
    final RecordFormat<AgencyTotals> totals = StateLayout.TOTALS_FORMAT;
    for (int v = 1; v <= totals.currentVersion(); v++) {
      assertEquals(
          totals.formatByte(v), golden("totals-v" + v + ".bin")[0], "totals-v" + v + ".bin");
    }
  }

  /**
   * Today's writers produce the golden bytes of the current version of each record kind, and read
   * them back.
   */
  @Test
  void shouldWriteEveryRecordKindAsItsCurrentGoldenBytesAndReadThemBack() throws IOException {
    final String request = "request-v" + StateLayout.REQUEST_FORMAT.currentVersion() + ".bin";
    assertArrayEquals(golden(request), StateCodec.writeRequest(richV3()), request);
    assertEquals(richV3(), StateCodec.readRequest(golden(request)), request);
    final byte[] flags = golden("request-v3-deadline-flags.bin");
    assertArrayEquals(flags, StateCodec.writeRequest(richV3WithLapseAndYearEnds()));
    assertEquals(richV3WithLapseAndYearEnds(), StateCodec.readRequest(flags));

    final String totals = "totals-v" + StateLayout.TOTALS_FORMAT.currentVersion() + ".bin";
    final byte[] totalsBytes = golden(totals);
    assertArrayEquals(totalsBytes, StateCodec.writeTotals(totalsV1()), totals);
    assertEquals(totalsV1(), StateCodec.readTotals(totalsBytes), totals);
    // the processor's and the dashboard's hand-tuned paths write and read the same bytes
    assertArrayEquals(
        totalsBytes, CellTally.of(totalsV1().cells()).toRecord("guzhen-lc"), "CellTally");
    final Map<String, Long> told = new TreeMap<>();
    final CellCounts read = CellCounts.read(totalsBytes, CellCounts.EMPTY, told::put);
    assertEquals(totalsV1().cells(), read.toMap(), "CellCounts");
    assertEquals(totalsV1().cells(), told, "CellCounts tells every cell of a first record");
    assertEquals("guzhen-lc", StateCodec.readTotalsAgencyId(totalsBytes));
  }

  /**
   * Run once with -Dgolden.write=REQUEST_V3 by the release that introduces that format; never
   * afterwards (the version 1 files were written by the first release's code, the version 2 file by
   * the release that introduced version 2).
   */
  @Test
  void writeGoldenFilesWhenAsked() throws IOException {
    if (!"REQUEST_V3".equals(System.getProperty("golden.write"))) {
      return;
    }
    final Path dir = Path.of("src/test/resources/golden-state");
    Files.createDirectories(dir);
    Files.write(dir.resolve("request-v3.bin"), StateCodec.writeRequest(richV3()));
  }
}
