package foi.tracker.core.request;

import com.fasterxml.jackson.databind.node.ObjectNode;
import foi.tracker.core.event.RequestEvent;
import foi.tracker.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The fingerprint of an event's content, without the time it was recorded: two sends of the same event have the same
 * fingerprint, so a re-sent event is recognised as a duplicate and a reused id with other content as a conflict.
 */
public final class EventFingerprint {
  private EventFingerprint() {
  }

  public static String of(final RequestEvent event) {
    final ObjectNode tree = Json.MAPPER.valueToTree(event);
    tree.remove("recordedAt");
    return sha256(tree.toString());
  }

  public static String sha256(final String text) {
    try {
      final byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
