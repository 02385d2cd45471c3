package foi.tracker.dashboard;

import foi.tracker.core.agency.Agency;
import foi.tracker.core.api.ApiException;
import foi.tracker.core.publication.Publication;
import foi.tracker.core.table.Cells;
import foi.tracker.core.table.Table3;
import foi.tracker.core.table.Table3Builder;
import foi.tracker.core.table.Table4;
import foi.tracker.core.taxonomy.Taxonomy;
import foi.tracker.report.ReportDraft;
import foi.tracker.report.ReportHeading;
import foi.tracker.report.ReportXlsx;
import foi.tracker.report.ReportXlsxReader;
import foi.tracker.report.Table3Csv;
import foi.tracker.report.Table3Html;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Table 三 and Table 四 (live or a published version, in each format), the report draft and the
 * import preview.
 */
final class TableReads {
  private final ReadContext ctx;
  private final TableFigures figures;
  private final ComplianceReads compliance;
  private final Table3Html table3Html = new Table3Html();
  private final Table3Csv table3Csv = new Table3Csv();
  private final ReportXlsx xlsx = new ReportXlsx();
  private final ReportDraft draft = new ReportDraft();
  private final ReportXlsxReader xlsxReader = new ReportXlsxReader();

  TableReads(final ReadContext ctx, final TableFigures figures, final ComplianceReads compliance) {
    this.ctx = ctx;
    this.figures = figures;
    this.compliance = compliance;
  }

  /**
   * GET
   * .../reports/{year}/table3[?scope=subtree][&format=csv|html|xlsx|json][&version=published|N].
   */
  Answer table3(
      final String agencyId,
      final String yearText,
      final String scope,
      final String format,
      final String version) {
    return ReadContext.guard(
        () -> {
          final Agency agency = ctx.agency(agencyId);
          final int year = ctx.year(yearText);
          final boolean subtree = ReadContext.subtree(scope);
          final String f = format == null ? "json" : format;
          if (!List.of("json", "html", "csv", "xlsx").contains(f)) {
            throw ApiException.badField(
                "format", "格式无效：" + f, "'" + f + "' is not one of json, html, csv, xlsx");
          }
          final TableFigures.Figures fig = figures.figures(agencyId, year, subtree, version);
          final Table3 t = fig.table3();
          final String base =
              agencyId
                  + "-"
                  + year
                  + "-table3"
                  + (subtree ? "-subtree" : "")
                  + (fig.publication() == null ? "" : "-v" + fig.publication().version());
          return switch (f) {
            case "json" -> {
              final Map<String, Object> out = table3Json(t);
              out.put(
                  "publication",
                  TableFigures.publicationJson(
                      fig.publication() != null
                          ? fig.publication()
                          : figures.latestPublication(agencyId, year)));
              if (fig.publication() == null) {
                out.put(
                    "changedSincePublication",
                    figures.changedSince(agencyId, year, subtree, fig, true, false));
              }
              yield Answer.jsonWithNulls(out);
            }
            case "html" -> Answer.html(table3Html.page(t, heading(agency, year, subtree, fig)));
            case "csv" ->
                Answer.download("text/csv; charset=utf-8", table3Csv.render(t), base + ".csv");
            default ->
                Answer.download(
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    xlsx.render(t, fig.table4(), heading(agency, year, subtree, fig)),
                    base + ".xlsx");
          };
        });
  }

  /** GET .../reports/{year}/table4[?scope=subtree][&version=published|N]. */
  Answer table4(
      final String agencyId, final String yearText, final String scope, final String version) {
    return ReadContext.guard(
        () -> {
          ctx.agency(agencyId);
          final int year = ctx.year(yearText);
          final boolean subtree = ReadContext.subtree(scope);
          final TableFigures.Figures fig = figures.figures(agencyId, year, subtree, version);
          final Table4 t = fig.table4();
          final Map<String, Object> out = new LinkedHashMap<>();
          out.put("agencyId", t.agencyId());
          out.put("year", t.year());
          out.put("scope", t.scope());
          out.put("cells", t.cells());
          final List<Table3.Imbalance> problems = table4Checks(t);
          out.put("balanced", problems.isEmpty());
          out.put("imbalances", problems);
          out.put(
              "publication",
              TableFigures.publicationJson(
                  fig.publication() != null
                      ? fig.publication()
                      : figures.latestPublication(agencyId, year)));
          if (fig.publication() == null) {
            out.put(
                "changedSincePublication",
                figures.changedSince(agencyId, year, subtree, fig, false, true));
          }
          return Answer.jsonWithNulls(out);
        });
  }

