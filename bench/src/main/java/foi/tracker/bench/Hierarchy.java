package foi.tracker.bench;

import foi.tracker.core.agency.Agency;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A national agency tree (行政机关名录) in the shape of China's administration: one national root (全国),
 * then province &gt; city &gt; county &gt; township in the proportions 31 / 330 / 2,800 / rest of
 * 40,000, children spread evenly over their parents. Agencies are numbered 0..n-1 in registration
 * order (parents first).
 */
final class Hierarchy {
  static final int COUNTRY = 0;
  static final int PROVINCE = 1;
  static final int CITY = 2;
  static final int COUNTY = 3;
  static final int TOWNSHIP = 4;
  private static final String[] PREFIX = {"cn", "prov", "city", "cnty", "town"};
  private static final String[] SUFFIX = {"全国", "省人民政府", "市人民政府", "县人民政府", "镇人民政府"};

  private final String[] ids;
  private final int[] parent;
  private final int[] level;

  /** First index of each level, and one past the last agency at index 5. */
  private final int[] levelStart = new int[6];

  private Hierarchy(final int n) {
    ids = new String[n];
    parent = new int[n];
    level = new int[n];
  }

  /**
   * {@code n} agencies (at least 5): 31/330/2,800 per 40,000 for the upper levels, townships for
   * the rest.
   */
  static Hierarchy national(final int n) {
    if (n < 5) {
      throw new IllegalArgumentException("agencies must be >= 5, got " + n);
    }
    final int provinces = Math.max(1, (int) Math.round(n * 31.0 / 40_000));
    final int cities = Math.max(provinces, (int) Math.round(n * 330.0 / 40_000));
    final int counties = Math.max(cities, (int) Math.round(n * 2_800.0 / 40_000));
    final int townships = n - 1 - provinces - cities - counties;
    if (townships < counties) {
      throw new IllegalArgumentException("too few agencies for four levels: " + n);
    }
    final Hierarchy h = new Hierarchy(n);
    final int[] counts = {1, provinces, cities, counties, townships};
    int at = 0;
    for (int lv = 0; lv < 5; lv++) {
      h.levelStart[lv] = at;
      for (int i = 0; i < counts[lv]; i++, at++) {
        h.ids[at] = String.format(Locale.ROOT, "%s-%05d", PREFIX[lv], i);
        h.level[at] = lv;
        // child i of this level goes to parent (i * parents / children): even spread, parents in
        // order
        h.parent[at] =
            lv == 0 ? -1 : h.levelStart[lv - 1] + (int) ((long) i * counts[lv - 1] / counts[lv]);
      }
    }
    h.levelStart[5] = at;
    return h;
  }

  int size() {
    return ids.length;
  }

  String id(final int agency) {
    return ids[agency];
  }

  int parent(final int agency) {
    return parent[agency];
  }

  int level(final int agency) {
    return level[agency];
  }

  int first(final int lv) {
    return levelStart[lv];
  }

  int count(final int lv) {
    return levelStart[lv + 1] - levelStart[lv];
  }

  Agency agency(final int a) {
    final String name =
        level[a] == COUNTRY
            ? SUFFIX[0]
            : "第" + ids[a].substring(ids[a].indexOf('-') + 1) + SUFFIX[level[a]];
    return new Agency(ids[a], name, parent[a] < 0 ? null : ids[parent[a]]);
  }

  /** True when {@code agency} is {@code root} or below it. */
  boolean isUnder(final int agency, final int root) {
    for (int a = agency; a >= 0; a = parent[a]) {
      if (a == root) {
        return true;
      }
      if (level[a] <= level[root]) {
        return false;
      }
    }
    return false;
  }

  /** The number of agencies in the subtree of {@code root} (itself included). */
  int subtreeSize(final int root) {
    int n = 0;
    for (int a = root; a < ids.length; a++) {
      if (isUnder(a, root)) {
        n++;
      }
    }
    return n;
  }

  /** Agencies of one level, {@code k} of them spread evenly over the level. */
  List<Integer> sample(final int lv, final int k) {
    final List<Integer> out = new ArrayList<>();
    final int c = count(lv);
    for (int i = 0; i < Math.min(k, c); i++) {
      out.add(first(lv) + (int) ((long) i * c / Math.min(k, c)));
    }
    return out;
  }
}
