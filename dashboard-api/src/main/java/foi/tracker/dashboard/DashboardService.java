package foi.tracker.dashboard;

import foi.tracker.core.access.AccessControl;
import foi.tracker.core.agency.Agency;
import foi.tracker.core.api.ApiException;
import foi.tracker.core.calendar.DueDate;
import foi.tracker.core.deadline.Deadline;
import foi.tracker.core.deadline.DeadlineClock;
import foi.tracker.core.deadline.DeadlineSettings;
import foi.tracker.core.deadline.DeadlineStatus;
import foi.tracker.core.publication.CorrectionEntry;
import foi.tracker.core.publication.Publication;
import foi.tracker.core.publication.PublicationCut;
import foi.tracker.core.request.RequestRules;
import foi.tracker.core.request.RequestState;
import foi.tracker.core.table.Cells;
import foi.tracker.core.table.Table3;
import foi.tracker.core.table.Table3Builder;
import foi.tracker.core.table.Table3Checks;
import foi.tracker.core.table.Table4;
import foi.tracker.core.table.Table4Builder;
import foi.tracker.core.taxonomy.Taxonomy;
import foi.tracker.core.topic.DeadlineAlert;
import foi.tracker.report.ReportDraft;
import foi.tracker.report.ReportHeading;
import foi.tracker.report.ReportXlsxReader;
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
  private final ReportXlsxReader xlsxReader = new ReportXlsxReader();

  DashboardService(final DashboardViews views, final Clock clock, final DeadlineSettings settings) {
    this.views = views;
    this.clock = clock;
    this.settings = settings;
  }

  LocalDate today() {
    return LocalDate.now(clock.withZone(RequestRules.CHINA));
  }

  /** GET .../reports/{year}/table3[?scope=subtree][&format=csv|html|xlsx|json][&version=published|N]. */
  Answer table3(final String agencyId, final String yearText, final String scope, final String format,
                final String version) {
    return guard(() -> {
      final Agency agency = agency(agencyId);
      final int year = year(yearText);
      final boolean subtree = subtree(scope);
      final String f = format == null ? "json" : format;
      if (!List.of("json", "html", "csv", "xlsx").contains(f)) {
        throw ApiException.badField("format", "格式无效：" + f, "'" + f + "' is not one of json, html, csv, xlsx");
      }
      final Figures fig = figures(agencyId, year, subtree, version);
      final Table3 t = fig.table3();
      final String base = agencyId + "-" + year + "-table3" + (subtree ? "-subtree" : "")
          + (fig.publication() == null ? "" : "-v" + fig.publication().version());
      return switch (f) {
        case "json" -> {
          final Map<String, Object> out = table3Json(t);
          out.put("publication", publicationJson(fig.publication() != null ? fig.publication()
              : latestPublication(agencyId, year)));
          if (fig.publication() == null) {
            out.put("changedSincePublication", changedSince(agencyId, year, subtree, fig, true, false));
          }
          yield Answer.jsonWithNulls(out);
        }
        case "html" -> Answer.html(table3Html.page(t, heading(agency, year, subtree, fig)));
        case "csv" -> Answer.download("text/csv; charset=utf-8", table3Csv.render(t), base + ".csv");
        default -> Answer.download("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            xlsx.render(t, fig.table4(), heading(agency, year, subtree, fig)), base + ".xlsx");
      };
    });
  }

  /** GET .../reports/{year}/table4[?scope=subtree][&version=published|N]. */
  Answer table4(final String agencyId, final String yearText, final String scope, final String version) {
    return guard(() -> {
      agency(agencyId);
      final int year = year(yearText);
      final boolean subtree = subtree(scope);
      final Figures fig = figures(agencyId, year, subtree, version);
      final Table4 t = fig.table4();
      final Map<String, Object> out = new LinkedHashMap<>();
      out.put("agencyId", t.agencyId());
      out.put("year", t.year());
      out.put("scope", t.scope());
      out.put("cells", t.cells());
      final List<Table3.Imbalance> problems = table4Checks(t);
      out.put("balanced", problems.isEmpty());
      out.put("imbalances", problems);
      out.put("publication", publicationJson(fig.publication() != null ? fig.publication()
          : latestPublication(agencyId, year)));
      if (fig.publication() == null) {
        out.put("changedSincePublication", changedSince(agencyId, year, subtree, fig, false, true));
      }
      return Answer.jsonWithNulls(out);
    });
  }

  /** GET .../reports/{year}[?scope=][&version=]: the printable report draft. */
  Answer report(final String agencyId, final String yearText, final String scope, final String version) {
    return guard(() -> {
      final Agency agency = agency(agencyId);
      final int year = year(yearText);
      final boolean subtree = subtree(scope);
      final Figures fig = figures(agencyId, year, subtree, version);
      final Map<String, Object> c = complianceFigures(agencyId, year, subtree, fig);
      final ReportDraft.Compliance compliance = c.get("onTime") == null || c.get("late") == null ? null
          : new ReportDraft.Compliance(((Number) c.get("onTime")).longValue(), ((Number) c.get("late")).longValue(),
              c.get("openOverdue") == null ? null : ((Number) c.get("openOverdue")).longValue());
      return Answer.html(draft.render(new ReportDraft.Input(heading(agency, year, subtree, fig), fig.table3(),
          fig.table4(), compliance, feeYuan(fig, year))));
    });
  }

  /**
   * POST .../reports/{year}/import-preview (token): an uploaded XLSX in the official layout read back into the body of
   * an import, with the checks the published table will get; nothing is written. The page shows the grid as read and
   * the results, and the office confirms by sending {@code imported} in the publication PUT.
   */
  Answer importPreview(final String authorization, final String agencyId, final String yearText, final byte[] body) {
    return guard(() -> {
      authorize(authorization, agencyId);
      final int year = year(yearText);
      final ReportXlsxReader.Read read = xlsxReader.read(body);
      final List<String> columns = new ArrayList<>(Taxonomy.get().applicantTypes());
      columns.add(Taxonomy.TOTAL);
      final Table3 t3 = Table3Builder.withChecks(new Table3(agencyId, year, "agency", List.copyOf(columns),
          read.table3(), true, List.of()));
      final Table4 t4 = new Table4(agencyId, year, "agency", read.table4());
      final Map<String, Object> out = new LinkedHashMap<>();
      out.put("agencyId", agencyId);
      out.put("year", year);
      out.put("readable", read.problems().isEmpty());
      out.put("problems", read.problems());
      out.put("imported", Map.of("table3", Map.of("rows", read.table3()), "table4", Map.of("cells", read.table4())));
      out.put("table3", table3Json(t3));
      final Map<String, Object> four = new LinkedHashMap<>();
      four.put("cells", t4.cells());
      final List<Table3.Imbalance> problems4 = table4Checks(t4);
      four.put("balanced", problems4.isEmpty());
      four.put("imbalances", problems4);
      out.put("table4", four);
      return Answer.jsonWithNulls(out);
    });
  }

  /** GET .../reports/{year}/publications: every version, oldest first. */
  Answer publications(final String agencyId, final String yearText) {
    return guard(() -> {
      agency(agencyId);
      final int year = year(yearText);
      final Map<String, Object> out = new LinkedHashMap<>();
      out.put("agencyId", agencyId);
      out.put("year", year);
      final List<Map<String, Object>> list = new ArrayList<>();
      for (Publication p : views.publications().list(agencyId, year)) {
        final Map<String, Object> m = publicationJson(p);
        m.put("withdrawn", p.withdrawn());
        m.put("withdrawnReason", p.withdrawnReason());
        m.put("ready", views.publications().get(agencyId, year, p.version()).isPresent());
        list.add(m);
      }
      out.put("publications", list);
      return Answer.jsonWithNulls(out);
    });
  }

  /** GET .../reports/{year}/corrections?scope=: what changed the published figures since the latest publication. */
  Answer corrections(final String authorization, final String agencyId, final String yearText, final String scope) {
    return corrections(authorization, agencyId, yearText, scope, null, null);
  }

  /**
   * ... with {@code limit} (default 500, at most 5,000) and {@code cursor} (api.md "Lists at national scope"): the
   * page's {@code events}, {@code total} (= {@code eventCount}) and {@code nextCursor} (null on the last page).
   */
  Answer corrections(final String authorization, final String agencyId, final String yearText, final String scope,
                     final String limitText, final String cursor) {
    return guard(() -> {
      agency(agencyId);
      final int year = year(yearText);
      final boolean subtree = subtree(scope);
      final int limit = Paging.limit(limitText);
      final int from = Paging.offset('c', cursor);
      final PublicationViews.Version v = views.publications().get(agencyId, year, null).orElseThrow(() ->
          notPublished(agencyId, year));
      final Publication p = v.publication();
      final Map<String, Object> out = new LinkedHashMap<>();
      out.put("agencyId", agencyId);
      out.put("year", year);
      out.put("scope", subtree ? "subtree" : "agency");
      out.put("version", p.version());
      final Figures live = figures(agencyId, year, subtree, null);
      out.put("cells", changedSince(agencyId, year, subtree, live, true, true));
      final List<Map<String, Object>> events = new ArrayList<>();
      for (CorrectionEntry c : views.publications().corrections(p)) {
        if (!subtree && !c.agencyId().equals(agencyId)) {
          continue;
        }
        final Map<String, Object> m = new LinkedHashMap<>();
        m.put("agencyId", c.agencyId());
        m.put("requestId", c.requestId());
        m.put("eventId", c.eventId());
        m.put("type", c.type());
        m.put("date", c.date());
        events.add(m);
      }
      if (subtree && !p.isImported()) {
        events.addAll(treeChanges(agencyId, v));
      }
      out.put("eventCount", events.size());
      out.put("total", events.size());
      if (from > events.size()) {
        throw Paging.badCursor();
      }
      final int to = Math.min(events.size(), from + limit);
      if (mayRead(authorization, agencyId)) {
        out.put("events", events.subList(from, to));
        out.put("nextCursor", to < events.size() ? Paging.cursor('c', Integer.toString(to)) : null);
      } else {
        out.put("nextCursor", null); // nothing is listed without a token
      }
      return Answer.jsonWithNulls(out);
    });
  }

  /** The figures of a table read: live (no {@code version}) or as frozen by a publication. */
  record Figures(Table3 table3, Table4 table4, Map<String, Long> cells, Publication publication,
                 Map<String, Object> importedCompliance) {
  }

  Figures figures(final String agencyId, final int year, final boolean subtree, final String versionText) {
    final String scope = subtree ? "subtree" : "agency";
    if (versionText == null) {
      final Map<String, Long> cells = views.cells(agencyId, subtree);
      final Table3 t = Table3Builder.build(agencyId, scope, year, cells);
      return new Figures(withMore(t, publishedContinuity(agencyId, year, subtree, t)),
          Table4Builder.build(agencyId, scope, year, cells), cells, null, null);
    }
    final Integer version = versionParam(versionText);
    final PublicationViews.Version v = views.publications().get(agencyId, year, version).orElseThrow(() ->
        notPublished(agencyId, year));
    final Figures f = frozen(agencyId, year, subtree, v);
    Table3 t = withMore(f.table3(), publishedContinuity(agencyId, year, subtree, f.table3()));
    if (subtree && !v.publication().isImported()) {
      t = withMore(t, subtreeSum(agencyId, year, v, t));
    }
    return new Figures(t, f.table4(), f.cells(), f.publication(), f.importedCompliance());
  }

  /**
   * A version's figures as frozen (or imported), with the checks of each table alone: what the checks across years
   * and agencies compare against. 404 when the version has no table of this scope.
   */
  private Figures frozen(final String agencyId, final int year, final boolean subtree,
                         final PublicationViews.Version v) {
    final String scope = subtree ? "subtree" : "agency";
    final Publication p = v.publication();
    if (p.isImported()) {
      if (subtree && !p.imported().isSubtree()) {
        throw new ApiException(404, "NOT_PUBLISHED", "version", agencyId + " 的" + year + "年度第" + p.version()
            + "版年报为导入的本机关年报，没有含下级的汇总表 (this version has no subtree table)");
      }
      final List<String> columns = new ArrayList<>(Taxonomy.get().applicantTypes());
      columns.add(Taxonomy.TOTAL);
      final Map<String, long[]> rows = new LinkedHashMap<>();
      for (Taxonomy.Row row : Taxonomy.get().rows()) {
        rows.put(row.code(), p.imported().table3().get(row.code()).clone());
      }
      final Table3 t = Table3Builder.withChecks(new Table3(agencyId, year, scope, List.copyOf(columns), rows, true,
          List.of()));
      return new Figures(t, new Table4(agencyId, year, scope, new LinkedHashMap<>(p.imported().table4())), null, p,
          p.imported().compliance() == null ? new LinkedHashMap<>() : p.imported().compliance());
    }
    final Map<String, Long> cells = subtree ? v.subtreeCells() : v.agencyCells();
    return new Figures(Table3Builder.build(agencyId, scope, year, cells), Table4Builder.build(agencyId, scope, year,
        cells), cells, p, null);
  }

  /** What a download says above the grid: the agency (as named at the cut), year, scope, live as of now or version. */
  private ReportHeading heading(final Agency agency, final int year, final boolean subtree, final Figures fig) {
    final Publication p = fig.publication();
    if (p == null) {
      return ReportHeading.live(agency.name(), year, subtree, clock.instant());
    }
    return ReportHeading.published(p.agencyName() == null ? agency.name() : p.agencyName(), year, subtree,
        new ReportHeading.Publication(p.version(), p.publishedDate(), p.reason()));
  }

  /** The year's 信息处理费 in yuan from the FEE_PAID amounts counted in the figures (null when not known). */
  private static java.math.BigDecimal feeYuan(final Figures fig, final int year) {
    return fig.cells() == null ? null : java.math.BigDecimal.valueOf(fig.cells().getOrDefault(Cells.feeFen(year), 0L), 2);
  }

  /** The publication a read without {@code version} reports beside the live table: the latest not withdrawn. */
  private Publication latestPublication(final String agencyId, final int year) {
    return views.publications().get(agencyId, year, null).map(PublicationViews.Version::publication).orElse(null);
  }

  private static Map<String, Object> publicationJson(final Publication p) {
    if (p == null) {
      return null;
    }
    final Map<String, Object> m = new LinkedHashMap<>();
    m.put("version", p.version());
    m.put("publishedDate", p.publishedDate());
    m.put("reason", p.reason());
    m.put("imported", p.isImported());
    return m;
  }

  /** {@code version}: {@code published} (null: the latest not withdrawn) or a whole number ≥ 1. */
  private static Integer versionParam(final String text) {
    if ("published".equals(text)) {
      return null;
    }
    try {
      final int v = Integer.parseInt(text);
      if (v >= 1) {
        return v;
      }
    } catch (NumberFormatException e) {
      // below
    }
    throw ApiException.badField("version", "「" + text + "」应为 published 或从1起的整数",
        "must be published or a whole number ≥ 1");
  }

  private static ApiException notPublished(final String agencyId, final int year) {
    return new ApiException(404, "NOT_PUBLISHED", "version", agencyId + " 的" + year
        + "年度年报没有这一发布版本 (no such publication)");
  }

  /**
   * The cells where the live figures differ from the latest publication's of the same scope (empty when unpublished,
   * when the latest version is imported or has no table of this scope).
   */
  private List<Map<String, Object>> changedSince(final String agencyId, final int year, final boolean subtree,
                                                 final Figures live, final boolean table3, final boolean table4) {
    final List<Map<String, Object>> out = new ArrayList<>();
    final Optional<PublicationViews.Version> v = views.publications().get(agencyId, year, null);
    if (v.isEmpty() || v.get().publication().isImported()) {
      return out;
    }
    final Figures frozen = frozen(agencyId, year, subtree, v.get());
    if (table3) {
      for (Map.Entry<String, long[]> e : frozen.table3().rows().entrySet()) {
        final long[] now = live.table3().rows().get(e.getKey());
        for (int i = 0; i < now.length; i++) {
          if (now[i] != e.getValue()[i]) {
            out.add(change("table3", e.getKey(), live.table3().columns().get(i), e.getValue()[i], now[i]));
          }
        }
      }
    }
    if (table4) {
      frozen.table4().cells().forEach((code, was) -> {
        final long now = live.table4().cells().getOrDefault(code, 0L);
        if (now != was) {
          out.add(change("table4", "TABLE4", code, was, now));
        }
      });
    }
    return out;
  }

  private static Map<String, Object> change(final String table, final String row, final String column,
                                            final long published, final long live) {
    final Map<String, Object> m = new LinkedHashMap<>();
    m.put("table", table);
    m.put("row", row);
    m.put("column", column);
    m.put("published", published);
    m.put("live", live);
    return m;
  }

  /**
   * The changes of the agency tree since the cut that changed the subtree table or its names: an agency of the cut
   * renamed or moved out, or one moved in.
   */
  private List<Map<String, Object>> treeChanges(final String agencyId, final PublicationViews.Version v) {
    final List<Map<String, Object>> out = new ArrayList<>();
    final Set<String> now = views.scope(agencyId, true);
    final java.time.Instant cutAt = v.publication().recordedAt();
    for (PublicationCut.Member m : v.members().values()) {
      final Optional<Agency> a = views.agency(m.agencyId());
      if (a.isEmpty()) {
        continue;
      }
      if (!now.contains(m.agencyId()) || !java.util.Objects.equals(a.get().parentId(), m.parentId())) {
        out.add(treeChange(m.agencyId(), "AGENCY_MOVED"));
      } else if (!a.get().name().equals(m.name())) {
        out.add(treeChange(m.agencyId(), "AGENCY_RENAMED"));
      }
    }
    for (String id : now) {
      if (!v.members().containsKey(id)) {
        final java.time.Instant at = views.publications().agencyChangedAt(id);
        if (at == null || cutAt == null || at.isAfter(cutAt)) {
          out.add(treeChange(id, "AGENCY_MOVED"));
        }
      }
    }
    return out;
  }

  private Map<String, Object> treeChange(final String agencyId, final String type) {
    final java.time.Instant at = views.publications().agencyChangedAt(agencyId);
    final Map<String, Object> m = new LinkedHashMap<>();
    m.put("agencyId", agencyId);
    m.put("requestId", null);
    m.put("eventId", null);
    m.put("type", type);
    m.put("date", at == null ? null : LocalDate.ofInstant(at, RequestRules.CHINA));
    return m;
  }

  private boolean mayRead(final String authorization, final String agencyId) {
    if (authorization == null) {
      return false;
    }
    final AccessControl.Caller caller = views.access().authenticate(AccessControl.bearer(authorization));
    return caller != null && views.mayActOn(caller, agencyId) == AccessControl.Verdict.ALLOWED;
  }

  /** PUBLISHED_CONTINUITY: 二 of {@code t} against 四 of the publication of the year before, same scope. */
  private List<Table3.Imbalance> publishedContinuity(final String agencyId, final int year, final boolean subtree,
                                                     final Table3 t) {
    final Optional<PublicationViews.Version> prev = views.publications().get(agencyId, year - 1, null);
    if (prev.isEmpty()) {
      return List.of();
    }
    final Table3 before;
    try {
      before = frozen(agencyId, year - 1, subtree, prev.get()).table3();
    } catch (ApiException e) {
      return List.of(); // that publication has no table of this scope
    }
    return checks.publishedContinuity(t, before);
  }

  /**
   * SUBTREE_SUM: a published subtree table against the agency's own published table plus the latest published subtree
   * tables of its direct sub-agencies at the cut, when all of them have one.
   */
  private List<Table3.Imbalance> subtreeSum(final String agencyId, final int year, final PublicationViews.Version v,
                                            final Table3 subtreeTable) {
    final Table3 own = Table3Builder.build(agencyId, "agency", year, v.agencyCells());
    final List<Table3> children = new ArrayList<>();
    final List<String> names = new ArrayList<>();
    for (PublicationCut.Member m : v.members().values()) {
      if (!agencyId.equals(m.parentId())) {
        continue;
      }
      final Optional<PublicationViews.Version> child = views.publications().get(m.agencyId(), year, null);
      if (child.isEmpty()) {
        return List.of();
      }
      try {
        children.add(frozen(m.agencyId(), year, true, child.get())
            .table3());
      } catch (ApiException e) {
        return List.of();
      }
      names.add(m.name());
    }
    if (children.isEmpty()) {
      return List.of();
    }
    return checks.subtreeSum(subtreeTable, own, children, names);
  }

  private static Table3 withMore(final Table3 t, final List<Table3.Imbalance> more) {
    if (more.isEmpty()) {
      return t;
    }
    final List<Table3.Imbalance> all = new ArrayList<>(t.imbalances());
    all.addAll(more);
    return new Table3(t.agencyId(), t.year(), t.scope(), t.columns(), t.rows(), false, List.copyOf(all));
  }

  private static List<Table3.Imbalance> table4Checks(final Table4 t) {
    return t.imbalances();
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
      final RequestState s = requestJustWritten(agencyId, requestId);
      final Deadline d = s.reanswer() != null
          ? new RequestRules(clock()).reanswerDeadline(s, today(), true)
          : clock().evaluate(s.receivedDate(), s.clock(), s.decidedDate(), today());
      final Map<String, Object> out = new LinkedHashMap<>();
      out.put("requestId", s.requestId());
      out.put("registrationNumber", s.registrationNumber());
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
      out.put("lapse", d.lapse());
      out.put("provisional", d.provisional());
      out.put("explanation", d.explanation());
      out.put("excludedDays", d.excludedDays());
      out.put("workingDaysUsed", d.workingDaysUsed());
      out.put("lateCorrectionNotice", d.lateCorrectionNotice());
      out.put("cases", s.cases().values());
      out.put("counted", s.counted() == null ? null
          : Map.of("outcome", s.counted().outcome(), "decidedDate", s.counted().decidedDate()));
      out.put("reanswer", s.reanswer());
      out.put("voided", s.voided());
      out.put("fees", s.fees());
      out.put("history", s.history());
      out.put("rejected", s.rejected());
      return Answer.jsonWithNulls(out);
    });
  }

  /** How long a read of a request just acknowledged waits for the views to reach it (api.md: at most 5 s). */
  static final java.time.Duration READ_YOUR_WRITES = java.time.Duration.ofSeconds(5);

  /**
   * The request, also right after its 201 (Reading what was just written): on a miss, waits until the views have
   * reached the end of the event log as it stood now; 503 CATCHING_UP if they do not within 5 s, 404 if it is not
   * there once they have.
   */
  private RequestState requestJustWritten(final String agencyId, final String requestId) {
    final Optional<RequestState> known = views.request(agencyId, requestId);
    if (known.isPresent()) {
      return known.get();
    }
    if (!views.awaitLogEnd(READ_YOUR_WRITES)) {
      throw catchingUp();
    }
    return views.request(agencyId, requestId).orElseThrow(() -> new ApiException(404, "UNKNOWN_REQUEST",
        "requestId", "未找到该申请：" + agencyId + " 没有申请 " + requestId + " (no such application)"));
  }

  private static ApiException catchingUp() {
    return new ApiException(503, "CATCHING_UP", null, "数据正在更新，请稍候再试 (the views have not yet reached the "
        + "latest writes; try again shortly)");
  }

  /**
   * GET .../requests/{requestId}/events/{eventId} (token): what became of a step (api.md "What became of a step"):
   * ACCEPTED once it is in the request's history, REJECTED with the reason once refused, PENDING while the views have
   * not reached it; 404 UNKNOWN_EVENT only once they have reached the log's end without it.
   */
  Answer eventStatus(final String authorization, final String agencyId, final String requestId,
                     final String eventId) {
    return guard(() -> {
      authorize(authorization, agencyId);
      checkId("requestId", requestId);
      checkId("eventId", eventId);
      Optional<RequestState> s = views.request(agencyId, requestId);
      Map<String, Object> status = s.map(r -> stepStatus(r, eventId)).orElse(null);
      if (status == null) {
        final boolean reached = views.awaitLogEnd(java.time.Duration.ofSeconds(2));
        s = views.request(agencyId, requestId);
        status = s.map(r -> stepStatus(r, eventId)).orElse(null);
        if (status == null && !reached) {
          if (s.isEmpty()) {
            throw catchingUp();
          }
          status = Map.of("eventId", eventId, "status", "PENDING");
        }
        if (status == null) {
          throw s.isEmpty()
              ? new ApiException(404, "UNKNOWN_REQUEST", "requestId", "未找到该申请：" + agencyId + " 没有申请 "
                  + requestId + " (no such application)")
              : new ApiException(404, "UNKNOWN_EVENT", "eventId", "该申请没有编号为 " + eventId
                  + " 的办理环节 (no such step on this request)");
        }
      }
      return Answer.jsonWithNulls(status);
    });
  }

  /**
   * ACCEPTED or REJECTED (with the reason and its reasonCode) when the request shows the step; null when it does not
   * (yet).
   */
  private static Map<String, Object> stepStatus(final RequestState s, final String eventId) {
    for (foi.tracker.core.request.Rejection r : s.rejected()) {
      if (eventId.equals(r.eventId())) {
        final Map<String, Object> m = new LinkedHashMap<>();
        m.put("eventId", eventId);
        m.put("status", "REJECTED");
        m.put("reason", r.reason());
        if (r.reasonCode() != null) { // null only on refusals stored before codes existed
          m.put("reasonCode", r.reasonCode());
        }
        return m;
      }
    }
    final boolean received = s.history().stream().anyMatch(h -> eventId.equals(h.eventId()));
    if (received) {
      final Map<String, Object> m = new LinkedHashMap<>();
      m.put("eventId", eventId);
      m.put("status", "ACCEPTED");
      return m;
    }
    return null;
  }

  /** GET .../deadlines?status=&scope= (token). */
  Answer deadlines(final String authorization, final String agencyId, final String statusText, final String scope) {
    return deadlines(authorization, agencyId, statusText, scope, null, null);
  }

  /**
   * GET .../deadlines?status=&scope=&limit=&cursor= (token): the open requests of the scope with that deadline status
   * today (none: all), by due date then request, a page at a time (api.md "Lists at national scope"), from the
   * counts the views keep ({@link OpenDeadlines}).
   */
  Answer deadlines(final String authorization, final String agencyId, final String statusText, final String scope,
                   final String limitText, final String cursor) {
    return guard(() -> {
      authorize(authorization, agencyId);
      DeadlineStatus wanted = null;
      if (statusText != null && !statusText.isBlank()) {
        try {
          wanted = DeadlineStatus.valueOf(statusText);
        } catch (IllegalArgumentException e) {
          throw ApiException.badField("status", "状态无效：" + statusText, "'" + statusText + "' is not one of "
              + "DUE_SOON, OVERDUE, PAUSED, ON_TRACK, LAPSED");
        }
      }
      final boolean subtree = subtree(scope);
      final int limit = Paging.limit(limitText);
      final DashboardViews.OpenRequest after = Paging.deadlineAfter(cursor);
      final Evaluation e = evaluation();
      final DashboardViews.DeadlinePage page = views.openDeadlines(views.scope(agencyId, subtree), e.calendar(),
          e.today(), e.evaluate(), wanted, after, limit + 1);
      final List<DashboardViews.OpenRequest> rows = page.requests().subList(0,
          Math.min(limit, page.requests().size()));
      final List<Map<String, Object>> list = new ArrayList<>();
      for (DashboardViews.OpenRequest o : rows) {
        final RequestState s = o.decoded();
        final Deadline d = o.deadline(e.calendar(), e.today(), e.evaluate());
        final Map<String, Object> m = new LinkedHashMap<>();
        m.put("requestId", s.requestId());
        m.put("agencyId", s.agencyId());
        m.put("receivedDate", s.receivedDate());
        m.put("dueDate", d.dueDate());
        m.put("workingDaysLeft", d.workingDaysLeft());
        m.put("deadlineStatus", d.status());
        m.put("provisional", d.provisional());
        m.put("lapse", d.lapse());
        list.add(m);
      }
      final Map<String, Object> out = new LinkedHashMap<>();
      out.put("agencyId", agencyId);
      out.put("status", wanted);
      out.put("requests", list);
      out.put("total", page.total());
      final DashboardViews.OpenRequest last = rows.isEmpty() ? null : rows.get(rows.size() - 1);
      out.put("nextCursor", page.requests().size() > limit
          ? Paging.deadlineCursor(last.countedDue, last.countedKey) : null);
      return Answer.jsonWithNulls(out);
    });
  }

  /** How open requests are evaluated today: the calendar, the day and the function (re-answers on their order). */
  private record Evaluation(Object calendar, LocalDate today, Function<RequestState, Deadline> evaluate) {
  }

  private Evaluation evaluation() {
    final DeadlineClock c = clock();
    final LocalDate today = today();
    final RequestRules rules = new RequestRules(c);
    // a request ordered to answer again runs on the order's clock, not its first period's
    final Function<RequestState, Deadline> evaluate = s -> s.reanswer() != null
        ? rules.reanswerDeadline(s, today, false) : c.evaluateBrief(s.receivedDate(), s.clock(), null, today);
    return new Evaluation(c.calendar(), today, evaluate);
  }

  /** The open requests of every agency by their deadline status today ({@code foi_tracker_open_requests}). */
  Map<DeadlineStatus, Long> openByStatus() {
    final Set<String> all = new java.util.HashSet<>();
    views.allAgencies().forEach(a -> all.add(a.agencyId()));
    final Evaluation e = evaluation();
    return views.openByStatus(all, e.calendar(), e.today(), e.evaluate());
  }

  /** GET .../compliance/{year}[?scope=subtree][&version=]: the year's timeliness, the unanswered counted against it. */
  Answer compliance(final String agencyId, final String yearText, final String scope, final String version) {
    return guard(() -> {
      agency(agencyId);
      final int year = year(yearText);
      final boolean subtree = subtree(scope);
      final Figures fig = figures(agencyId, year, subtree, version);
      final Map<String, Object> out = new LinkedHashMap<>();
      out.put("agencyId", agencyId);
      out.put("year", year);
      out.put("scope", subtree ? "subtree" : "agency");
      out.putAll(complianceFigures(agencyId, year, subtree, fig));
      if (fig.publication() != null) {
        out.put("publication", publicationJson(fig.publication()));
      }
      return Answer.jsonWithNulls(out);
    });
  }

  /** The year's compliance figures from the figures' cells (live or frozen); as given for an imported version. */
  private Map<String, Object> complianceFigures(final String agencyId, final int year, final boolean subtree,
                                                final Figures fig) {
    final Map<String, Object> out = new LinkedHashMap<>();
    if (fig.cells() == null) {
      final Map<String, Object> given = fig.importedCompliance();
      for (String f : List.of("decided", "onTime", "late", "onTimeRate", "medianWorkingDays", "openOverdue")) {
        out.put(f, given.get(f));
      }
      out.put("lateCorrectionNotices", null);
      return out;
    }
    final Map<String, Long> cells = fig.cells();
    final long onTime = cells.getOrDefault(Cells.compliance(year, "ON_TIME"), 0L);
    final long late = cells.getOrDefault(Cells.compliance(year, "LATE"), 0L);
    final long decided = onTime + late;
    final TreeMap<Integer, Long> histogram = new TreeMap<>();
    final String prefix = Cells.compliance(year, Cells.WD_PREFIX);
    cells.forEach((k, v) -> {
      if (k.startsWith(prefix)) {
        histogram.put(Integer.parseInt(k.substring(prefix.length())), v);
      }
    });
    long overdue = cells.getOrDefault(Cells.compliance(year, "OPEN_OVERDUE"), 0L);
    final boolean live = fig.publication() == null && year == today().getYear();
    final long[] openOverdue = live ? openOverdue(agencyId, subtree) : null;
    if (live) {
      overdue = openOverdue[0];
    }
    final long denominator = onTime + late + overdue;
    out.put("decided", decided);
    out.put("onTime", onTime);
    out.put("late", late);
    out.put("onTimeRate", denominator == 0 ? null : java.math.BigDecimal.valueOf(onTime)
        .divide(java.math.BigDecimal.valueOf(denominator), 3, java.math.RoundingMode.HALF_UP).doubleValue());
    out.put("medianWorkingDays", median(histogram));
    out.put("smallSample", denominator < MIN_DECIDED_FOR_RATES);
    out.put("openOverdue", overdue);
    final Map<String, Object> reanswers = new LinkedHashMap<>();
    reanswers.put("onTime", cells.getOrDefault(Cells.compliance(year, "RE_ON_TIME"), 0L));
    reanswers.put("late", cells.getOrDefault(Cells.compliance(year, "RE_LATE"), 0L));
    reanswers.put("openOverdue", live ? openOverdue[1] : 0L);
    out.put("reanswers", reanswers);
    out.put("lateCorrectionNotices", cells.getOrDefault(Cells.compliance(year, "LATE_CORRECTION"), 0L));
    out.put("workingDaysHistogram", histogram);
    return out;
  }

  /**
   * The scope's open requests OVERDUE today, {@code [without a re-answer order, with one]}, from the counts the views
   * keep ({@link OpenDeadlines}), not from an evaluation of every open request.
   */
  private long[] openOverdue(final String agencyId, final boolean subtree) {
    final Evaluation e = evaluation();
    return views.openOverdue(views.scope(agencyId, subtree), e.calendar(), e.today(), e.evaluate());
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
        throw ApiException.missing("from");
      }
      final LocalDate from;
      try {
        from = LocalDate.parse(fromText, ISO);
      } catch (java.time.DateTimeException e) {
        throw ApiException.badField("from", "日期无效，应为 YYYY-MM-DD",
            "'" + fromText + "' is not a real date in the form YYYY-MM-DD");
      }
      final int n;
      try {
        n = workingDaysText == null ? settings.answerWorkingDays() : Integer.parseInt(workingDaysText);
      } catch (NumberFormatException e) {
        throw ApiException.badField("workingDays", "应为整数", "must be a whole number");
      }
      if (n < 0 || n > 250) {
        throw ApiException.badField("workingDays", "超出范围：" + n + " 不在 0 至 250 之间", n + " is outside 0..250");
      }
      if (from.getYear() < 2000 || from.getYear() > 2099) {
        throw ApiException.badField("from", "超出范围：" + from + " 不在 2000 至 2099 年之间",
            from + " is outside 2000..2099");
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

  /** The agency list as last rendered, for the views' {@link DashboardViews#agencyVersion} it was rendered at. */
  private record AgencyList(long version, Answer answer, String etag) {
  }

  private volatile AgencyList agencyList;

  /**
   * GET /api/v1/agencies with {@code If-None-Match}: the list with its {@code ETag} (a digest of the body, the same
   * on every instance with the same tree), or 304 without a body when the caller's tag is the list's. The list is
   * rendered again only when the views have applied an agency record since.
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

  /** Whether an If-None-Match header names {@code etag} (or is {@code *}); weak tags compare by their value. */
  static boolean matches(final String ifNoneMatch, final String etag) {
    for (String t : ifNoneMatch.split(",")) {
      final String tag = t.trim();
      if (tag.equals("*") || tag.equals(etag) || tag.startsWith("W/") && tag.substring(2).equals(etag)) {
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
    m.put("reportDue", a.reportDueOrDefault());
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
      out.put("processor", views.processor().json());
      return Answer.jsonWithNulls(out);
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
    m.put("lapse", a.lapse());
    m.put("asOf", a.asOf());
    m.put("emittedAt", a.emittedAt());
    return m;
  }

  /**
   * GET .../requests?format=csv&year=&scope= (token): one line per request, no subject and no personal data. With
   * {@code year}, the requests Table 三 of that year counts (received by its end, not decided before its start).
   * Whole, in one array: {@link #requestExport} streams it.
   */
  Answer requests(final String authorization, final String agencyId, final String format, final String yearText,
                  final String scope) {
    final Export e = requestExport(authorization, agencyId, format, yearText, scope);
    return e.error() != null ? e.error() : new Answer(200, e.contentType(), e.body().all(), e.headers());
  }

  /** The export's answer: an error, or its content type, headers and body written chunk by chunk. */
  record Export(Answer error, String contentType, Map<String, String> headers, RequestExport body) {
  }

  /**
   * The export as a stream ({@link RequestExport}): the checks first (token, agency, scope, year, format), then the
   * lines agency by agency as the response is written, never the whole scope in memory.
   */
  Export requestExport(final String authorization, final String agencyId, final String format,
                       final String yearText, final String scope) {
    final Answer error = guard(() -> {
      authorize(authorization, agencyId);
      subtree(scope);
      if (yearText != null && !yearText.isBlank()) {
        year(yearText);
      }
      final String f = format == null || format.isBlank() ? "csv" : format;
      if (!f.equals("csv") && !f.equals("json")) {
        throw ApiException.badField("format", "格式无效：" + f, "'" + f + "' is not one of csv, json");
      }
      return null;
    });
    if (error != null) {
      return new Export(error, null, null, null);
    }
    final boolean subtree = subtree(scope);
    final Integer year = yearText == null || yearText.isBlank() ? null : year(yearText);
    final boolean json = "json".equals(format);
    final List<String> agencies = new ArrayList<>(new java.util.TreeSet<>(views.scope(agencyId, subtree)));
    final RequestExport body = new RequestExport(views, agencies, year, json, agencyId, clock(), today(),
        id -> views.agency(id).map(Agency::name).orElse(null));
    if (json) {
      return new Export(null, Answer.JSON, Map.of(), body);
    }
    final String name = agencyId + (year == null ? "" : "-" + year) + "-requests" + (subtree ? "-subtree" : "")
        + ".csv";
    return new Export(null, RequestCsv.CONTENT_TYPE, Map.of("Content-Disposition", "attachment; filename=\""
        + name + "\""), body);
  }

  /**
   * GET .../request-search?q=&status=open|closed|all&scope=&limit= (token): the desk's search (查找申请) by request
   * id, registration number (登记号) or subject (摘要), newest first (decided ones by decision date): how a clerk finds a
   * closed request to record what came after the answer.
   */
  Answer searchRequests(final String authorization, final String agencyId, final String q, final String statusText,
                        final String scope, final String limitText) {
    return guard(() -> {
      authorize(authorization, agencyId);
      final boolean subtree = subtree(scope);
      final String status = statusText == null || statusText.isBlank() ? "all" : statusText;
      if (!List.of("open", "closed", "all").contains(status)) {
        throw ApiException.badField("status", "「" + status + "」应为 open、closed 或 all",
            "must be open, closed or all");
      }
      int limit = 50;
      if (limitText != null && !limitText.isBlank()) {
        try {
          limit = Integer.parseInt(limitText);
        } catch (NumberFormatException e) {
          limit = -1;
        }
        if (limit < 1 || limit > 500) {
          throw ApiException.badField("limit", "应为 1 到 500 的整数", "must be 1..500");
        }
      }
      final String needle = q == null ? "" : q.trim().toLowerCase(java.util.Locale.ROOT);
      if (needle.length() > 100) {
        throw ApiException.badField("q", "检索词不能超过 100 个字符", "at most 100 characters");
      }
      final List<RequestState> found = new ArrayList<>();
      for (RequestState s : views.allRequests(views.scope(agencyId, subtree))) {
        if (status.equals("open") && !s.isOpen() || status.equals("closed") && s.isOpen()) {
          continue;
        }
        if (!needle.isEmpty() && !contains(s.requestId(), needle) && !contains(s.subject(), needle)
            && !contains(s.registrationNumber(), needle)) {
          continue;
        }
        found.add(s);
      }
      found.sort(Comparator.comparing((RequestState s) -> s.decidedDate() != null ? s.decidedDate()
          : s.receivedDate()).reversed().thenComparing(RequestState::key));
      final DeadlineClock c = clock();
      final LocalDate today = today();
      final List<Map<String, Object>> list = new ArrayList<>();
      for (RequestState s : found.subList(0, Math.min(limit, found.size()))) {
        final Deadline d = c.evaluateBrief(s.receivedDate(), s.clock(), s.decidedDate(), today);
        final Map<String, Object> m = new LinkedHashMap<>();
        m.put("requestId", s.requestId());
        m.put("agencyId", s.agencyId());
        m.put("agencyName", views.agency(s.agencyId()).map(Agency::name).orElse(null));
        m.put("registrationNumber", s.registrationNumber());
        m.put("subject", s.subject());
        m.put("receivedDate", s.receivedDate());
        m.put("status", s.status());
        m.put("outcome", s.outcome());
        m.put("decidedDate", s.decidedDate());
        m.put("deadlineStatus", d.status());
        m.put("voided", s.isVoided());
        list.add(m);
      }
      final Map<String, Object> out = new LinkedHashMap<>();
      out.put("agencyId", agencyId);
      out.put("total", found.size());
      out.put("requests", list);
      return Answer.jsonWithNulls(out);
    });
  }

  private static boolean contains(final String text, final String needle) {
    return text != null && text.toLowerCase(java.util.Locale.ROOT).contains(needle);
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
    return views.agency(agencyId).orElseThrow(() -> ApiException.of(404, "UNKNOWN_AGENCY", "agencyId",
        "机关未登记：" + agencyId, "agency " + agencyId + " is not registered"));
  }

  private void authorize(final String authorization, final String agencyId) {
    final AccessControl.Caller caller = views.access().authenticate(AccessControl.bearer(authorization));
    if (caller == null) {
      throw new ApiException(401, "UNAUTHORIZED", null, authorization == null
          ? ApiException.text(null, "缺少令牌", "an Authorization: Bearer <token> header is required")
          : ApiException.text(null, "令牌无效", "the token is not valid"));
    }
    agency(agencyId);
    if (views.mayActOn(caller, agencyId) != AccessControl.Verdict.ALLOWED) {
      throw ApiException.of(403, "FORBIDDEN", "agencyId", "无权查看该机关：" + agencyId,
          "this token may not read agency " + agencyId);
    }
  }

  private int year(final String text) {
    final int year;
    try {
      year = Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw ApiException.badField("year", "年份无效：" + text, "'" + text + "' is not a year");
    }
    final int current = today().getYear();
    if (year > current) {
      throw ApiException.badField("year", "年份不能晚于今年（" + current + "）：" + year,
          year + " has not begun; the latest is " + current);
    }
    if (year < 2008) {
      throw ApiException.badField("year", "年份过早：" + year + " 年早于条例施行", year + " is before the regulations");
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
    throw ApiException.badField("scope", "范围无效：" + scope, "'" + scope + "' is not agency or subtree");
  }

  private static void checkId(final String field, final String id) {
    if (id == null || !ID.matcher(id).matches() || id.chars().allMatch(c -> c == '.')) {
      throw ApiException.of(400, "INVALID_ID", field, "编号格式错误", "not a valid identifier");
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
