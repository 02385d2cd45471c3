package foi.tracker.core.topic;

import java.time.Instant;

/**
 * A record that could not be read, with where it was and why; the bytes are kept as text (UTF-8,
 * lossy) or base64.
 */
public record DeadLetter(
    String topic,
    int partition,
    long offset,
    String key,
    String valueBase64,
    String reason,
    Instant at) {}
