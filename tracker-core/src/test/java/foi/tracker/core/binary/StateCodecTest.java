package foi.tracker.core.binary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import foi.tracker.core.calendar.WorkingDayCalendar;
import foi.tracker.core.deadline.ClockEvent;
import foi.tracker.core.deadline.Deadline;
import foi.tracker.core.deadline.DeadlineClock;
import foi.tracker.core.deadline.DeadlineSettings;
import foi.tracker.core.deadline.DeadlineStatus;
import foi.tracker.core.event.RequestEvent;
import foi.tracker.core.json.Json;
import foi.tracker.core.request.AppealCase;
import foi.tracker.core.request.DeadlineStatusAlerted;
import foi.tracker.core.request.Decision;
import foi.tracker.core.request.HistoryEntry;
import foi.tracker.core.request.Rejection;
import foi.tracker.core.request.RequestRules;
import foi.tracker.core.request.RequestState;
import foi.tracker.core.sim.GeneratedRequest;
import foi.tracker.core.sim.LifecycleGenerator;
import foi.tracker.core.table.AgencyTotals;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class StateCodecTest {
  private static final LocalDate TODAY = LocalDate.of(2026, 3, 10);

  /**
   * Every state the rules produce for 2,000 generated lifecycles (all event kinds, refusals,
   * duplicates).
   */
  private static List<RequestState> generatedStates() {
    final RequestRules rules =
        new RequestRules(
            new DeadlineClock(WorkingDayCalendar.bundled(), DeadlineSettings.defaults()));
    final LifecycleGenerator gen =
        LifecycleGenerator.withCorrections(7, LocalDate.of(2025, 1, 1), TODAY);
    final List<RequestState> out = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      final GeneratedRequest g = gen.next("town-" + (i % 17), "R-" + i);
      RequestState state = null;
      for (RequestEvent e : g.events()) {
        final Decision d = rules.decide(state, e, e.date());
        if (d instanceof Decision.Accepted a) {
          state = a.next();
        } else if (d instanceof Decision.Rejected r && r.next() != null) {
          state = r.next();
        }
        if (state != null) {
          out.add(state);
        }
      }
      if (state != null) {
        out.add(rules.refresh(state, TODAY).withAlerted(DeadlineStatus.OVERDUE));
      }
    }
    return out;
  }

  @Test
  void everyGeneratedStateReadsBackEqualAndSmallerThanJson() {
    final List<RequestState> states = generatedStates();
    long binary = 0;
    long json = 0;
    int withCases = 0;
    int withRejections = 0;
    for (RequestState s : states) {
      final byte[] bytes = StateCodec.writeRequest(s);
      assertEquals(s, StateCodec.readRequest(bytes), () -> "round trip of " + s.key());
      binary += bytes.length;
      json += Json.write(s).length;
      withCases += s.cases().isEmpty() ? 0 : 1;
      withRejections += s.rejected().isEmpty() ? 0 : 1;
    }
    assertTrue(states.size() > 4_000, "states: " + states.size());
    assertTrue(withCases > 0 && withRejections > 0, "the sample covers appeals and refusals");
    assertTrue(binary * 2 < json, "binary " + binary + " bytes vs JSON " + json);
  }

  @Test
  void edgeValuesAndNullsReadBackEqual() {
    final RequestState s = edgeState();
    assertEquals(s, StateCodec.readRequest(StateCodec.writeRequest(s)));
    final RequestState bare = bareState();
    assertEquals(bare, StateCodec.readRequest(StateCodec.writeRequest(bare)));
    // insertion order of the maps is kept (the rules' history of cases is in filing order)
    assertEquals(
        List.of("c2", "c1"),
        List.copyOf(StateCodec.readRequest(StateCodec.writeRequest(s)).cases().keySet()));
  }

  /**
   * The dashboard's shortcut: the same bytes as decoding, dropping the processor-only parts and
   * encoding again.
   */
  @Test
  void theViewsCopyAndTheHeadAreTheDecodedStatesOwn() {
    final List<RequestState> states = new ArrayList<>(generatedStates());
    states.add(edgeState());
    states.add(bareState());
    int open = 0;
    int withDeadline = 0;
    for (RequestState s : states) {
      final byte[] bytes = StateCodec.writeRequest(s);
      assertArrayEquals(
          StateCodec.writeRequest(s.forViews()),
          StateCodec.requestForViews(bytes),
          () -> "views copy of " + s.key());
      assertEquals(
          new StateCodec.RequestHead(s.agencyId(), s.requestId(), s.isOpen()),
          StateCodec.readRequestHead(bytes));
      open += s.isOpen() ? 1 : 0;
      withDeadline += s.deadline() != null && s.deadline().explanation() != null ? 1 : 0;
    }
    assertTrue(
        open > 0 && open < states.size(), "the sample has open and closed requests: " + open);
    assertTrue(withDeadline > 0, "the sample has stored deadlines to leave out");
    final byte[] bytes = StateCodec.writeRequest(edgeState());
    for (int cut = 1; cut < bytes.length; cut++) {
      final byte[] truncated = java.util.Arrays.copyOf(bytes, cut);
      assertThrows(
          IllegalArgumentException.class,
          () -> StateCodec.requestForViews(truncated),
          "cut at " + cut);
    }
    assertThrows(
        IllegalArgumentException.class,
        () -> StateCodec.requestForViews(java.util.Arrays.copyOf(bytes, bytes.length + 1)));
    assertThrows(IllegalArgumentException.class, () -> StateCodec.readRequestHead(new byte[0]));
    assertThrows(
        IllegalArgumentException.class,
        () -> StateCodec.requestForViews(StateCodec.writeTotals(AgencyTotals.empty("a"))));
  }

  private static RequestState edgeState() {
    final Deadline deadline =
        new Deadline(
            null,
            Integer.MIN_VALUE,
            DeadlineStatus.LAPSED,
            true,
            LocalDate.of(1969, 12, 31),
            null,
            null,
            true,
            Integer.MAX_VALUE,
            new Deadline.Lapse(Deadline.Lapse.Kind.FEE, LocalDate.MIN, null),
            List.of(2019, 2024));
    final Map<String, AppealCase> cases = new LinkedHashMap<>();
    cases.put(
        "c2",
        new AppealCase("c2", AppealCase.Kind.LITIGATION, true, LocalDate.MIN, null, null, "案号 x"));
    cases.put("c1", new AppealCase(null, null, false, null, LocalDate.MAX, null));
    final RequestState s =
        new RequestState(
            "县/乡 ünïcode",
            "",
            null,
            null,
            null,
            "主题\u0000\uD83D\uDE00",
            null,
            null,
            null,
            null,
            null,
            null,
            List.of(new ClockEvent("EXTENSION_GRANTED", null, -3, LocalDate.EPOCH)),
            cases,
            Map.of("e1", ""),
            List.of(
                new HistoryEntry(null, null, null, Instant.ofEpochSecond(-5, 999_999_999), null)),
            List.of(
                new Rejection(null, null, null, null, null, null, null),
                new Rejection(
                    "a",
                    "r",
                    "e",
                    "DECIDED",
                    LocalDate.MIN,
                    Instant.EPOCH,
                    "理由",
                    "CLOSED\uD83D\uDE00")),
            deadline,
            new DeadlineStatusAlerted(null),
            "登记号\uD83D\uDE00",
            List.of(
                new foi.tracker.core.request.FeePayment(null, null, Long.MIN_VALUE),
                new foi.tracker.core.request.FeePayment("e", LocalDate.MAX, Long.MAX_VALUE)),
            new foi.tracker.core.request.CountedAnswer(null, null, true, null, true),
            new foi.tracker.core.request.ReanswerOrder(null, null, null),
            new foi.tracker.core.request.VoidMark(null, null, null));
    return s;
  }

  private static RequestState bareState() {
    return new RequestState(
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        new Deadline(null, null, null, false, null, List.of(), List.of("a", ""), false, null),
        null);
  }

  @Test
  void totalsReadBackEqualIncludingNegativeAndLargeCounts() {
    final TreeMap<String, Long> cells = new TreeMap<>();
    cells.put("2025|一|NATURAL", 16L);
    cells.put("2025|四|x", -2L);
    cells.put("2026|C|WD|20", Long.MAX_VALUE);
    cells.put("2026|C|WD|0", Long.MIN_VALUE);
    final AgencyTotals t = new AgencyTotals("town-1", cells);
    assertEquals(t, StateCodec.readTotals(StateCodec.writeTotals(t)));
    assertEquals(
        AgencyTotals.empty("x"),
        StateCodec.readTotals(StateCodec.writeTotals(AgencyTotals.empty("x"))));
  }

  @Test
  void jsonWrittenByEarlierVersionsIsStillRead() {
    final StateSerde<RequestState> requests = StateSerde.requests();
    for (RequestState s : generatedStates().subList(0, 500)) {
      assertEquals(s, requests.deserializer().deserialize("t", Json.write(s)));
      assertEquals(
          s, requests.deserializer().deserialize("t", requests.serializer().serialize("t", s)));
    }
    final AgencyTotals t = new AgencyTotals("a", Map.of("2025|一|NATURAL", 3L));
    assertEquals(t, StateSerde.totals().deserializer().deserialize("t", Json.write(t)));
    assertEquals(
        t,
        StateSerde.totals()
            .deserializer()
            .deserialize("t", StateSerde.totals().serializer().serialize("t", t)));
  }

  @Test
  void damagedRecordsAreRefusedNotMisread() {
    final RequestState s = generatedStates().get(42);
    final byte[] bytes = StateCodec.writeRequest(s);
    for (int cut = 0; cut < bytes.length; cut += 7) {
      final byte[] truncated = java.util.Arrays.copyOf(bytes, cut);
      assertThrows(
          SerializationException.class,
          () -> StateSerde.requests().deserializer().deserialize("foi.requests", truncated));
    }
    final byte[] longer = java.util.Arrays.copyOf(bytes, bytes.length + 1);
    assertThrows(IllegalArgumentException.class, () -> StateCodec.readRequest(longer));
    final byte[] totals = StateCodec.writeTotals(new AgencyTotals("a", Map.of("k", 1L)));
    assertThrows(IllegalArgumentException.class, () -> StateCodec.readRequest(totals));
    assertThrows(IllegalArgumentException.class, () -> StateCodec.readTotals(bytes));
  }

  /** Adding a component to any of these records must fail here first (and in StateLayoutTest). */
  @Test
  void everyRecordComponentIsCoveredByTheCodec() {
    final Map<Class<?>, Integer> covered =
        Map.ofEntries(
            Map.entry(RequestState.class, 24),
            Map.entry(ClockEvent.class, 4),
            Map.entry(AppealCase.class, 7),
            Map.entry(HistoryEntry.class, 5),
            Map.entry(Rejection.class, 8),
            Map.entry(Deadline.class, 11),
            Map.entry(Deadline.ExcludedDay.class, 2),
            Map.entry(Deadline.Lapse.class, 3),
            Map.entry(DeadlineStatusAlerted.class, 1),
            Map.entry(AgencyTotals.class, 2),
            Map.entry(foi.tracker.core.request.FeePayment.class, 3),
            Map.entry(foi.tracker.core.request.CountedAnswer.class, 5),
            Map.entry(foi.tracker.core.request.ReanswerOrder.class, 3),
            Map.entry(foi.tracker.core.request.VoidMark.class, 3));
    covered.forEach(
        (type, count) ->
            assertEquals(
                count,
                type.getRecordComponents().length,
                type.getSimpleName()
                    + " changed: update StateLayout (and add a new format version if old data exists)"));
  }
}
