package foi.tracker.processor;

import foi.tracker.core.deadline.Deadline;
import foi.tracker.core.deadline.DeadlineStatus;
import foi.tracker.core.request.RequestState;
import foi.tracker.core.topic.DeadlineAlert;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;

/**
 * The deadline alerts (期限提醒): collects the requests whose deadline status changed from the {@link
 * RequestChange}s of the lifecycle and the sweep, and on a wall-clock punctuator ({@code
 * alertInterval}, inside the task's exactly-once transaction) emits a DUE_SOON/OVERDUE/LAPSED alert
 * once for each open request whose deadline status changed since it last alerted, and notes the
 * status on the request.
 *
 * <p>Checking at an interval, not per event, means a request that was entered late and closed a
 * moment later (a backlog, or a replay of old events) raises no alert. The requests to check are
 * kept in memory only; after a restart or a rebalance the first check goes through every request of
 * the task, so none whose change was committed without its alert is missed.
 */
final class DeadlineAlertsProcessor extends ContextualProcessor<String, Object, String, Object> {
  private final ProcessorSettings settings;
  private final TaskShared.Registry registry;
  private TaskShared shared;
  private RequestStates requests;

  /**
   * Requests stored since the last alert check whose deadline status differs from the one they last
   * alerted.
   */
  private final Set<String> alertCandidates = new LinkedHashSet<>();

  /**
   * Set at init: the first alert check scans the whole store (what was pending before a restart is
   * not known).
   */
  private boolean scanAllForAlerts;

  DeadlineAlertsProcessor(final ProcessorSettings settings, final TaskShared.Registry registry) {
    this.settings = settings;
    this.registry = registry;
  }

  @Override
  public void init(final ProcessorContext<String, Object> context) {
    super.init(context);
    shared = registry.of(context.taskId());
    // a revived task (after an aborted transaction) may init the same instance again: drop what was
    // not committed
    alertCandidates.clear();
    scanAllForAlerts = true;
    requests = new RequestStates(context.getStateStore(TrackerTopology.REQUEST_STORE), shared);
    context.schedule(
        settings.alertInterval(), PunctuationType.WALL_CLOCK_TIME, now -> checkAlerts());
  }

  @Override
  public void process(final Record<String, Object> record) {
    if (record.value() instanceof RequestChange change && alertStatusChanged(change.after())) {
      alertCandidates.add(record.key());
    }
  }

  /** Open, with a deadline status other than the one it last alerted (or noted). */
  private static boolean alertStatusChanged(final RequestState state) {
    final Deadline d = state.deadline();
    if (d == null || d.status() == null || !state.isOpen()) {
      return false;
    }
    return d.status() != (state.alerted() == null ? null : state.alerted().status());
  }

  /**
   * The alert check: each candidate (after a restart: every request of the task) that still needs
   * it.
   */
  private void checkAlerts() {
    if (scanAllForAlerts) {
      scanAllForAlerts = false;
      try (KeyValueIterator<String, byte[]> it = requests.all()) {
        while (it.hasNext()) {
          final KeyValue<String, byte[]> raw = it.next();
          if (alertStatusChanged(requests.stateOf(raw))) {
            alertCandidates.add(raw.key);
          }
        }
      }
    }
    if (alertCandidates.isEmpty()) {
      shared.forgetRecent();
      return;
    }
    final long now = settings.clock().millis();
    final List<String> keys = new ArrayList<>(alertCandidates);
    alertCandidates.clear();
    for (String key : keys) {
      final RequestState state = requests.load(key);
      if (state != null && alertStatusChanged(state)) {
        requests.put(key, alertAndNote(key, state, now));
      }
    }
    shared.forgetRecent();
  }

  /**
   * Emits the alert if the new status is DUE_SOON, OVERDUE or LAPSED (with its lapse; once per
   * lapse, as the status is noted); notes the status on the state either way. The one place an
   * alert is emitted.
   */
  private RequestState alertAndNote(final String key, final RequestState state, final long now) {
    final Deadline d = state.deadline();
    final DeadlineStatus last = state.alerted() == null ? null : state.alerted().status();
    if (d.status() == DeadlineStatus.DUE_SOON
        || d.status() == DeadlineStatus.OVERDUE
        || d.status() == DeadlineStatus.LAPSED) {
      context()
          .forward(
              new Record<>(
                  key,
                  new DeadlineAlert(
                      state.agencyId(),
                      state.requestId(),
                      last,
                      d.status(),
                      d.dueDate(),
                      d.workingDaysLeft(),
                      settings.today(),
                      Instant.ofEpochMilli(now),
                      d.lapse()),
                  now),
              TrackerTopology.ALERTS_SINK);
      ProcessorMeters.alerted(d.status());
    }
    return state.withAlerted(d.status());
  }
}
