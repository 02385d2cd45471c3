package foi.tracker.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import foi.tracker.core.api.ApiException;
import foi.tracker.core.event.ApplicationReceived;
import foi.tracker.core.event.Decided;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Fast checks of the validator without a broker (the HTTP behaviour is in IngestHttpIT). */
class EventValidatorTest {
  private static final LocalDate TODAY = LocalDate.of(2025, 6, 16);
  private static final Instant NOW = Instant.parse("2025-06-16T02:00:00Z");
  private final EventValidator validator = new EventValidator("secret");

  private static byte[] b(final String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void applicationKeepsOnlyTheHashOfTheApplicantReference() {
    final ApplicationReceived e = validator.application("town", b("{\"requestId\":\"r1\",\"applicantType\":"
        + "\"NATURAL_PERSON\",\"receivedDate\":\"2025-06-02\",\"channel\":\"ONLINE\",\"applicantRef\":\"张三\"}"),
        TODAY, NOW);
    assertEquals("r1", e.requestId());
    assertEquals("received", e.eventId());
    assertEquals(64, e.applicantRefHash().length());
    assertNotEquals("张三", e.applicantRefHash());
  }

  @Test
  void applicantReferenceNeedsASecret() {
    final ApiException e = assertThrows(ApiException.class, () -> new EventValidator(null).application("town",
        b("{\"applicantType\":\"NATURAL_PERSON\",\"receivedDate\":\"2025-06-02\",\"channel\":\"ONLINE\","
            + "\"applicantRef\":\"x\"}"), TODAY, NOW));
    assertEquals("applicantRef", e.field());
  }

  @Test
  void leapDayAndTodayAreRealDates() {
    assertThrows(ApiException.class, () -> validator.event("t", "r", b("{\"type\":\"FEE_PAID\",\"date\":\"2025-02-29\"}"),
        TODAY, NOW));
    assertTrue(validator.event("t", "r", b("{\"type\":\"FEE_PAID\",\"date\":\"2024-02-29\"}"), TODAY, NOW) != null);
    assertTrue(validator.event("t", "r", b("{\"type\":\"FEE_PAID\",\"date\":\"2025-06-16\"}"), TODAY, NOW) != null);
  }

  @Test
  void decisionCarriesItsOutcome() {
    final Decided d = (Decided) validator.event("t", "r", b("{\"eventId\":\"e1\",\"type\":\"DECIDED\",\"date\":"
        + "\"2025-06-10\",\"outcome\":\"OTHER_FEE_UNPAID\",\"onTheSpot\":true}"), TODAY, NOW);
    assertEquals("OTHER_FEE_UNPAID", d.outcome());
    assertEquals("e1", d.eventId());
  }

  @Test
  void taxonomyForThePageComesFromTheSpecification() {
    final var t = DeskInfo.taxonomy();
    assertEquals(21, ((java.util.Map<?, ?>) t.get("outcomes")).size());
    assertEquals(6, ((java.util.List<?>) t.get("outcomeGroups")).size());
    assertEquals(15, ((java.util.Map<?, ?>) t.get("eventTypes")).size());
    assertEquals(foi.tracker.core.event.EventType.LIFECYCLE.size(), ((java.util.Map<?, ?>) t.get("eventTypes")).size());
  }
}
