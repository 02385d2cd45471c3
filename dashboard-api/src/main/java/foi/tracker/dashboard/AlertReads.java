package foi.tracker.dashboard;

import foi.tracker.core.api.ApiException;
import foi.tracker.core.deadline.Deadline;
import foi.tracker.core.deadline.DeadlineStatus;
import foi.tracker.core.topic.DeadlineAlert;
import java.time.LocalDate;
import java.util.List;

/** The scope's recent deadline alerts, and the check before an alert stream opens. */
final class AlertReads {
  private final ReadContext ctx;
  private final DashboardViews views;

  AlertReads(final ReadContext ctx, final DashboardViews views) {
    this.ctx = ctx;
    this.views = views;
  }

  /**
   * GET .../alerts/recent?scope= (token): the recent DUE_SOON/OVERDUE alerts of the scope, newest
   * first.
   */
  Answer recentAlerts(final String authorization, final String agencyId, final String scope) {
    return ReadContext.guard(
        () -> {
          ctx.authorize(authorization, agencyId);
          final boolean subtree = ReadContext.subtree(scope);
          return Answer.jsonWithNulls(
              new AlertList(
                  agencyId,
                  subtree ? "subtree" : "agency",
                  views.recentAlerts(views.scope(agencyId, subtree)).stream()
                      .map(AlertReads::alertJson)
                      .toList()));
        });
  }

  /**
   * The check before an alert stream is opened (token, agency, scope): an {@link ApiException} to
   * answer instead of the stream. The stream itself follows the scope ({@link AlertStream}).
   */
  void checkAlertStream(final String authorization, final String agencyId, final String scope) {
    ctx.authorize(authorization, agencyId);
    ReadContext.subtree(scope);
  }

  /** The scope's recent alerts, newest first. */
  record AlertList(String agencyId, String scope, List<AlertJson> alerts) {}

  /** A deadline alert as the page and the alert stream show it. */
  record AlertJson(
      String agencyId,
      String requestId,
      DeadlineStatus from,
      DeadlineStatus to,
      LocalDate dueDate,
      Integer workingDaysLeft,
      Deadline.Lapse lapse,
      LocalDate asOf,
      java.time.Instant emittedAt) {}

  static AlertJson alertJson(final DeadlineAlert a) {
    return new AlertJson(
        a.agencyId(),
        a.requestId(),
        a.from(),
        a.to(),
        a.dueDate(),
        a.workingDaysLeft(),
        a.lapse(),
        a.asOf(),
        a.emittedAt());
  }
}
