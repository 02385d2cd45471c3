package foi.tracker.core.binary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import foi.tracker.core.deadline.ClockEvent;
import foi.tracker.core.deadline.Deadline;
import foi.tracker.core.deadline.DeadlineStatus;
import foi.tracker.core.event.AppealResult;
import foi.tracker.core.event.Channel;
import foi.tracker.core.request.AppealCase;
import foi.tracker.core.request.DeadlineStatusAlerted;
import foi.tracker.core.request.HistoryEntry;
import foi.tracker.core.request.Rejection;
import foi.tracker.core.request.RequestState;
import foi.tracker.core.request.RequestStatus;
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
 * Golden bytes of the stored state formats: records written by an earlier release must stay readable. Each file was
 * written once by the code of its version and is never regenerated; a change to the layout needs a new format byte.
 */
class StateFormatGoldenTest {

  static byte[] golden(final String name) throws IOException {
    try (InputStream in = StateFormatGoldenTest.class.getResourceAsStream("/golden-state/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing golden file " + name);
      }
      return in.readAllBytes();
    }
  }

  /** A closed request with every part filled: clock, two cases, fingerprints, history, a refusal, deadline, alert. */
  static RequestState richV1() {
    final Map<String, AppealCase> cases = new LinkedHashMap<>();
    cases.put("R-1", new AppealCase("R-1", AppealCase.Kind.REVIEW, false, LocalDate.of(2025, 11, 10),
        LocalDate.of(2026, 2, 3), AppealResult.CORRECTED));
    cases.put("L-1", new AppealCase("L-1", AppealCase.Kind.LITIGATION, true, LocalDate.of(2026, 2, 20), null, null));
    final Map<String, String> fingerprints = new LinkedHashMap<>();
    fingerprints.put("received", "f0");
    fingerprints.put("e1", "f1");
    fingerprints.put("e2", "f2");
    return new RequestState("guzhen-lc", "2025-0017", "NATURAL_PERSON", Channel.POST, LocalDate.of(2025, 9, 1),
        "申请公开连城镇2024年道路修缮合同", "ab12cd", RequestStatus.CLOSED, "PARTIALLY_DISCLOSED",
        LocalDate.of(2025, 10, 15), "DECIDED", LocalDate.of(2025, 10, 15),
        List.of(new ClockEvent("CORRECTION_REQUESTED", LocalDate.of(2025, 9, 3), null, null),
            new ClockEvent("CORRECTION_RECEIVED", LocalDate.of(2025, 9, 8), null, null),
            new ClockEvent("EXTENSION_GRANTED", LocalDate.of(2025, 9, 30), 15, null),
            new ClockEvent("DELAY_SET", LocalDate.of(2025, 10, 1), null, LocalDate.of(2025, 11, 30))),
        cases, fingerprints,
        List.of(new HistoryEntry("received", "RECEIVED", LocalDate.of(2025, 9, 1),
                Instant.parse("2025-09-01T02:00:00Z"), "NATURAL_PERSON, POST"),
            new HistoryEntry(null, "DEADLINE_RECOMPUTED", LocalDate.of(2025, 11, 5), null, "节假日安排已更新")),
        List.of(new Rejection("guzhen-lc", "2025-0017", "e9", "DECIDED", LocalDate.of(2025, 10, 20),
            Instant.parse("2025-10-20T03:00:00Z"), "the request was closed on 2025-10-15 (申请已办结)")),
        new Deadline(LocalDate.of(2025, 11, 30), -3, DeadlineStatus.ANSWERED_ON_TIME, false, LocalDate.of(2025, 9, 8),
            List.of(new Deadline.ExcludedDay(LocalDate.of(2025, 10, 1), "国庆节")), List.of("line 1", "第二行"), true,
            23),
        new DeadlineStatusAlerted(DeadlineStatus.DUE_SOON));
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
    assertEquals(new StateCodec.RequestHead("guzhen-lc", "2025-0017", false), StateCodec.readRequestHead(bytes));
  }

  @Test
  void shouldReadTheVersion1TotalsRecordWrittenByTheFirstRelease() throws IOException {
    final byte[] bytes = golden("totals-v1.bin");
    assertEquals(totalsV1(), StateCodec.readTotals(bytes));
    assertArrayEquals(bytes, StateCodec.writeTotals(totalsV1()), "totals are still written as version 1");
  }

  /** Run once with -Dgolden.write=true by the release that introduces a format; never afterwards. */
  @Test
  void writeGoldenFilesWhenAsked() throws IOException {
    if (!Boolean.getBoolean("golden.write")) {
      return;
    }
    final Path dir = Path.of("src/test/resources/golden-state");
    Files.createDirectories(dir);
    Files.write(dir.resolve("request-v1.bin"), StateCodec.writeRequest(richV1()));
    Files.write(dir.resolve("totals-v1.bin"), StateCodec.writeTotals(totalsV1()));
  }
}
