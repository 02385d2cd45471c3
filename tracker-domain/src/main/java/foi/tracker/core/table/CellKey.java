package foi.tracker.core.table;

/**
 * The key of one counter cell (统计单元): a year, a family and a code, written {@code
 * year|family|code}; the live counts of open requests are {@code NOW|status}, with no year. The one
 * place that writes and reads the key text: {@link Cells} builds keys through {@link #text}, the
 * table builders and the views read them through {@link #parse} and {@link #yearOf}.
 *
 * <ul>
 *   <li>a Table 三 row ({@code NEW} or an outcome code) with the applicant type as code;
 *   <li>{@link #T4} (a case concluded, code {@code GROUP_RESULT}) and {@link #T4_FILED} (a case
 *       filed, code {@code GROUP});
 *   <li>{@link #COMPLIANCE} (code {@code ON_TIME}, {@code LATE}, {@code WD|n}, ...) and {@link
 *       #FEE} (code {@code FEN}): figures of their own year only, never carried into later years.
 * </ul>
 *
 * @param year the year counted for, or {@link #NO_YEAR} for a {@code NOW} cell
 * @param family the Table 三 row, or T4, T4F, C, FEE, NOW
 * @param code the applicant type, the Table 四 code, the compliance name, the deadline status
 */
public record CellKey(int year, String family, String code) {
  /** The year of a {@code NOW|status} cell. */
  public static final int NO_YEAR = -1;

  public static final String NOW = "NOW";
  public static final String T4 = "T4";
  public static final String T4_FILED = "T4F";
  public static final String COMPLIANCE = "C";
  public static final String FEE = "FEE";

  /** The key text of a cell of {@code year} (no allocation beyond the string). */
  public static String text(final int year, final String family, final String code) {
    return year + "|" + family + "|" + code;
  }

  /** The key text of a {@code NOW} cell. */
  public static String now(final String code) {
    return NOW + "|" + code;
  }

  /** This key's text. */
  public String text() {
    return year == NO_YEAR ? now(code) : text(year, family, code);
  }

  /** The key {@code text} names, or null when it is not a cell key. */
  public static CellKey parse(final String text) {
    if (text.startsWith(NOW + "|")) {
      return new CellKey(NO_YEAR, NOW, text.substring(NOW.length() + 1));
    }
    final int year = yearOf(text);
    if (year < 0) {
      return null;
    }
    final int bar1 = text.indexOf('|');
    final int bar2 = text.indexOf('|', bar1 + 1);
    if (bar2 < 0 || bar2 == bar1 + 1 || bar2 == text.length() - 1) {
      return null;
    }
    return new CellKey(year, text.substring(bar1 + 1, bar2), text.substring(bar2 + 1));
  }

  /**
   * The year a cell key counts for, or -1 for a key that is not per year ({@code NOW|…}) or not a
   * key.
   */
  public static int yearOf(final String text) {
    final int bar = text.indexOf('|');
    if (bar <= 0 || bar > 4) {
      return -1;
    }
    int y = 0;
    for (int i = 0; i < bar; i++) {
      final char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      y = y * 10 + (c - '0');
    }
    return y;
  }

  /** Whether this is a Table 三 cell (a row of 一 or 三 per applicant type). */
  public boolean isTable3() {
    return year != NO_YEAR
        && !T4.equals(family)
        && !T4_FILED.equals(family)
        && !COMPLIANCE.equals(family)
        && !FEE.equals(family);
  }

  /**
   * Whether this cell counts for its own year only (compliance, fees): never summed into a later
   * year's carry.
   */
  public boolean ownYearOnly() {
    return COMPLIANCE.equals(family) || FEE.equals(family);
  }

  /** The same cell counted for {@code otherYear}. */
  public CellKey inYear(final int otherYear) {
    return new CellKey(otherYear, family, code);
  }
}
