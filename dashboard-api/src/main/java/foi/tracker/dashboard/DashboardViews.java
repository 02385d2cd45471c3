package foi.tracker.dashboard;

import foi.tracker.core.access.AccessControl;
import foi.tracker.core.agency.Agency;
import foi.tracker.core.agency.AgencyTree;
import foi.tracker.core.binary.CellCounts;
import foi.tracker.core.binary.StateCodec;
import foi.tracker.core.calendar.WorkingDayCalendar;
import foi.tracker.core.calendar.YearSchedule;
import foi.tracker.core.deadline.Deadline;
import foi.tracker.core.deadline.DeadlineStatus;
import foi.tracker.core.request.RequestState;
import foi.tracker.core.table.AgencyTotals;
import foi.tracker.core.topic.DeadlineAlert;
import foi.tracker.core.topic.Topics;
import foi.tracker.core.view.TopicTail;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The dashboard's read models, built from Kafka's output topics alone (a restart rebuilds them;
 * several instances can run side by side, each with its own copy): the agency tree, each agency's
 * counters and each subtree's roll-up (kept incrementally: a change of an agency's counters is
 * added to it and all its ancestors), every request, the recent deadline alerts, the desk tokens
 * and the loaded holiday schedules.
 */
final class DashboardViews implements AutoCloseable, AlertStream.Source {
  private static final int RECENT_ALERTS = 500;

  private final AgencyTree tree = new AgencyTree();

  /**
   * Each agency's own counters. Written by the tail thread alone (under the lock), so it may read
   * them without.
   */
  private final Map<String, CellCounts> agencyCells = new HashMap<>();

  private Map<String, Map<String, Long>> subtreeCells = new HashMap<>();
  private boolean subtreesStale;
  private long agencyVersion;

  /**
   * Open requests per agency (requestId → state, without the processor-only parts, {@link
   * RequestState#forViews}), with their deadline statuses counted ({@link OpenDeadlines}). Closed
   * ones are {@link StateCodec} bytes in {@link #closedFile}, off the heap; per agency the heap
   * keeps only requestId → offset, and they are decoded when asked for (request detail, export). At
   * national size (1M requests) that is ~0.1 KB of heap per closed request instead of ~2.3 KB.
   */
  private final OpenDeadlines open = new OpenDeadlines();

  private final Map<String, Map<String, Long>> closedByAgency = new HashMap<>();
  private final ClosedRequestFile closedFile;

  /**
   * Newest first by emission time, then by request and status: the same order however the
   * partitions of the alerts topic interleave when read (live or after a restart); the oldest
   * beyond {@link #RECENT_ALERTS} are dropped.
   */
  static final java.util.Comparator<DeadlineAlert> NEWEST_FIRST =
      java.util.Comparator.comparing(
              DeadlineAlert::emittedAt,
              java.util.Comparator.nullsLast(java.util.Comparator.reverseOrder()))
          .thenComparing(DeadlineAlert::agencyId)
          .thenComparing(DeadlineAlert::requestId)
          .thenComparing(a -> String.valueOf(a.to()))
          .thenComparing(a -> String.valueOf(a.asOf()));

  private final java.util.TreeSet<DeadlineAlert> recentAlerts =
      new java.util.TreeSet<>(NEWEST_FIRST);
  private volatile long treeVersion;
  private final List<Consumer<DeadlineAlert>> alertListeners =
      new java.util.concurrent.CopyOnWriteArrayList<>();
  private final AccessControl access;

  /** Checks the signature of token and agency records (docs/domain-rules.md "Keys"). */
  private final foi.tracker.core.access.RecordVerifier verifier;

  private WorkingDayCalendar calendar = WorkingDayCalendar.bundled();
  private long deadLetters;
  private long rejected;
  private final TopicTail tail;
  private final PublicationViews publications = new PublicationViews();
  private final LogCatchUp catchUp;
  private final foi.tracker.core.view.ProcessorProbe processor;
  private final ChangedCells changed = new ChangedCells();

