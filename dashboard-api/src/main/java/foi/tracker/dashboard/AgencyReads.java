package foi.tracker.dashboard;

import foi.tracker.core.agency.Agency;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The agency tree for the page's selector, with its ETag, rendered again only when the tree
 * changed.
 */
final class AgencyReads {
  private final DashboardViews views;

  AgencyReads(final DashboardViews views) {
    this.views = views;
  }

  /**
   * The agency list as last rendered, for the views' {@link DashboardViews#agencyVersion} it was
   * rendered at.
   */
  private record AgencyList(long version, Answer answer, String etag) {}

  private volatile AgencyList agencyList;

  /**
   * GET /api/v1/agencies with {@code If-None-Match}: the list with its {@code ETag} (a digest of
   * the body, the same on every instance with the same tree), or 304 without a body when the
   * caller's tag is the list's. The list is rendered again only when the views have applied an
   * agency record since.
   */
  Answer agencies(final String ifNoneMatch) {
    final long version = views.agencyVersion();
    AgencyList l = agencyList;
    if (l == null || l.version() != version) {
      final Answer a = agencies();
      if (a.status() != 200) {
        return a;
      }
      l = new AgencyList(version, a, etag(a.body()));
      agencyList = l;
    }
    final Map<String, String> headers = Map.of("ETag", l.etag(), "Cache-Control", "no-cache");
    if (ifNoneMatch != null && matches(ifNoneMatch, l.etag())) {
      return new Answer(304, Answer.JSON, new byte[0], headers);
    }
    return new Answer(200, l.answer().contentType(), l.answer().body(), headers);
  }

  /**
   * Whether an If-None-Match header names {@code etag} (or is {@code *}); weak tags compare by
   * their value.
   */
  static boolean matches(final String ifNoneMatch, final String etag) {
    for (String t : ifNoneMatch.split(",")) {
      final String tag = t.trim();
      if (tag.equals("*")
          || tag.equals(etag)
          || tag.startsWith("W/") && tag.substring(2).equals(etag)) {
        return true;
      }
    }
    return false;
  }

  static String etag(final byte[] body) {
    try {
      final byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(body);
      return "\"" + java.util.HexFormat.of().formatHex(d, 0, 12) + "\"";
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * GET /api/v1/agencies: the agency tree, depth first (children by name), for the page's selector.
   */
  Answer agencies() {
    return ReadContext.guard(
        () -> {
          final List<Agency> all = views.allAgencies();
          final Map<String, List<Agency>> children = new TreeMap<>();
          final Set<String> ids = new java.util.HashSet<>();
          all.forEach(a -> ids.add(a.agencyId()));
          final List<Agency> roots = new ArrayList<>();
          for (Agency a : all) {
            if (a.parentId() == null || !ids.contains(a.parentId())) {
              roots.add(a);
            } else {
              children.computeIfAbsent(a.parentId(), k -> new ArrayList<>()).add(a);
            }
          }
          final Comparator<Agency> byName =
              Comparator.comparing(Agency::name, Comparator.nullsLast(Comparator.naturalOrder()))
                  .thenComparing(Agency::agencyId);
          roots.sort(byName);
          children.values().forEach(l -> l.sort(byName));
          final List<AgencyItem> out = new ArrayList<>();
          final Set<String> seen = new java.util.HashSet<>();
          for (Agency root : roots) {
            addDepthFirst(root, 0, children, seen, out);
          }
          all.stream()
              .sorted(byName)
              .forEach(a -> addDepthFirst(a, 0, children, seen, out)); // a cycle, never lost
          return Answer.jsonWithNulls(Map.of("agencies", out));
        });
  }

  private static void addDepthFirst(
      final Agency a,
      final int depth,
      final Map<String, List<Agency>> children,
      final Set<String> seen,
      final List<AgencyItem> out) {
    if (!seen.add(a.agencyId())) {
      return;
    }
    out.add(new AgencyItem(a.agencyId(), a.name(), a.parentId(), a.reportDueOrDefault(), depth));
    for (Agency child : children.getOrDefault(a.agencyId(), List.of())) {
      addDepthFirst(child, depth + 1, children, seen, out);
    }
  }

  /** An agency in the selector's list, with its depth in the tree. */
  record AgencyItem(String agencyId, String name, String parentId, String reportDue, int depth) {}
}
