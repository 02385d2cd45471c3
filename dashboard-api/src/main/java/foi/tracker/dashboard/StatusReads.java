package foi.tracker.dashboard;

import java.util.LinkedHashMap;
import java.util.Map;

/** What the page shows about the pipeline, and the official layouts it fills in. */
final class StatusReads {
  private final DashboardViews views;

  StatusReads(final DashboardViews views) {
    this.views = views;
  }

  /** GET /api/v1/status: what the page shows about the pipeline (dead letters, rejected events). */
  Answer status() {
    return ReadContext.guard(
        () -> {
          final Map<String, Object> out = new LinkedHashMap<>();
          out.put("deadLetters", views.deadLetters());
          out.put("rejected", views.rejected());
          out.put("agencies", views.agencyCount());
          out.put("caughtUp", views.isCaughtUp());
          out.put("processor", views.processor().json());
          return Answer.jsonWithNulls(out);
        });
  }

  /**
   * GET /api/v1/layout: the official layouts of Table 三 and Table 四 as grids, for the page to fill
   * in.
   */
  Answer layout() {
    return ReadContext.guard(
        () -> {
          final Map<String, Object> out = new LinkedHashMap<>();
          out.put("table3", Layouts.table3());
          out.put("table4", Layouts.table4());
          return Answer.json(out);
        });
  }
}