  DashboardViews(
      final String bootstrapServers,
      final AccessControl access,
      final java.nio.file.Path scratchDir,
      final foi.tracker.core.access.RecordVerifier verifier) {
    this(bootstrapServers, access, scratchDir, verifier, null);
  }

  /**
   * With {@code rebuildHold} (tests only; null: none) run before each record is applied: a test
   * holds the rebuild there to see the dashboard while it is not ready.
   */
  DashboardViews(
      final String bootstrapServers,
      final AccessControl access,
      final java.nio.file.Path scratchDir,
      final foi.tracker.core.access.RecordVerifier verifier,
      final Runnable rebuildHold) {
    this.access = access;
    this.verifier = verifier;
    this.closedFile = new ClosedRequestFile(scratchDir);
    this.tail =
        new TopicTail(
            "dashboard-views",
            bootstrapServers,
            List.of(
                Topics.AGENCIES.name(),
                Topics.TOKENS.name(),
                Topics.CALENDAR.name(),
                Topics.AGENCY_TOTALS.name(),
                Topics.REQUESTS.name(),
                Topics.ALERTS.name(),
                Topics.DEAD_LETTERS.name(),
                Topics.REJECTED.name(),
                Topics.PUBLICATIONS.name(),
                Topics.PUBLISHED_PARTS.name(),
                Topics.CORRECTIONS.name()),
            rebuildHold == null
                ? this::apply
                : r -> {
                  rebuildHold.run();
                  apply(r);
                });
    this.catchUp = new LogCatchUp(bootstrapServers, tail);
    this.processor = new foi.tracker.core.view.ProcessorProbe(bootstrapServers);
  }

  long refusedSignatures() {
    return verifier.refused();
  }

  /** The views' consumer, for its client metrics only ({@link TopicTail#consumerForMetrics}). */
  org.apache.kafka.clients.consumer.Consumer<byte[], byte[]> consumerForMetrics() {
    return tail.consumerForMetrics();
  }

  DashboardViews start() {
    tail.start();
    return this;
  }

  private void apply(final ConsumerRecord<byte[], byte[]> r) {
    final String topic = r.topic();
    if (topic.equals(Topics.DEAD_LETTERS.name())) {
      synchronized (this) {
        deadLetters++;
      }
      return;
    }
    if (topic.equals(Topics.REJECTED.name())) {
      synchronized (this) {
        rejected++;
      }
      return;
    }
    if (r.value() == null) {
      return;
    }
    if ((topic.equals(Topics.AGENCIES.name()) || topic.equals(Topics.TOKENS.name()))
        && !verifier.accept(r)) {
      return; // not signed by the ingest: ignored (logged and counted by the verifier)
    }
    if (topic.equals(Topics.AGENCY_TOTALS.name())) {
      putTotals(r.value());
    } else if (topic.equals(Topics.REQUESTS.name())) {
      putRequest(r.value());
    } else if (topic.equals(Topics.AGENCIES.name())) {
      final Agency a = Topics.AGENCIES.valueSerde().deserializer().deserialize(topic, r.value());
      putAgency(a);
      publications.agencyWritten(a.agencyId(), java.time.Instant.ofEpochMilli(r.timestamp()));
    } else if (topic.equals(Topics.PUBLICATIONS.name())) {
      publications.putPublication(
          Topics.PUBLICATIONS.valueSerde().deserializer().deserialize(topic, r.value()));
    } else if (topic.equals(Topics.PUBLISHED_PARTS.name())) {
      publications.putPart(
          Topics.PUBLISHED_PARTS.valueSerde().deserializer().deserialize(topic, r.value()));
    } else if (topic.equals(Topics.CORRECTIONS.name())) {
      publications.putCorrection(
          Topics.CORRECTIONS.valueSerde().deserializer().deserialize(topic, r.value()));
    } else if (topic.equals(Topics.TOKENS.name())) {
      access.apply(Topics.TOKENS.valueSerde().deserializer().deserialize(topic, r.value()));
    } else if (topic.equals(Topics.CALENDAR.name())) {
      final YearSchedule s =
          Topics.CALENDAR.valueSerde().deserializer().deserialize(topic, r.value());
      synchronized (this) {
        calendar = calendar.withSchedule(s);
      }
    } else if (topic.equals(Topics.ALERTS.name())) {
      final DeadlineAlert a =
          Topics.ALERTS.valueSerde().deserializer().deserialize(topic, r.value());
      synchronized (this) {
        recentAlerts.add(a);
        while (recentAlerts.size() > RECENT_ALERTS) {
          recentAlerts.pollLast();
        }
      }
      if (isCaughtUp()) {
        alertListeners.forEach(l -> l.accept(a));
      }
    }
  }

