package foi.tracker.processor;

import foi.tracker.core.binary.CellTally;
import foi.tracker.core.binary.StateCodec;
import foi.tracker.core.json.Json;
import foi.tracker.core.publication.CorrectionEntry;
import foi.tracker.core.publication.PublicationCut;
import foi.tracker.core.publication.PublishedCells;
import foi.tracker.core.publication.PublishedPart;
import foi.tracker.core.request.Bounds;
import foi.tracker.core.request.RequestState;
import foi.tracker.core.table.AgencyTotals;
import foi.tracker.core.table.Cells;
import foi.tracker.core.topic.Topics;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Step 3, the agency totals (各机关的统计数): adds each {@link RequestChange}'s cells to its agency's
 * tally, writes the agencies that moved once per commit (the pre-commit hook of {@link
 * PreCommitStore}), notes the corrections of frozen publications, and freezes the tallies at a
 * publication's cut (发布截点), in the cut's place in the log.
 *
 * <p>At init it also recounts the totals from the request states when they were stored by other
 * cell rules ({@link Cells#VERSION}). A record it cannot apply is dead-lettered; Kafka's own
 * exceptions go up to Streams.
 */
final class AgencyTotalsProcessor extends ContextualProcessor<String, Object, String, Object> {
  private static final Logger LOG = LoggerFactory.getLogger(AgencyTotalsProcessor.class);

  /** The {@link Cells#VERSION} the stored totals were counted by. */
  static final String META_CELLS_VERSION = "cells-version";

  private static final Deserializer<AgencyTotals> TOTALS_READER =
      Topics.AGENCY_TOTALS.valueSerde().deserializer();

  private final TaskShared.Registry registry;
  private final PreCommitStore.Hooks preCommit;
  private final Runnable writeChangedTotals = this::writeChangedTotals;
  private TaskShared shared;

  /** Agency totals as {@link StateCodec} bytes. */
  private KeyValueStore<String, byte[]> totals;

  /**
   * The cuts this task's partition has seen: one record per marker (its publication and the
   * agencies it froze), so a national publication is a few store writes, not one per agency.
   */
  private KeyValueStore<String, byte[]> coverageStore;

  /**
   * The cells of this task's agencies, decoded once and then counted in place (no copy per event).
   * An agency's record is written to the store once per commit ({@link #writeChangedTotals}), not
   * after every event that moves a cell.
   */
  private final Map<String, CellTally> totalsCache = new HashMap<>();

  /** Agencies whose cells moved since the last commit, in the order they first moved. */
  private final Set<String> changedAgencies = new LinkedHashSet<>();

  AgencyTotalsProcessor(final TaskShared.Registry registry, final PreCommitStore.Hooks preCommit) {
    this.registry = registry;
    this.preCommit = preCommit;
  }

  @Override
  public void init(final ProcessorContext<String, Object> context) {
    super.init(context);
    shared = registry.of(context.taskId());
    // a revived task (after an aborted transaction) may init the same instance again: drop what was
    // not committed
    totalsCache.clear();
    changedAgencies.clear();
    shared.forgetCoverage();
    coverageStore = context.getStateStore(TrackerTopology.COVERAGE_STORE);
    try (KeyValueIterator<String, byte[]> it = coverageStore.all()) {
      while (it.hasNext()) {
        final FrozenMarker m = Json.read(it.next().value, FrozenMarker.class);
        m.members().forEach(a -> shared.cover(a, m.coverage()));
      }
    }
    totals = context.getStateStore(TrackerTopology.TOTALS_STORE);
    final KeyValueStore<String, String> meta = context.getStateStore(TrackerTopology.META_STORE);
    if (!Cells.VERSION.equals(meta.get(META_CELLS_VERSION))) {
      // totals stored by a release with other cell rules are stale: count them again from the
      // request states
      recountTotals(context.getStateStore(TrackerTopology.REQUEST_STORE));
      meta.put(META_CELLS_VERSION, Cells.VERSION);
    }
    preCommit.register(context.taskId(), writeChangedTotals);
  }

  @Override
  public void process(final Record<String, Object> record) {
    try {
      if (record.value() instanceof RequestChange change) {
        count(change, record.timestamp());
      } else if (record.value() instanceof PublicationCut cut) {
        freeze(cut, record.timestamp());
      }
    } catch (RuntimeException e) {
      if (DeadLetters.isKafkas(e)) {
        throw e;
      }
      LOG.error(
          "could not count the record at {} (key {}): dead-lettered, processing goes on",
          context()
              .recordMetadata()
              .map(m -> m.topic() + "-" + m.partition() + "@" + m.offset())
              .orElse("?"),
          record.key(),
          e);
      DeadLetters.send(
          context(),
          record,
          Bounds.UNHANDLED_REASON
              + " ("
              + e.getClass().getSimpleName()
              + ": "
              + e.getMessage()
              + ")");
    }
  }

  private void count(final RequestChange change, final long timestamp) {
    if (change.delta().isEmpty()) {
      return;
    }
    final String agencyId = change.after().agencyId();
    totalsCache.computeIfAbsent(agencyId, this::loadCells).add(change.delta());
    changedAgencies.add(agencyId);
    noteCorrections(change, timestamp);
  }

  /**
   * Each publication covering the agency whose frozen figures the change moves gets a correction
   * entry.
   */
  private void noteCorrections(final RequestChange change, final long timestamp) {
    final RequestState after = change.after();
    for (TaskShared.Coverage c : shared.coverageOf(after.agencyId())) {
      if (PublishedCells.changesFigures(change.delta(), c.year())) {
        final CorrectionEntry entry =
            new CorrectionEntry(
                c.publisherId(),
                c.year(),
                c.version(),
                c.cutId(),
                after.agencyId(),
                after.requestId(),
                change.eventId(),
                change.type(),
                change.date());
        context()
            .forward(
                new Record<String, Object>(entry.key(), entry, timestamp),
                TrackerTopology.CORRECTIONS_SINK);
      }
    }
  }

  /**
   * A publication's cut (发布截点) on this partition: each agency it lists is frozen as its counters
   * stand now, after every event before the marker and before any after it, and from now on the
   * changes to that year's figures of that agency are written as corrections of this version.
   */
  private void freeze(final PublicationCut cut, final long timestamp) {
    final TaskShared.Coverage covered =
        new TaskShared.Coverage(cut.agencyId(), cut.year(), cut.version(), cut.cutId());
    final Map<String, Long> sum = new HashMap<>();
    Map<String, Long> own = null;
    for (PublicationCut.Member m : cut.members()) {
      final String agencyId = m.agencyId();
      final Map<String, Long> cells =
          PublishedCells.project(
              totalsCache.computeIfAbsent(agencyId, this::loadCells).toMap(), cut.year());
      PublishedCells.addTo(sum, cells);
      if (agencyId.equals(cut.agencyId())) {
        own = cells;
      }
      shared.cover(agencyId, covered);
    }
    sum.values().removeIf(v -> v == 0L);
    final int partition = context().recordMetadata().map(m -> m.partition()).orElse(0);
    final PublishedPart part =
        new PublishedPart(
            cut.agencyId(),
            cut.year(),
            cut.version(),
            cut.cutId(),
            partition,
            cut.chunk(),
            cut.members(),
            own,
            sum);
    context()
        .forward(
            new Record<String, Object>(part.key(), part, timestamp), TrackerTopology.PARTS_SINK);
    coverageStore.put(
        part.key(),
        Json.write(
            new FrozenMarker(
                covered, cut.members().stream().map(PublicationCut.Member::agencyId).toList())));
  }

  /** A marker's record in {@link #coverageStore}: the publication and the agencies it froze. */
  record FrozenMarker(TaskShared.Coverage coverage, List<String> members) {}

  /**
   * Streams' pre-commit hook ({@link PreCommitStore}): each agency whose cells moved since the last
   * commit gets its record written once, in the transaction of the events that moved them. It stays
   * registered after {@code close()}: a task being suspended closes its processors first and
   * commits after, and that commit still runs the hook.
   */
  private void writeChangedTotals() {
    for (String agencyId : changedAgencies) {
      totals.put(agencyId, totalsCache.get(agencyId).toRecord(agencyId));
    }
    changedAgencies.clear();
  }

  /**
   * Replaces every agency's totals of this task by the sum of {@link Cells#of} over its stored
   * requests (an agency with totals but no request left is emptied). Run at init when the stored
   * totals were counted by other cell rules.
   */
  private void recountTotals(final KeyValueStore<String, byte[]> requests) {
    final Map<String, Map<String, Long>> recount = new TreeMap<>();
    try (KeyValueIterator<String, byte[]> it = totals.all()) {
      it.forEachRemaining(kv -> recount.put(kv.key, new HashMap<>()));
    }
    try (KeyValueIterator<String, byte[]> it = requests.all()) {
      while (it.hasNext()) {
        final RequestState state = RequestStates.decode(it.next().value);
        if (state != null) {
          AgencyTotals.addTo(
              recount.computeIfAbsent(state.agencyId(), k -> new HashMap<>()), Cells.of(state));
        }
      }
    }
    recount.forEach(
        (agencyId, cells) ->
            totals.put(agencyId, StateCodec.writeTotals(new AgencyTotals(agencyId, cells))));
  }

  /** The stored cells of an agency, as a tally of this step's own (empty when it has none yet). */
  private CellTally loadCells(final String agencyId) {
    final AgencyTotals stored =
        TOTALS_READER.deserialize(Topics.AGENCY_TOTALS.name(), totals.get(agencyId));
    return CellTally.of(stored == null ? Map.of() : stored.cells());
  }
}
