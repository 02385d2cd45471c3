package foi.tracker.core.topic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import foi.tracker.core.deadline.Deadline;
import foi.tracker.core.deadline.DeadlineStatus;
import foi.tracker.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/**
 * The wire form of an alert on {@code foi.alerts}: a LAPSED one carries its lapse, an older one
 * reads without.
 */
class DeadlineAlertJsonTest {
  @Test
  void shouldCarryTheLapseWhenTheAlertIsLapsed() {
    final DeadlineAlert alert =
        new DeadlineAlert(
            "town",
            "r1",
            DeadlineStatus.PAUSED,
            DeadlineStatus.LAPSED,
            null,
            null,
            LocalDate.of(2026, 11, 25),
            Instant.parse("2026-11-25T02:00:00Z"),
            Deadline.Lapse.of(Deadline.Lapse.Kind.CORRECTION, LocalDate.of(2026, 11, 25)));
    final String json = Json.writeString(alert);
    assertTrue(json.contains("\"to\":\"LAPSED\""), json);
    assertTrue(
        json.contains(
            "\"lapse\":{\"kind\":\"CORRECTION\",\"since\":\"2026-11-25\","
                + "\"suggestedOutcome\":\"OTHER_NO_CORRECTION\"}"),
        json);
    assertEquals(alert, Json.read(json.getBytes(StandardCharsets.UTF_8), DeadlineAlert.class));
  }

  @Test
  void shouldReadAnAlertWrittenBeforeLapsesWithNoLapse() {
    final String old =
        "{\"agencyId\":\"town\",\"requestId\":\"r1\",\"from\":\"DUE_SOON\",\"to\":\"OVERDUE\","
            + "\"dueDate\":\"2026-12-18\",\"workingDaysLeft\":-1,\"asOf\":\"2026-12-21\","
            + "\"emittedAt\":\"2026-12-21T02:00:00Z\"}";
    assertEquals(
        new DeadlineAlert(
            "town",
            "r1",
            DeadlineStatus.DUE_SOON,
            DeadlineStatus.OVERDUE,
            LocalDate.of(2026, 12, 18),
            -1,
            LocalDate.of(2026, 12, 21),
            Instant.parse("2026-12-21T02:00:00Z")),
        Json.read(old.getBytes(StandardCharsets.UTF_8), DeadlineAlert.class));
  }
}