  private synchronized void putAgency(final Agency a) {
    tree.put(a);
    treeVersion++;
    subtreesStale = true;
    agencyVersion++;
  }

  /**
   * How many agency records the views have applied: the agency list can only have changed when this
   * has.
   */
  synchronized long agencyVersion() {
    return agencyVersion;
  }

  /**
   * An agency's new counters. A binary record is read against the agency's previous counters
   * ({@link CellCounts#read}), outside the lock: only the cells it changed are collected, and only
   * those are added to the agency's subtree and each ancestor's (an event moves a few of an
   * agency's cells). JSON of earlier versions is decoded and compared as a whole.
   */
  private void putTotals(final byte[] value) {
    changed.clear();
    final String agencyId;
    final CellCounts now;
    if (StateCodec.isBinaryTotals(value)) {
      agencyId = StateCodec.readTotalsAgencyId(value);
      now = CellCounts.read(value, agencyCells.getOrDefault(agencyId, CellCounts.EMPTY), changed);
    } else {
      final AgencyTotals t =
          Topics.AGENCY_TOTALS
              .valueSerde()
              .deserializer()
              .deserialize(Topics.AGENCY_TOTALS.name(), value);
      agencyId = t.agencyId();
      now = CellCounts.of(t.cells());
      CellCounts.diff(agencyCells.getOrDefault(agencyId, CellCounts.EMPTY), now, changed);
    }
    putTotals(agencyId, now, changed);
  }

  private synchronized void putTotals(
      final String agencyId, final CellCounts now, final ChangedCells delta) {
    agencyCells.put(agencyId, now);
    if (subtreesStale || delta.size == 0) {
      return;
    }
    for (String ancestor : tree.selfAndAncestors(agencyId)) {
      final Map<String, Long> cells = subtreeCells.computeIfAbsent(ancestor, k -> new HashMap<>());
      for (int i = 0; i < delta.size; i++) {
        final String k = delta.cells[i];
        final long sum = cells.getOrDefault(k, 0L) + delta.by[i];
        if (sum == 0L) {
          cells.remove(k);
        } else {
          cells.put(k, sum);
        }
      }
    }
  }

  /**
   * The cells one totals record changed (new minus old), reused by the tail thread from record to
   * record.
   */
  static final class ChangedCells implements CellCounts.Changes {
    String[] cells = new String[16];
    long[] by = new long[16];
    int size;

    @Override
    public void changed(final String cell, final long delta) {
      if (size == cells.length) {
        cells = java.util.Arrays.copyOf(cells, size * 2);
        by = java.util.Arrays.copyOf(by, size * 2);
      }
      cells[size] = cell;
      by[size] = delta;
      size++;
    }

    void clear() {
      java.util.Arrays.fill(cells, 0, size, null);
      size = 0;
    }
  }

  /**
   * A request's latest state, one record per event of it. A binary record is not decoded here: its
   * ids and whether it is open come from its first fields, and its views copy is cut from the bytes
   * ({@link StateCodec#requestForViews}, which also refuses a damaged record). An open request is
   * decoded the first time a read asks for it: most states are replaced by the request's next event
   * before anyone looks, and a replay or a restart reads millions of them. JSON records of earlier
   * versions are decoded as before.
   */
  private void putRequest(final byte[] value) {
    if (!StateCodec.isBinaryRequest(value)) {
      final RequestState s =
          Topics.REQUESTS
              .valueSerde()
              .deserializer()
              .deserialize(Topics.REQUESTS.name(), value)
              .forViews();
      putRequest(
          s.agencyId(),
          s.requestId(),
          s.isOpen(),
          s.isOpen() ? null : StateCodec.writeRequest(s),
          s);
      return;
    }
    final StateCodec.RequestHead head = StateCodec.readRequestHead(value);
    putRequest(
        head.agencyId(), head.requestId(), head.open(), StateCodec.requestForViews(value), null);
  }

