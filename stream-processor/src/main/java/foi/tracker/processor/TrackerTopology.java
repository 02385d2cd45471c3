package foi.tracker.processor;

import foi.tracker.core.calendar.YearSchedule;
import foi.tracker.core.topic.EventLogPartitioner;
import foi.tracker.core.topic.TopicSpec;
import foi.tracker.core.topic.Topics;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.Stores;

/**
 * The stream processor's topology, one sub-topology with no repartition (the event log is partitioned by agency):
 * {@code events-source → parse-events → request-lifecycle → sinks}, plus the global calendar store. Every node and
 * store is named; a test pins {@code describe()}.
 *
 * <p>The tables are published by the request and totals stores themselves: their changelogs are the output topics
 * {@link Topics#REQUESTS} and {@link Topics#AGENCY_TOTALS}. An agency changed many times between two commits is
 * written once, at the commit, by the processor's pre-commit hook ({@link PreCommitStore}). A request is written at
 * each of its events: a request rarely changes
 * twice within one commit interval (its steps are days apart, and so are they in a replay of the log), so a cache
 * in front of it only copied every state once more on its way to RocksDB and the changelog (~5 % of the stream
 * thread in the replay). Either way the writes are in the same transaction as the offsets.
 */
public final class TrackerTopology {
  static final String EVENTS_SOURCE = "events-source";
  static final String PARSE = "parse-events";
  static final String LIFECYCLE = "request-lifecycle";
  static final String DEAD_LETTERS_SINK = "dead-letters-sink";
  static final String REJECTED_SINK = "rejected-sink";
  static final String ALERTS_SINK = "alerts-sink";
  static final String PARTS_SINK = "published-parts-sink";
  static final String CORRECTIONS_SINK = "corrections-sink";
  /** Per agency, the publications whose cut froze it ({@link RequestLifecycleProcessor}). */
  static final String COVERAGE_STORE = "publication-coverage-store";
  public static final String REQUEST_STORE = Topics.REQUEST_STORE;
  public static final String TOTALS_STORE = Topics.AGENCY_TOTALS_STORE;
  static final String META_STORE = "meta-store";
  static final String CALENDAR_STORE = "calendar-store";

  private TrackerTopology() {
  }

  public static Topology build(final ProcessorSettings settings) {
    return build(settings, event -> { });
  }

  /**
   * The topology with {@code probe} called on each event before the rules decide it: a test seam (a probe that throws
   * is a poison event meeting the processor).
   */
  static Topology build(final ProcessorSettings settings,
                        final java.util.function.Consumer<foi.tracker.core.event.RequestEvent> probe) {
    final Topology t = new Topology();
    t.addSource(EVENTS_SOURCE, Serdes.String().deserializer(), Serdes.ByteArray().deserializer(),
        Topics.EVENTS.name());
    t.addProcessor(PARSE, () -> new ParseEventProcessor(settings.eventPartitions()), EVENTS_SOURCE);
    final PreCommitStore.Hooks preCommit = new PreCommitStore.Hooks();
    t.addProcessor(LIFECYCLE, () -> new RequestLifecycleProcessor(settings, preCommit, probe), PARSE);
    // the request and totals stores hold the StateCodec bytes, encoded once by the processor; their changelogs are
    // what the dashboard reads
    t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(REQUEST_STORE), Serdes.String(),
        Serdes.ByteArray()).withCachingDisabled(), LIFECYCLE);
    t.addStateStore(PreCommitStore.builder(TOTALS_STORE, preCommit), LIFECYCLE);
    t.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(META_STORE), Serdes.String(),
        Serdes.String()), LIFECYCLE);
    t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(COVERAGE_STORE), Serdes.String(),
        Serdes.ByteArray()).withCachingDisabled(), LIFECYCLE);
    sink(t, DEAD_LETTERS_SINK, Topics.DEAD_LETTERS, false, PARSE, LIFECYCLE);
    sink(t, REJECTED_SINK, Topics.REJECTED, true, LIFECYCLE);
    sink(t, ALERTS_SINK, Topics.ALERTS, true, LIFECYCLE);
    sink(t, PARTS_SINK, Topics.PUBLISHED_PARTS, false, LIFECYCLE);
    sink(t, CORRECTIONS_SINK, Topics.CORRECTIONS, false, LIFECYCLE);
    t.addGlobalStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(CALENDAR_STORE), Serdes.String(),
        Topics.CALENDAR.valueSerde()).withLoggingDisabled(), "calendar-source", Serdes.String().deserializer(),
        Topics.CALENDAR.valueSerde().deserializer(), Topics.CALENDAR.name(), "calendar-loader",
        CalendarLoader::new);
    return t;
  }

  @SuppressWarnings("unchecked")
  private static <V> void sink(final Topology t, final String name, final TopicSpec<String, V> topic,
                               final boolean byAgency, final String... parents) {
    final Serializer<Object> values = (Serializer<Object>) topic.valueSerde().serializer();
    if (byAgency) {
      final StreamPartitioner<String, Object> agencyPartitioner = new StreamPartitioner<>() {
        @Override
        public Optional<Set<Integer>> partitions(final String topicName, final String key, final Object value,
                                                 final int numPartitions) {
          return Optional.of(Set.of(EventLogPartitioner.partitionOf(key, numPartitions)));
        }
      };
      t.addSink(name, topic.name(), Serdes.String().serializer(), values, agencyPartitioner, parents);
    } else {
      t.addSink(name, topic.name(), Serdes.String().serializer(), values, parents);
    }
  }

  /** Keeps the calendar store in step with the calendar topic (schedules loaded after release). */
  static final class CalendarLoader implements Processor<String, YearSchedule, Void, Void> {
    private org.apache.kafka.streams.state.KeyValueStore<String, YearSchedule> store;

    @Override
    public void init(final org.apache.kafka.streams.processor.api.ProcessorContext<Void, Void> context) {
      store = context.getStateStore(CALENDAR_STORE);
    }

    @Override
    public void process(final Record<String, YearSchedule> record) {
      if (record.value() == null) {
        store.delete(record.key());
      } else {
        store.put(record.key(), record.value());
      }
    }
  }

}
