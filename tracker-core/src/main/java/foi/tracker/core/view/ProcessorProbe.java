package foi.tracker.core.view;

import foi.tracker.core.topic.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;

/**
 * The stream processor as the HTTP services see it (处理程序状态), from its consumer group alone: the
 * group's state and active members give {@link Snapshot#state()}, and the records of {@code
 * foi.events} it has not yet committed give {@link Snapshot#lagRecords()}. Read with the Kafka
 * Admin client on a thread of its own, at most every {@link #MAX_AGE}, so a slow or absent broker
 * never holds up the request that asks ({@code /health}, {@code /api/v1/status}): that request gets
 * the last figures read, with the time they were read.
 */
public final class ProcessorProbe implements AutoCloseable {
  /** How old the figures may be before a read asks the broker again. */
  public static final Duration MAX_AGE = Duration.ofSeconds(2);

  /** How long one look at the broker may take. */
  static final int TIMEOUT_MS = 2_000;

  /** The processor's state as the group shows it. */
  public enum State {
    /** The group is stable with at least one member: the processor consumes. */
    RUNNING,
    /** Members are joining or leaving; no partition is processed until it settles. */
    REBALANCING,
    /** No member: no processor instance is running (or the group was never created). */
    NOT_RUNNING,
    /** The broker did not answer (or nothing has been read yet). */
    UNKNOWN
  }

  /**
   * What was read: the state, the active members, the records on the event log not yet committed by
   * the processor (in all and per partition; null when not known) and when it was read (null:
   * never).
   */
  public record Snapshot(
      State state, int members, Long lagRecords, Map<Integer, Long> lagByPartition, Instant asOf) {
    static final Snapshot NOT_YET = new Snapshot(State.UNKNOWN, 0, null, Map.of(), null);

    /** The {@code processor} object of {@code /health} and {@code /api/v1/status}. */
    public Map<String, Object> json() {
      final Map<String, Object> out = new LinkedHashMap<>();
      out.put("state", state.name());
      out.put("members", members);
      out.put("lagRecords", lagRecords);
      out.put("asOf", asOf == null ? null : asOf.toString());
      return out;
    }
  }

  private final Admin admin;
  private final String groupId;
  private final String topic;
  private final ExecutorService reader;
  private final AtomicBoolean reading = new AtomicBoolean();
  private volatile Snapshot last = Snapshot.NOT_YET;
  private volatile long lastStartNs;

  /** The processor's group ({@link Topics#PROCESSOR_APPLICATION_ID}) on {@code foi.events}. */
  public ProcessorProbe(final String bootstrapServers) {
    this(bootstrapServers, Topics.PROCESSOR_APPLICATION_ID, Topics.EVENTS.name());
  }

