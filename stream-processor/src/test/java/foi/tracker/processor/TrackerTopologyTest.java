package foi.tracker.processor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import foi.tracker.core.deadline.DeadlineSettings;
import foi.tracker.core.deadline.DeadlineStatus;
import foi.tracker.core.event.AppealResult;
import foi.tracker.core.request.RequestState;
import foi.tracker.core.table.Table3;
import foi.tracker.core.table.Table4;
import foi.tracker.core.taxonomy.Taxonomy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TrackerTopologyTest {
  private static final String NP = "NATURAL_PERSON";
  private static final String CO = "COMMERCIAL_ENTERPRISE";
  private static final int NP_COL = 0;
  private static final int CO_COL = 1;
  private static final int TOTAL_COL = 6;
  private TopologyHarness h;

  @BeforeEach
  void start() throws Exception {
    h = new TopologyHarness(Instant.parse("2026-11-22T02:00:00Z"));
  }

  @AfterEach
  void stop() {
    h.close();
  }

  /** Seed 002, 固镇县连城镇人民政府 2024: 3 applications by natural persons; 1 予以公开, 2 其他处理·其他. */
  @Test
  void shouldReproduceSeed002CellByCellWhenItsApplicationsAreLogged() {
    final String a = "liancheng";
    h.send(Ev.received(a, "2024-001", "2024-03-11", NP));
    h.send(Ev.received(a, "2024-002", "2024-06-03", NP));
    h.send(Ev.received(a, "2024-003", "2024-10-21", NP));
    h.send(Ev.decided(a, "2024-001", "d1", "2024-03-29", "DISCLOSED"));
    h.send(Ev.decided(a, "2024-002", "d1", "2024-06-20", "OTHER"));
    h.send(Ev.withdrawn(a, "2024-003", "w1", "2024-11-01"));
    h.flush();

    final Table3 t = h.table3(a, 2024);
    final Map<String, Long> expectedNaturalPerson =
        Map.of("NEW", 3L, "DISCLOSED", 1L, "OTHER", 2L, "DECIDED_TOTAL", 3L);
    for (Taxonomy.Row row : Taxonomy.get().rows()) {
      final long np = expectedNaturalPerson.getOrDefault(row.code(), 0L);
      assertArrayEquals(new long[] {np, 0, 0, 0, 0, 0, np}, t.rows().get(row.code()), row.code());
    }
    assertEquals(25, t.rows().size());
    assertTrue(t.balanced(), t.imbalances().toString());
  }

  @Test
  void shouldGiveAllZeroBalancedTableWhenAgencyHasNoApplications() {
    final Table3 t = h.table3("empty-town", 2025);
    t.rows().forEach((row, values) -> assertArrayEquals(new long[7], values, row));
    assertTrue(t.balanced());
    assertTrue(t.imbalances().isEmpty());
  }

  @Test
  void shouldCarryAnOpenRequestAcrossEveryYearEndWithoutAnyEvent() {
    final String a = "town";
    h.send(Ev.received(a, "r1", "2024-12-20", NP));
    h.flush();
    assertRow(h.table3(a, 2024), "NEW", NP_COL, 1);
    assertRow(h.table3(a, 2024), "CARRIED_OVER_OUT", NP_COL, 1);
    assertRow(h.table3(a, 2025), "CARRIED_OVER_IN", NP_COL, 1);
    assertRow(h.table3(a, 2025), "NEW", NP_COL, 0);
    assertRow(h.table3(a, 2025), "CARRIED_OVER_OUT", NP_COL, 1);
    assertRow(h.table3(a, 2026), "CARRIED_OVER_IN", NP_COL, 1);
    assertRow(h.table3(a, 2026), "CARRIED_OVER_OUT", NP_COL, 1);

    h.send(Ev.decided(a, "r1", "d", "2026-03-02", "PARTIALLY_DISCLOSED"));
    h.flush();
    final Table3 y2026 = h.table3(a, 2026);
    assertRow(y2026, "CARRIED_OVER_IN", NP_COL, 1);
    assertRow(y2026, "PARTIALLY_DISCLOSED", NP_COL, 1);
    assertRow(y2026, "CARRIED_OVER_OUT", NP_COL, 0);
    assertRow(h.table3(a, 2025), "CARRIED_OVER_OUT", NP_COL, 1);
    assertRow(h.table3(a, 2024), "DECIDED_TOTAL", NP_COL, 0);
    for (int y = 2024; y <= 2026; y++) {
      assertTrue(h.table3(a, y).balanced(), "year " + y);
    }
  }

  @Test
  void shouldMoveCountsWhenApplicantTypeReceiptDateAndOutcomeAreAmended() {
    final String a = "town";
    h.send(Ev.received(a, "r1", "2025-01-02", NP));
    h.send(Ev.decided(a, "r1", "d", "2025-01-20", "DISCLOSED"));
    h.flush();
    assertRow(h.table3(a, 2025), "NEW", NP_COL, 1);

    h.send(Ev.amendType(a, "r1", "m1", "2025-02-01", CO));
    h.flush();
    assertRow(h.table3(a, 2025), "NEW", NP_COL, 0);
    assertRow(h.table3(a, 2025), "NEW", CO_COL, 1);
    assertRow(h.table3(a, 2025), "DISCLOSED", NP_COL, 0);
    assertRow(h.table3(a, 2025), "DISCLOSED", CO_COL, 1);

    h.send(Ev.amendReceived(a, "r1", "m2", "2025-02-02", "2024-12-30"));
    h.flush();
    assertRow(h.table3(a, 2025), "NEW", CO_COL, 0);
    assertRow(h.table3(a, 2024), "NEW", CO_COL, 1);
    assertRow(h.table3(a, 2024), "CARRIED_OVER_OUT", CO_COL, 1);
    assertRow(h.table3(a, 2025), "CARRIED_OVER_IN", CO_COL, 1);

    h.send(Ev.amendOutcome(a, "r1", "m3", "2025-02-03", "UNAVAILABLE_NOT_HELD"));
    h.flush();
    assertRow(h.table3(a, 2025), "DISCLOSED", CO_COL, 0);
    assertRow(h.table3(a, 2025), "UNAVAILABLE_NOT_HELD", CO_COL, 1);
    assertRow(h.table3(a, 2025), "DECIDED_TOTAL", TOTAL_COL, 1);
    assertTrue(h.table3(a, 2024).balanced());
    assertTrue(h.table3(a, 2025).balanced());
  }

  @Test
  void shouldCountDuplicatesOnceHoweverLateTheyArrive() {
    final String a = "town";
    h.send(Ev.received(a, "r1", "2025-03-03", NP));
    h.send(Ev.decided(a, "r1", "d", "2025-03-10", "DISCLOSED"));
    h.send(Ev.received(a, "r2", "2025-04-01", NP));
    h.flush();
    h.advance(Duration.ofDays(30));
    h.send(Ev.received(a, "r1", "2025-03-03", NP));
    h.send(Ev.decided(a, "r1", "d", "2025-03-10", "DISCLOSED"));
    h.flush();
    assertRow(h.table3(a, 2025), "NEW", NP_COL, 2);
    assertRow(h.table3(a, 2025), "DISCLOSED", NP_COL, 1);
    assertTrue(h.rejected.isEmpty(), h.rejected.toString());
    assertEquals(2, h.request(a, "r1").history().size());
  }

  @Test
  void shouldRejectIllegalEventsWithReasonAndChangeNoTable() {
    final String a = "town";
    h.send(Ev.received(a, "r1", "2025-03-03", NP));
    h.send(Ev.decided(a, "r1", "d1", "2025-03-10", "DISCLOSED"));
    h.flush();
    final Map<String, Long> before = h.cells(a);

    h.send(Ev.decided(a, "r1", "d2", "2025-03-11", "OTHER"));
    h.send(Ev.decided(a, "unknown", "d1", "2025-03-11", "OTHER"));
    h.send(Ev.consultation(a, "r1", "c1", "2025-03-01"));
    h.send(Ev.decided(a, "r1", "d1", "2025-03-10", "OTHER"));
    h.send(Ev.amendOutcome(a, "r1", "m1", "2025-03-12", "NOT_AN_OUTCOME"));
    h.flush();

    assertEquals(before, h.cells(a));
    assertEquals(5, h.rejected.size(), h.rejected.toString());
    assertTrue(h.rejected.get(0).reason().contains("申请已办结"), h.rejected.get(0).reason());
    assertTrue(h.rejected.get(1).reason().contains("未找到该申请"), h.rejected.get(1).reason());
    assertTrue(h.rejected.get(2).reason().contains("早于收到申请日期"), h.rejected.get(2).reason());
    assertTrue(h.rejected.get(3).reason().contains("事件编号重复"), h.rejected.get(3).reason());
    assertTrue(h.rejected.get(4).reason().contains("NOT_AN_OUTCOME"), h.rejected.get(4).reason());
    final RequestState r1 = h.request(a, "r1");
    assertEquals(4, r1.rejected().size());
    assertEquals("DISCLOSED", r1.outcome());
  }

  @Test
  void shouldCountAppealsInTheirConclusionYearAndAsPendingAtEachYearEndTheyWereOpen() {
    final String a = "town";
    h.send(Ev.received(a, "r1", "2024-11-04", NP));
    h.send(Ev.decided(a, "r1", "d", "2024-11-20", "WITHHELD_PROCESS_INFO"));
    h.send(Ev.review(a, "r1", "f1", "2024-12-10", "R-1"));
    h.send(Ev.reviewConcluded(a, "r1", "c1", "2025-02-10", "R-1", AppealResult.UPHELD));
    h.send(Ev.received(a, "r2", "2025-03-03", NP));
    h.send(Ev.decided(a, "r2", "d", "2025-03-10", "DISCLOSED"));
    h.send(Ev.review(a, "r2", "f1", "2025-04-01", "R-2"));
    h.send(Ev.reviewConcluded(a, "r2", "c1", "2025-06-01", "R-2", AppealResult.CORRECTED));
    h.flush();
    final Table4 y2024 = h.table4(a, 2024);
    assertEquals(1L, y2024.cells().get("REVIEW_PENDING"));
    assertEquals(1L, y2024.cells().get("REVIEW_TOTAL"));
    assertEquals(0L, y2024.cells().get("REVIEW_UPHELD"));
    final Table4 y2025 = h.table4(a, 2025);
    assertEquals(1L, y2025.cells().get("REVIEW_UPHELD"));
    assertEquals(1L, y2025.cells().get("REVIEW_CORRECTED"));
    assertEquals(2L, y2025.cells().get("REVIEW_TOTAL"));
    assertEquals(0L, y2025.cells().get("REVIEW_PENDING"));
    assertEquals(15, y2025.cells().size());
  }

  @Test
  void shouldSendUnreadableRecordsToDeadLettersAndKeepGoing() {
    h.sendRaw("town/r1", "{not json".getBytes(StandardCharsets.UTF_8));
    h.sendRaw(
        "town/r2",
        "{\"type\":\"NO_SUCH_TYPE\",\"eventId\":\"x\"}".getBytes(StandardCharsets.UTF_8));
    h.send(Ev.received("town", "r3", "2025-03-03", NP));
    h.flush();
    assertEquals(2, h.deadLetters.size());
    assertEquals("town/r1", h.deadLetters.get(0).key());
    assertEquals(0L, h.deadLetters.get(0).offset());
    assertFalse(h.deadLetters.get(0).reason().isBlank());
    assertRow(h.table3("town", 2025), "NEW", NP_COL, 1);
  }

  @Test
  void shouldMoveFromOnTrackToDueSoonToOverdueWithOneAlertEach() {
    // 2026-11-20 (Fri) + 20 working days = 2026-12-18 (no holidays in between)
    h.clock.set(Instant.parse("2026-11-20T02:00:00Z"));
    h.send(Ev.received("town", "r1", "2026-11-20", NP));
    h.flush();
    assertEquals(DeadlineStatus.ON_TRACK, h.request("town", "r1").deadline().status());
    assertEquals(
        java.time.LocalDate.parse("2026-12-18"), h.request("town", "r1").deadline().dueDate());
    assertEquals(Map.of("NOW|ON_TRACK", 1L, "2026|NEW|NATURAL_PERSON", 1L), h.cells("town"));

    h.advance(Duration.ofDays(23)); // 2026-12-13 (Sun): 5 working days left
    assertEquals(DeadlineStatus.ON_TRACK, h.request("town", "r1").deadline().status());
    assertEquals(5, h.request("town", "r1").deadline().workingDaysLeft());
    h.advance(Duration.ofDays(2)); // 2026-12-15: 3 left
    assertEquals(DeadlineStatus.DUE_SOON, h.request("town", "r1").deadline().status());
    h.advance(Duration.ofDays(1));
    h.advance(Duration.ofDays(1));
    h.advance(Duration.ofDays(1)); // 2026-12-18: due today
    assertEquals(0, h.request("town", "r1").deadline().workingDaysLeft());
    h.advance(Duration.ofDays(1)); // 2026-12-19
    assertEquals(DeadlineStatus.OVERDUE, h.request("town", "r1").deadline().status());
    h.advance(Duration.ofDays(3));
    assertEquals(2, h.alerts.size(), h.alerts.toString());
    assertEquals(DeadlineStatus.DUE_SOON, h.alerts.get(0).to());
    assertEquals(DeadlineStatus.OVERDUE, h.alerts.get(1).to());
    assertEquals(1L, h.cells("town").get("NOW|OVERDUE"));
    assertNull(h.cells("town").get("NOW|ON_TRACK"));
  }

  @Test
  void shouldRaiseNoAlertForALateEntryClosedBeforeTheAlertCheckAndOneForALateEntryLeftOpen() {
    // a clerk enters two paper applications of October: both overdue the moment they are logged
    h.send(Ev.received("town", "late-closed", "2026-10-09", NP));
    h.send(Ev.decided("town", "late-closed", "d1", "2026-10-30", "DISCLOSED"));
    h.send(Ev.received("town", "late-open", "2026-10-09", NP));
    h.flush();
    h.flush();
    assertEquals(1, h.alerts.size(), h.alerts.toString());
    assertEquals("late-open", h.alerts.get(0).requestId());
    assertEquals(DeadlineStatus.OVERDUE, h.alerts.get(0).to());
    assertEquals(DeadlineStatus.OVERDUE, h.request("town", "late-open").alerted().status());
    assertNull(h.request("town", "late-closed").alerted());
  }

  @Test
  void shouldRaiseAnAlertCommittedWithoutItsCheckAfterARestartAndOnlyOnce() throws Exception {
    // the change is committed (the driver commits after every record) and the process stops before
    // the alert check
    h.send(Ev.received("town", "r1", "2026-10-09", NP));
    h.drain();
    assertTrue(h.alerts.isEmpty());
    final byte[] committed =
        h.driver.<String, byte[]>getKeyValueStore(TrackerTopology.REQUEST_STORE).get("town/r1");
    h.close();
    // restarted: its store holds that state (the driver wipes its state dir on close, so it is put
    // back by hand)
    h = new TopologyHarness(Instant.parse("2026-11-22T02:00:00Z"));
    h.driver
        .<String, byte[]>getKeyValueStore(TrackerTopology.REQUEST_STORE)
        .put("town/r1", committed);
    h.flush();
    assertEquals(1, h.alerts.size(), h.alerts.toString());
    assertEquals("r1", h.alerts.get(0).requestId());
    assertEquals(DeadlineStatus.OVERDUE, h.request("town", "r1").alerted().status());
    h.flush();
    h.advance(Duration.ofMinutes(5));
    assertEquals(1, h.alerts.size(), "noted on the request, so raised once: " + h.alerts);
  }

  @Test
  void shouldMoveAProvisionalDeadlineWhenTheNextYearsScheduleIsLoaded() {
    // 2026-12-10 + 20 working days: 15 in December 2026, then 2027 (not published: provisional,
    // statutory
    // holidays only): Jan 1 (Fri) 元旦 is off, Jan 4–8 the 16th–20th → 2027-01-08, provisional.
    h.clock.set(Instant.parse("2026-12-10T02:00:00Z"));
    h.send(Ev.received("town", "r1", "2026-12-10", NP));
    h.flush();
    assertEquals(
        java.time.LocalDate.parse("2027-01-08"), h.request("town", "r1").deadline().dueDate());
    assertTrue(h.request("town", "r1").deadline().provisional());

    // The 2027 notice arrives (a test notice): Jan 1 and Jan 4 off → Jan 5–8, 11 are the 16th–20th
    // → 2027-01-11,
    // no longer provisional.
    h.loadSchedule(
        new foi.tracker.core.calendar.YearSchedule(
            2027,
            "test notice",
            java.util.List.of(
                new foi.tracker.core.calendar.YearSchedule.Day(
                    java.time.LocalDate.parse("2027-01-01"), "元旦", true),
                new foi.tracker.core.calendar.YearSchedule.Day(
                    java.time.LocalDate.parse("2027-01-04"), "元旦", true))));
    h.advance(TopologyHarness.CHECK);
    final RequestState r1 = h.request("town", "r1");
    assertEquals(java.time.LocalDate.parse("2027-01-11"), r1.deadline().dueDate());
    assertFalse(r1.deadline().provisional());
    final foi.tracker.core.request.HistoryEntry note = r1.history().get(r1.history().size() - 1);
    assertEquals("DEADLINE_RECOMPUTED", note.type());
    assertTrue(note.detail().contains("2027-01-08 → 2027-01-11"), note.detail());
  }

  /**
   * A data dir written before the binary state format holds JSON in the request and totals stores:
   * it must go on counting from there (no migration), and what it writes from then on is binary.
   */
  @Test
  void shouldGoOnFromStoresWrittenAsJsonByEarlierVersions() {
    final String a = "upgraded";
    h.send(Ev.received(a, "R-1", "2026-03-02", NP));
    h.send(Ev.received(a, "R-2", "2026-03-03", CO));
    h.flush();
    final org.apache.kafka.streams.state.KeyValueStore<String, byte[]> requests =
        h.driver.getKeyValueStore(TrackerTopology.REQUEST_STORE);
    final org.apache.kafka.streams.state.KeyValueStore<String, byte[]> totals =
        h.driver.getKeyValueStore(TrackerTopology.TOTALS_STORE);
    // rewrite both stores as the previous version wrote them
    final RequestState r1 = h.request(a, "R-1");
    requests.put(r1.key(), foi.tracker.core.json.Json.write(r1));
    requests.put(h.request(a, "R-2").key(), foi.tracker.core.json.Json.write(h.request(a, "R-2")));
    totals.put(
        a,
        foi.tracker.core.json.Json.write(new foi.tracker.core.table.AgencyTotals(a, h.cells(a))));

    h.send(Ev.decided(a, "R-1", "d1", "2026-03-20", "DISCLOSED"));
    h.send(
        Ev.received(
            a, "R-1", "2026-03-02", NP)); // a re-sent application: recognised from the JSON state
    h.flush();
    final Table3 t = h.table3(a, 2026);
    assertArrayEquals(new long[] {1, 1, 0, 0, 0, 0, 2}, t.rows().get("NEW"));
    assertArrayEquals(new long[] {1, 0, 0, 0, 0, 0, 1}, t.rows().get("DISCLOSED"));
    assertArrayEquals(new long[] {0, 1, 0, 0, 0, 0, 1}, t.rows().get("CARRIED_OVER_OUT"));
    assertTrue(h.rejected.isEmpty(), h.rejected.toString());
    assertEquals(foi.tracker.core.binary.StateCodec.REQUEST_V3, requests.get(r1.key())[0]);
    assertEquals(foi.tracker.core.binary.StateCodec.TOTALS_V1, totals.get(a)[0]);
    assertEquals(
        '{', requests.get(h.request(a, "R-2").key())[0], "untouched requests stay as they were");
  }

  @Test
  void shouldPinTheTopologyDescription() {
    final String described =
        TrackerTopology.build(
                new ProcessorSettings(
                    Clock.systemUTC(),
                    DeadlineSettings.defaults(),
                    Duration.ofMillis(100),
                    Duration.ofMinutes(1),
                    1))
            .describe()
            .toString();
    final String expected =
        String.join(
            "\n",
            "Topologies:",
            "   Sub-topology: 0",
            "    Source: events-source (topics: [foi.events])",
            "      --> parse-events",
            "    Processor: parse-events (stores: [])",
            "      --> request-lifecycle, dead-letters-sink",
            "      <-- events-source",
            "    Processor: request-lifecycle (stores: [request-store])",
            "      --> agency-totals, deadline-alerts, deadline-sweep, capped-requests-sink, dead-letters-sink, "
                + "rejected-sink",
            "      <-- parse-events",
            "    Processor: deadline-sweep (stores: [request-store, meta-store])",
            "      --> agency-totals, deadline-alerts",
            "      <-- request-lifecycle",
            "    Processor: agency-totals (stores: [request-store, meta-store, publication-coverage-store, "
                + "agency-totals-store])",
            "      --> corrections-sink, dead-letters-sink, published-parts-sink",
            "      <-- request-lifecycle, deadline-sweep",
            "    Processor: deadline-alerts (stores: [request-store])",
            "      --> alerts-sink",
            "      <-- request-lifecycle, deadline-sweep",
            "    Sink: alerts-sink (topic: foi.alerts)",
            "      <-- deadline-alerts",
            "    Sink: capped-requests-sink (topic: foi.capped-requests)",
            "      <-- request-lifecycle",
            "    Sink: corrections-sink (topic: foi.corrections)",
            "      <-- agency-totals",
            "    Sink: dead-letters-sink (topic: foi.dead-letters)",
            "      <-- parse-events, request-lifecycle, agency-totals",
            "    Sink: published-parts-sink (topic: foi.published-parts)",
            "      <-- agency-totals",
            "    Sink: rejected-sink (topic: foi.rejected)",
            "      <-- request-lifecycle",
            "",
            "  Sub-topology: 1 for global store (will not generate tasks)",
            "    Source: calendar-source (topics: [foi.calendar])",
            "      --> calendar-loader",
            "    Processor: calendar-loader (stores: [calendar-store])",
            "      --> none",
            "      <-- calendar-source",
            "");
    assertEquals(expected, described);
  }

  private static void assertRow(
      final Table3 t, final String row, final int col, final long expected) {
    assertEquals(expected, t.rows().get(row)[col], t.year() + " " + row + " col " + col);
  }
}
