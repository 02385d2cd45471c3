package foi.tracker.processor;

import foi.tracker.core.binary.CellTally;
import foi.tracker.core.binary.StateCodec;
import foi.tracker.core.calendar.WorkingDayCalendar;
import foi.tracker.core.calendar.YearSchedule;
import foi.tracker.core.deadline.Deadline;
import foi.tracker.core.deadline.DeadlineClock;
import foi.tracker.core.deadline.DeadlineStatus;
import foi.tracker.core.event.RequestEvent;
import foi.tracker.core.json.Json;
import foi.tracker.core.publication.CorrectionEntry;
import foi.tracker.core.publication.PublicationCut;
import foi.tracker.core.publication.PublishedCells;
import foi.tracker.core.publication.PublishedPart;
import foi.tracker.core.request.Bounds;
import foi.tracker.core.request.Decision;
import foi.tracker.core.request.HistoryEntry;
import foi.tracker.core.request.RequestKey;
import foi.tracker.core.request.RequestRules;
import foi.tracker.core.request.RequestState;
import foi.tracker.core.table.AgencyTotals;
import foi.tracker.core.table.Cells;
import foi.tracker.core.topic.DeadLetter;
import foi.tracker.core.topic.DeadlineAlert;
import foi.tracker.core.topic.Topics;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Step 2, per event: load the request, ask {@link RequestRules}, store the new state, add the change of its table
 * cells to its agency's totals. Refusals go to the rejected topic and onto the request. The stores' changelogs are
 * the published tables ({@link TrackerTopology}).
 *
 * <p>Two wall-clock punctuators, inside the exactly-once transaction of the task like everything else:
 * <ul>
 *   <li>the alert check ({@code alertInterval}) emits a DUE_SOON/OVERDUE alert once for each open request whose
 *   deadline status changed since it last alerted, and notes the status on the request. Checking at an interval, not
 *   per event, means a request that was entered late and closed a moment later (a backlog, or a replay of old events)
 *   raises no alert. The requests to check are kept in memory only; after a restart or a rebalance the first check
 *   goes through every request of the task, so none whose change was committed without its alert is missed;</li>
 *   <li>the deadline check recomputes every open request once a day (China time) and every request when a new
 *   calendar year is loaded.</li>
 * </ul>
 *
 * <p>Nothing one event holds stops it: an exception while handling an event dead-letters the event (with the reason
 * and its offset) and marks it REJECTED on its request with {@link Bounds#UNHANDLED_REASON}; a state that would be
 * over {@link Bounds#MAX_STATE_BYTES} encoded, or a refusal beyond {@link Bounds#MAX_REFUSED_EVENTS} on one request,
 * is dead-lettered before it is written and the stored state stays as it was. Kafka's own exceptions (a task
 * migrated, a producer fenced) still go up to Streams.
 */
final class RequestLifecycleProcessor extends ContextualProcessor<String, Object, String, Object> {
  /**
   * At most this many recently stored request states are kept deserialized (a read cache in front of the store,
   * emptied at every alert check too: kept longer they only survive into the old generation).
   */
  static final int RECENT_REQUESTS = 4_096;
  private static final Logger LOG = LoggerFactory.getLogger(RequestLifecycleProcessor.class);
  private static final String META_SWEEP_DAY = "sweep-day";
  private static final String META_CALENDAR = "calendar";
  /** The {@link Cells#VERSION} the stored totals were counted by. */
  private static final String META_CELLS_VERSION = "cells-version";

  private static final Deserializer<RequestState> REQUEST_READER = Topics.REQUESTS.valueSerde().deserializer();
  private static final Deserializer<AgencyTotals> TOTALS_READER = Topics.AGENCY_TOTALS.valueSerde().deserializer();

  private final ProcessorSettings settings;
  /** A test seam: called with each event before the rules decide it (a test makes it throw); no-op in production. */
  private final java.util.function.Consumer<RequestEvent> probe;
  /** Request states as {@link StateCodec} bytes (older data dirs: JSON, still read). */
  private KeyValueStore<String, byte[]> requests;
  /** Agency totals as {@link StateCodec} bytes. */
  private KeyValueStore<String, byte[]> totals;
  private KeyValueStore<String, String> meta;
  /**
   * The cuts this task's partition has seen: one record per marker (its publication and the agencies it froze), so a
   * national publication is a few store writes, not one per agency.
   */
  private KeyValueStore<String, byte[]> coverageStore;
  /**
   * Per agency, the publications whose cut froze it (the latest version of each publisher and year): built from
   * {@link #coverageStore} at init and kept with it, so an event looks its agency up in memory.
   */
  private final Map<String, List<Coverage>> coverage = new java.util.HashMap<>();
  private KeyValueStore<String, YearSchedule> calendarStore;
  private RequestRules rules;
  private String calendarSignature;
  /**
   * The cells of this task's agencies, decoded once and then counted in place (no copy per event). An agency's record
   * is written to the store once per commit ({@link #writeChangedTotals}), not after every event that moves a cell.
   */
  private final Map<String, CellTally> totalsCache = new java.util.HashMap<>();
  /** Agencies whose cells moved since the last commit, in the order they first moved. */
  private final java.util.Set<String> changedAgencies = new java.util.LinkedHashSet<>();
  private final PreCommitStore.Hooks preCommit;
  private final Runnable writeChangedTotals = this::writeChangedTotals;
  /**
   * Request states stored since the last alert check, so the next event of the same request and the check itself do
   * not decode them again; always the value last put for the key.
   */
  private final Map<String, RequestState> recent = new java.util.HashMap<>();
  /** Requests stored since the last alert check whose deadline status differs from the one they last alerted. */
  private final java.util.Set<String> alertCandidates = new java.util.LinkedHashSet<>();
  /** Set at init: the first alert check scans the whole store (what was pending before a restart is not known). */
  private boolean scanAllForAlerts;

  RequestLifecycleProcessor(final ProcessorSettings settings, final PreCommitStore.Hooks preCommit) {
    this(settings, preCommit, event -> { });
  }

  RequestLifecycleProcessor(final ProcessorSettings settings, final PreCommitStore.Hooks preCommit,
                            final java.util.function.Consumer<RequestEvent> probe) {
    this.settings = settings;
    this.preCommit = preCommit;
    this.probe = probe;
  }

  @Override
  public void init(final ProcessorContext<String, Object> context) {
    super.init(context);
    // a revived task (after an aborted transaction) may init the same instance again: drop what was not committed
    totalsCache.clear();
    changedAgencies.clear();
    recent.clear();
    alertCandidates.clear();
    coverage.clear();
    scanAllForAlerts = true;
    coverageStore = context.getStateStore(TrackerTopology.COVERAGE_STORE);
    try (KeyValueIterator<String, byte[]> it = coverageStore.all()) {
      while (it.hasNext()) {
        final FrozenMarker m = Json.read(it.next().value, FrozenMarker.class);
        m.members().forEach(a -> cover(a, m.coverage()));
      }
    }
    requests = context.getStateStore(TrackerTopology.REQUEST_STORE);
    totals = context.getStateStore(TrackerTopology.TOTALS_STORE);
    meta = context.getStateStore(TrackerTopology.META_STORE);
    calendarStore = context.getStateStore(TrackerTopology.CALENDAR_STORE);
    if (!Cells.VERSION.equals(meta.get(META_CELLS_VERSION))) {
      // totals stored by a release with other cell rules are stale: count them again from the request states
      recountTotals();
      meta.put(META_CELLS_VERSION, Cells.VERSION);
    }
    loadCalendar();
    preCommit.register(context.taskId(), writeChangedTotals);
    context.schedule(settings.alertInterval(), PunctuationType.WALL_CLOCK_TIME, now -> checkAlerts());
    context.schedule(settings.deadlineCheckInterval(), PunctuationType.WALL_CLOCK_TIME, now -> checkDeadlines());
  }

  @Override
  public void process(final Record<String, Object> record) {
    try {
      if (record.value() instanceof PublicationCut cut) {
        freeze(cut, record.timestamp());
        return;
      }
      handle(record, (RequestEvent) record.value());
    } catch (RuntimeException e) {
      if (isKafkas(e)) {
        throw e;
      }
      unhandled(record, e);
    }
  }

  /**
   * One event: everything that can fail on the event's content (decoding the request, the rules, encoding the new
   * state, the change of cells) happens before anything is written or forwarded.
   */
  private void handle(final Record<String, Object> record, final RequestEvent event) {
    final String key = record.key();
    final RequestState current = loadRequest(key);
    probe.accept(event);
    final String published = deskVoidOfPublishedYear(current, event);
    final Decision decision = published != null
        ? rules.refuse(current, event, foi.tracker.core.request.RefusalCode.PUBLISHED_YEAR, published)
        : rules.decide(current, event, today());
    if (decision instanceof Decision.Accepted accepted) {
      final byte[] bytes = withinBounds(record, accepted.next());
      if (bytes != null) {
        store(key, current, accepted.next(), bytes, event.eventId(), event.type(), event.date(), record.timestamp());
      }
    } else if (decision instanceof Decision.Rejected rejected) {
      byte[] bytes = null;
      if (rejected.next() != null) {
        if (current != null && current.rejected().size() >= Bounds.MAX_REFUSED_EVENTS) {
          deadLetter(record, "TOO_MANY_EVENTS: the request already holds " + current.rejected().size()
              + " refused events (at most " + Bounds.MAX_REFUSED_EVENTS + "); this refusal is not kept: "
              + rejected.rejection().reason());
          return;
        }
        bytes = withinBounds(record, rejected.next());
        if (bytes == null) {
          return;
        }
      } else if (Json.write(rejected.rejection()).length > Bounds.MAX_STATE_BYTES) {
        // no request to hold it, and the refusal itself (its reason quotes the event) is too large to write
        deadLetter(record, "REFUSAL_TOO_LARGE: " + rejected.rejection().reason());
        return;
      }
      context().forward(record.withValue(rejected.rejection()), TrackerTopology.REJECTED_SINK);
      if (bytes != null) {
        store(key, current, rejected.next(), bytes, event.eventId(), event.type(), event.date(), record.timestamp());
      }
    }
  }

  /** The state's bytes, or null (the event dead-lettered, nothing written) when they are over the bound. */
  private byte[] withinBounds(final Record<String, Object> record, final RequestState next) {
    final byte[] bytes = StateCodec.writeRequest(next);
    if (bytes.length > Bounds.MAX_STATE_BYTES) {
      deadLetter(record, "STATE_TOO_LARGE: the request's state would be " + bytes.length + " bytes encoded (at most "
          + Bounds.MAX_STATE_BYTES + "); the event is not applied and the stored state stays as it was");
      return null;
    }
    return bytes;
  }

  /**
   * Kafka's own exceptions (task migrated, producer fenced, a store that cannot write) are not about the event and go
   * up to Streams; a record that does not decode is about the event.
   */
  private static boolean isKafkas(final RuntimeException e) {
    return e instanceof KafkaException && !(e instanceof SerializationException);
  }

  /**
   * An event the processor could not handle: dead-lettered with the reason and its offset, and REJECTED on its request
   * (api.md "What became of a step") when there is one to mark and the mark keeps it within the bounds.
   */
  private void unhandled(final Record<String, Object> record, final RuntimeException e) {
    LOG.error("could not handle the record at {} (key {}): dead-lettered, processing goes on",
        context().recordMetadata().map(m -> m.topic() + "-" + m.partition() + "@" + m.offset()).orElse("?"),
        record.key(), e);
    deadLetter(record, Bounds.UNHANDLED_REASON + " (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
    if (!(record.value() instanceof RequestEvent event)) {
      return;
    }
    try {
      recent.remove(record.key());
      final RequestState current = loadRequest(record.key());
      if (current == null || current.rejected().size() >= Bounds.MAX_REFUSED_EVENTS) {
        return;
      }
      if (refuseUnhandled(current, event) instanceof Decision.Rejected rejected && rejected.next() != null) {
        final byte[] bytes = StateCodec.writeRequest(rejected.next());
        if (bytes.length <= Bounds.MAX_STATE_BYTES) {
          context().forward(record.withValue(rejected.rejection()), TrackerTopology.REJECTED_SINK);
          putRequest(record.key(), rejected.next(), bytes);
        }
      }
    } catch (RuntimeException again) {
      if (isKafkas(again)) {
        throw again;
      }
      LOG.error("could not mark the unhandled event on its request {}: dead-lettered only", record.key(), again);
    }
  }

  /** The refusal of an event the processor could not handle (the one call of the rules for it). */
  private Decision refuseUnhandled(final RequestState current, final RequestEvent event) {
    return rules.refuse(current, event, foi.tracker.core.request.RefusalCode.UNPROCESSABLE, Bounds.UNHANDLED_REASON);
  }

  private void deadLetter(final Record<String, Object> record, final String reason) {
    final org.apache.kafka.streams.processor.api.RecordMetadata m = context().recordMetadata().orElse(null);
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
    context().forward(record.withValue(new DeadLetter(m == null ? null : m.topic(), m == null ? -1 : m.partition(),
        m == null ? -1 : m.offset(), record.key(), value, Bounds.deadLetterReason(reason),
        java.time.Instant.ofEpochMilli(record.timestamp()))),
        TrackerTopology.DEAD_LETTERS_SINK);
  }

  /**
   * A publication's cut (发布截点) on this partition: each agency it lists is frozen as its counters stand now, after
   * every event before the marker and before any after it, and from now on the changes to that year's figures of
   * that agency are written as corrections of this version.
   */
  private void freeze(final PublicationCut cut, final long timestamp) {
    final Coverage covered = new Coverage(cut.agencyId(), cut.year(), cut.version(), cut.cutId());
    final Map<String, Long> sum = new java.util.HashMap<>();
    Map<String, Long> own = null;
    for (PublicationCut.Member m : cut.members()) {
      final String agencyId = m.agencyId();
      final Map<String, Long> cells = PublishedCells.project(
          totalsCache.computeIfAbsent(agencyId, this::loadCells).toMap(), cut.year());
      PublishedCells.addTo(sum, cells);
      if (agencyId.equals(cut.agencyId())) {
        own = cells;
      }
      cover(agencyId, covered);
    }
    sum.values().removeIf(v -> v == 0L);
    final int partition = context().recordMetadata().map(m -> m.partition()).orElse(0);
    final PublishedPart part = new PublishedPart(cut.agencyId(), cut.year(), cut.version(), cut.cutId(), partition,
        cut.chunk(), cut.members(), own, sum);
    context().forward(new Record<String, Object>(part.key(), part, timestamp), TrackerTopology.PARTS_SINK);
    coverageStore.put(part.key(), Json.write(new FrozenMarker(covered,
        cut.members().stream().map(PublicationCut.Member::agencyId).toList())));
  }

  /** {@code agencyId} is now covered by {@code c}, replacing an earlier version of the same publisher and year. */
  private void cover(final String agencyId, final Coverage c) {
    final List<Coverage> now = new ArrayList<>(coverageOf(agencyId));
    for (Coverage old : now) {
      if (old.publisherId().equals(c.publisherId()) && old.year() == c.year() && old.version() > c.version()) {
        return;
      }
    }
    now.removeIf(old -> old.publisherId().equals(c.publisherId()) && old.year() == c.year());
    now.add(c);
    coverage.put(agencyId, List.copyOf(now));
  }

  /** A marker's record in {@link #coverageStore}: the publication and the agencies it froze. */
  record FrozenMarker(Coverage coverage, List<String> members) {
  }

  private List<Coverage> coverageOf(final String agencyId) {
    return coverage.getOrDefault(agencyId, List.of());
  }

  /** Each publication covering the agency whose frozen figures {@code delta} moves gets a correction entry. */
  private void noteCorrections(final RequestState after, final Map<String, Long> delta, final String eventId,
                               final String type, final LocalDate date, final long timestamp) {
    final List<Coverage> covering = coverageOf(after.agencyId());
    for (Coverage c : covering) {
      if (PublishedCells.changesFigures(delta, c.year())) {
        final CorrectionEntry entry = new CorrectionEntry(c.publisherId(), c.year(), c.version(), c.cutId(),
            after.agencyId(), after.requestId(), eventId, type, date);
        context().forward(new Record<String, Object>(entry.key(), entry, timestamp), TrackerTopology.CORRECTIONS_SINK);
      }
    }
  }

  /**
   * A desk may void (作废) a registration only in a year not yet published (api.md "Correcting a decision"): the reason
   * to refuse a desk's VOIDED of a request that counts in a published year (its receipt year or a later one it was
   * carried into), or null. The processor knows the published years of each agency from the cuts it froze.
   */
  private String deskVoidOfPublishedYear(final RequestState current, final RequestEvent event) {
    if (!(event instanceof foi.tracker.core.event.Voided v) || !v.byDeskToken() || current == null) {
      return null;
    }
    for (Coverage c : coverageOf(current.agencyId())) {
      if (c.year() >= current.receivedDate().getYear()) {
        return c.year() + "年度年报已发布（" + c.publisherId() + " 第" + c.version() + "版），受理窗口不能作废计入该年度的登记，"
            + "请由管理员作废 (a desk may not void a registration counted in a published year; the admin token may)";
      }
    }
    return null;
  }

  /** A publication whose cut froze an agency: its publisher, year, version and cut. */
  record Coverage(String publisherId, int year, int version, String cutId) {
  }

  private LocalDate today() {
    return LocalDate.now(settings.clock().withZone(RequestRules.CHINA));
  }

  private RequestState loadRequest(final String key) {
    final RequestState known = recent.get(key);
    return known != null ? known : REQUEST_READER.deserialize(Topics.REQUESTS.name(), requests.get(key));
  }

  /** A request met while iterating the store: the state last put if it is still in {@link #recent}, else decoded. */
  private RequestState stateOf(final KeyValue<String, byte[]> raw) {
    final RequestState known = recent.get(raw.key);
    return known != null ? known : REQUEST_READER.deserialize(Topics.REQUESTS.name(), raw.value);
  }

  private void putRequest(final String key, final RequestState state) {
    putRequest(key, state, StateCodec.writeRequest(state));
  }

  private void putRequest(final String key, final RequestState state, final byte[] bytes) {
    requests.put(key, bytes);
    if (recent.size() >= RECENT_REQUESTS) {
      recent.clear();
    }
    recent.put(key, state);
  }

  private void store(final String key, final RequestState before, final RequestState after, final byte[] encoded,
                     final String eventId, final String type, final LocalDate date, final long timestamp) {
    final byte[] bytes = encoded != null ? encoded : StateCodec.writeRequest(after);
    if (bytes.length > Bounds.MAX_STATE_BYTES) {
      LOG.error("request {} would be {} bytes encoded (at most {}): not written, the stored state stays", key,
          bytes.length, Bounds.MAX_STATE_BYTES);
      return;
    }
    final Map<String, Long> delta = Cells.delta(before, after);
    putRequest(key, after, bytes);
    if (alertStatusChanged(after)) {
      alertCandidates.add(key);
    }
    if (!delta.isEmpty()) {
      final String agencyId = after.agencyId();
      totalsCache.computeIfAbsent(agencyId, this::loadCells).add(delta);
      changedAgencies.add(agencyId);
      noteCorrections(after, delta, eventId, type, date, timestamp);
    }
  }

  /**
   * Streams' pre-commit hook ({@link PreCommitStore}): each agency whose cells moved since the last commit gets its
   * record written once, in the transaction of the events that moved them. It stays registered after {@code close()}:
   * a task being suspended closes its processors first and commits after, and that commit still runs the hook.
   */
  private void writeChangedTotals() {
    for (String agencyId : changedAgencies) {
      totals.put(agencyId, totalsCache.get(agencyId).toRecord(agencyId));
    }
    changedAgencies.clear();
  }


  /**
   * Replaces every agency's totals of this task by the sum of {@link Cells#of} over its stored requests (an agency
   * with totals but no request left is emptied). Run at init when the stored totals were counted by other cell rules.
   */
  private void recountTotals() {
    final Map<String, Map<String, Long>> recount = new TreeMap<>();
    try (KeyValueIterator<String, byte[]> it = totals.all()) {
      it.forEachRemaining(kv -> recount.put(kv.key, new java.util.HashMap<>()));
    }
    try (KeyValueIterator<String, byte[]> it = requests.all()) {
      while (it.hasNext()) {
        final RequestState state = REQUEST_READER.deserialize(Topics.REQUESTS.name(), it.next().value);
        if (state != null) {
          AgencyTotals.addTo(recount.computeIfAbsent(state.agencyId(), k -> new java.util.HashMap<>()),
              Cells.of(state));
        }
      }
    }
    recount.forEach((agencyId, cells) -> totals.put(agencyId, StateCodec.writeTotals(new AgencyTotals(agencyId,
        cells))));
  }

  /** The stored cells of an agency, as a map of this processor's own (empty when it has none yet). */
  private CellTally loadCells(final String agencyId) {
    final AgencyTotals stored = TOTALS_READER.deserialize(Topics.AGENCY_TOTALS.name(), totals.get(agencyId));
    return CellTally.of(stored == null ? Map.of() : stored.cells());
  }

  /** Open, with a deadline status other than the one it last alerted (or noted). */
  private static boolean alertStatusChanged(final RequestState state) {
    final Deadline d = state.deadline();
    if (d == null || d.status() == null || !state.isOpen()) {
      return false;
    }
    return d.status() != (state.alerted() == null ? null : state.alerted().status());
  }

  /** The alert check: each candidate (after a restart: every request of the task) that still needs it. */
  private void checkAlerts() {
    if (scanAllForAlerts) {
      scanAllForAlerts = false;
      try (KeyValueIterator<String, byte[]> it = requests.all()) {
        while (it.hasNext()) {
          final KeyValue<String, byte[]> raw = it.next();
          if (alertStatusChanged(stateOf(raw))) {
            alertCandidates.add(raw.key);
          }
        }
      }
    }
    if (alertCandidates.isEmpty()) {
      recent.clear();
      return;
    }
    final long now = settings.clock().millis();
    final List<String> keys = new ArrayList<>(alertCandidates);
    alertCandidates.clear();
    for (String key : keys) {
      final RequestState state = loadRequest(key);
      if (state != null && alertStatusChanged(state)) {
        putRequest(key, alertAndNote(key, state, now));
      }
    }
    recent.clear();
  }

  /**
   * Emits the alert if the new status is DUE_SOON, OVERDUE or LAPSED (with its lapse; once per lapse, as the status is
   * noted); notes the status on the state either way.
   */
  private RequestState alertAndNote(final String key, final RequestState state, final long now) {
    final Deadline d = state.deadline();
    final DeadlineStatus last = state.alerted() == null ? null : state.alerted().status();
    if (d.status() == DeadlineStatus.DUE_SOON || d.status() == DeadlineStatus.OVERDUE
        || d.status() == DeadlineStatus.LAPSED) {
      context().forward(new Record<>(key, new DeadlineAlert(state.agencyId(), state.requestId(), last, d.status(),
          d.dueDate(), d.workingDaysLeft(), today(), java.time.Instant.ofEpochMilli(now), d.lapse()), now),
          TrackerTopology.ALERTS_SINK);
      ProcessorMeters.alerted(d.status());
    }
    return state.withAlerted(d.status());
  }

  /** Once a day (China time), and whenever the calendar changes, recomputes the deadlines. */
  private void checkDeadlines() {
    final String signature = calendarSignature();
    final LocalDate today = today();
    if (!signature.equals(calendarSignature)) {
      loadCalendar();
      sweep(today, true);
      meta.put(META_CALENDAR, signature);
      meta.put(META_SWEEP_DAY, today.toString());
    } else if (!today.toString().equals(meta.get(META_SWEEP_DAY))) {
      sweep(today, false);
      meta.put(META_SWEEP_DAY, today.toString());
    }
  }

  private void sweep(final LocalDate today, final boolean calendarChanged) {
    final List<KeyValue<String, RequestState>> changed = new ArrayList<>();
    try (KeyValueIterator<String, byte[]> it = requests.all()) {
      while (it.hasNext()) {
        final KeyValue<String, byte[]> raw = it.next();
        final KeyValue<String, RequestState> kv;
        RequestState next;
        try {
          kv = KeyValue.pair(raw.key, stateOf(raw));
          if (!kv.value.isOpen() && !calendarChanged) {
            continue;
          }
          next = rules.refresh(kv.value, today);
        } catch (RuntimeException e) {
          if (isKafkas(e)) {
            throw e;
          }
          // one request that cannot be recomputed keeps its stored deadline; the sweep goes on
          LOG.error("could not recompute the deadline of request {}: kept as stored", raw.key, e);
          continue;
        }
        if (!Objects.equals(next.deadline(), kv.value.deadline())) {
          final LocalDate before = kv.value.deadline() == null ? null : kv.value.deadline().dueDate();
          final LocalDate after = next.deadline() == null ? null : next.deadline().dueDate();
          if (calendarChanged && !Objects.equals(before, after)) {
            next = next.withNote(new HistoryEntry(null, "DEADLINE_RECOMPUTED", today, null,
                "holiday calendar updated (节假日安排已更新): due date " + before + " → " + after));
          }
          changed.add(KeyValue.pair(kv.key, next));
        }
      }
    }
    final long now = settings.clock().millis();
    for (KeyValue<String, RequestState> kv : changed) {
      store(kv.key, loadRequest(kv.key), kv.value, null, null, "DEADLINE_RECOMPUTED", today, now);
    }
  }

  private void loadCalendar() {
    WorkingDayCalendar calendar = WorkingDayCalendar.bundled();
    try (KeyValueIterator<String, YearSchedule> it = calendarStore.all()) {
      while (it.hasNext()) {
        calendar = calendar.withSchedule(it.next().value);
      }
    }
    rules = new RequestRules(new DeadlineClock(calendar, settings.deadlineSettings()));
    calendarSignature = calendarSignature();
    if (meta.get(META_CALENDAR) == null) {
      meta.put(META_CALENDAR, calendarSignature);
    }
  }

  private String calendarSignature() {
    final TreeMap<String, Integer> sig = new TreeMap<>();
    try (KeyValueIterator<String, YearSchedule> it = calendarStore.all()) {
      it.forEachRemaining(kv -> sig.put(kv.key, kv.value.hashCode()));
    }
    return sig.toString();
  }

  static String agencyOf(final String key) {
    return RequestKey.agencyOf(key);
  }
}
