package foi.tracker.core.request;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import foi.tracker.core.event.RequestEvent;
import foi.tracker.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The fingerprint of an event's content, without the time it was recorded: two sends of the same event have the same
 * fingerprint, so a re-sent event is recognised as a duplicate and a reused id with other content as a conflict.
 *
 * <p>It is the first 12 bytes (hex) of the SHA-256 of the event's JSON without {@code recordedAt}. Fingerprints are
 * kept in request states and compared with those of events sent much later, so this must never change: the JSON is
 * written in one pass (no tree) by a writer that leaves {@code recordedAt} out, and {@code EventFingerprintTest} checks it
 * against the original definition (the JSON tree of the event, {@code recordedAt} removed, as text) on a large
 * generated corpus.
 */
public final class EventFingerprint {
  /** Leaves {@code recordedAt} out of every event type. */
  @JsonIgnoreProperties({"recordedAt"})
  private abstract static class WithoutRecordedAt {
  }

  private static final ObjectWriter CONTENT = Json.MAPPER.copy()
      .addMixIn(RequestEvent.class, WithoutRecordedAt.class).writer();
  private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(EventFingerprint::newDigest);

  private EventFingerprint() {
  }

  public static String of(final RequestEvent event) {
    try {
      // as text first, then UTF-8: Jackson's byte writer would encode a character outside the BMP (an emoji, a rare
      // 汉字 of Extension B) as two 3-byte surrogates where String.getBytes writes the 4 bytes of the definition
      return sha256(CONTENT.writeValueAsString(event));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("event not writable as JSON: " + event, e);
    }
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