  private synchronized void putRequest(
      final String agencyId,
      final String requestId,
      final boolean open,
      final byte[] viewsCopy,
      final RequestState decoded) {
    if (open) {
      this.open.put(agencyId, requestId, new OpenRequest(viewsCopy, decoded));
      removeFrom(closedByAgency, agencyId, requestId);
    } else {
      closedByAgency
          .computeIfAbsent(agencyId, k -> new HashMap<>())
          .put(requestId, closedFile.append(viewsCopy));
      this.open.remove(agencyId, requestId);
    }
  }

  /**
   * An open request as the views hold it: its record, decoded the first time a read needs it (under
   * the views' lock), and its deadline as last evaluated for a day and a calendar, so the deadline
   * lists polled by the dashboard page evaluate each request once a day instead of at every read. A
   * new state of the request is a new holder.
   */
  static final class OpenRequest {
    private byte[] bytes;
    private RequestState state;

    /** Written and read outside the lock: two reads racing compute the same deadline. */
    private volatile Evaluated evaluated;

    /**
     * How {@link OpenDeadlines} counted it (-1: not counted); its fields, only under the views'
     * lock.
     */
    int countedBucket = -1;

    LocalDate countedDue;
    String countedKey;
    boolean countedReanswer;

    private record Evaluated(Object calendar, LocalDate day, Deadline deadline) {}

    OpenRequest(final byte[] bytes, final RequestState state) {
      this.bytes = state == null ? bytes : null;
      this.state = state;
    }

    /** Only under the views' lock (it may decode). */
    RequestState decode() {
      if (state == null) {
        state = StateCodec.readRequest(bytes);
        bytes = null;
      }
      return state;
    }

    /**
     * The decoded state if a read has decoded it, else the record's bytes (only under the views'
     * lock).
     */
    Object stateOrBytes() {
      return state != null ? state : bytes;
    }

    /** The state, once {@link #openRequests} has handed this holder out (decoded by then). */
    RequestState decoded() {
      return state;
    }

    /**
     * Its deadline on {@code day} under {@code calendar}: evaluated once for each pair, then
     * remembered.
     */
    Deadline deadline(
        final Object calendar,
        final LocalDate day,
        final Function<RequestState, Deadline> evaluate) {
      final Evaluated e = evaluated;
      if (e != null && e.calendar == calendar && e.day.equals(day)) {
        return e.deadline;
      }
      final Deadline d = evaluate.apply(state);
      evaluated = new Evaluated(calendar, day, d);
      return d;
    }
  }

  private static void removeFrom(
      final Map<String, ? extends Map<String, ?>> byAgency,
      final String agencyId,
      final String requestId) {
    final Map<String, ?> m = byAgency.get(agencyId);
    if (m != null) {
      m.remove(requestId);
    }
  }

  private void rebuildSubtrees() {
    final Map<String, Map<String, Long>> fresh = new HashMap<>();
    agencyCells.forEach(
        (agency, cells) -> {
          for (String ancestor : tree.selfAndAncestors(agency)) {
            final Map<String, Long> sum = fresh.computeIfAbsent(ancestor, k -> new HashMap<>());
            cells.forEach((k, v) -> sum.merge(k, v, Long::sum));
          }
        });
    subtreeCells = fresh;
    subtreesStale = false;
  }

  /** A copy of the counters of the agency alone, or of its whole subtree. */
  synchronized Map<String, Long> cells(final String agencyId, final boolean subtree) {
    if (!subtree) {
      return Map.copyOf(agencyCells.getOrDefault(agencyId, CellCounts.EMPTY).toMap());
    }
    if (subtreesStale) {
      rebuildSubtrees();
    }
    return Map.copyOf(subtreeCells.getOrDefault(agencyId, Map.of()));
  }

