package foi.tracker.core.request;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.ser.PropertyWriter;
import com.fasterxml.jackson.databind.ser.std.BeanSerializerBase;
import foi.tracker.core.event.RequestEvent;
import foi.tracker.core.json.Json;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fingerprint of an event's content, without the time it was recorded: two sends of the same
 * event have the same fingerprint, so a re-sent event is recognised as a duplicate and a reused id
 * with other content as a conflict.
 *
 * <p>It is the first 12 bytes (hex) of the SHA-256 of the event's JSON without {@code recordedAt}.
 * Fingerprints are kept in request states and compared with those of events sent much later, so
 * this must never change: the JSON is written in one pass (no tree) by a hand writer per event type
 * ({@code ContentWriter}, Jackson's own writer that leaves {@code recordedAt} out for a type it
 * cannot write), and {@code EventFingerprintTest} checks both against the original definition (the
 * JSON tree of the event, {@code recordedAt} removed, as text) on a large generated corpus.
 */
public final class EventFingerprint {
  /** Leaves {@code recordedAt} out of every event type. */
  @JsonIgnoreProperties({"recordedAt"})
  private abstract static class WithoutRecordedAt {}

  private static final ObjectMapper CONTENT_MAPPER =
      Json.MAPPER.copy().addMixIn(RequestEvent.class, WithoutRecordedAt.class);
  private static final ObjectWriter CONTENT = CONTENT_MAPPER.writer();

  /**
   * The hand writer of each event type (all of them today: {@code EventFingerprintTest} checks).
   */
  private static final Map<Class<?>, ContentWriter> WRITERS = writers();

  private static final ThreadLocal<MessageDigest> SHA_256 =
      ThreadLocal.withInitial(EventFingerprint::newDigest);

  private EventFingerprint() {}

  public static String of(final RequestEvent event) {
    // as text first, then UTF-8: Jackson's byte writer would encode a character outside the BMP (an
    // emoji, a rare
    // 汉字 of Extension B) as two 3-byte surrogates where String.getBytes writes the 4 bytes of the
    // definition
    return sha256(contentJson(event));
  }

  /** The event's JSON without {@code recordedAt}, exactly as {@link #CONTENT} writes it. */
  static String contentJson(final RequestEvent event) {
    final ContentWriter w = WRITERS.get(event.getClass());
    if (w != null) {
      return w.write(event);
    }
    return jackson(event);
  }

  static String jackson(final RequestEvent event) {
    try {
      return CONTENT.writeValueAsString(event);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("event not writable as JSON: " + event, e);
    }
  }

  /**
   * Writes one event type's content JSON by hand (the fingerprint's JSON was ~7 % of the replay's
   * stream thread): the properties Jackson writes, in its order, taken from Jackson's own
   * serializer once; values of the types the events have (text, enum, date, number, boolean), null
   * left out, text escaped as Jackson escapes it. A type with any other kind of property is not in
   * {@link #WRITERS} and is written by Jackson.
   */
  private static final class ContentWriter {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
    private final String typeId;
    private final String[] names;
    private final MethodHandle[] getters;

    private ContentWriter(final String typeId, final String[] names, final MethodHandle[] getters) {
      this.typeId = typeId;
      this.names = names;
      this.getters = getters;
    }

    /**
     * The writer of {@code type}, or null when a property is of a kind this class does not write.
     */
    static ContentWriter of(final Class<? extends RequestEvent> type) {
      try {
        final SerializationConfig config = CONTENT_MAPPER.getSerializationConfig();
        final JavaType javaType = config.constructType(type);
        final String id =
            Arrays.stream(RequestEvent.class.getAnnotation(JsonSubTypes.class).value())
                .filter(t -> t.value() == type)
                .map(JsonSubTypes.Type::name)
                .findFirst()
                .orElse(null);
        final JsonSerializer<Object> ser =
            CONTENT_MAPPER.getSerializerProviderInstance().findValueSerializer(javaType);
        if (id == null || id.isEmpty() || !(ser instanceof BeanSerializerBase)) {
          return null;
        }
        final List<String> names = new ArrayList<>();
        final List<MethodHandle> getters = new ArrayList<>();
        final Iterator<PropertyWriter> it = ser.properties();
        final MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        while (it.hasNext()) {
          final PropertyWriter p = it.next();
          final Method accessor = type.getMethod(p.getName());
          if (!writable(accessor.getReturnType())) {
            return null;
          }
          names.add(p.getName());
          getters.add(
              lookup
                  .unreflect(accessor)
                  .asType(MethodType.methodType(Object.class, RequestEvent.class)));
        }
        return new ContentWriter(
            id, names.toArray(String[]::new), getters.toArray(MethodHandle[]::new));
      } catch (ReflectiveOperationException | JsonMappingException e) {
        return null;
      }
    }

    private static boolean writable(final Class<?> c) {
      return c == String.class
          || c.isEnum()
          || c == LocalDate.class
          || c == Boolean.class
          || c == boolean.class
          || c == Integer.class
          || c == int.class
          || c == Long.class
          || c == long.class;
    }

    String write(final RequestEvent event) {
      final StringBuilder b = new StringBuilder(256);
      b.append("{\"type\":");
      text(b, typeId);
      for (int i = 0; i < names.length; i++) {
        final Object v;
        try {
          v = getters[i].invokeExact(event);
        } catch (Throwable t) {
          throw new IllegalStateException(
              "reading " + names[i] + " of " + event.getClass().getSimpleName(), t);
        }
        if (v == null) {
          continue;
        }
        b.append(',');
        text(b, names[i]);
        b.append(':');
        if (v instanceof String str) {
          text(b, str);
        } else if (v instanceof Enum<?> e) {
          text(b, e.name());
        } else if (v instanceof LocalDate d) {
          b.append('"').append(d).append('"');
        } else {
          b.append(v); // Boolean, Integer, Long
        }
      }
      return b.append('}').toString();
    }

    /**
     * A JSON string as Jackson's text writer writes it: {@code "} and {@code \} and controls
     * escaped, the rest as is.
     */
    private static void text(final StringBuilder b, final String s) {
      b.append('"');
      for (int i = 0; i < s.length(); i++) {
        final char c = s.charAt(i);
        if (c >= 0x20 && c != '"' && c != '\\') {
          b.append(c);
          continue;
        }
        switch (c) {
          case '"' -> b.append("\\\"");
          case '\\' -> b.append("\\\\");
          case '\b' -> b.append("\\b");
          case '\t' -> b.append("\\t");
          case '\f' -> b.append("\\f");
          case '\n' -> b.append("\\n");
          case '\r' -> b.append("\\r");
          default -> b.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
        }
      }
      b.append('"');
    }
  }

  private static Map<Class<?>, ContentWriter> writers() {
    final Map<Class<?>, ContentWriter> m = new HashMap<>();
    for (Class<?> c : RequestEvent.class.getPermittedSubclasses()) {
      @SuppressWarnings("unchecked")
      final ContentWriter w = ContentWriter.of((Class<? extends RequestEvent>) c);
      if (w != null) {
        m.put(c, w);
      }
    }
    return Map.copyOf(m);
  }

  /** The event types written by hand (the rest by Jackson). */
  static Set<Class<?>> handWritten() {
    return WRITERS.keySet();
  }

  public static String sha256(final String text) {
    return hex(SHA_256.get().digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  private static String hex(final byte[] digest) {
    return HexFormat.of().formatHex(digest, 0, 12);
  }

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
