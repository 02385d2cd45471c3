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
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.Stores;

/**
 * The stream processor's topology, one sub-topology with no repartition (the event log is
 * partitioned by agency, and the publication cut's exactness needs every step of an agency's events
 * to run in one task, in log order):
 *
 * <pre>
 * events-source → parse-events → request-lifecycle → agency-totals   → published-parts, corrections
 *                                                   → deadline-alerts → alerts
 *                                                   → capped-requests (requests at the bound on refusals)
 *                                 deadline-sweep ───→ agency-totals, deadline-alerts
 * </pre>
 *
 * {@code parse-events} reads each record (unreadable → dead letters); {@code request-lifecycle}
 * decides each event with the rules, stores the request and passes a {@link RequestChange} on
 * (refusals → rejected); {@code agency-totals} counts the changes into each agency's totals, notes
 * corrections of frozen publications and freezes the totals at a publication's cut; {@code
 * deadline-sweep} recomputes the deadlines daily and when the calendar changes, its changes taking
 * the same path; {@code deadline-alerts} emits the deadline alerts. The steps of a task share its
 * stores and a little memory ({@link TaskShared}); a forward is a plain call on the task's thread,
 * so each event goes through every step before the next one is read. Plus the global calendar
 * store. Every node and store is named; a test pins {@code describe()}.
 *
 * <p>The tables are published by the request and totals stores themselves: their changelogs are the
 * output topics {@link Topics#REQUESTS} and {@link Topics#AGENCY_TOTALS}. An agency changed many
 * times between two commits is written once, at the commit, by the totals step's pre-commit hook
 * ({@link PreCommitStore}). A request is written at each of its events: a request rarely changes
 * twice within one commit interval (its steps are days apart, and so are they in a replay of the
 * log), so a cache in front of it only copied every state once more on its way to RocksDB and the
 * changelog (~5 % of the stream thread in the replay). Either way the writes are in the same
 * transaction as the offsets.
 */
public final class TrackerTopology {
  static final String EVENTS_SOURCE = "events-source";
  static final String PARSE = "parse-events";
  static final String LIFECYCLE = "request-lifecycle";
  static final String SWEEP = "deadline-sweep";
  static final String TOTALS = "agency-totals";
  static final String ALERTS = "deadline-alerts";
  static final String DEAD_LETTERS_SINK = "dead-letters-sink";
  static final String REJECTED_SINK = "rejected-sink";
  static final String ALERTS_SINK = "alerts-sink";
  static final String PARTS_SINK = "published-parts-sink";
  static final String CORRECTIONS_SINK = "corrections-sink";
  static final String CAPPED_SINK = "capped-requests-sink";

  /** Per agency, the publications whose cut froze it ({@link AgencyTotalsProcessor}). */
  static final String COVERAGE_STORE = "publication-coverage-store";

  public static final String REQUEST_STORE = Topics.REQUEST_STORE;
  public static final String TOTALS_STORE = Topics.AGENCY_TOTALS_STORE;
  static final String META_STORE = "meta-store";
  static final String CALENDAR_STORE = "calendar-store";

  private TrackerTopology() {}

  public static Topology build(final ProcessorSettings settings) {
    return build(settings, event -> {});
  }