  /**
   * Waits at most {@code max} until the views reflect every event on the log now ({@link
   * LogCatchUp}).
   */
  boolean awaitLogEnd(final java.time.Duration max) {
    return catchUp.awaitLogEnd(max);
  }

  PublicationViews publications() {
    return publications;
  }

  synchronized Optional<Agency> agency(final String agencyId) {
    return tree.get(agencyId);
  }

  @Override
  public synchronized Set<String> scope(final String agencyId, final boolean subtree) {
    return subtree ? tree.subtree(agencyId) : Set.of(agencyId);
  }

  synchronized AccessControl.Verdict mayActOn(
      final AccessControl.Caller caller, final String agencyId) {
    return AccessControl.mayActOn(caller, agencyId, tree);
  }

  synchronized Optional<RequestState> request(final String agencyId, final String requestId) {
    final OpenRequest o = open.get(agencyId, requestId);
    if (o != null) {
      return Optional.of(o.decode());
    }
    final Long closed = closedByAgency.getOrDefault(agencyId, Map.of()).get(requestId);
    return closed == null
        ? Optional.empty()
        : Optional.of(StateCodec.readRequest(closedFile.read(closed)));
  }

  /**
   * The open requests of these agencies, decoded (their states are read with {@link
   * OpenRequest#decoded()}).
   */
  synchronized List<OpenRequest> openRequests(final Set<String> agencies) {
    final List<OpenRequest> out = new ArrayList<>();
    for (String a : agencies) {
      for (OpenRequest o : open.of(a)) {
        o.decode();
        out.add(o);
      }
    }
    return out;
  }

  /**
   * The open requests of the scope whose deadline status on {@code day} under {@code calendar} is
   * {@code wanted} (null: all): how many, and at most {@code limit} of them in the lists' order
   * after {@code after} (null: from the first), from the counts ({@link OpenDeadlines}). The
   * requests not yet counted are evaluated outside the lock first.
   */
  DeadlinePage openDeadlines(
      final Set<String> scope,
      final Object calendar,
      final LocalDate day,
      final Function<RequestState, Deadline> evaluate,
      final DeadlineStatus wanted,
      final OpenRequest after,
      final int limit) {
    evaluateUncounted(scope, calendar, day, evaluate);
    synchronized (this) {
      open.count(scope, calendar, day, evaluate);
      return new DeadlinePage(open.total(scope, wanted), open.page(scope, wanted, after, limit));
    }
  }

  /**
   * A page of a deadline list: the list's length and the page's requests (decoded, their deadlines
   * remembered).
   */
  record DeadlinePage(long total, List<OpenRequest> requests) {}

  /**
   * How many open requests of the scope are OVERDUE on {@code day} under {@code calendar}: {@code
   * [without a re-answer order, with one]}, from the counts ({@link OpenDeadlines}).
   */
  long[] openOverdue(
      final Set<String> scope,
      final Object calendar,
      final LocalDate day,
      final Function<RequestState, Deadline> evaluate) {
    evaluateUncounted(scope, calendar, day, evaluate);
    synchronized (this) {
      open.count(scope, calendar, day, evaluate);
      return open.overdue(scope);
    }
  }

  /**
   * How many open requests of the scope have each deadline status on {@code day}, from the counts.
   */
  Map<DeadlineStatus, Long> openByStatus(
      final Set<String> scope,
      final Object calendar,
      final LocalDate day,
      final Function<RequestState, Deadline> evaluate) {
    evaluateUncounted(scope, calendar, day, evaluate);
    synchronized (this) {
      open.count(scope, calendar, day, evaluate);
      final Map<DeadlineStatus, Long> out = new java.util.EnumMap<>(DeadlineStatus.class);
      for (DeadlineStatus s : DeadlineStatus.values()) {
        final long n = open.total(scope, s);
        if (n != 0L) {
          out.put(s, n);
        }
      }
      return out;
    }
  }

