package foi.tracker.processor;

import foi.tracker.core.deadline.DeadlineStatus;
import foi.tracker.core.topic.Topics;
import foi.tracker.ops.TrackerMeters;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.ThreadMetadata;

/**
 * The processor's meters: dead letters and alerts counted where the topology forwards them (this
 * JVM's processors, since it started; a task re-processing after an aborted transaction counts its
 * records again), lag per partition of the event log from the tasks this instance holds, and Kafka
 * Streams' own metrics.
 */
final class ProcessorMeters {
  private static final LongAdder DEAD_LETTERS = new LongAdder();
  private static final Map<DeadlineStatus, LongAdder> ALERTS = new EnumMap<>(DeadlineStatus.class);

  static {
    for (DeadlineStatus s :
        new DeadlineStatus[] {
          DeadlineStatus.DUE_SOON, DeadlineStatus.OVERDUE, DeadlineStatus.LAPSED
        }) {
      ALERTS.put(s, new LongAdder());
    }
  }

  private ProcessorMeters() {}

  /** A record went to the dead-letter topic. */
  static void deadLettered() {
    DEAD_LETTERS.increment();
  }

  /** An alert of this status was emitted. */
  static void alerted(final DeadlineStatus to) {
    final LongAdder a = ALERTS.get(to);
    if (a != null) {
      a.increment();
    }
  }

  /**
   * Binds the counters, the lag of each of the event log's {@code partitions}, whether Streams is
   * running, and Streams' own metrics.
   */
  static KafkaStreamsMetrics bind(
      final MeterRegistry registry, final KafkaStreams streams, final int partitions) {
    FunctionCounter.builder(TrackerMeters.DEAD_LETTERS, DEAD_LETTERS, LongAdder::doubleValue)
        .description("records the processor dead-lettered")
        .register(registry);
    ALERTS.forEach(
        (status, count) ->
            FunctionCounter.builder(TrackerMeters.ALERTS_EMITTED, count, LongAdder::doubleValue)
                .tag("to", status.name())
                .description("deadline alerts emitted")
                .register(registry));
    for (int p = 0; p < partitions; p++) {
      final int partition = p;
      Gauge.builder(
              TrackerMeters.PROCESSOR_LAG,
              streams,
              s -> lagOf(s).getOrDefault(partition, Double.NaN))
          .tag("partition", String.valueOf(p))
          .description(
              "event-log records not yet processed (NaN: another instance holds the partition)")
          .register(registry);
    }
    Gauge.builder(
            TrackerMeters.PROCESSOR_RUNNING,
            streams,
            s -> TrackerMeters.oneIf(s.state().isRunningOrRebalancing()))
        .description("1 while Kafka Streams is RUNNING or REBALANCING, else 0")
        .register(registry);
    final KafkaStreamsMetrics own = new KafkaStreamsMetrics(streams);
    own.bindTo(registry);
    return own;
  }

  /**
   * Per partition of the event log held by a task of this instance: its end offset minus the offset
   * committed for it (0 when nothing is known yet).
   */
  static Map<Integer, Double> lagOf(final KafkaStreams streams) {
    final Map<Integer, Double> out = new HashMap<>();
    try {
      for (ThreadMetadata t : streams.metadataForLocalThreads()) {
        for (TaskMetadata task : t.activeTasks()) {
          for (TopicPartition tp : task.topicPartitions()) {
            if (!tp.topic().equals(Topics.EVENTS.name())) {
              continue;
            }
            final Long end = task.endOffsets().get(tp);
            final Long committed = task.committedOffsets().get(tp);
            final double lag =
                end == null || end < 0
                    ? 0
                    : Math.max(0, end - Math.max(0, committed == null ? 0 : committed));
            out.put(tp.partition(), lag);
          }
        }
      }
    } catch (RuntimeException e) {
      // not running (created, shutting down, in error): no partition is held
    }
    return out;
  }

  /** The summed lag of the partitions this instance holds. */
  static long totalLag(final KafkaStreams streams) {
    return (long) lagOf(streams).values().stream().mapToDouble(Double::doubleValue).sum();
  }
}
