package foi.tracker.dashboard;

import foi.tracker.core.api.ApiException;
import foi.tracker.core.publication.Publication;
import foi.tracker.core.publication.PublicationCut;
import foi.tracker.core.table.Table3;
import foi.tracker.core.table.Table3Builder;
import foi.tracker.core.table.Table3Checks;
import foi.tracker.core.table.Table4;
import foi.tracker.core.table.Table4Builder;
import foi.tracker.core.taxonomy.Taxonomy;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The figures a table read shows: live, or as a publication froze (or imported) them, with the
 * checks across years and agencies (PUBLISHED_CONTINUITY, SUBTREE_SUM) and what changed since the
 * latest publication.
 */
final class TableFigures {
  private final ReadContext ctx;
  private final DashboardViews views;
  private final Table3Checks checks = new Table3Checks();

  TableFigures(final ReadContext ctx, final DashboardViews views) {
    this.ctx = ctx;
    this.views = views;
  }

  /** The figures of a table read: live (no {@code version}) or as frozen by a publication. */
  record Figures(
      Table3 table3,
      Table4 table4,
      Map<String, Long> cells,
      Publication publication,
      Map<String, Object> importedCompliance) {}

  Figures figures(
      final String agencyId, final int year, final boolean subtree, final String versionText) {
    final String scope = subtree ? "subtree" : "agency";
    if (versionText == null) {
      final Map<String, Long> cells = views.cells(agencyId, subtree);
      final Table3 t = Table3Builder.build(agencyId, scope, year, cells);
      return new Figures(
          withMore(t, publishedContinuity(agencyId, year, subtree, t)),
          Table4Builder.build(agencyId, scope, year, cells),
          cells,
          null,
          null);
    }
    final Integer version = versionParam(versionText);
    final PublicationViews.Version v =
        views
            .publications()
            .get(agencyId, year, version)
            .orElseThrow(() -> notPublished(agencyId, year));
    final Figures f = frozen(agencyId, year, subtree, v);
    Table3 t = withMore(f.table3(), publishedContinuity(agencyId, year, subtree, f.table3()));
    if (subtree && !v.publication().isImported()) {
      t = withMore(t, subtreeSum(agencyId, year, v, t));
    }
    return new Figures(t, f.table4(), f.cells(), f.publication(), f.importedCompliance());
  }

  /**
   * A version's figures as frozen (or imported), with the checks of each table alone: what the
   * checks across years and agencies compare against. 404 when the version has no table of this
   * scope.
   */
  Figures frozen(
      final String agencyId,
      final int year,
      final boolean subtree,
      final PublicationViews.Version v) {
    final String scope = subtree ? "subtree" : "agency";
    final Publication p = v.publication();
    if (p.isImported()) {
      if (subtree && !p.imported().isSubtree()) {
        throw new ApiException(
            404,
            "NOT_PUBLISHED",
            "version",
            agencyId
                + " 的"
                + year
                + "年度第"
                + p.version()
                + "版年报为导入的本机关年报，没有含下级的汇总表 (this version has no subtree table)");
      }
      final List<String> columns = new ArrayList<>(Taxonomy.get().applicantTypes());
      columns.add(Taxonomy.TOTAL);
      final Map<String, long[]> rows = new LinkedHashMap<>();
      for (Taxonomy.Row row : Taxonomy.get().rows()) {
        rows.put(row.code(), p.imported().table3().get(row.code()).clone());
      }
      final Table3 t =
          Table3Builder.withChecks(
              new Table3(agencyId, year, scope, List.copyOf(columns), rows, true, List.of()));
      return new Figures(
          t,
          new Table4(agencyId, year, scope, new LinkedHashMap<>(p.imported().table4())),
          null,
          p,
          p.imported().compliance() == null ? new LinkedHashMap<>() : p.imported().compliance());
    }
    final Map<String, Long> cells = subtree ? v.subtreeCells() : v.agencyCells();
    return new Figures(
        Table3Builder.build(agencyId, scope, year, cells),
        Table4Builder.build(agencyId, scope, year, cells),
        cells,
        p,
        null);
  }

  /**
   * The publication a read without {@code version} reports beside the live table: the latest not
   * withdrawn.
   */
  Publication latestPublication(final String agencyId, final int year) {
    return views
        .publications()
        .get(agencyId, year, null)
        .map(PublicationViews.Version::publication)
        .orElse(null);
  }

  /** A publication as a table read reports it beside its figures. */
  record PublicationJson(int version, LocalDate publishedDate, String reason, boolean imported) {}

  /** The publication as JSON; null for none. */
  static PublicationJson publicationJson(final Publication p) {
    return p == null
        ? null
        : new PublicationJson(p.version(), p.publishedDate(), p.reason(), p.isImported());
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
    throw ApiException.badField(
        "version", "「" + text + "」应为 published 或从1起的整数", "must be published or a whole number ≥ 1");
  }

  static ApiException notPublished(final String agencyId, final int year) {
    return new ApiException(
        404,
        "NOT_PUBLISHED",
        "version",
        agencyId + " 的" + year + "年度年报没有这一发布版本 (no such publication)");
  }

  /**
   * The cells where the live figures differ from the latest publication's of the same scope (empty
   * when unpublished, when the latest version is imported or has no table of this scope).
   */
  List<CellChange> changedSince(
      final String agencyId,
      final int year,
      final boolean subtree,
      final Figures live,
      final boolean table3,
      final boolean table4) {
    final List<CellChange> out = new ArrayList<>();
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
            out.add(
                new CellChange(
                    "table3", e.getKey(), live.table3().columns().get(i), e.getValue()[i], now[i]));
          }
        }
      }
    }
    if (table4) {
      frozen
          .table4()
          .cells()
          .forEach(
              (code, was) -> {
                final long now = live.table4().cells().getOrDefault(code, 0L);
                if (now != was) {
                  out.add(new CellChange("table4", "TABLE4", code, was, now));
                }
              });
    }
    return out;
  }

  /** A cell whose live figure differs from the published one. */
  record CellChange(String table, String row, String column, long published, long live) {}

  /**
   * PUBLISHED_CONTINUITY: 二 of {@code t} against 四 of the publication of the year before, same
   * scope.
   */
  private List<Table3.Imbalance> publishedContinuity(
      final String agencyId, final int year, final boolean subtree, final Table3 t) {
    final Optional<PublicationViews.Version> prev =
        views.publications().get(agencyId, year - 1, null);
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
   * SUBTREE_SUM: a published subtree table against the agency's own published table plus the latest
   * published subtree tables of its direct sub-agencies at the cut, when all of them have one.
   */
  private List<Table3.Imbalance> subtreeSum(
      final String agencyId,
      final int year,
      final PublicationViews.Version v,
      final Table3 subtreeTable) {
    final Table3 own = Table3Builder.build(agencyId, "agency", year, v.agencyCells());
    final List<Table3> children = new ArrayList<>();
    final List<String> names = new ArrayList<>();
    for (PublicationCut.Member m : v.members().values()) {
      if (!agencyId.equals(m.parentId())) {
        continue;
      }
      final Optional<PublicationViews.Version> child =
          views.publications().get(m.agencyId(), year, null);
      if (child.isEmpty()) {
        return List.of();
      }
      try {
        children.add(frozen(m.agencyId(), year, true, child.get()).table3());
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
    return new Table3(
        t.agencyId(), t.year(), t.scope(), t.columns(), t.rows(), false, List.copyOf(all));
  }
}