  /**
   * Evaluates, outside the lock, the requests of the scope that the counts have not yet taken in.
   */
  private void evaluateUncounted(
      final Set<String> scope,
      final Object calendar,
      final LocalDate day,
      final Function<RequestState, Deadline> evaluate) {
    final List<OpenRequest> todo;
    synchronized (this) {
      todo = open.uncounted(scope, calendar, day);
    }
    for (OpenRequest o : todo) {
      o.deadline(calendar, day, evaluate);
    }
  }

  /**
   * One agency's requests for the export, copied under the lock: the open ones as decoded states or
   * record bytes, the closed ones as offsets in the request file ({@link #closedRecords} reads
   * them).
   */
  synchronized AgencyRecords agencyRecords(final String agencyId) {
    final List<Object> openOnes = new ArrayList<>();
    open.of(agencyId).forEach(o -> openOnes.add(o.stateOrBytes()));
    final Map<String, Long> closed = closedByAgency.getOrDefault(agencyId, Map.of());
    final long[] offsets = new long[closed.size()];
    int i = 0;
    for (long offset : closed.values()) {
      offsets[i++] = offset;
    }
    return new AgencyRecords(openOnes, offsets);
  }

  /** {@link #agencyRecords}' answer: open states or bytes, and closed offsets. */
  record AgencyRecords(List<Object> open, long[] closed) {}

  /**
   * The closed records at {@code offsets[from..to)}, read under the lock (decoded by the caller,
   * outside it).
   */
  synchronized List<byte[]> closedRecords(final long[] offsets, final int from, final int to) {
    final List<byte[]> out = new ArrayList<>(to - from);
    for (int i = from; i < to; i++) {
      out.add(closedFile.read(offsets[i]));
    }
    return out;
  }

  /**
   * Open and closed requests of these agencies (closed ones read under the lock, decoded outside
   * it).
   */
  List<RequestState> allRequests(final Set<String> agencies) {
    final List<byte[]> closed = new ArrayList<>();
    final List<RequestState> out = new ArrayList<>();
    synchronized (this) {
      for (String a : agencies) {
        open.of(a).forEach(o -> out.add(o.decode()));
        for (long offset : closedByAgency.getOrDefault(a, Map.of()).values()) {
          closed.add(closedFile.read(offset));
        }
      }
    }
    for (byte[] bytes : closed) {
      out.add(StateCodec.readRequest(bytes));
    }
    return out;
  }

  synchronized List<DeadlineAlert> recentAlerts(final Set<String> agencies) {
    return recentAlerts.stream().filter(a -> agencies.contains(a.agencyId())).toList();
  }

  /**
   * Changes whenever an agency is added or moved (the alert streams recompute their scope then).
   */
  @Override
  public long treeVersion() {
    return treeVersion;
  }

  @Override
  public void onAlert(final Consumer<DeadlineAlert> listener) {
    alertListeners.add(listener);
  }

  @Override
  public void removeAlertListener(final Consumer<DeadlineAlert> listener) {
    alertListeners.remove(listener);
  }

  int alertListenerCount() {
    return alertListeners.size();
  }

  synchronized WorkingDayCalendar calendar() {
    return calendar;
  }

  synchronized long deadLetters() {
    return deadLetters;
  }

  synchronized long rejected() {
    return rejected;
  }

  synchronized List<Agency> allAgencies() {
    return List.copyOf(tree.all());
  }

  synchronized int agencyCount() {
    return tree.size();
  }

  AccessControl access() {
    return access;
  }

  boolean isCaughtUp() {
    return tail.isCaughtUp() && tail.isAlive();
  }

  /**
   * How far the rebuild of the views from the tables' topics is (for {@code /health} before it is
   * ready).
   */
  TopicTail.Progress progress() {
    return tail.progress();
  }

  boolean awaitCaughtUp(final Duration timeout) throws InterruptedException {
    return tail.awaitCaughtUp(timeout);
  }

  /**
   * The processor's state and lag as last read (for {@code /health} and {@code /api/v1/status};
   * never blocks).
   */
  foi.tracker.core.view.ProcessorProbe.Snapshot processor() {
    return processor.snapshot();
  }

  @Override
  public void close() {
    processor.close();
    catchUp.close();
    tail.close();
    synchronized (this) {
      closedFile.close();
    }
  }
}
