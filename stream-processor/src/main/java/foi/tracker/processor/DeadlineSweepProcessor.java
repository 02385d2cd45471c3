package foi.tracker.processor;

import foi.tracker.core.binary.StateCodec;
import foi.tracker.core.calendar.WorkingDayCalendar;
import foi.tracker.core.calendar.YearSchedule;
import foi.tracker.core.deadline.DeadlineClock;
import foi.tracker.core.request.Bounds;
import foi.tracker.core.request.HistoryEntry;
import foi.tracker.core.request.RequestRules;
import foi.tracker.core.request.RequestState;
import foi.tracker.core.table.Cells;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;
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
 * The deadline sweep (答复期限重算): keeps the task's {@link RequestRules} on the current working-day
 * calendar, and on a wall-clock punctuator ({@code deadlineCheckInterval}, inside the task's
 * exactly-once transaction) recomputes every open request's deadline once a day (China time) and
 * every request's when the calendar changes. Each deadline that moved is stored and passed on as a
 * {@link RequestChange}, the same way as an event's, to the totals and the alerts.
 *
 * <p>It receives no records: its place under the lifecycle only puts it in the lifecycle's task
 * (one sub-topology), next to the request store it sweeps.
 */
final class DeadlineSweepProcessor extends ContextualProcessor<String, Object, String, Object> {
  static final String META_SWEEP_DAY = "sweep-day";
  static final String META_CALENDAR = "calendar";
  private static final Logger LOG = LoggerFactory.getLogger(DeadlineSweepProcessor.class);

  private final ProcessorSettings settings;
  private final TaskShared.Registry registry;
  private TaskShared shared;
  private RequestStates requests;
  private KeyValueStore<String, String> meta;
  private KeyValueStore<String, YearSchedule> calendarStore;
  private String calendarSignature;

  DeadlineSweepProcessor(final ProcessorSettings settings, final TaskShared.Registry registry) {
    this.settings = settings;
    this.registry = registry;
  }

  @Override
  public void init(final ProcessorContext<String, Object> context) {
    super.init(context);
    shared = registry.of(context.taskId());
    requests = new RequestStates(context.getStateStore(TrackerTopology.REQUEST_STORE), shared);
    meta = context.getStateStore(TrackerTopology.META_STORE);
    calendarStore = context.getStateStore(TrackerTopology.CALENDAR_STORE);
    loadCalendar();
    context.schedule(
        settings.deadlineCheckInterval(), PunctuationType.WALL_CLOCK_TIME, now -> checkDeadlines());
  }

  @Override
  public void process(final Record<String, Object> record) {
    // driven by its punctuator only
  }

  /** Once a day (China time), and whenever the calendar changes, recomputes the deadlines. */
  private void checkDeadlines() {
    final String signature = calendarSignature();
    final LocalDate today = settings.today();
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
    final RequestRules rules = shared.rules();
    final List<KeyValue<String, RequestState>> changed = new ArrayList<>();
    try (KeyValueIterator<String, byte[]> it = requests.all()) {
      while (it.hasNext()) {
        final KeyValue<String, byte[]> raw = it.next();
        final RequestState stored;
        RequestState next;
        try {
          stored = requests.stateOf(raw);
          if (!stored.isOpen() && !calendarChanged) {
            continue;
          }
          next = rules.refresh(stored, today);
        } catch (RuntimeException e) {
          if (DeadLetters.isKafkas(e)) {
            throw e;
          }
          // one request that cannot be recomputed keeps its stored deadline; the sweep goes on
          LOG.error("could not recompute the deadline of request {}: kept as stored", raw.key, e);
          continue;
        }
        if (!Objects.equals(next.deadline(), stored.deadline())) {
          final LocalDate before = stored.deadline() == null ? null : stored.deadline().dueDate();
          final LocalDate after = next.deadline() == null ? null : next.deadline().dueDate();
          if (calendarChanged && !Objects.equals(before, after)) {
            next =
                next.withNote(
                    new HistoryEntry(
                        null,
                        "DEADLINE_RECOMPUTED",
                        today,
                        null,
                        "holiday calendar updated (节假日安排已更新): due date " + before + " → " + after));
          }
          changed.add(KeyValue.pair(raw.key, next));
        }
      }
    }
    final long now = settings.clock().millis();
    for (KeyValue<String, RequestState> kv : changed) {
      store(kv.key, requests.load(kv.key), kv.value, today, now);
    }
  }

  /**
   * Stores a recomputed deadline and passes the change on; a state over the bound is not written
   * (logged).
   */
  private void store(
      final String key,
      final RequestState before,
      final RequestState after,
      final LocalDate today,
      final long now) {
    final byte[] bytes = StateCodec.writeRequest(after);
    if (bytes.length > Bounds.MAX_STATE_BYTES) {
      LOG.error(
          "request {} would be {} bytes encoded (at most {}): not written, the stored state stays",
          key,
          bytes.length,
          Bounds.MAX_STATE_BYTES);
      return;
    }
    final RequestChange change =
        new RequestChange(after, Cells.delta(before, after), null, "DEADLINE_RECOMPUTED", today);
    requests.put(key, after, bytes);
    TrackerTopology.passOn(context(), new Record<>(key, change, now));
  }

  private void loadCalendar() {
    WorkingDayCalendar calendar = WorkingDayCalendar.bundled();
    try (KeyValueIterator<String, YearSchedule> it = calendarStore.all()) {
      while (it.hasNext()) {
        calendar = calendar.withSchedule(it.next().value);
      }
    }
    shared.rules(new RequestRules(new DeadlineClock(calendar, settings.deadlineSettings())));
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
}
