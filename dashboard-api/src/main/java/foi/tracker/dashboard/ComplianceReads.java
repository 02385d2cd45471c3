package foi.tracker.dashboard;

import foi.tracker.core.table.Cells;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A year's timeliness (按期答复): on time, late, the open overdue counted against it, the median
 * working days.
 */
final class ComplianceReads {
  static final int MIN_DECIDED_FOR_RATES = 5;

  private final ReadContext ctx;
  private final DashboardViews views;
  private final TableFigures figures;
  private final DeadlineReads deadlines;

  ComplianceReads(
      final ReadContext ctx,
      final DashboardViews views,
      final TableFigures figures,
      final DeadlineReads deadlines) {
    this.ctx = ctx;
    this.views = views;
    this.figures = figures;
    this.deadlines = deadlines;
  }

  /**
   * GET .../compliance/{year}[?scope=subtree][&version=]: the year's timeliness, the unanswered
   * counted against it.
   */
  Answer compliance(
      final String agencyId, final String yearText, final String scope, final String version) {
    return ReadContext.guard(
        () -> {
          ctx.agency(agencyId);
          final int year = ctx.year(yearText);
          final boolean subtree = ReadContext.subtree(scope);
          final TableFigures.Figures fig = figures.figures(agencyId, year, subtree, version);
          final Map<String, Object> out = new LinkedHashMap<>();
          out.put("agencyId", agencyId);
          out.put("year", year);
          out.put("scope", subtree ? "subtree" : "agency");
          out.putAll(complianceFigures(agencyId, year, subtree, fig));
          if (fig.publication() != null) {
            out.put("publication", TableFigures.publicationJson(fig.publication()));
          }
          return Answer.jsonWithNulls(out);
        });
  }

  /**
   * The year's compliance figures from the figures' cells (live or frozen); as given for an
   * imported version.
   */
  Map<String, Object> complianceFigures(
      final String agencyId,
      final int year,
      final boolean subtree,
      final TableFigures.Figures fig) {
    final Map<String, Object> out = new LinkedHashMap<>();
    if (fig.cells() == null) {
      final Map<String, Object> given = fig.importedCompliance();
      for (String f :
          List.of("decided", "onTime", "late", "onTimeRate", "medianWorkingDays", "openOverdue")) {
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
    cells.forEach(
        (k, v) -> {
          if (k.startsWith(prefix)) {
            histogram.put(Integer.parseInt(k.substring(prefix.length())), v);
          }
        });
    long overdue = cells.getOrDefault(Cells.compliance(year, "OPEN_OVERDUE"), 0L);
    final boolean live = fig.publication() == null && year == ctx.today().getYear();
    final long[] openOverdue = live ? openOverdue(agencyId, subtree) : null;
    if (live) {
      overdue = openOverdue[0];
    }
    final long denominator = onTime + late + overdue;
    out.put("decided", decided);
    out.put("onTime", onTime);
    out.put("late", late);
    out.put(
        "onTimeRate",
        denominator == 0
            ? null
            : java.math.BigDecimal.valueOf(onTime)
                .divide(
                    java.math.BigDecimal.valueOf(denominator), 3, java.math.RoundingMode.HALF_UP)
                .doubleValue());
    out.put("medianWorkingDays", median(histogram));
    out.put("smallSample", denominator < MIN_DECIDED_FOR_RATES);
    out.put("openOverdue", overdue);
    final Map<String, Object> reanswers = new LinkedHashMap<>();
    reanswers.put("onTime", cells.getOrDefault(Cells.compliance(year, "RE_ON_TIME"), 0L));
    reanswers.put("late", cells.getOrDefault(Cells.compliance(year, "RE_LATE"), 0L));
    reanswers.put("openOverdue", live ? openOverdue[1] : 0L);
    out.put("reanswers", reanswers);
    out.put(
        "lateCorrectionNotices", cells.getOrDefault(Cells.compliance(year, "LATE_CORRECTION"), 0L));
    out.put("workingDaysHistogram", histogram);
    return out;
  }

  /**
   * The scope's open requests OVERDUE today, {@code [without a re-answer order, with one]}, from
   * the counts the views keep ({@link OpenDeadlines}), not from an evaluation of every open
   * request.
   */
  private long[] openOverdue(final String agencyId, final boolean subtree) {
    final DeadlineReads.Evaluation e = deadlines.evaluation();
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
}
