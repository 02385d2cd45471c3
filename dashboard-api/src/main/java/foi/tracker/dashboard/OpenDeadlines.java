package foi.tracker.dashboard;

import foi.tracker.core.deadline.Deadline;
import foi.tracker.core.deadline.DeadlineStatus;
import foi.tracker.core.request.RequestState;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The open requests of each agency, and per agency their deadlines on one day under one calendar,
 * kept as the views apply each record: per deadline status a set in the lists' order (due date,
 * then request key) whose size is the count. A new state of a request takes its old state out of
 * the counts and waits, undecoded, until a read needs the counts (most states are replaced by the
 * request's next event before anyone looks); a read evaluates only those waiting ones, and an
 * agency's whole set again only when the day or the calendar has changed since it was last counted.
 * The compliance call's open overdue and the deadline lists are answered from these counts and
 * sets, rolled up over the scope's agencies on read, instead of from an evaluation of every open
 * request of the scope.
 *
 * <p>Not thread-safe: the views call it under their own lock.
 */
final class OpenDeadlines {
  /**
   * Bucket 0: no status (received before the regulations were in force); then {@link
   * DeadlineStatus} ordinal + 1.
   */
  static final int BUCKETS = DeadlineStatus.values().length + 1;

  /** The deadline lists' order: due date (none last), then the request's key. */
  static final Comparator<DashboardViews.OpenRequest> LIST_ORDER =
      Comparator.comparing(
              (DashboardViews.OpenRequest o) -> o.countedDue == null ? LocalDate.MAX : o.countedDue)
          .thenComparing(o -> o.countedKey);

  private final Map<String, PerAgency> agencies = new HashMap<>();

  /** One agency's open requests and their counts on {@link #day} under {@link #calendar}. */
  private static final class PerAgency {
    final Map<String, DashboardViews.OpenRequest> requests = new HashMap<>();
    final Set<DashboardViews.OpenRequest> pending =
        Collections.newSetFromMap(new IdentityHashMap<>());

    @SuppressWarnings("unchecked")
    final TreeSet<DashboardViews.OpenRequest>[] byStatus = new TreeSet[BUCKETS];

    /** Of the OVERDUE ones, those running on a re-answer order (compliance counts them apart). */
    long overdueReanswers;

    Object calendar;
    LocalDate day;

    PerAgency() {
      for (int i = 0; i < BUCKETS; i++) {
        byStatus[i] = new TreeSet<>(LIST_ORDER);
      }
    }

    /**
     * Counts of a day and calendar: if they are not those, every open request waits to be counted
     * again.
     */
    void basis(final Object cal, final LocalDate d) {
      if (cal == calendar && d.equals(day)) {
        return;
      }
      for (TreeSet<DashboardViews.OpenRequest> s : byStatus) {
        s.forEach(o -> o.countedBucket = -1);
        s.clear();
      }
      overdueReanswers = 0;
      pending.clear();
      pending.addAll(requests.values());
      calendar = cal;
      day = d;
    }

    void uncount(final DashboardViews.OpenRequest o) {
      if (o.countedBucket < 0) {
        pending.remove(o);
        return;
      }
      byStatus[o.countedBucket].remove(o);
      if (o.countedBucket == bucket(DeadlineStatus.OVERDUE) && o.countedReanswer) {
        overdueReanswers--;
      }
      o.countedBucket = -1;
    }

    void count(final DashboardViews.OpenRequest o, final Deadline d) {
      final RequestState s = o.decoded();
      o.countedDue = d.dueDate();
      o.countedKey = s.key();
      o.countedReanswer = s.reanswer() != null;
      o.countedBucket = bucket(d.status());
      byStatus[o.countedBucket].add(o);
      if (o.countedBucket == bucket(DeadlineStatus.OVERDUE) && o.countedReanswer) {
        overdueReanswers++;
      }
    }
  }

  static int bucket(final DeadlineStatus s) {
    return s == null ? 0 : s.ordinal() + 1;
  }

  /** A request's new open state (replacing any earlier one). */
  void put(final String agencyId, final String requestId, final DashboardViews.OpenRequest o) {
    final PerAgency a = agencies.computeIfAbsent(agencyId, k -> new PerAgency());
    final DashboardViews.OpenRequest old = a.requests.put(requestId, o);
    if (old != null) {
      a.uncount(old);
    }
    if (a.day != null) {
      a.pending.add(o);
    }
  }

  /** The request is closed (or was never open here). */
  void remove(final String agencyId, final String requestId) {
    final PerAgency a = agencies.get(agencyId);
    if (a == null) {
      return;
    }
    final DashboardViews.OpenRequest old = a.requests.remove(requestId);
    if (old != null) {
      a.uncount(old);
    }
  }

  DashboardViews.OpenRequest get(final String agencyId, final String requestId) {
    final PerAgency a = agencies.get(agencyId);
    return a == null ? null : a.requests.get(requestId);
  }

  /** The open requests of one agency, as held (not decoded). */
  Iterable<DashboardViews.OpenRequest> of(final String agencyId) {
    final PerAgency a = agencies.get(agencyId);
    return a == null ? List.of() : a.requests.values();
  }

  /**
   * The requests of the scope not yet counted for {@code day} under {@code calendar}, decoded, for
   * the caller to evaluate outside the lock before {@link #count} (which then finds their deadlines
   * remembered).
   */
  List<DashboardViews.OpenRequest> uncounted(
      final Set<String> scope, final Object calendar, final LocalDate day) {
    final List<DashboardViews.OpenRequest> out = new ArrayList<>();
    for (String id : scope) {
      final PerAgency a = agencies.get(id);
      if (a != null) {
        a.basis(calendar, day);
        for (DashboardViews.OpenRequest o : a.pending) {
          o.decode();
          out.add(o);
        }
      }
    }
    return out;
  }

  /** Brings the counts of the scope's agencies up to {@code day} under {@code calendar}. */
  void count(
      final Set<String> scope,
      final Object calendar,
      final LocalDate day,
      final Function<RequestState, Deadline> evaluate) {
    for (String id : scope) {
      final PerAgency a = agencies.get(id);
      if (a == null) {
        continue;
      }
      a.basis(calendar, day);
      for (DashboardViews.OpenRequest o : a.pending) {
        o.decode();
        a.count(o, o.deadline(calendar, day, evaluate));
      }
      a.pending.clear();
    }
  }

  /**
   * After {@link #count}: how many of the scope's open requests are OVERDUE, without and with a
   * re-answer order.
   */
  long[] overdue(final Set<String> scope) {
    long all = 0;
    long reanswers = 0;
    for (String id : scope) {
      final PerAgency a = agencies.get(id);
      if (a != null) {
        all += a.byStatus[bucket(DeadlineStatus.OVERDUE)].size();
        reanswers += a.overdueReanswers;
      }
    }
    return new long[] {all - reanswers, reanswers};
  }

  /**
   * After {@link #count}: how many of the scope's open requests have status {@code wanted} (null:
   * all).
   */
  long total(final Set<String> scope, final DeadlineStatus wanted) {
    long n = 0;
    for (String id : scope) {
      final PerAgency a = agencies.get(id);
      if (a != null) {
        if (wanted != null) {
          n += a.byStatus[bucket(wanted)].size();
        } else {
          for (TreeSet<DashboardViews.OpenRequest> s : a.byStatus) {
            n += s.size();
          }
        }
      }
    }
    return n;
  }

  /**
   * After {@link #count}: at most {@code limit} of the scope's open requests with status {@code
   * wanted} (null: all), in the lists' order, after {@code after} (null: from the first): a merge
   * of the agencies' sorted sets.
   */
  List<DashboardViews.OpenRequest> page(
      final Set<String> scope,
      final DeadlineStatus wanted,
      final DashboardViews.OpenRequest after,
      final int limit) {
    final PriorityQueue<Head> heads =
        new PriorityQueue<>((x, y) -> LIST_ORDER.compare(x.next, y.next));
    for (String id : scope) {
      final PerAgency a = agencies.get(id);
      if (a == null) {
        continue;
      }
      for (int b = 0; b < BUCKETS; b++) {
        if (wanted != null && b != bucket(wanted)) {
          continue;
        }
        final NavigableSet<DashboardViews.OpenRequest> s =
            after == null ? a.byStatus[b] : a.byStatus[b].tailSet(after, false);
        final Iterator<DashboardViews.OpenRequest> it = s.iterator();
        if (it.hasNext()) {
          heads.add(new Head(it.next(), it));
        }
      }
    }
    final List<DashboardViews.OpenRequest> out = new ArrayList<>(Math.min(limit, 1024));
    while (out.size() < limit && !heads.isEmpty()) {
      final Head h = heads.poll();
      out.add(h.next);
      if (h.rest.hasNext()) {
        heads.add(new Head(h.rest.next(), h.rest));
      }
    }
    return out;
  }

  private record Head(DashboardViews.OpenRequest next, Iterator<DashboardViews.OpenRequest> rest) {}
}
