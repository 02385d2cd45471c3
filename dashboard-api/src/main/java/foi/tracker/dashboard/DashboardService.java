package foi.tracker.dashboard;

import foi.tracker.core.access.AccessControl;
import foi.tracker.core.agency.Agency;
import foi.tracker.core.api.ApiException;
import foi.tracker.core.calendar.DueDate;
import foi.tracker.core.deadline.Deadline;
import foi.tracker.core.deadline.DeadlineClock;
import foi.tracker.core.deadline.DeadlineSettings;
import foi.tracker.core.deadline.DeadlineStatus;
import foi.tracker.core.request.RequestRules;
import foi.tracker.core.request.RequestState;
import foi.tracker.core.table.Cells;
import foi.tracker.core.table.Table3;
import foi.tracker.core.table.Table3Builder;
import foi.tracker.core.table.Table3Checks;
import foi.tracker.core.table.Table4;
import foi.tracker.core.table.Table4Builder;
import foi.tracker.core.topic.DeadlineAlert;
import foi.tracker.report.ReportDraft;
import foi.tracker.report.ReportXlsx;
import foi.tracker.report.Table3Csv;
import foi.tracker.report.Table3Html;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** The read side of api.md, framework-free: tables, report draft, requests, deadlines, compliance, calendar. */
final class DashboardService {
  static final int MIN_DECIDED_FOR_RATES = 5;
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("uuuu-MM-dd")
      .withResolverStyle(ResolverStyle.STRICT);

  private final DashboardViews views;
  private final Clock clock;
  private final DeadlineSettings settings;
  private final Table3Checks checks = new Table3Checks();
  private final Table3Html table3Html = new Table3Html();
  private final Table3Csv table3Csv = new Table3Csv();
  private final ReportXlsx xlsx = new ReportXlsx();
  private final ReportDraft draft = new ReportDraft();

  DashboardService(final DashboardViews views, final Clock clock, final DeadlineSettings settings) {
    this.views = views;
    this.clock = clock;
    this.settings = settings;
  }

  LocalDate today() {
    return LocalDate.now(clock.withZone(RequestRules.CHINA));
  }

