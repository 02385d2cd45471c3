package foi.tracker.processor;

import foi.tracker.core.request.RequestRules;
import foi.tracker.core.request.RequestState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.streams.processor.TaskId;

/**
 * What the steps of one task share in memory: the request states decoded lately, the rules of the
 * current calendar, and the publications covering each agency. A task runs on one stream thread, so
 * its steps use this without locks; each part has one owner that resets it at its {@code init} (a
 * revived task inits its processors again), and the other steps only read it or, for the cache,
 * keep it equal to the store.
 */
final class TaskShared {
  /**
   * At most this many recently stored request states are kept deserialized (a read cache in front
   * of the store, emptied at every alert check too: kept longer they only survive into the old
   * generation).
   */
  static final int RECENT_REQUESTS = 4_096;

  /**
   * The shared state of each task of one topology, by task (as {@link PreCommitStore.Hooks} keeps
   * the hooks).
   */
  static final class Registry {
    private final Map<TaskId, TaskShared> byTask = new ConcurrentHashMap<>();

    TaskShared of(final TaskId task) {
      return byTask.computeIfAbsent(task, t -> new TaskShared());
    }
  }

  /**
   * Request states stored lately, so the next event of the same request, the sweep and the alert
   * check do not decode them again; always the value last put for the key. Emptied by the
   * lifecycle's init and at each alert check.
   */
  private final Map<String, RequestState> recent = new HashMap<>();

  /**
   * Per agency, the publications whose cut froze it: owned by the totals step, read by the
   * lifecycle's rules.
   */
  private final Map<String, List<Coverage>> coverage = new HashMap<>();

  /** The rules over the current calendar: owned by the deadline sweep, which loads the calendar. */
  private RequestRules rules;

  private TaskShared() {}

  RequestState recent(final String key) {
    return recent.get(key);
  }

  void remember(final String key, final RequestState state) {
    if (recent.size() >= RECENT_REQUESTS) {
      recent.clear();
    }
    recent.put(key, state);
  }

  void forget(final String key) {
    recent.remove(key);
  }

  void forgetRecent() {
    recent.clear();
  }

  RequestRules rules() {
    return rules;
  }

  void rules(final RequestRules rules) {
    this.rules = rules;
  }

  List<Coverage> coverageOf(final String agencyId) {
    return coverage.getOrDefault(agencyId, List.of());
  }

  /**
   * {@code agencyId} is now covered by {@code c}, replacing an earlier version of the same
   * publisher and year.
   */
  void cover(final String agencyId, final Coverage c) {
    final List<Coverage> now = new ArrayList<>(coverageOf(agencyId));
    for (Coverage old : now) {
      if (old.publisherId().equals(c.publisherId())
          && old.year() == c.year()
          && old.version() > c.version()) {
        return;
      }
    }
    now.removeIf(old -> old.publisherId().equals(c.publisherId()) && old.year() == c.year());
    now.add(c);
    coverage.put(agencyId, List.copyOf(now));
  }

  void forgetCoverage() {
    coverage.clear();
  }

  /** A publication whose cut froze an agency: its publisher, year, version and cut. */
  record Coverage(String publisherId, int year, int version, String cutId) {}
}
