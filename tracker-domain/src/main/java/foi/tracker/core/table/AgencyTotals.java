package foi.tracker.core.table;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The counters of one agency (its own requests, not its sub-agencies): the sum of {@link Cells#of}
 * over its requests. Everything the tables, compliance and live counts need is derived from these.
 */
public record AgencyTotals(String agencyId, Map<String, Long> cells) {
  /**
   * The class of the read-only sorted maps this record makes itself; those need no defensive copy.
   */
  private static final Class<?> OWN_MAP =
      Collections.unmodifiableSortedMap(new TreeMap<String, Long>()).getClass();

  public AgencyTotals {
    if (cells == null) {
      cells = Map.of();
    } else if (cells.getClass() != OWN_MAP) {
      cells = Collections.unmodifiableSortedMap(new TreeMap<>(cells));
    }
  }

  public static AgencyTotals empty(final String agencyId) {
    return new AgencyTotals(agencyId, Map.of());
  }

  /**
   * These totals plus {@code delta}; cells that reach zero disappear. One copy of the cells per
   * call.
   */
  public AgencyTotals plus(final Map<String, Long> delta) {
    if (delta.isEmpty()) {
      return this;
    }
    final TreeMap<String, Long> next = new TreeMap<>(cells);
    addTo(next, delta);
    // the only reference to next leaves this method inside the read-only view
    final SortedMap<String, Long> view = Collections.unmodifiableSortedMap(next);
    return new AgencyTotals(agencyId, view);
  }

  /**
   * Adds {@code delta} to counters kept as a mutable map (the processor's per-agency running
   * totals); as in {@link #plus}, a cell that reaches zero disappears.
   */
  public static void addTo(final Map<String, Long> cells, final Map<String, Long> delta) {
    delta.forEach(
        (k, v) -> {
          final long sum = cells.getOrDefault(k, 0L) + v;
          if (sum == 0L) {
            cells.remove(k);
          } else {
            cells.put(k, sum);
          }
        });
  }

  public long get(final String cell) {
    return cells.getOrDefault(cell, 0L);
  }
}