  /** GET .../reports/{year}/table3[?scope=subtree][&format=csv|html|xlsx|json]. */
  Answer table3(final String agencyId, final String yearText, final String scope, final String format) {
    return guard(() -> {
      final Agency agency = agency(agencyId);
      final int year = year(yearText);
      final boolean subtree = subtree(scope);
      final Table3 t = table3(agencyId, year, subtree);
      final String f = format == null ? "json" : format;
      final String base = agencyId + "-" + year + "-table3" + (subtree ? "-subtree" : "");
      return switch (f) {
        case "json" -> Answer.json(table3Json(t));
        case "html" -> Answer.html(table3Html.page(t, agency.name()));
        case "csv" -> Answer.download("text/csv; charset=utf-8", table3Csv.render(t), base + ".csv");
        case "xlsx" -> Answer.download("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            xlsx.render(t, table4(agencyId, year, subtree)), base + ".xlsx");
        default -> throw new ApiException(400, "INVALID_FIELD", "format", "format: '" + f
            + "' is not one of json, html, csv, xlsx (格式无效)");
      };
    });
  }

  /** GET .../reports/{year}/table4. */
  Answer table4(final String agencyId, final String yearText, final String scope) {
    return guard(() -> {
      agency(agencyId);
      final Table4 t = table4(agencyId, year(yearText), subtree(scope));
      final Map<String, Object> out = new LinkedHashMap<>();
      out.put("agencyId", t.agencyId());
      out.put("year", t.year());
      out.put("scope", t.scope());
      out.put("cells", t.cells());
      return Answer.json(out);
    });
  }

  /** GET .../reports/{year}: the printable report draft. */
  Answer report(final String agencyId, final String yearText, final String scope) {
    return guard(() -> {
      final Agency agency = agency(agencyId);
      final int year = year(yearText);
      final boolean subtree = subtree(scope);
      final Map<String, Long> cells = views.cells(agencyId, subtree);
      final long onTime = cells.getOrDefault(Cells.compliance(year, "ON_TIME"), 0L);
      final long late = cells.getOrDefault(Cells.compliance(year, "LATE"), 0L);
      return Answer.html(draft.render(agency.name(), table3(agencyId, year, subtree), table4(agencyId, year, subtree),
          Optional.of(new ReportDraft.Compliance(onTime, late))));
    });
  }

  Table3 table3(final String agencyId, final int year, final boolean subtree) {
    final Table3 t = Table3Builder.build(agencyId, subtree ? "subtree" : "agency", year,
        views.cells(agencyId, subtree));
    return t;
  }

  Table4 table4(final String agencyId, final int year, final boolean subtree) {
    return Table4Builder.build(agencyId, subtree ? "subtree" : "agency", year, views.cells(agencyId, subtree));
  }

  static Map<String, Object> table3Json(final Table3 t) {
    final Map<String, Object> out = new LinkedHashMap<>();
    out.put("agencyId", t.agencyId());
    out.put("year", t.year());
    out.put("scope", t.scope());
    out.put("columns", t.columns());
    out.put("rows", t.rows());
    out.put("balanced", t.balanced());
    out.put("imbalances", t.imbalances());
    return out;
  }

  /** GET .../requests/{requestId} (token). */
  Answer request(final String authorization, final String agencyId, final String requestId) {
    return guard(() -> {
      authorize(authorization, agencyId);
      checkId("requestId", requestId);
      final RequestState s = views.request(agencyId, requestId).orElseThrow(() ->
          new ApiException(404, "UNKNOWN_REQUEST", "requestId", "agency " + agencyId + " has no application "
              + requestId + " (未找到该申请)"));
      final Deadline d = clock().evaluate(s.receivedDate(), s.clock(), s.decidedDate(), today());
      final Map<String, Object> out = new LinkedHashMap<>();
      out.put("requestId", s.requestId());
      out.put("agencyId", s.agencyId());
      out.put("applicantType", s.applicantType());
      out.put("channel", s.channel());
      out.put("receivedDate", s.receivedDate());
      out.put("subject", s.subject());
      out.put("status", s.status());
      out.put("outcome", s.outcome());
      out.put("decidedDate", s.decidedDate());
      out.put("dueDate", d.dueDate());
      out.put("workingDaysLeft", d.workingDaysLeft());
      out.put("deadlineStatus", d.status());
      out.put("provisional", d.provisional());
      out.put("explanation", d.explanation());
      out.put("excludedDays", d.excludedDays());
      out.put("workingDaysUsed", d.workingDaysUsed());
      out.put("lateCorrectionNotice", d.lateCorrectionNotice());
      out.put("cases", s.cases().values());
      out.put("history", s.history());
      out.put("rejected", s.rejected());
      return Answer.jsonWithNulls(out);
    });
  }

  /** GET .../deadlines?status=&scope= (token). */
  Answer deadlines(final String authorization, final String agencyId, final String statusText, final String scope) {
    return guard(() -> {
      authorize(authorization, agencyId);
      DeadlineStatus wanted = null;
      if (statusText != null && !statusText.isBlank()) {
        try {
          wanted = DeadlineStatus.valueOf(statusText);
        } catch (IllegalArgumentException e) {
          throw new ApiException(400, "INVALID_FIELD", "status", "status: '" + statusText + "' is not one of "
              + "DUE_SOON, OVERDUE, PAUSED, ON_TRACK (状态无效)");
        }
      }
      final List<Map<String, Object>> list = new ArrayList<>();
      for (Row r : open(views.scope(agencyId, subtree(scope)), wanted)) {
        final Map<String, Object> m = new LinkedHashMap<>();
        m.put("requestId", r.state.requestId());
        m.put("agencyId", r.state.agencyId());
        m.put("receivedDate", r.state.receivedDate());
        m.put("dueDate", r.deadline.dueDate());
        m.put("workingDaysLeft", r.deadline.workingDaysLeft());
        m.put("deadlineStatus", r.deadline.status());
        m.put("provisional", r.deadline.provisional());
        list.add(m);
      }
      final Map<String, Object> out = new LinkedHashMap<>();
      out.put("agencyId", agencyId);
      out.put("status", wanted);
      out.put("requests", list);
      return Answer.jsonWithNulls(out);
    });
  }

  private record Row(RequestState state, Deadline deadline) {
  }

  /**
   * The open requests of these agencies whose deadline status today is {@code wanted} (null: all), by due date:
   * filtered before they are sorted (a country-wide list of the overdue is a few hundred of ~10^5 open requests).
   */
  private List<Row> open(final Set<String> agencies, final DeadlineStatus wanted) {
    final DeadlineClock c = clock();
    final LocalDate today = today();
    final Function<RequestState, Deadline> evaluate = s -> c.evaluateBrief(s.receivedDate(), s.clock(), null, today);
    final List<Row> rows = new ArrayList<>();
    for (DashboardViews.OpenRequest o : views.openRequests(agencies)) {
      final Deadline d = o.deadline(c.calendar(), today, evaluate);
      if (wanted == null || d.status() == wanted) {
        rows.add(new Row(o.decoded(), d));
      }
    }
    rows.sort(Comparator.comparing((Row r) -> r.deadline.dueDate() == null ? LocalDate.MAX : r.deadline.dueDate())
        .thenComparing(r -> r.state.key()));
    return rows;
  }

  /** GET .../compliance/{year}[?scope=subtree]: rates withheld where fewer than 5 were decided. */
  Answer compliance(final String agencyId, final String yearText, final String scope) {
    return guard(() -> {
      agency(agencyId);
      final int year = year(yearText);
      final boolean subtree = subtree(scope);
      final Map<String, Long> cells = views.cells(agencyId, subtree);
      final long onTime = cells.getOrDefault(Cells.compliance(year, "ON_TIME"), 0L);
      final long late = cells.getOrDefault(Cells.compliance(year, "LATE"), 0L);
      final long decided = onTime + late;
      final TreeMap<Integer, Long> histogram = new TreeMap<>();
      final String prefix = year + "|C|WD|";
      cells.forEach((k, v) -> {
        if (k.startsWith(prefix)) {
          histogram.put(Integer.parseInt(k.substring(prefix.length())), v);
        }
      });
      final boolean enough = decided >= MIN_DECIDED_FOR_RATES;
      final Map<String, Object> out = new LinkedHashMap<>();
      out.put("agencyId", agencyId);
      out.put("year", year);
      out.put("scope", subtree ? "subtree" : "agency");
      out.put("decided", decided);
      out.put("onTime", onTime);
      out.put("late", late);
      out.put("onTimeRate", enough ? Math.round(1000.0 * onTime / decided) / 1000.0 : null);
      out.put("medianWorkingDays", enough ? median(histogram) : null);
      out.put("withheld", enough ? null : "n < " + MIN_DECIDED_FOR_RATES);
      long overdue = 0;
      if (year == today().getYear()) {
        overdue = open(views.scope(agencyId, subtree), DeadlineStatus.OVERDUE).size();
      }
      out.put("openOverdue", overdue);
      out.put("lateCorrectionNotices", cells.getOrDefault(Cells.compliance(year, "LATE_CORRECTION"), 0L));
      out.put("workingDaysHistogram", histogram);
      return Answer.jsonWithNulls(out);
    });
  }

  static Double median(final TreeMap<Integer, Long> histogram) {
    final long n = histogram.values().stream().mapToLong(Long::longValue).sum();
    if (n == 0) {
      return null;
    }
    final long lo = (n - 1) / 2;
    final long hi = n / 2;
    Integer a = null;
    Integer b = null;
    long seen = 0;
    for (Map.Entry<Integer, Long> e : histogram.entrySet()) {
      final long next = seen + e.getValue();
      if (a == null && lo < next) {
        a = e.getKey();
      }
      if (b == null && hi < next) {
        b = e.getKey();
        break;
      }
      seen = next;
    }
    return (a + b) / 2.0;
  }

  /** GET /api/v1/calendar/due-date?from=&workingDays=. */
  Answer dueDate(final String fromText, final String workingDaysText) {
    return guard(() -> {
      if (fromText == null || fromText.isBlank()) {
        throw new ApiException(400, "MISSING_FIELD", "from", "from is required (必填项)");
      }
      final LocalDate from;
      try {
        from = LocalDate.parse(fromText, ISO);
      } catch (java.time.DateTimeException e) {
        throw new ApiException(400, "INVALID_FIELD", "from", "from: '" + fromText
            + "' is not a real date in the form YYYY-MM-DD (日期无效)");
      }
      final int n;
      try {
        n = workingDaysText == null ? settings.answerWorkingDays() : Integer.parseInt(workingDaysText);
      } catch (NumberFormatException e) {
        throw new ApiException(400, "INVALID_FIELD", "workingDays", "workingDays must be a whole number (应为整数)");
      }
      if (n < 0 || n > 250) {
        throw new ApiException(400, "INVALID_FIELD", "workingDays", "workingDays: " + n
            + " is outside 0..250 (超出范围)");
      }
      if (from.getYear() < 2000 || from.getYear() > 2099) {
        throw new ApiException(400, "INVALID_FIELD", "from", "from: " + from + " is outside 2000..2099 (超出范围)");
      }
      final DueDate d = views.calendar().dueDate(from, n);
      final Map<String, Object> out = new LinkedHashMap<>();
      out.put("from", d.from());
      out.put("workingDays", d.workingDays());
      out.put("dueDate", d.dueDate());
      out.put("provisional", d.provisional());
      return Answer.json(out);
    });
  }

  /** GET /api/v1/agencies: the agency tree, depth first (children by name), for the page's selector. */
  Answer agencies() {
    return guard(() -> {
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
      final Comparator<Agency> byName = Comparator.comparing(Agency::name, Comparator.nullsLast(
          Comparator.naturalOrder())).thenComparing(Agency::agencyId);
      roots.sort(byName);
      children.values().forEach(l -> l.sort(byName));
      final List<Map<String, Object>> out = new ArrayList<>();
      final Set<String> seen = new java.util.HashSet<>();
      for (Agency root : roots) {
        addDepthFirst(root, 0, children, seen, out);
      }
      all.stream().sorted(byName).forEach(a -> addDepthFirst(a, 0, children, seen, out)); // a cycle, never lost
      return Answer.jsonWithNulls(Map.of("agencies", out));
    });
  }

  private static void addDepthFirst(final Agency a, final int depth, final Map<String, List<Agency>> children,
                                    final Set<String> seen, final List<Map<String, Object>> out) {
    if (!seen.add(a.agencyId())) {
      return;
    }
    final Map<String, Object> m = new LinkedHashMap<>();
    m.put("agencyId", a.agencyId());
    m.put("name", a.name());
    m.put("parentId", a.parentId());
    m.put("depth", depth);
    out.add(m);
    for (Agency child : children.getOrDefault(a.agencyId(), List.of())) {
      addDepthFirst(child, depth + 1, children, seen, out);
    }
  }

  /** GET /api/v1/status: what the page shows about the pipeline (dead letters, rejected events). */
  Answer status() {
    return guard(() -> {
      final Map<String, Object> out = new LinkedHashMap<>();
      out.put("deadLetters", views.deadLetters());
      out.put("rejected", views.rejected());
      out.put("agencies", views.agencyCount());
      out.put("caughtUp", views.isCaughtUp());
      return Answer.json(out);
    });
  }

  /** GET /api/v1/layout: the official layouts of Table 三 and Table 四 as grids, for the page to fill in. */
  Answer layout() {
    return guard(() -> {
      final Map<String, Object> out = new LinkedHashMap<>();
      out.put("table3", Layouts.table3());
      out.put("table4", Layouts.table4());
      return Answer.json(out);
    });
  }

  /** GET .../alerts/recent?scope= (token): the recent DUE_SOON/OVERDUE alerts of the scope, newest first. */
  Answer recentAlerts(final String authorization, final String agencyId, final String scope) {
    return guard(() -> {
      authorize(authorization, agencyId);
      final boolean subtree = subtree(scope);
      final Map<String, Object> out = new LinkedHashMap<>();
      out.put("agencyId", agencyId);
      out.put("scope", subtree ? "subtree" : "agency");
      out.put("alerts", views.recentAlerts(views.scope(agencyId, subtree)).stream().map(DashboardService::alertJson)
          .toList());
      return Answer.jsonWithNulls(out);
    });
  }

  /**
   * The check before an alert stream is opened (token, agency, scope): the filter of the scope's alerts, or an
   * {@link ApiException} to answer instead of the stream.
   */
  Predicate<DeadlineAlert> alertScope(final String authorization, final String agencyId, final String scope) {
    authorize(authorization, agencyId);
    final boolean subtree = subtree(scope);
    return a -> views.scope(agencyId, subtree).contains(a.agencyId());
  }

  static Map<String, Object> alertJson(final DeadlineAlert a) {
    final Map<String, Object> m = new LinkedHashMap<>();
    m.put("agencyId", a.agencyId());
    m.put("requestId", a.requestId());
    m.put("from", a.from());
    m.put("to", a.to());
    m.put("dueDate", a.dueDate());
    m.put("workingDaysLeft", a.workingDaysLeft());
    m.put("asOf", a.asOf());
    m.put("emittedAt", a.emittedAt());
    return m;
  }

  /**
   * GET .../requests?format=csv&year=&scope= (token): one line per request, no subject and no personal data. With
   * {@code year}, the requests Table 三 of that year counts (received by its end, not decided before its start).
   */
  Answer requests(final String authorization, final String agencyId, final String format, final String yearText,
                  final String scope) {
    return guard(() -> {
      authorize(authorization, agencyId);
      final boolean subtree = subtree(scope);
      final Integer year = yearText == null || yearText.isBlank() ? null : year(yearText);
      final String f = format == null || format.isBlank() ? "csv" : format;
      if (!f.equals("csv") && !f.equals("json")) {
        throw new ApiException(400, "INVALID_FIELD", "format", "format: '" + f + "' is not one of csv, json (格式无效)");
      }
      final DeadlineClock c = clock();
      final LocalDate today = today();
      final List<RequestCsv.Line> lines = new ArrayList<>();
      for (RequestState s : views.allRequests(views.scope(agencyId, subtree))) {
        if (year != null && (s.receivedDate().getYear() > year
            || s.decidedDate() != null && s.decidedDate().getYear() < year)) {
          continue;
        }
        final Deadline d = c.evaluateBrief(s.receivedDate(), s.clock(), s.decidedDate(), today);
        lines.add(new RequestCsv.Line(s.requestId(), s.agencyId(), s.applicantType(),
            s.channel() == null ? null : s.channel().name(), s.receivedDate(), d.dueDate(), s.decidedDate(),
            s.outcome(), d.status() == null ? null : d.status().name(), d.workingDaysUsed()));
      }
      lines.sort(Comparator.comparing(RequestCsv.Line::agencyId).thenComparing(RequestCsv.Line::receivedDate)
          .thenComparing(RequestCsv.Line::requestId));
      if (f.equals("json")) {
        return Answer.jsonWithNulls(Map.of("agencyId", agencyId, "requests", lines));
      }
      final String name = agencyId + (year == null ? "" : "-" + year) + "-requests" + (subtree ? "-subtree" : "")
          + ".csv";
      return Answer.download(RequestCsv.CONTENT_TYPE, RequestCsv.render(lines), name);
    });
  }


  boolean isReady() {
    return views.isCaughtUp();
  }

  DashboardViews views() {
    return views;
  }

  DeadlineClock clock() {
    return new DeadlineClock(views.calendar(), settings);
  }

  private Agency agency(final String agencyId) {
    checkId("agencyId", agencyId);
    return views.agency(agencyId).orElseThrow(() -> new ApiException(404, "UNKNOWN_AGENCY", "agencyId",
        "agency " + agencyId + " is not registered (机关未登记)"));
  }

  private void authorize(final String authorization, final String agencyId) {
    final AccessControl.Caller caller = views.access().authenticate(AccessControl.bearer(authorization));
    if (caller == null) {
      throw new ApiException(401, "UNAUTHORIZED", null, authorization == null
          ? "an Authorization: Bearer <token> header is required (缺少令牌)" : "the token is not valid (令牌无效)");
    }
    agency(agencyId);
    if (views.mayActOn(caller, agencyId) != AccessControl.Verdict.ALLOWED) {
      throw new ApiException(403, "FORBIDDEN", "agencyId", "this token may not read agency " + agencyId
          + " (无权查看该机关)");
    }
  }

  private int year(final String text) {
    final int year;
    try {
      year = Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new ApiException(400, "INVALID_FIELD", "year", "year: '" + text + "' is not a year (年份无效)");
    }
    final int current = today().getYear();
    if (year > current) {
      throw new ApiException(400, "INVALID_FIELD", "year", "year: " + year + " has not begun; the latest is "
          + current + " (年份不能晚于今年)");
    }
    if (year < 2008) {
      throw new ApiException(400, "INVALID_FIELD", "year", "year: " + year + " is before the regulations (年份过早)");
    }
    return year;
  }

  private static boolean subtree(final String scope) {
    if (scope == null || scope.isBlank() || "agency".equals(scope)) {
      return false;
    }
    if ("subtree".equals(scope)) {
      return true;
    }
    throw new ApiException(400, "INVALID_FIELD", "scope", "scope: '" + scope + "' is not agency or subtree (范围无效)");
  }

  private static void checkId(final String field, final String id) {
    if (id == null || !ID.matcher(id).matches() || id.chars().allMatch(c -> c == '.')) {
      throw new ApiException(400, "INVALID_ID", field, field + " is not a valid identifier (编号格式错误)");
    }
  }

  interface Call {
    Answer get() throws Exception;
  }

  private static Answer guard(final Call call) {
    try {
      return call.get();
    } catch (ApiException e) {
      return Answer.error(e);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
