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
    final ApplicationReceived e =
        validator.application(
            "town",
            b(
                "{\"requestId\":\"r1\",\"applicantType\":"
                    + "\"NATURAL_PERSON\",\"receivedDate\":\"2025-06-02\",\"channel\":\"ONLINE\",\"applicantRef\":\"张三\"}"),
            TODAY,
            NOW);
    assertEquals("r1", e.requestId());
    assertEquals("received", e.eventId());
    assertEquals(64, e.applicantRefHash().length());
    assertNotEquals("张三", e.applicantRefHash());
  }

  @Test
  void applicantReferenceNeedsASecret() {
    final ApiException e =
        assertThrows(
            ApiException.class,
            () ->
                new EventValidator(null)
                    .application(
                        "town",
                        b(
                            "{\"applicantType\":\"NATURAL_PERSON\",\"receivedDate\":\"2025-06-02\",\"channel\":\"ONLINE\","
                                + "\"applicantRef\":\"x\"}"),
                        TODAY,
                        NOW));
    assertEquals("applicantRef", e.field());
  }

  @Test
  void leapDayAndTodayAreRealDates() {
    assertThrows(
        ApiException.class,
        () ->
            validator.event(
                "t", "r", b("{\"type\":\"FEE_PAID\",\"date\":\"2025-02-29\"}"), TODAY, NOW));
    assertTrue(
        validator.event("t", "r", b("{\"type\":\"FEE_PAID\",\"date\":\"2024-02-29\"}"), TODAY, NOW)
            != null);
    assertTrue(
        validator.event("t", "r", b("{\"type\":\"FEE_PAID\",\"date\":\"2025-06-16\"}"), TODAY, NOW)
            != null);
  }

  @Test
  void decisionCarriesItsOutcome() {
    final Decided d =
        (Decided)
            validator.event(
                "t",
                "r",
                b(
                    "{\"eventId\":\"e1\",\"type\":\"DECIDED\",\"date\":"
                        + "\"2025-06-10\",\"outcome\":\"OTHER_FEE_UNPAID\",\"onTheSpot\":true}"),
                TODAY,
                NOW);
    assertEquals("OTHER_FEE_UNPAID", d.outcome());
    assertEquals("e1", d.eventId());
  }

  @Test
  void taxonomyForThePageComesFromTheSpecification() {
    final var t = DeskInfo.taxonomy();
    assertEquals(21, ((java.util.Map<?, ?>) t.get("outcomes")).size());
    assertEquals(6, ((java.util.List<?>) t.get("outcomeGroups")).size());
    assertEquals(17, ((java.util.Map<?, ?>) t.get("eventTypes")).size());
    assertEquals(
        foi.tracker.core.event.EventType.LIFECYCLE.size(),
        ((java.util.Map<?, ?>) t.get("eventTypes")).size());
  }

  private String refusedField(final String json) {
    return assertThrows(ApiException.class, () -> validator.event("t", "r", b(json), TODAY, NOW))
        .field();
  }

  @Test
  void shouldTurnAFeeInYuanIntoFenWhenItHasAtMostTwoDecimals() {
    final foi.tracker.core.event.FeePaid p =
        (foi.tracker.core.event.FeePaid)
            validator.event(
                "t",
                "r",
                b("{\"type\":\"FEE_PAID\",\"date\":\"2025-06-10\",\"amountYuan\":120.5}"),
                TODAY,
                NOW);
    assertEquals(12_050L, p.amountFen());
    assertEquals(
        null,
        ((foi.tracker.core.event.FeePaid)
                validator.event(
                    "t", "r", b("{\"type\":\"FEE_PAID\",\"date\":\"2025-06-10\"}"), TODAY, NOW))
            .amountFen());
    assertEquals(
        "amountYuan",
        refusedField("{\"type\":\"FEE_PAID\",\"date\":\"2025-06-10\",\"amountYuan\":-1}"));
    assertEquals(
        "amountYuan",
        refusedField("{\"type\":\"FEE_PAID\",\"date\":\"2025-06-10\",\"amountYuan\":1.234}"));
    assertEquals(
        "amountYuan",
        refusedField("{\"type\":\"FEE_PAID\",\"date\":\"2025-06-10\",\"amountYuan\":\"5\"}"));
  }

  @Test
  void shouldRefuseARegistrationOrCaseNumberWhenItIsLongerThan100Characters() {
    final String long101 = "号".repeat(101);
    final ApiException e =
        assertThrows(
            ApiException.class,
            () ->
                validator.application(
                    "town",
                    b(
                        "{\"applicantType\":"
                            + "\"NATURAL_PERSON\",\"receivedDate\":\"2025-06-02\",\"channel\":\"POST\",\"registrationNumber\":\""
                            + long101
                            + "\"}"),
                    TODAY,
                    NOW));
    assertEquals("registrationNumber", e.field());
    assertEquals(
        "连政依申〔2025〕12号",
        validator
            .application(
                "town",
                b(
                    "{\"applicantType\":\"NATURAL_PERSON\","
                        + "\"receivedDate\":\"2025-06-02\",\"channel\":\"POST\",\"registrationNumber\":\"连政依申〔2025〕12号\"}"),
                TODAY,
                NOW)
            .registrationNumber());
    assertEquals(
        "caseNumber",
        refusedField(
            "{\"type\":\"REVIEW_FILED\",\"date\":\"2025-06-10\",\"caseId\":\"c1\","
                + "\"caseNumber\":\""
                + long101
                + "\"}"));
  }

  @Test
  void shouldNameTheFieldWhenACorrectionIsIllFormed() {
    assertEquals(
        "caseId",
        refusedField(
            "{\"type\":\"AMENDED\",\"date\":\"2025-06-10\",\"filedDate\":\"2025-06-01\"}"));
    assertEquals(
        "caseId", refusedField("{\"type\":\"AMENDED\",\"date\":\"2025-06-10\",\"caseId\":\"c1\"}"));
    assertEquals(
        "decidedDate",
        refusedField(
            "{\"type\":\"AMENDED\",\"date\":\"2025-06-10\"," + "\"decidedDate\":\"2025-07-01\"}"));
    assertEquals(
        "result",
        refusedField(
            "{\"type\":\"AMENDED\",\"date\":\"2025-06-10\",\"caseId\":\"c1\","
                + "\"result\":\"WON\"}"));
    assertEquals("reason", refusedField("{\"type\":\"REOPENED\",\"date\":\"2025-06-10\"}"));
    assertEquals(
        "reason",
        refusedField("{\"type\":\"REOPENED\",\"date\":\"2025-06-10\",\"reason\":\"OOPS\"}"));
    assertEquals(
        "caseId",
        refusedField(
            "{\"type\":\"REOPENED\",\"date\":\"2025-06-10\","
                + "\"reason\":\"REANSWER_ORDERED\"}"));
    assertEquals(
        "dueDate",
        refusedField(
            "{\"type\":\"REOPENED\",\"date\":\"2025-06-10\","
                + "\"reason\":\"REANSWER_ORDERED\",\"caseId\":\"c1\",\"dueDate\":\"2025-06-10\"}"));
    assertEquals(
        "dueDate",
        refusedField(
            "{\"type\":\"REOPENED\",\"date\":\"2025-06-10\","
                + "\"reason\":\"ENTRY_ERROR\",\"dueDate\":\"2025-07-10\"}"));
    assertEquals("reason", refusedField("{\"type\":\"VOIDED\",\"date\":\"2025-06-10\"}"));
    assertEquals(
        "byDeskToken",
        refusedField(
            "{\"type\":\"VOIDED\",\"date\":\"2025-06-10\",\"reason\":\"x\","
                + "\"byDeskToken\":false}"));
  }

  @Test
  void shouldTakeTheDeskFlagOfAVoidFromTheCallerNotTheBody() {
    final byte[] body = b("{\"type\":\"VOIDED\",\"date\":\"2025-06-10\",\"reason\":\"重复登记\"}");
    assertTrue(
        ((foi.tracker.core.event.Voided) validator.event("t", "r", body, TODAY, NOW, true))
            .byDeskToken());
    assertEquals(
        false,
        ((foi.tracker.core.event.Voided) validator.event("t", "r", body, TODAY, NOW, false))
            .byDeskToken());
    final foi.tracker.core.event.Reopened r =
        (foi.tracker.core.event.Reopened)
            validator.event(
                "t",
                "r",
                b(
                    "{\"type\":\"REOPENED\",\"date\":\"2025-06-10\",\"reason\":\"REANSWER_ORDERED\",\"caseId\":\"c1\","
                        + "\"dueDate\":\"2025-07-10\"}"),
                TODAY,
                NOW);
    assertEquals(LocalDate.of(2025, 7, 10), r.dueDate());
  }

  @Test
  void aNamedFutureDayAtMostTwoYearsAfterItsEvent() {
    for (String body :
        new String[] {
          "{\"type\":\"DELAY_SET\",\"date\":\"2025-06-02\",\"dueDate\":\"9999-12-31\"}",
          "{\"type\":\"CORRECTION_REQUESTED\",\"date\":\"2025-06-02\",\"dueBy\":\"2027-06-03\"}"
        }) {
      final ApiException e =
          assertThrows(ApiException.class, () -> validator.event("t", "r", b(body), TODAY, NOW));
      assertEquals(400, e.status());
      assertTrue(e.field().startsWith("due"), e.field());
      assertTrue(e.getMessage().contains("超出受理范围"), e.getMessage());
    }
    assertTrue(
        validator.event(
                "t",
                "r",
                b(
                    "{\"type\":\"CORRECTION_REQUESTED\",\"date\":\"2025-06-02\","
                        + "\"dueBy\":\"2027-06-02\"}"),
                TODAY,
                NOW)
            != null,
        "two years to the day is within");
  }

  @Test
  void shouldNameTheBatchItemsBodyWhenItIsNotAJsonObject() throws Exception {
    final com.fasterxml.jackson.databind.JsonNode notAnObject =
        foi.tracker.core.json.Json.MAPPER.readTree("\"2026-3-1\"");
    final ApiException application =
        assertThrows(ApiException.class, () -> validator.application("t", notAnObject, TODAY, NOW));
    assertEquals(400, application.status());
    assertEquals("INVALID_FIELD", application.code());
    assertEquals("application", application.field());
    final ApiException event =
        assertThrows(
            ApiException.class,
            () ->
                validator.event(
                    "t", "r", foi.tracker.core.json.Json.MAPPER.readTree("[1]"), TODAY, NOW));
    assertEquals("event", event.field());
  }
}
