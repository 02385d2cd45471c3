package foi.tracker.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import foi.tracker.core.calendar.DueDate;
import foi.tracker.core.deadline.Deadline;
import foi.tracker.core.deadline.DeadlineStatus;
import foi.tracker.core.json.Json;
import foi.tracker.core.request.RequestStatus;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The records the reads answer with write the same bytes as the maps they replaced (field order,
 * nulls kept in {@link Answer#jsonWithNulls}, left out by {@link Json#write}): each test builds the
 * map as the reads used to.
 */
class ReadAnswerJsonTest {
  private static final LocalDate DAY = LocalDate.of(2026, 3, 2);

  private static String withNulls(final Object body) {
    return new String(Answer.jsonWithNulls(body).body(), StandardCharsets.UTF_8);
  }

  private static Map<String, Object> map(final Object... kv) {
    final Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  @Test
  void shouldWritePublicationAsItsMapDidWhenTheReasonIsNull() {
    final TableFigures.PublicationJson p = new TableFigures.PublicationJson(2, DAY, null, true);
    assertEquals(
        withNulls(map("version", 2, "publishedDate", DAY, "reason", null, "imported", true)),
        withNulls(p));
    assertEquals(
        "{\"version\":2,\"publishedDate\":\"2026-03-02\",\"reason\":null,\"imported\":true}",
        withNulls(p));
  }

  @Test
  void shouldWritePublicationListItemAsItsMapDid() {
    final PublicationReads.PublicationItem p =
        new PublicationReads.PublicationItem(1, DAY, "更正", false, true, null, false);
    assertEquals(
        withNulls(
            map(
                "version",
                1,
                "publishedDate",
                DAY,
                "reason",
                "更正",
                "imported",
                false,
                "withdrawn",
                true,
                "withdrawnReason",
                null,
                "ready",
                false)),
        withNulls(p));
  }

  @Test
  void shouldWriteCellChangeAndCorrectionEventAsTheirMapsDid() {
    assertEquals(
        withNulls(
            map("table", "table3", "row", "NEW", "column", "TOTAL", "published", 3L, "live", 4L)),
        withNulls(new TableFigures.CellChange("table3", "NEW", "TOTAL", 3, 4)));
    assertEquals(
        withNulls(
            map(
                "agencyId",
                "town",
                "requestId",
                null,
                "eventId",
                null,
                "type",
                "AGENCY_MOVED",
                "date",
                null)),
        withNulls(new PublicationReads.CorrectionEvent("town", null, null, "AGENCY_MOVED", null)));
    assertEquals(
        withNulls(
            map(
                "agencyId",
                "town",
                "requestId",
                "r1",
                "eventId",
                "e1",
                "type",
                "DECIDED",
                "date",
                DAY)),
        withNulls(new PublicationReads.CorrectionEvent("town", "r1", "e1", "DECIDED", DAY)));
  }

  @Test
  void shouldWriteAgencyItemAsItsMapDidWhenTheAgencyIsARoot() {
    assertEquals(
        withNulls(
            map(
                "agencyId",
                "cn",
                "name",
                "国务院",
                "parentId",
                null,
                "reportDue",
                "01-31",
                "depth",
                0)),
        withNulls(new AgencyReads.AgencyItem("cn", "国务院", null, "01-31", 0)));
  }

  @Test
  void shouldWriteAlertAsItsMapDidWithAndWithoutNulls() {
    final Deadline.Lapse lapse =
        new Deadline.Lapse(Deadline.Lapse.Kind.CORRECTION, DAY, "OTHER_NO_CORRECTION");
    final Instant at = Instant.parse("2026-03-02T01:02:03Z");
    final AlertReads.AlertJson a =
        new AlertReads.AlertJson(
            "town",
            "r1",
            DeadlineStatus.ON_TRACK,
            DeadlineStatus.DUE_SOON,
            DAY,
            null,
            lapse,
            DAY,
            at);
    final Map<String, Object> m =
        map(
            "agencyId",
            "town",
            "requestId",
            "r1",
            "from",
            DeadlineStatus.ON_TRACK,
            "to",
            DeadlineStatus.DUE_SOON,
            "dueDate",
            DAY,
            "workingDaysLeft",
            null,
            "lapse",
            lapse,
            "asOf",
            DAY,
            "emittedAt",
            at);
    assertEquals(withNulls(m), withNulls(a));
    assertEquals(
        new String(Json.write(m), StandardCharsets.UTF_8),
        new String(Json.write(a), StandardCharsets.UTF_8),
        "the alert stream writes without nulls");
  }

  @Test
  void shouldWriteDeadlineRowAndSearchHitAsTheirMapsDid() {
    assertEquals(
        withNulls(
            map(
                "requestId",
                "r1",
                "agencyId",
                "town",
                "receivedDate",
                DAY,
                "dueDate",
                null,
                "workingDaysLeft",
                null,
                "deadlineStatus",
                DeadlineStatus.PAUSED,
                "provisional",
                true,
                "lapse",
                null)),
        withNulls(
            new DeadlineReads.DeadlineRow(
                "r1", "town", DAY, null, null, DeadlineStatus.PAUSED, true, null)));
    assertEquals(
        withNulls(
            map(
                "requestId",
                "r1",
                "agencyId",
                "town",
                "agencyName",
                "某镇",
                "registrationNumber",
                null,
                "subject",
                "摘要",
                "receivedDate",
                DAY,
                "status",
                RequestStatus.values()[0],
                "outcome",
                null,
                "decidedDate",
                null,
                "deadlineStatus",
                DeadlineStatus.ON_TRACK,
                "voided",
                false)),
        withNulls(
            new RequestReads.SearchHit(
                "r1",
                "town",
                "某镇",
                null,
                "摘要",
                DAY,
                RequestStatus.values()[0],
                null,
                null,
                DeadlineStatus.ON_TRACK,
                false)));
  }

  @Test
  void shouldWriteDueDateAsItsMapDid() {
    final DueDate d = new DueDate(DAY, 20, LocalDate.of(2026, 3, 30), false);
    assertEquals(
        new String(
            Answer.json(
                    map(
                        "from",
                        d.from(),
                        "workingDays",
                        d.workingDays(),
                        "dueDate",
                        d.dueDate(),
                        "provisional",
                        d.provisional()))
                .body(),
            StandardCharsets.UTF_8),
        new String(Answer.json(d).body(), StandardCharsets.UTF_8));
  }

  @Test
  void shouldWriteTheListAnswersAsTheirMapsDidWhenTheLastPageHasNoCursor() {
    final DeadlineReads.DeadlineRow row =
        new DeadlineReads.DeadlineRow(
            "r1", "town", DAY, DAY, 3, DeadlineStatus.DUE_SOON, false, null);
    assertEquals(
        withNulls(
            map(
                "agencyId",
                "town",
                "status",
                null,
                "requests",
                List.of(row),
                "total",
                1L,
                "nextCursor",
                null)),
        withNulls(new DeadlineReads.DeadlineList("town", null, List.of(row), 1, null)));
    assertEquals(
        withNulls(map("agencyId", "town", "total", 0, "requests", List.of())),
        withNulls(new RequestReads.SearchAnswer("town", 0, List.of())));
    final PublicationReads.PublicationItem p =
        new PublicationReads.PublicationItem(1, DAY, null, false, false, null, true);
    assertEquals(
        withNulls(map("agencyId", "town", "year", 2025, "publications", List.of(p))),
        withNulls(new PublicationReads.PublicationList("town", 2025, List.of(p))));
    assertEquals(
        withNulls(map("agencyId", "town", "scope", "subtree", "alerts", List.of())),
        withNulls(new AlertReads.AlertList("town", "subtree", List.of())));
  }
}