  ProcessorProbe(final String bootstrapServers, final String groupId, final String topic) {
    this.admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                TIMEOUT_MS,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                TIMEOUT_MS,
                AdminClientConfig.CLIENT_ID_CONFIG,
                "processor-probe-" + java.util.UUID.randomUUID()));
    this.groupId = groupId;
    this.topic = topic;
    this.reader =
        Executors.newSingleThreadExecutor(
            r -> {
              final Thread t = new Thread(r, "processor-probe");
              t.setDaemon(true);
              return t;
            });
    lastStartNs = System.nanoTime() - MAX_AGE.toNanos() - 1;
    refreshIfOld();
  }

  /**
   * The last figures read; asks the broker again in the background when they are older than {@link
   * #MAX_AGE}.
   */
  public Snapshot snapshot() {
    refreshIfOld();
    return last;
  }

  private void refreshIfOld() {
    if (System.nanoTime() - lastStartNs < MAX_AGE.toNanos()
        || !reading.compareAndSet(false, true)) {
      return;
    }
    lastStartNs = System.nanoTime();
    try {
      reader.execute(
          () -> {
            try {
              last = read();
            } finally {
              reading.set(false);
            }
          });
    } catch (java.util.concurrent.RejectedExecutionException e) {
      reading.set(false); // closed
    }
  }

  /** One look at the broker (blocking, at most a few timeouts); UNKNOWN when it does not answer. */
  Snapshot read() {
    try {
      State state;
      int members;
      try {
        final ConsumerGroupDescription group =
            admin
                .describeConsumerGroups(List.of(groupId))
                .describedGroups()
                .get(groupId)
                .get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        members = group.members().size();
        state = stateOf(group.groupState(), members);
      } catch (java.util.concurrent.ExecutionException e) {
        if (!(e.getCause() instanceof GroupIdNotFoundException)) {
          throw e;
        }
        members = 0;
        state = State.NOT_RUNNING;
      }
      final Map<TopicPartition, OffsetAndMetadata> committed =
          admin
              .listConsumerGroupOffsets(groupId)
              .partitionsToOffsetAndMetadata()
              .get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
      final List<TopicPartition> partitions =
          admin
              .describeTopics(List.of(topic))
              .allTopicNames()
              .get(TIMEOUT_MS, TimeUnit.MILLISECONDS)
              .get(topic)
              .partitions()
              .stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      final Map<TopicPartition, Long> ends = offsets(partitions, OffsetSpec.latest());
      final List<TopicPartition> neverCommitted =
          partitions.stream().filter(tp -> committed.get(tp) == null).toList();
      final Map<TopicPartition, Long> starts =
          neverCommitted.isEmpty() ? Map.of() : offsets(neverCommitted, OffsetSpec.earliest());
      final Map<Integer, Long> lag = new TreeMap<>();
      long total = 0;
      for (TopicPartition tp : partitions) {
        final OffsetAndMetadata c = committed.get(tp);
        final long l =
            lag(
                ends.getOrDefault(tp, 0L),
                c == null ? null : c.offset(),
                starts.getOrDefault(tp, 0L));
        lag.put(tp.partition(), l);
        total += l;
      }
      return new Snapshot(state, members, total, Map.copyOf(lag), Instant.now());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return unknown();
    } catch (java.util.concurrent.ExecutionException
        | java.util.concurrent.TimeoutException
        | RuntimeException e) {
      return unknown();
    }
  }

  private Snapshot unknown() {
    return new Snapshot(State.UNKNOWN, 0, null, Map.of(), Instant.now());
  }

  private Map<TopicPartition, Long> offsets(
      final List<TopicPartition> partitions, final OffsetSpec spec)
      throws InterruptedException,
          java.util.concurrent.ExecutionException,
          java.util.concurrent.TimeoutException {
    final Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    partitions.forEach(tp -> request.put(tp, spec));
    final Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> result =
        admin
            .listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
            .all()
            .get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
    final Map<TopicPartition, Long> out = new HashMap<>();
    result.forEach((tp, info) -> out.put(tp, info.offset()));
    return out;
  }

  /**
   * A partition's lag: its end (the last stable offset: records of open transactions are not
   * counted) less the processor's committed offset, or less the partition's first offset when the
   * processor never committed there.
   */
  static long lag(final long end, final Long committed, final long start) {
    return Math.max(0, end - (committed == null ? start : committed));
  }

  /**
   * The state a group shows: RUNNING only when stable with members, NOT_RUNNING when empty or gone.
   */
  static State stateOf(final GroupState group, final int members) {
    return switch (group) {
      case STABLE -> members > 0 ? State.RUNNING : State.NOT_RUNNING;
      case PREPARING_REBALANCE, COMPLETING_REBALANCE, ASSIGNING, RECONCILING -> State.REBALANCING;
      case EMPTY, DEAD -> State.NOT_RUNNING;
      default -> State.UNKNOWN;
    };
  }

  @Override
  public void close() {
    reader.shutdownNow();
    admin.close(Duration.ofSeconds(2));
  }
}
