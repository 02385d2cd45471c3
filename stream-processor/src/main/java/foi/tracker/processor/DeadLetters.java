package foi.tracker.processor;

import foi.tracker.core.json.Json;
import foi.tracker.core.request.Bounds;
import foi.tracker.core.topic.DeadLetter;
import java.time.Instant;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * The dead-letter topic (死信) for records the lifecycle and totals steps met but could not apply.
 */
final class DeadLetters {
  private DeadLetters() {}

  /**
   * Kafka's own exceptions (task migrated, producer fenced, a store that cannot write) are not
   * about the event and go up to Streams; a record that does not decode is about the event.
   */
  static boolean isKafkas(final RuntimeException e) {
    return e instanceof KafkaException && !(e instanceof SerializationException);
  }

  /**
   * Sends {@code record} to the dead-letter topic with {@code reason} and the offset it was read
   * at: the one place the lifecycle and totals steps emit a dead letter.
   */
  static void send(
      final ProcessorContext<String, Object> context,
      final Record<String, ?> record,
      final String reason) {
    final RecordMetadata m = context.recordMetadata().orElse(null);
    String value = null;
    try {
      value = record.value() == null ? null : Bounds.deadLetterValue(Json.write(record.value()));
    } catch (RuntimeException e) {
      if (isKafkas(e)) {
        throw e;
      }
      // the reason and the offset are enough to find it in the log
    }
    ProcessorMeters.deadLettered();
    context.forward(
        record.withValue(
            (Object)
                new DeadLetter(
                    m == null ? null : m.topic(),
                    m == null ? -1 : m.partition(),
                    m == null ? -1 : m.offset(),
                    record.key(),
                    value,
                    Bounds.deadLetterReason(reason),
                    Instant.ofEpochMilli(record.timestamp()))),
        TrackerTopology.DEAD_LETTERS_SINK);
  }
}
