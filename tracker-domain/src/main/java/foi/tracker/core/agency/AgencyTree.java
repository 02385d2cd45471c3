package foi.tracker.core.agency;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The agency hierarchy (上下级机关): parents, children, subtrees and cycle checks. Not thread-safe;
 * callers guard it.
 */
public final class AgencyTree {
  private final Map<String, Agency> agencies = new HashMap<>();
  private final Map<String, Set<String>> children = new HashMap<>();

  public AgencyTree() {}

  public AgencyTree(final Collection<Agency> all) {
    all.forEach(this::put);
  }

  public void put(final Agency agency) {
    final Agency old = agencies.put(agency.agencyId(), agency);
    if (old != null && old.parentId() != null) {
      children.getOrDefault(old.parentId(), new LinkedHashSet<>()).remove(agency.agencyId());
    }
    if (agency.parentId() != null) {
      children
          .computeIfAbsent(agency.parentId(), k -> new LinkedHashSet<>())
          .add(agency.agencyId());
    }
  }

  public Optional<Agency> get(final String agencyId) {
    return Optional.ofNullable(agencies.get(agencyId));
  }

  public boolean contains(final String agencyId) {
    return agencies.containsKey(agencyId);
  }

  public int size() {
    return agencies.size();
  }

  public Collection<Agency> all() {
    return agencies.values();
  }

  /** The agency and its ancestors, nearest first. Stops at a cycle rather than looping. */
  public List<String> selfAndAncestors(final String agencyId) {
    final List<String> out = new ArrayList<>();
    final Set<String> seen = new LinkedHashSet<>();
    String cur = agencyId;
    while (cur != null && seen.add(cur)) {
      out.add(cur);
      final Agency a = agencies.get(cur);
      cur = a == null ? null : a.parentId();
    }
    return out;
  }

  /** The agency and every agency under it. */
  public Set<String> subtree(final String agencyId) {
    final Set<String> out = new LinkedHashSet<>();
    final Deque<String> todo = new ArrayDeque<>();
    todo.add(agencyId);
    while (!todo.isEmpty()) {
      final String cur = todo.poll();
      if (out.add(cur)) {
        todo.addAll(children.getOrDefault(cur, Set.of()));
      }
    }
    return out;
  }

  /** True when {@code ancestorId} is {@code agencyId} or one of its ancestors. */
  public boolean isWithin(final String agencyId, final String ancestorId) {
    return selfAndAncestors(agencyId).contains(ancestorId);
  }

  /** True when making {@code parentId} the parent of {@code agencyId} would close a cycle. */
  public boolean wouldCycle(final String agencyId, final String parentId) {
    return parentId != null && selfAndAncestors(parentId).contains(agencyId);
  }
}
