package foi.tracker.dashboard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import foi.tracker.core.binary.StateCodec;
import foi.tracker.core.calendar.WorkingDayCalendar;
import foi.tracker.core.deadline.Deadline;
import foi.tracker.core.deadline.DeadlineClock;
import foi.tracker.core.deadline.DeadlineSettings;
import foi.tracker.core.deadline.DeadlineStatus;
import foi.tracker.core.event.RequestEvent;
import foi.tracker.core.request.Decision;
import foi.tracker.core.request.RequestRules;
import foi.tracker.core.request.RequestState;
import foi.tracker.core.sim.GeneratedRequest;
import foi.tracker.core.sim.LifecycleGenerator;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The deadline counts kept as records apply ({@link OpenDeadlines}) against a plain recount: random
 * lifecycles with the corrections (amendments that reopen, moved decisions, re-answer orders,
 * voids, pauses, lapses), decided by the request rules and applied as the views apply the requests
 * topic, interleaved across requests; at checkpoints on days moving forward and back, the open
 * overdue (with and without a re-answer order), every status's total and every page walk of every
 * status equal a fresh evaluation of every open request, for the whole scope and each agency.
 */
class OpenDeadlinesTest {
  private static final LocalDate FROM = LocalDate.of(2025, 1, 1);
  private static final LocalDate TODAY = LocalDate.of(2026, 11, 20);
  private static final int AGENCIES = 6;
  private static final int REQUESTS = 900;

  @ParameterizedTest
  @ValueSource(longs = {7L, 20261201L})
  void shouldEqualAFreshRecountAfterEveryStepOfARandomSequence(final long seed) {
    final LifecycleGenerator gen = LifecycleGenerator.withCorrections(seed, FROM, TODAY);
    final List<GeneratedRequest> generated = new ArrayList<>();
    final Set<String> scope = new LinkedHashSet<>();
    for (int i = 0; i < REQUESTS; i++) {
      generated.add(gen.next("agency-" + (i % AGENCIES), "r" + i));
      scope.add("agency-" + (i % AGENCIES));
    }
    final Random rnd = new Random(seed);
    final List<RequestEvent> stream = interleave(generated, rnd);
    final WorkingDayCalendar calendar = WorkingDayCalendar.bundled();
    final DeadlineClock clock = new DeadlineClock(calendar, DeadlineSettings.defaults());
    final RequestRules rules = new RequestRules(clock);
    final Map<String, RequestState> states = new HashMap<>();
    final OpenDeadlines index = new OpenDeadlines();
    int checks = 0;
    for (int i = 0; i < stream.size(); i++) {
      final RequestEvent e = stream.get(i);
      final RequestState current = states.get(e.agencyId() + "/" + e.requestId());
      final Decision d = rules.decide(current, e, TODAY);
      final RequestState next =
          d instanceof Decision.Accepted a
              ? a.next()
              : d instanceof Decision.Rejected r ? r.next() : null; // a duplicate changes nothing
      if (next != null) {
        states.put(next.key(), next);
        final byte[] viewsCopy = StateCodec.requestForViews(StateCodec.writeRequest(next));
        if (next.isOpen()) {
          index.put(
              next.agencyId(), next.requestId(), new DashboardViews.OpenRequest(viewsCopy, null));
        } else {
          index.remove(next.agencyId(), next.requestId());
        }
      }
      if (i % 400 == 399 || i == stream.size() - 1) {
        // mostly the same day, so that the counts carry over from checkpoint to checkpoint (the
        // incremental path);
        // every fourth another day, forward or back (every agency counted again), then the same day
        // again
        final LocalDate day = checks % 4 == 3 ? TODAY.plusDays(rnd.nextInt(60) - 20) : TODAY;
        assertEqualsRecount(index, states, scope, calendar, day, evaluator(clock, rules, day));
        for (String agency : scope) {
          assertEqualsRecount(
              index, states, Set.of(agency), calendar, day, evaluator(clock, rules, day));
        }
        checks++;
      }
    }
    assertTrue(checks > 5, "checked along the way, not only at the end");
    assertTrue(
        states.values().stream().anyMatch(s -> s.isOpen() && s.reanswer() != null)
            || states.values().stream().anyMatch(RequestState::isVoided),
        "the sequence has corrections");
  }

