package foi.tracker.report;

import foi.tracker.core.table.Table3;

/**
 * The published tables of report-render's seeds, for dashboard-api's tests (the parser is
 * package-private).
 */
public final class SeedTables {
  private SeedTables() {}

  /** Seed 002, 固镇县连城镇 2024: its Table 三 as published. */
  public static Table3 lianCheng2024(final String agencyId) {
    return SeedReport.load(Seeds.resource(Seeds.LIANCHENG_2024)).toTable3(agencyId);
  }

  /** The year seed 002 reports on. */
  public static int lianChengYear() {
    return SeedReport.load(Seeds.resource(Seeds.LIANCHENG_2024)).year();
  }
}
