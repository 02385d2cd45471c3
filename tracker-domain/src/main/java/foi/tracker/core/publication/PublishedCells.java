package foi.tracker.core.publication;

import foi.tracker.core.table.CellKey;
import foi.tracker.core.table.Table3Builder;
import foi.tracker.core.table.Table4Builder;
import java.util.HashMap;
import java.util.Map;

/**
 * What of an agency's counter cells a publication of year Y freezes: the cells of Y as they are,
 * and the cells of earlier years summed into Y−1 (Table 三's 二/四 and Table 四's 尚未审结 of Y depend on
 * earlier years only through their sums); compliance cells of earlier years ({@code y|C|…}) and the
 * live {@code NOW|…} counts are left out. Building Table 三, Table 四 or the compliance figures of Y
 * from the projection gives what building them from all cells gives.
 */
public final class PublishedCells {
  private PublishedCells() {}

  private static boolean ownYearOnly(final String cell) {
    final CellKey key = CellKey.parse(cell);
    return key != null && key.ownYearOnly();
  }

  /**
   * The cells of {@code cells} that a publication of {@code year} freezes, earlier years summed
   * into year − 1.
   */
  public static Map<String, Long> project(final Map<String, Long> cells, final int year) {
    final Map<String, Long> out = new HashMap<>();
    cells.forEach(
        (k, v) -> {
          final int y = CellKey.yearOf(k);
          if (y < 0 || y > year || v == 0L) {
            return;
          }
          if (y == year) {
            out.merge(k, v, Long::sum);
            return;
          }
          final CellKey key = CellKey.parse(k);
          if (key == null || key.ownYearOnly()) {
            return;
          }
          out.merge(key.inYear(year - 1).text(), v, Long::sum);
        });
    out.values().removeIf(v -> v == 0L);
    return out;
  }

  /**
   * Whether a change of {@code delta} moves a figure a publication of {@code year} froze: a cell of
   * Table 三 or Table 四 of that year, or one of its compliance figures. (An amendment of an earlier
   * year's applicant type moves cells of that year but, received and decided alike, not 二 of this
   * one.)
   */
  public static boolean changesFigures(final Map<String, Long> delta, final int year) {
    if (!touches(delta, year)) {
      return false;
    }
    final Map<String, Long> projected = project(delta, year);
    for (String k : projected.keySet()) {
      if (CellKey.yearOf(k) == year && ownYearOnly(k)) {
        return true;
      }
    }
    for (long[] row : Table3Builder.build("", "agency", year, projected).rows().values()) {
      for (long v : row) {
        if (v != 0L) {
          return true;
        }
      }
    }
    for (long v : Table4Builder.build("", "agency", year, projected).cells().values()) {
      if (v != 0L) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a change of {@code delta} may move a figure of a publication of {@code year} (a quick
   * filter).
   */
  private static boolean touches(final Map<String, Long> delta, final int year) {
    for (Map.Entry<String, Long> e : delta.entrySet()) {
      final int y = CellKey.yearOf(e.getKey());
      if (y < 0 || y > year || e.getValue() == 0L) {
        continue;
      }
      if (y == year || !ownYearOnly(e.getKey())) {
        return true;
      }
    }
    return false;
  }

  /** {@code into} += {@code cells}. */
  public static void addTo(final Map<String, Long> into, final Map<String, Long> cells) {
    cells.forEach((k, v) -> into.merge(k, v, Long::sum));
  }
}
