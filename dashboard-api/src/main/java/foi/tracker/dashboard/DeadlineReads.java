package foi.tracker.dashboard;

import foi.tracker.core.api.ApiException;
import foi.tracker.core.calendar.DueDate;
import foi.tracker.core.deadline.Deadline;
import foi.tracker.core.deadline.DeadlineClock;
import foi.tracker.core.deadline.DeadlineStatus;
import foi.tracker.core.request.RequestRules;
import foi.tracker.core.request.RequestState;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** The open requests by deadline status (a page at a time) and the calendar's due date. */
final class DeadlineReads {
  private static final DateTimeFormatter ISO =
      DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);

  private final ReadContext ctx;
  private final DashboardViews views;

  DeadlineReads(final ReadContext ctx, final DashboardViews views) {
    this.ctx = ctx;
    this.views = views;
  }

  /** GET .../deadlines?status=&scope= (token). */
  Answer deadlines(
      final String authorization,
      final String agencyId,
      final String statusText,
      final String scope) {
    return deadlines(authorization, agencyId, statusText, scope, null, null);
  }

  /**
   * GET .../deadlines?status=&scope=&limit=&cursor= (token): the open requests of the scope with
   * that deadline status today (none: all), by due date then request, a page at a time (api.md
   * "Lists at national scope"), from the counts the views keep ({@link OpenDeadlines}).
   */
  Answer deadlines(
      final String authorization,
      final String agencyId,
      final String statusText,
      final String scope,
      final String limitText,
      final String cursor) {
    return ReadContext.guard(
        () -> {
          ctx.authorize(authorization, agencyId);
          DeadlineStatus wanted = null;
          if (statusText != null && !statusText.isBlank()) {
            try {
              wanted = DeadlineStatus.valueOf(statusText);
            } catch (IllegalArgumentException e) {
              throw ApiException.badField(
                  "status",
                  "状态无效：" + statusText,
                  "'"
                      + statusText
                      + "' is not one of "
                      + "DUE_SOON, OVERDUE, PAUSED, ON_TRACK, LAPSED");
            }
          }
          final boolean subtree = ReadContext.subtree(scope);
          final int limit = Paging.limit(limitText);
          final DashboardViews.OpenRequest after = Paging.deadlineAfter(cursor);
          final Evaluation e = evaluation();
          final DashboardViews.DeadlinePage page =
              views.openDeadlines(
                  views.scope(agencyId, subtree),
                  e.calendar(),
                  e.today(),
                  e.evaluate(),
                  wanted,
                  after,
                  limit + 1);
          final List<DashboardViews.OpenRequest> rows =
              page.requests().subList(0, Math.min(limit, page.requests().size()));
          final List<DeadlineRow> list = new ArrayList<>();
          for (DashboardViews.OpenRequest o : rows) {
            final RequestState s = o.decoded();
            final Deadline d = o.deadline(e.calendar(), e.today(), e.evaluate());
            list.add(
                new DeadlineRow(
                    s.requestId(),
                    s.agencyId(),
                    s.receivedDate(),
                    d.dueDate(),
                    d.workingDaysLeft(),
                    d.status(),
                    d.provisional(),
                    d.lapse()));
          }
          final DashboardViews.OpenRequest last = rows.isEmpty() ? null : rows.get(rows.size() - 1);
          return Answer.jsonWithNulls(
              new DeadlineList(
                  agencyId,
                  wanted,
                  list,
                  page.total(),
                  page.requests().size() > limit
                      ? Paging.deadlineCursor(last.countedDue, last.countedKey)
                      : null));
        });
  }

  /**
   * A page of the deadline list: the status asked for (null: all), the page's rows, the total and
   * the next cursor.
   */
  record DeadlineList(
      String agencyId,
      DeadlineStatus status,
      List<DeadlineRow> requests,
      long total,
      String nextCursor) {}

  /** An open request in the deadline list. */
  record DeadlineRow(
      String requestId,
      String agencyId,
      LocalDate receivedDate,
      LocalDate dueDate,
      Integer workingDaysLeft,
      DeadlineStatus deadlineStatus,
      boolean provisional,
      Deadline.Lapse lapse) {}

  /**
   * The open requests of every agency by their deadline status today ({@code
   * foi_tracker_open_requests}).
   */
  java.util.Map<foi.tracker.core.deadline.DeadlineStatus, Long> openByStatus() {
    final java.util.Set<String> all = new java.util.HashSet<>();
    views.allAgencies().forEach(a -> all.add(a.agencyId()));
    final Evaluation e = evaluation();
    return views.openByStatus(all, e.calendar(), e.today(), e.evaluate());
  }

  /**
   * How open requests are evaluated today: the calendar, the day and the function (re-answers on
   * their order).
   */
  record Evaluation(Object calendar, LocalDate today, Function<RequestState, Deadline> evaluate) {}

  Evaluation evaluation() {
    final DeadlineClock c = ctx.clock();
    final LocalDate today = ctx.today();
    final RequestRules rules = new RequestRules(c);
    // a request ordered to answer again runs on the order's clock, not its first period's
    final Function<RequestState, Deadline> evaluate =
        s ->
            s.reanswer() != null
                ? rules.reanswerDeadline(s, today, false)
                : c.evaluateBrief(s.receivedDate(), s.clock(), null, today);
    return new Evaluation(c.calendar(), today, evaluate);
  }

  /** GET /api/v1/calendar/due-date?from=&workingDays=. */
  Answer dueDate(final String fromText, final String workingDaysText) {
    return ReadContext.guard(
        () -> {
          if (fromText == null || fromText.isBlank()) {
            throw ApiException.missing("from");
          }
          final LocalDate from;
          try {
            from = LocalDate.parse(fromText, ISO);
          } catch (java.time.DateTimeException e) {
            throw ApiException.badField(
                "from",
                "日期无效，应为 YYYY-MM-DD",
                "'" + fromText + "' is not a real date in the form YYYY-MM-DD");
          }
          final int n;
          try {
            n =
                workingDaysText == null
                    ? ctx.settings().answerWorkingDays()
                    : Integer.parseInt(workingDaysText);
          } catch (NumberFormatException e) {
            throw ApiException.badField("workingDays", "应为整数", "must be a whole number");
          }
          if (n < 0 || n > 250) {
            throw ApiException.badField(
                "workingDays", "超出范围：" + n + " 不在 0 至 250 之间", n + " is outside 0..250");
          }
          if (from.getYear() < 2000 || from.getYear() > 2099) {
            throw ApiException.badField(
                "from", "超出范围：" + from + " 不在 2000 至 2099 年之间", from + " is outside 2000..2099");
          }
          final DueDate d =
              views
                  .calendar()
                  .dueDate(from, n); // a record of exactly the answer's fields, in order
          return Answer.json(d);
        });
  }
}
