package foi.tracker.processor;

import foi.tracker.core.event.RequestEvent;
import foi.tracker.core.json.Json;
import foi.tracker.core.publication.PublicationCut;
import foi.tracker.core.request.RequestKey;
import foi.tracker.core.topic.DeadLetter;
import foi.tracker.core.topic.EventLogPartitioner;
import java.time.Instant;
import java.util.Objects;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Step 1: reads a raw event-log record. A record that cannot be read (not JSON, unknown type, a key
 * that does not match its body, written to a partition other than its agency's) goes to the
 * dead-letter topic with the reason and offset; processing continues.
 */
final class ParseEventProcessor extends ContextualProcessor<String, byte[], String, Object> {
  private final int partitions;

  ParseEventProcessor(final int partitions) {
    this.partitions = partitions;
  }

  @Override
  public void process(final Record<String, byte[]> record) {
    try {
      parse(record);
    } catch (RuntimeException e) {
      // the lifecycle step handles its own failures: what reaches here failed in this step, and is
      // not Kafka's own
      if (e instanceof org.apache.kafka.common.KafkaException
          && !(e instanceof org.apache.kafka.common.errors.SerializationException)) {
        throw e;
      }
      context().forward(record.withValue(deadLetter(record, e)), TrackerTopology.DEAD_LETTERS_SINK);
    }
  }

  private void parse(final Record<String, byte[]> record) {
    if (isCut(record)) {
      processCut(record);
      return;
    }
    final RequestEvent event;
    try {
      if (record.value() == null) {
        throw new IllegalArgumentException("empty value (tombstone) on the event log");
      }
      event = Json.read(record.value(), RequestEvent.class);
      requireComplete(event);
      final String expectedKey = RequestKey.of(event.agencyId(), event.requestId());
      if (!expectedKey.equals(record.key())) {
        throw new IllegalArgumentException(
            "key " + record.key() + " does not match the event's " + expectedKey);
      }
      final int partition = context().recordMetadata().map(RecordMetadata::partition).orElse(-1);
      final int expected = EventLogPartitioner.partitionOf(record.key(), partitions);
      if (partition >= 0 && partition != expected) {
        throw new IllegalArgumentException(
            "written to partition "
                + partition
                + " but agency "
                + event.agencyId()
                + " belongs to partition "
                + expected
                + " (use EventLogPartitioner)");
      }
    } catch (RuntimeException e) {
      context().forward(record.withValue(deadLetter(record, e)), TrackerTopology.DEAD_LETTERS_SINK);
      return;
    }
    context().forward(record.withValue(event), TrackerTopology.LIFECYCLE);
  }

  private static boolean isCut(final Record<String, byte[]> record) {
    final org.apache.kafka.common.header.Header h =
        record.headers().lastHeader(PublicationCut.HEADER);
    return h != null
        && PublicationCut.KIND.equals(
            new String(h.value(), java.nio.charset.StandardCharsets.UTF_8));
  }

  /**
   * A publication's cut marker ({@link PublicationCut}): read, checked and passed on in its place
   * in the log.
   */
  private void processCut(final Record<String, byte[]> record) {
    final PublicationCut cut;
    try {
      cut = Json.read(record.value(), PublicationCut.class);
      Objects.requireNonNull(cut.agencyId(), "agencyId is missing");
      Objects.requireNonNull(cut.cutId(), "cutId is missing");
      for (PublicationCut.Member m : cut.members()) {
        Objects.requireNonNull(m.agencyId(), "a member's agencyId is missing");
        final int partition = context().recordMetadata().map(RecordMetadata::partition).orElse(-1);
        final int expected =
            EventLogPartitioner.partitionOf(RequestKey.of(m.agencyId(), "-"), partitions);
        if (partition >= 0 && partition != expected) {
          throw new IllegalArgumentException(
              "cut lists agency "
                  + m.agencyId()
                  + " on partition "
                  + partition
                  + " but it belongs to partition "
                  + expected);
        }
      }
    } catch (RuntimeException e) {
      context().forward(record.withValue(deadLetter(record, e)), TrackerTopology.DEAD_LETTERS_SINK);
      return;
    }
    context().forward(record.withValue(cut), TrackerTopology.LIFECYCLE);
  }

  private static void requireComplete(final RequestEvent e) {
    Objects.requireNonNull(e.eventId(), "eventId is missing");
    Objects.requireNonNull(e.agencyId(), "agencyId is missing");
    Objects.requireNonNull(e.requestId(), "requestId is missing");
    Objects.requireNonNull(e.date(), "date is missing");
  }

  private DeadLetter deadLetter(final Record<String, byte[]> record, final RuntimeException e) {
    ProcessorMeters.deadLettered();
    final RecordMetadata m = context().recordMetadata().orElse(null);
    final String reason =
        e.getCause() != null && e.getMessage() != null && e.getMessage().contains(":")
            ? e.getMessage()
            : e.getClass().getSimpleName() + ": " + e.getMessage();
    return new DeadLetter(
        m == null ? null : m.topic(),
        m == null ? -1 : m.partition(),
        m == null ? -1 : m.offset(),
        record.key(),
        foi.tracker.core.request.Bounds.deadLetterValue(record.value()),
        foi.tracker.core.request.Bounds.deadLetterReason(reason),
        Instant.ofEpochMilli(record.timestamp()));
  }
}