  /**
   * The topology with {@code probe} called on each event before the rules decide it: a test seam (a
   * probe that throws is a poison event meeting the processor).
   */
  static Topology build(
      final ProcessorSettings settings,
      final java.util.function.Consumer<foi.tracker.core.event.RequestEvent> probe) {
    final Topology t = new Topology();
    t.addSource(
        EVENTS_SOURCE,
        Serdes.String().deserializer(),
        Serdes.ByteArray().deserializer(),
        Topics.EVENTS.name());
    t.addProcessor(PARSE, () -> new ParseEventProcessor(settings.eventPartitions()), EVENTS_SOURCE);
    final PreCommitStore.Hooks preCommit = new PreCommitStore.Hooks();
    final TaskShared.Registry shared = new TaskShared.Registry();
    t.addProcessor(LIFECYCLE, () -> new RequestLifecycleProcessor(settings, shared, probe), PARSE);
    t.addProcessor(SWEEP, () -> new DeadlineSweepProcessor(settings, shared), LIFECYCLE);
    t.addProcessor(TOTALS, () -> new AgencyTotalsProcessor(shared, preCommit), LIFECYCLE, SWEEP);
    t.addProcessor(ALERTS, () -> new DeadlineAlertsProcessor(settings, shared), LIFECYCLE, SWEEP);
    // the request and totals stores hold the StateCodec bytes, encoded once by the steps; their
    // changelogs are what
    // the dashboard reads. The totals step reads the requests only to recount after a change of the
    // cell rules.
    t.addStateStore(
        Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(REQUEST_STORE), Serdes.String(), Serdes.ByteArray())
            .withCachingDisabled(),
        LIFECYCLE,
        SWEEP,
        ALERTS,
        TOTALS);
    t.addStateStore(PreCommitStore.builder(TOTALS_STORE, preCommit), TOTALS);
    t.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore(META_STORE), Serdes.String(), Serdes.String()),
        SWEEP,
        TOTALS);
    t.addStateStore(
        Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(COVERAGE_STORE), Serdes.String(), Serdes.ByteArray())
            .withCachingDisabled(),
        TOTALS);
    sink(t, DEAD_LETTERS_SINK, Topics.DEAD_LETTERS, false, PARSE, LIFECYCLE, TOTALS);
    sink(t, REJECTED_SINK, Topics.REJECTED, true, LIFECYCLE);
    sink(t, CAPPED_SINK, Topics.CAPPED_REQUESTS, false, LIFECYCLE);
    sink(t, ALERTS_SINK, Topics.ALERTS, true, ALERTS);
    sink(t, PARTS_SINK, Topics.PUBLISHED_PARTS, false, TOTALS);
    sink(t, CORRECTIONS_SINK, Topics.CORRECTIONS, false, TOTALS);
    t.addGlobalStore(
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(CALENDAR_STORE),
                Serdes.String(),
                Topics.CALENDAR.valueSerde())
            .withLoggingDisabled(),
        "calendar-source",
        Serdes.String().deserializer(),
        Topics.CALENDAR.valueSerde().deserializer(),
        Topics.CALENDAR.name(),
        "calendar-loader",
        CalendarLoader::new);
    return t;
  }

  /**
   * A request state just stored, from the lifecycle or the sweep, to the steps that follow it: the
   * totals, then the alerts. Both forwards reuse the record's context (no copy); they run before
   * this returns.
   */
  static void passOn(
      final ProcessorContext<String, Object> context, final Record<String, RequestChange> change) {
    context.forward(change, TOTALS);
    context.forward(change, ALERTS);
  }

  @SuppressWarnings("unchecked")
  private static <V> void sink(
      final Topology t,
      final String name,
      final TopicSpec<String, V> topic,
      final boolean byAgency,
      final String... parents) {
    final Serializer<Object> values = (Serializer<Object>) topic.valueSerde().serializer();
    if (byAgency) {
      final StreamPartitioner<String, Object> agencyPartitioner =
          new StreamPartitioner<>() {
            @Override
            public Optional<Set<Integer>> partitions(
                final String topicName,
                final String key,
                final Object value,
                final int numPartitions) {
              return Optional.of(Set.of(EventLogPartitioner.partitionOf(key, numPartitions)));
            }
          };
      t.addSink(
          name, topic.name(), Serdes.String().serializer(), values, agencyPartitioner, parents);
    } else {
      t.addSink(name, topic.name(), Serdes.String().serializer(), values, parents);
    }
  }

  /** Keeps the calendar store in step with the calendar topic (schedules loaded after release). */
  static final class CalendarLoader implements Processor<String, YearSchedule, Void, Void> {
    private org.apache.kafka.streams.state.KeyValueStore<String, YearSchedule> store;

    @Override
    public void init(
        final org.apache.kafka.streams.processor.api.ProcessorContext<Void, Void> context) {
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