  static Function<RequestState, Deadline> evaluator(
      final DeadlineClock c, final RequestRules rules, final LocalDate today) {
    return s ->
        s.reanswer() != null
            ? rules.reanswerDeadline(s, today, false)
            : c.evaluateBrief(s.receivedDate(), s.clock(), null, today);
  }

  private static void assertEqualsRecount(
      final OpenDeadlines index,
      final Map<String, RequestState> states,
      final Set<String> scope,
      final Object calendar,
      final LocalDate day,
      final Function<RequestState, Deadline> evaluate) {
    // the recount: every open request of the scope evaluated afresh
    final Map<DeadlineStatus, List<String>> expected = new HashMap<>();
    final List<String> all = new ArrayList<>();
    long overdue = 0;
    long overdueReanswers = 0;
    final List<RequestState> open =
        states.values().stream().filter(s -> s.isOpen() && scope.contains(s.agencyId())).toList();
    final Map<String, Deadline> deadlines = new HashMap<>();
    open.forEach(s -> deadlines.put(s.key(), evaluate.apply(s.forViews())));
    final Comparator<RequestState> order =
        Comparator.comparing(
                (RequestState s) -> {
                  final LocalDate due = deadlines.get(s.key()).dueDate();
                  return due == null ? LocalDate.MAX : due;
                })
            .thenComparing(RequestState::key);
    for (RequestState s : open.stream().sorted(order).toList()) {
      final DeadlineStatus st = deadlines.get(s.key()).status();
      expected.computeIfAbsent(st, k -> new ArrayList<>()).add(s.key());
      all.add(s.key());
      if (st == DeadlineStatus.OVERDUE) {
        if (s.reanswer() == null) {
          overdue++;
        } else {
          overdueReanswers++;
        }
      }
    }
    index.uncounted(scope, calendar, day).forEach(o -> o.deadline(calendar, day, evaluate));
    index.count(scope, calendar, day, evaluate);
    assertArrayEquals(
        new long[] {overdue, overdueReanswers}, index.overdue(scope), "open overdue on " + day);
    assertEquals(all.size(), index.total(scope, null), "all open on " + day);
    assertEquals(all, walk(index, scope, null, day), "the whole list on " + day);
    for (DeadlineStatus st : DeadlineStatus.values()) {
      final List<String> want = expected.getOrDefault(st, List.of());
      assertEquals(want.size(), index.total(scope, st), st + " on " + day);
      assertEquals(want, walk(index, scope, st, day), st + " list on " + day);
    }
  }

  /**
   * Every page of a list, each starting after the cursor of the one before: every item exactly
   * once, in order.
   */
  private static List<String> walk(
      final OpenDeadlines index,
      final Set<String> scope,
      final DeadlineStatus st,
      final LocalDate day) {
    final List<String> out = new ArrayList<>();
    final int limit = 1 + Math.floorMod(day.hashCode() + (st == null ? 0 : st.ordinal()), 97);
    DashboardViews.OpenRequest after = null;
    while (true) {
      final List<DashboardViews.OpenRequest> page = index.page(scope, st, after, limit);
      page.forEach(o -> out.add(o.decoded().key()));
      if (page.size() < limit) {
        return out;
      }
      final DashboardViews.OpenRequest last = page.get(page.size() - 1);
      after = Paging.deadlineAfter(Paging.deadlineCursor(last.countedDue, last.countedKey));
    }
  }

  static List<RequestEvent> interleave(final List<GeneratedRequest> requests, final Random rnd) {
    final List<Deque<RequestEvent>> queues = new ArrayList<>();
    requests.forEach(r -> queues.add(new ArrayDeque<>(r.events())));
    final List<RequestEvent> out = new ArrayList<>();
    while (!queues.isEmpty()) {
      final int i = rnd.nextInt(queues.size());
      out.add(queues.get(i).poll());
      if (queues.get(i).isEmpty()) {
        queues.set(i, queues.get(queues.size() - 1));
        queues.remove(queues.size() - 1);
      }
    }
    return out;
  }
}
