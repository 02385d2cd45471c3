package foi.tracker.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import foi.tracker.core.deadline.Deadline;
import foi.tracker.core.deadline.DeadlineStatus;
import foi.tracker.core.event.CorrectionReceived;
import foi.tracker.core.event.CorrectionRequested;
import foi.tracker.core.event.FeeNoticeIssued;
import foi.tracker.core.event.FeePaid;
import foi.tracker.core.topic.DeadlineAlert;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The LAPSED alert (api.md "Lapses"): the daily deadline check (wall-clock punctuation) turns a
 * request LAPSED the day after its 补正 period or the fee's 20 working days; the alert check emits it
 * once, with its lapse.
 */
class LapseAlertTest {
  private static final String NP = "NATURAL_PERSON";
  private TopologyHarness h;

  @BeforeEach
  void start() throws Exception {
    // Sun 2026-11-22, 10:00 China time
    h = new TopologyHarness(Instant.parse("2026-11-22T02:00:00Z"));
  }

  @AfterEach
  void stop() {
    h.close();
  }

  private static LocalDate d(final String iso) {
    return LocalDate.parse(iso);
  }

  @Test
  void shouldAlertOnceWhenTheCorrectionPeriodPassesWithoutACorrection() {
    h.send(Ev.received("town", "r1", "2026-11-02", NP));
    h.send(
        new CorrectionRequested(
            "c1", "town", "r1", d("2026-11-04"), Ev.at("2026-11-04"), d("2026-11-24")));
    h.flush();
    assertEquals(DeadlineStatus.PAUSED, h.request("town", "r1").deadline().status());
    h.advance(Duration.ofDays(2)); // Tue 11-24: the last day to correct
    assertEquals(DeadlineStatus.PAUSED, h.request("town", "r1").deadline().status());
    assertEquals(0, h.alerts.size(), h.alerts.toString());

    h.advance(Duration.ofDays(1)); // Wed 11-25: lapsed
    final Deadline.Lapse lapse = Deadline.Lapse.of(Deadline.Lapse.Kind.CORRECTION, d("2026-11-25"));
    assertEquals(DeadlineStatus.LAPSED, h.request("town", "r1").deadline().status());
    assertEquals(lapse, h.request("town", "r1").deadline().lapse());
    assertEquals(1, h.alerts.size(), h.alerts.toString());
    final DeadlineAlert alert = h.alerts.get(0);
    assertEquals(
        new DeadlineAlert(
            "town",
            "r1",
            DeadlineStatus.PAUSED,
            DeadlineStatus.LAPSED,
            null,
            null,
            d("2026-11-25"),
            alert.emittedAt(),
            lapse),
        alert);
    assertEquals("OTHER_NO_CORRECTION", alert.lapse().suggestedOutcome());
    assertEquals(1L, h.cells("town").get("NOW|LAPSED"));

    h.advance(Duration.ofDays(1));
    h.advance(Duration.ofDays(1));
    assertEquals(1, h.alerts.size(), "once per lapse: " + h.alerts);

    // the corrected application arrives late: the lapse ends, a fresh period runs, no alert
    h.send(new CorrectionReceived("c2", "town", "r1", d("2026-11-27"), Ev.at("2026-11-27")));
    h.flush();
    assertEquals(DeadlineStatus.ON_TRACK, h.request("town", "r1").deadline().status());
    assertNull(h.request("town", "r1").deadline().lapse());
    assertEquals(1, h.alerts.size(), h.alerts.toString());
  }

  @Test
  void shouldAlertAgainWhenASecondFeeNoticeLapsesAfterTheFirstWasPaid() {
    // received Mon 11-02, fee notice delivered 11-03: 20 working days after it end Tue 12-01;
    // lapsed from 12-02
    h.clock.set(Instant.parse("2026-11-03T02:00:00Z"));
    h.send(Ev.received("town", "r2", "2026-11-02", NP));
    h.send(new FeeNoticeIssued("f1", "town", "r2", d("2026-11-03"), Ev.at("2026-11-03")));
    h.flush();
    h.advance(Duration.ofDays(28)); // Tue 12-01
    assertEquals(DeadlineStatus.PAUSED, h.request("town", "r2").deadline().status());
    h.advance(Duration.ofDays(1)); // Wed 12-02
    assertEquals(1, h.alerts.size(), h.alerts.toString());
    assertEquals(
        Deadline.Lapse.of(Deadline.Lapse.Kind.FEE, d("2026-12-02")), h.alerts.get(0).lapse());
    assertNull(h.alerts.get(0).dueDate());
    assertNull(h.alerts.get(0).workingDaysLeft());

    h.send(new FeePaid("f2", "town", "r2", d("2026-12-02"), Ev.at("2026-12-02")));
    h.send(new FeeNoticeIssued("f3", "town", "r2", d("2026-12-02"), Ev.at("2026-12-02")));
    h.flush();
    assertEquals(DeadlineStatus.PAUSED, h.request("town", "r2").deadline().status());
    // 20 working days after 12-02: 12-03, 12-04 (2), 12-07 … 12-11 (7), 12-14 … 12-18 (12), 12-21 …
    // 12-25 (17),
    // 12-28 … 12-30 (20)
    h.advance(Duration.ofDays(28)); // Wed 12-30
    assertEquals(1, h.alerts.size(), h.alerts.toString());
    h.advance(Duration.ofDays(1)); // Thu 12-31
    assertEquals(2, h.alerts.size(), h.alerts.toString());
    assertEquals(DeadlineStatus.PAUSED, h.alerts.get(1).from());
    assertEquals(
        Deadline.Lapse.of(Deadline.Lapse.Kind.FEE, d("2026-12-31")), h.alerts.get(1).lapse());
  }
}
