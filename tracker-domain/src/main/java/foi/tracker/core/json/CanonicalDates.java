package foi.tracker.core.json;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import com.fasterxml.jackson.datatype.jsr310.deser.LocalDateDeserializer;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.function.Function;

/**
 * Reads the two date forms the event log is written in, {@code 2026-03-05} and {@code
 * 2026-03-05T08:12:34.123Z} (what {@link Json} writes: ISO, UTC, 0–9 fraction digits), by hand, and
 * leaves every other form to the JavaTimeModule's own deserializers, so what is accepted or
 * refused, and with which message, does not change.
 *
 * <p>Why: {@code DateTimeFormatter} parsing was 6–7 % of the stream thread's time in the replay
 * (two dates per event). The hand-read values are the ones the formatter gives; {@code
 * CanonicalDatesTest} compares the two on a large corpus, including invalid dates (which the fast
 * path hands over, so they fail as before).
 */
final class CanonicalDates {
  private CanonicalDates() {}

  /** Registered after the JavaTimeModule, so these two deserializers win. */
  static SimpleModule module() {
    final SimpleModule m = new SimpleModule("canonical-dates");
    m.addDeserializer(
        Instant.class,
        new Reader<>(Instant.class, InstantDeserializer.INSTANT, CanonicalDates::instant));
    m.addDeserializer(
        LocalDate.class,
        new Reader<>(LocalDate.class, LocalDateDeserializer.INSTANCE, CanonicalDates::date));
    return m;
  }

  /**
   * {@code yyyy-MM-dd} as a date, or null when {@code s} is not exactly that form (or not a real
   * date).
   */
  static LocalDate date(final String s) {
    if (s.length() != 10 || s.charAt(4) != '-' || s.charAt(7) != '-') {
      return null;
    }
    final int y = digits(s, 0, 4);
    final int m = digits(s, 5, 2);
    final int d = digits(s, 8, 2);
    if (y < 0 || m < 0 || d < 0) {
      return null;
    }
    try {
      return LocalDate.of(y, m, d);
    } catch (DateTimeException e) {
      return null;
    }
  }

  /**
   * {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z} as an instant, or null when {@code s} is not exactly that
   * form (a leap second, an offset other than Z, a five-digit year: the formatter's business).
   */
  static Instant instant(final String s) {
    final int n = s.length();
    if (n < 20
        || n > 30
        || n == 21
        || s.charAt(10) != 'T'
        || s.charAt(13) != ':'
        || s.charAt(16) != ':'
        || s.charAt(n - 1) != 'Z') {
      return null;
    }
    final LocalDate day = date(s.substring(0, 10));
    final int h = digits(s, 11, 2);
    final int mi = digits(s, 14, 2);
    final int sec = digits(s, 17, 2);
    if (day == null || h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 59) {
      return null;
    }
    int nanos = 0;
    if (n > 20) {
      if (s.charAt(19) != '.') {
        return null;
      }
      final int fractionDigits = n - 21;
      final int f = digits(s, 20, fractionDigits);
      if (f < 0) {
        return null;
      }
      nanos = f;
      for (int i = fractionDigits; i < 9; i++) {
        nanos *= 10;
      }
    }
    return Instant.ofEpochSecond(day.toEpochDay() * 86_400L + h * 3_600L + mi * 60L + sec, nanos);
  }

  /**
   * The decimal value of {@code count} ASCII digits at {@code from}, or -1 if one is not a digit.
   */
  private static int digits(final String s, final int from, final int count) {
    int v = 0;
    for (int i = from; i < from + count; i++) {
      final char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  /**
   * The fast path for one type, the JavaTimeModule's deserializer (contextualised like it) for
   * everything else.
   */
  private static final class Reader<T> extends StdDeserializer<T>
      implements ContextualDeserializer {
    private final JsonDeserializer<T> standard;

    /** The value of a canonical text, or null for the standard deserializer to read. */
    private final Function<String, T> fast;

    Reader(
        final Class<T> type, final JsonDeserializer<T> standard, final Function<String, T> fast) {
      super(type);
      this.standard = standard;
      this.fast = fast;
    }

    @Override
    public T deserialize(final JsonParser p, final DeserializationContext ctxt) throws IOException {
      if (p.hasToken(JsonToken.VALUE_STRING)) {
        final T value = fast.apply(p.getText());
        if (value != null) {
          return value;
        }
      }
      return standard.deserialize(p, ctxt);
    }

    @Override
    @SuppressWarnings("unchecked")
    public JsonDeserializer<?> createContextual(
        final DeserializationContext ctxt, final BeanProperty property)
        throws JsonMappingException {
      if (standard instanceof ContextualDeserializer c) {
        final JsonDeserializer<T> contextual =
            (JsonDeserializer<T>) c.createContextual(ctxt, property);
        if (contextual == standard) {
          return this;
        }
        // a property with a pattern of its own gets the standard deserializer alone: its form is
        // not ours. Any
        // other override (the LocalDate deserializer makes a new instance for a record's creator
        // property, with the
        // mapper's leniency) keeps the fast path in front of it: the canonical form means the same
        // either way.
        final JsonFormat.Value format = findFormatOverrides(ctxt, property, handledType());
        return format != null && format.hasPattern()
            ? contextual
            : new Reader<>((Class<T>) handledType(), contextual, fast);
      }
      return this;
    }
  }
}
