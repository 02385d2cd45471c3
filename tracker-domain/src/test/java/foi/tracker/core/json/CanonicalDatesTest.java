package foi.tracker.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBase;
import com.fasterxml.jackson.databind.deser.DefaultDeserializationContext;
import com.fasterxml.jackson.databind.deser.SettableBeanProperty;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import foi.tracker.core.event.RequestEvent;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CanonicalDatesTest {
  /** The JavaTimeModule alone: what the wire format meant before the fast path. */
  private static final ObjectMapper REFERENCE =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  @Test
  void readsEveryInstantAndDateAsTheFormatterDoes() {
    final Random random = new Random(20261201L);
    final List<String> instants = new ArrayList<>();
    final List<String> dates = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      final int year = 1000 + random.nextInt(9000);
      final int month = random.nextInt(14); // 0 and 13 are not months
      final int day = random.nextInt(33); // 0, 30/31 in short months, 32: not days
      final String date = String.format("%04d-%02d-%02d", year, month, day);
      dates.add(date);
      final int hour = random.nextInt(25); // 24 is not an hour
      final int minute = random.nextInt(61);
      final int second = random.nextInt(61); // 60: a leap second, left to the formatter
      final int fractionDigits = random.nextInt(10);
      final StringBuilder s =
          new StringBuilder(date)
              .append('T')
              .append(String.format("%02d:%02d:%02d", hour, minute, second));
      if (fractionDigits > 0) {
        s.append('.');
        for (int k = 0; k < fractionDigits; k++) {
          s.append((char) ('0' + random.nextInt(10)));
        }
      }
      instants.add(s.append('Z').toString());
      instants.add(
          Instant.ofEpochSecond(random.nextLong() % 200_000_000_000L, random.nextInt(1_000_000_000))
              .toString());
    }
    instants.addAll(
        List.of(
            "2026-03-05T08:12:34Z",
            "2026-03-05T08:12:34.Z",
            "2026-03-05T08:12:34.1234567890Z",
            "2026-03-05T08:12:34+08:00",
            "2026-03-05T08:12:34z",
            " 2026-03-05T08:12:34Z",
            "2026-03-05 08:12:34Z",
            "2026-03-05T08:12Z",
            "2024-02-29T23:59:59.999999999Z",
            "2025-02-29T00:00:00Z",
            "+12026-03-05T08:12:34Z",
            "2026-03-05T08:1a:34Z",
            "",
            "0000-01-01T00:00:00Z",
            "2026-3-05T08:12:34.123Z"));
    dates.addAll(
        List.of(
            "2026-03-05",
            "2024-02-29",
            "2025-02-29",
            "2026-3-5",
            "2026/03/05",
            "2026-03-05T00:00:00",
            "20260305",
            "",
            " 2026-03-05",
            "2026-03-05 ",
            "+12026-03-05",
            "2026-0a-05",
            "2026-00-10",
            "2026-04-31"));
    for (String s : instants) {
      assertSameOutcome(s, Instant.class);
    }
    for (String s : dates) {
      assertSameOutcome(s, LocalDate.class);
    }
    assertSameOutcome(
        1_700_000_000, Instant.class); // epoch seconds: the standard deserializer's business
  }

  @Test
  void takesTheFastPathOnlyForTheCanonicalForms() {
    assertEquals(
        Instant.parse("2026-03-05T08:12:34.120Z"),
        CanonicalDates.instant("2026-03-05T08:12:34.12Z"));
    assertEquals(
        Instant.parse("2026-03-05T08:12:34Z"), CanonicalDates.instant("2026-03-05T08:12:34Z"));
    assertEquals(LocalDate.of(2024, 2, 29), CanonicalDates.date("2024-02-29"));
    assertNull(CanonicalDates.date("2025-02-29"));
    assertNull(CanonicalDates.instant("2026-03-05T23:59:60Z"));
    assertNull(CanonicalDates.instant("2026-03-05T08:12:34+08:00"));
    assertNull(CanonicalDates.instant("2026-03-05T08:12:34.Z"));
  }

  @Test
  void eventsReadTheSameThroughTheWireMapper() throws Exception {
    final String json =
        "{\"type\":\"RECEIVED\",\"eventId\":\"e1\",\"agencyId\":\"a1\",\"requestId\":\"r1\","
            + "\"date\":\"2026-03-05\",\"recordedAt\":\"2026-03-05T08:12:34.5Z\",\"applicantType\":\"NATURAL_PERSON\","
            + "\"channel\":\"ONLINE\"}";
    final RequestEvent fast = Json.MAPPER.readValue(json, RequestEvent.class);
    assertNotNull(fast.recordedAt());
    assertEquals(REFERENCE.readValue(json, RequestEvent.class), fast);
    assertEquals(Instant.parse("2026-03-05T08:12:34.500Z"), fast.recordedAt());
  }

  /**
   * The fast path is in front of every date of every event as read by the wire mapper, including a
   * record's creator properties, which Jackson may otherwise give the JavaTimeModule's slower
   * deserializer alone.
   */
  @Test
  void everyDatePropertyOfEveryEventTakesTheFastPath() throws Exception {
    final DeserializationContext ctxt =
        ((DefaultDeserializationContext) Json.MAPPER.getDeserializationContext())
            .createInstance(Json.MAPPER.getDeserializationConfig(), null, null);
    int dates = 0;
    for (Class<?> type : RequestEvent.class.getPermittedSubclasses()) {
      final BeanDeserializerBase bean =
          (BeanDeserializerBase)
              ctxt.findContextualValueDeserializer(ctxt.constructType(type), null);
      final java.util.Iterator<SettableBeanProperty> it = bean.properties();
      while (it.hasNext()) {
        final SettableBeanProperty p = it.next();
        final Class<?> raw = p.getType().getRawClass();
        if (raw == LocalDate.class || raw == Instant.class) {
          dates++;
          assertEquals(
              CanonicalDates.class.getName() + "$Reader",
              p.getValueDeserializer().getClass().getName(),
              type.getSimpleName() + "." + p.getName());
        }
      }
    }
    assertTrue(
        dates >= 2 * RequestEvent.class.getPermittedSubclasses().length, "dates found: " + dates);
  }

  private static void assertSameOutcome(final Object value, final Class<?> type) {
    final String json;
    try {
      json = REFERENCE.writeValueAsString(value);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    assertEquals(outcome(REFERENCE, json, type), outcome(Json.MAPPER, json, type), json);
  }

  /** The value read, or the failure's class and message. */
  private static String outcome(final ObjectMapper mapper, final String json, final Class<?> type) {
    try {
      return "value " + mapper.readValue(json, type);
    } catch (Exception e) {
      return e.getClass().getName()
          + ": "
          + e.getMessage().replaceAll("\\(through reference chain.*", "");
    }
  }
}
