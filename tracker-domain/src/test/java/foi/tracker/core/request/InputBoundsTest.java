package foi.tracker.core.request;

import static foi.tracker.core.request.Steps.AGENCY;
import static foi.tracker.core.request.Steps.REQUEST;
import static foi.tracker.core.request.Steps.RULES;
import static foi.tracker.core.request.Steps.at;
import static foi.tracker.core.request.Steps.d;
import static foi.tracker.core.request.Steps.decided;
import static foi.tracker.core.request.Steps.fold;
import static foi.tracker.core.request.Steps.reanswer;
import static foi.tracker.core.request.Steps.received;
import static foi.tracker.core.request.Steps.review;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import foi.tracker.core.event.Amended;
import foi.tracker.core.event.ApplicationReceived;
import foi.tracker.core.event.Channel;
import foi.tracker.core.event.CorrectionRequested;
import foi.tracker.core.event.DelaySet;
import foi.tracker.core.event.RequestEvent;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** api.md "Bounds on input", as the rules enforce them on whatever the log holds. */
class InputBoundsTest {
  private static final String NP = "NATURAL_PERSON";
  private static final LocalDate TODAY = d("2026-06-30");

  private static Decision.Rejected refused(
      final RequestState current, final RequestEvent e, final String field) {
    final Decision.Rejected r =
        assertInstanceOf(Decision.Rejected.class, RULES.decide(current, e, TODAY));
    // Chinese first; the field's code name in the English parenthesis
    assertTrue(r.rejection().reason().contains("(" + field + " "), r.rejection().reason());
    assertTrue(r.rejection().reason().contains("超出受理范围"), r.rejection().reason());
    return r;
  }

  @Test
  void aReceiptBefore2008IsRefusedAndNothingIsOpened() {
    final ApplicationReceived old =
        new ApplicationReceived(
            "received",
            AGENCY,
            REQUEST,
            d("2008-04-30"),
            at("2008-04-30"),
            NP,
            Channel.ONLINE,
            "s",
            null);
    assertNull(refused(null, old, "date").next());
    final ApplicationReceived first =
        new ApplicationReceived(
            "received",
            AGENCY,
            REQUEST,
            Bounds.EARLIEST_DATE,
            at("2008-05-01"),
            NP,
            Channel.ONLINE,
            "s",
            null);
    assertInstanceOf(Decision.Accepted.class, RULES.decide(null, first, TODAY));
  }

  @Test
  void aDateAfterTodayIsRefusedEvenWithoutARecordingTime() {
    final ApplicationReceived unrecorded =
        new ApplicationReceived(
            "received", AGENCY, REQUEST, d("9999-12-31"), null, NP, Channel.ONLINE, "s", null);
    assertNull(refused(null, unrecorded, "date").next());
    // a recorded event dated after its recording is the rules' own FUTURE_DATE (RefusalCodesTest)
  }

  @Test
  void anAmendedDateBefore2008IsRefused() {
    final RequestState open = fold(received("2025-03-03", NP));
    final Amended a =
        new Amended(
            "a1",
            AGENCY,
            REQUEST,
            d("2025-03-04"),
            at("2025-03-04"),
            null,
            d("2001-01-01"),
            null,
            null);
    final Decision.Rejected r = refused(open, a, "receivedDate");
    assertEquals(1, r.next().rejected().size());
  }

  @Test
  void aDelayMoreThanTwoYearsAheadIsRefusedTwoYearsIsNot() {
    final RequestState open = fold(received("2025-03-03", NP));
    refused(
        open,
        new DelaySet("x1", AGENCY, REQUEST, d("2025-03-10"), at("2025-03-10"), d("9999-12-31")),
        "dueDate");
    refused(
        open,
        new DelaySet("x2", AGENCY, REQUEST, d("2025-03-10"), at("2025-03-10"), d("2027-03-11")),
        "dueDate");
    assertInstanceOf(
        Decision.Accepted.class,
        RULES.decide(
            open,
            new DelaySet("x3", AGENCY, REQUEST, d("2025-03-10"), at("2025-03-10"), d("2027-03-10")),
            TODAY));
  }

  @Test
  void aCorrectionPeriodMoreThanTwoYearsAheadIsRefused() {
    final RequestState open = fold(received("2025-03-03", NP));
    refused(
        open,
        new CorrectionRequested(
            "c1", AGENCY, REQUEST, d("2025-03-05"), at("2025-03-05"), d("2027-03-06")),
        "dueBy");
    assertInstanceOf(
        Decision.Accepted.class,
        RULES.decide(
            open,
            new CorrectionRequested(
                "c2", AGENCY, REQUEST, d("2025-03-05"), at("2025-03-05"), d("2027-03-05")),
            TODAY));
  }

  @Test
  void aReanswerDueMoreThanTwoYearsAheadIsRefused() {
    final RequestState appealed =
        fold(
            received("2025-03-03", NP),
            decided("2025-03-20", "DISCLOSED"),
            review("2025-04-01", "k1"));
    refused(appealed, reanswer("2025-05-06", "k1", "2030-01-01"), "dueDate");
    assertInstanceOf(
        Decision.Accepted.class,
        RULES.decide(appealed, reanswer("2025-05-06", "k1", "2025-06-30"), TODAY));
  }
}