  /** GET .../reports/{year}[?scope=][&version=]: the printable report draft. */
  Answer report(
      final String agencyId, final String yearText, final String scope, final String version) {
    return ReadContext.guard(
        () -> {
          final Agency agency = ctx.agency(agencyId);
          final int year = ctx.year(yearText);
          final boolean subtree = ReadContext.subtree(scope);
          final TableFigures.Figures fig = figures.figures(agencyId, year, subtree, version);
          final Map<String, Object> c = compliance.complianceFigures(agencyId, year, subtree, fig);
          final ReportDraft.Compliance compliance =
              c.get("onTime") == null || c.get("late") == null
                  ? null
                  : new ReportDraft.Compliance(
                      ((Number) c.get("onTime")).longValue(),
                      ((Number) c.get("late")).longValue(),
                      c.get("openOverdue") == null
                          ? null
                          : ((Number) c.get("openOverdue")).longValue());
          return Answer.html(
              draft.render(
                  new ReportDraft.Input(
                      heading(agency, year, subtree, fig),
                      fig.table3(),
                      fig.table4(),
                      compliance,
                      feeYuan(fig, year))));
        });
  }

  /**
   * POST .../reports/{year}/import-preview (token): an uploaded XLSX in the official layout read
   * back into the body of an import, with the checks the published table will get; nothing is
   * written. The page shows the grid as read and the results, and the office confirms by sending
   * {@code imported} in the publication PUT.
   */
  Answer importPreview(
      final String authorization, final String agencyId, final String yearText, final byte[] body) {
    return ReadContext.guard(
        () -> {
          ctx.authorize(authorization, agencyId);
          final int year = ctx.year(yearText);
          final ReportXlsxReader.Read read = xlsxReader.read(body);
          final List<String> columns = new ArrayList<>(Taxonomy.get().applicantTypes());
          columns.add(Taxonomy.TOTAL);
          final Table3 t3 =
              Table3Builder.withChecks(
                  new Table3(
                      agencyId,
                      year,
                      "agency",
                      List.copyOf(columns),
                      read.table3(),
                      true,
                      List.of()));
          final Table4 t4 = new Table4(agencyId, year, "agency", read.table4());
          final Map<String, Object> out = new LinkedHashMap<>();
          out.put("agencyId", agencyId);
          out.put("year", year);
          out.put("readable", read.problems().isEmpty());
          out.put("problems", read.problems());
          out.put(
              "imported",
              Map.of(
                  "table3",
                  Map.of("rows", read.table3()),
                  "table4",
                  Map.of("cells", read.table4())));
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

  /**
   * What a download says above the grid: the agency (as named at the cut), year, scope, live as of
   * now or version.
   */
  private ReportHeading heading(
      final Agency agency, final int year, final boolean subtree, final TableFigures.Figures fig) {
    final Publication p = fig.publication();
    if (p == null) {
      return ReportHeading.live(agency.name(), year, subtree, ctx.now());
    }
    return ReportHeading.published(
        p.agencyName() == null ? agency.name() : p.agencyName(),
        year,
        subtree,
        new ReportHeading.Publication(p.version(), p.publishedDate(), p.reason()));
  }

  /**
   * The year's 信息处理费 in yuan from the FEE_PAID amounts counted in the figures (null when not
   * known).
   */
  private static java.math.BigDecimal feeYuan(final TableFigures.Figures fig, final int year) {
    return fig.cells() == null
        ? null
        : java.math.BigDecimal.valueOf(fig.cells().getOrDefault(Cells.feeFen(year), 0L), 2);
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
}
