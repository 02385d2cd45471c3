package foi.tracker.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import foi.tracker.core.binary.StateCodec;
import foi.tracker.core.calendar.WorkingDayCalendar;
import foi.tracker.core.deadline.DeadlineClock;
import foi.tracker.core.deadline.DeadlineSettings;
import foi.tracker.core.event.RequestEvent;
import foi.tracker.core.request.Decision;
import foi.tracker.core.request.RequestRules;
import foi.tracker.core.request.RequestState;
import foi.tracker.core.sim.LifecycleGenerator;
import java.time.LocalDate;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The export's head read ({@link RequestDates}) gives what a full decode gives, for every state of
 * many requests.
 */
class RequestDatesTest {
  @Test
  void shouldReadTheSameIdsAndDatesAsAFullDecodeForEveryState() {
    final LocalDate today = LocalDate.of(2026, 11, 20);
    final LifecycleGenerator gen =
        LifecycleGenerator.withCorrections(5L, LocalDate.of(2024, 1, 1), today);
    final RequestRules rules =
        new RequestRules(
            new DeadlineClock(WorkingDayCalendar.bundled(), DeadlineSettings.defaults()));
    int states = 0;
    for (int i = 0; i < 300; i++) {
      RequestState s = null;
      for (RequestEvent e : gen.next("a-" + (i % 3), "r" + i).events()) {
        final Decision d = rules.decide(s, e, today);
        final RequestState next =
            d instanceof Decision.Accepted a
                ? a.next()
                : d instanceof Decision.Rejected r ? r.next() : null; // a duplicate changes nothing
        if (next == null) {
          continue;
        }
        s = next;
        for (byte[] bytes :
            new byte[][] {
              StateCodec.writeRequest(s), StateCodec.requestForViews(StateCodec.writeRequest(s))
            }) {
          final RequestState full = StateCodec.readRequest(bytes);
          final RequestDates.Head head = RequestDates.read(bytes);
          assertEquals(
              new RequestDates.Head(
                  full.agencyId(), full.requestId(), full.receivedDate(), full.decidedDate()),
              head);
          for (int year = 2023; year <= 2026; year++) {
            final boolean counted =
                !(full.receivedDate().getYear() > year
                    || full.decidedDate() != null && full.decidedDate().getYear() < year);
            assertEquals(counted, head.inYear(year), full.key() + " in " + year);
          }
          states++;
        }
      }
    }
    org.junit.jupiter.api.Assertions.assertTrue(states > 1000, "many states read: " + states);
  }

  @Test
  void shouldRefuseATruncatedRecord() {
    final byte[] bytes = StateCodec.writeRequest(sample());
    assertThrows(IllegalArgumentException.class, () -> RequestDates.read(Arrays.copyOf(bytes, 6)));
    assertThrows(
        IllegalArgumentException.class, () -> RequestDates.read("{\"json\":1}".getBytes()));
  }

  private static RequestState sample() {
    final LocalDate today = LocalDate.of(2026, 11, 20);
    final RequestRules rules =
        new RequestRules(
            new DeadlineClock(WorkingDayCalendar.bundled(), DeadlineSettings.defaults()));
    final RequestEvent first =
        new LifecycleGenerator(1L, LocalDate.of(2026, 1, 1), today).next("a", "r1").events().get(0);
    return ((Decision.Accepted) rules.decide(null, first, today)).next();
  }
}
