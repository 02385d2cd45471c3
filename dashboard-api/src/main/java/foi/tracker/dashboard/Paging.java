package foi.tracker.dashboard;

import foi.tracker.core.api.ApiException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Base64;

/**
 * The paging of the lists at national scope (api.md "Lists at national scope"): {@code limit}
 * (default 500, at most 5,000) and an opaque {@code cursor}, the position after the last item of
 * the page before (base64url of a kind letter and the position, so a cursor of one list is refused
 * by another).
 */
final class Paging {
  static final int DEFAULT_LIMIT = 500;
  static final int MAX_LIMIT = 5_000;

  private Paging() {}

  /** {@code limit}: absent → 500; else a whole number 1..5000, or 400 naming {@code limit}. */
  static int limit(final String text) {
    if (text == null || text.isBlank()) {
      return DEFAULT_LIMIT;
    }
    try {
      final int n = Integer.parseInt(text.trim());
      if (n >= 1 && n <= MAX_LIMIT) {
        return n;
      }
    } catch (NumberFormatException e) {
      // below
    }
    throw ApiException.badField(
        "limit",
        "「" + text + "」应为 1 到 " + MAX_LIMIT + " 的整数",
        "must be a whole number 1.." + MAX_LIMIT);
  }

  /** A cursor of kind {@code kind} carrying {@code position}. */
  static String cursor(final char kind, final String position) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((kind + position).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The position in a cursor of kind {@code kind} (null when there is none), or 400 naming {@code
   * cursor}.
   */
  static String position(final char kind, final String cursor) {
    if (cursor == null || cursor.isEmpty()) {
      return null;
    }
    final String text;
    try {
      text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw badCursor();
    }
    if (text.isEmpty() || text.charAt(0) != kind) {
      throw badCursor();
    }
    return text.substring(1);
  }

  static ApiException badCursor() {
    return ApiException.badField(
        "cursor", "翻页游标无效，请从第一页重新读取", "not a cursor of this list; start again " + "without one");
  }

  /** A deadline list's cursor: the last item's due date (empty: none) and request key. */
  static String deadlineCursor(final LocalDate due, final String key) {
    return cursor('d', (due == null ? "" : due.toString()) + "|" + key);
  }

  /**
   * The holder a deadline list's page starts after ({@link OpenDeadlines#LIST_ORDER}), or null for
   * the first page.
   */
  static DashboardViews.OpenRequest deadlineAfter(final String cursor) {
    final String p = position('d', cursor);
    if (p == null) {
      return null;
    }
    final int bar = p.indexOf('|');
    if (bar < 0 || bar == p.length() - 1) {
      throw badCursor();
    }
    final DashboardViews.OpenRequest probe = new DashboardViews.OpenRequest(new byte[0], null);
    try {
      probe.countedDue = bar == 0 ? null : LocalDate.parse(p.substring(0, bar));
    } catch (java.time.DateTimeException e) {
      throw badCursor();
    }
    probe.countedKey = p.substring(bar + 1);
    return probe;
  }

  /** An offset cursor (a list that only grows at its end). */
  static int offset(final char kind, final String cursor) {
    final String p = position(kind, cursor);
    if (p == null) {
      return 0;
    }
    try {
      final int n = Integer.parseInt(p);
      if (n >= 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // below
    }
    throw badCursor();
  }
}
