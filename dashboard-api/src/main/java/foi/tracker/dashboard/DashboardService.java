package foi.tracker.dashboard;

import foi.tracker.core.deadline.DeadlineClock;
import foi.tracker.core.deadline.DeadlineSettings;
import foi.tracker.core.topic.DeadlineAlert;
import java.time.Clock;
import java.time.LocalDate;

/**
 * The read side of api.md, framework-free: the one object the controller calls. Each read is
 * answered by a class of its own ({@link TableReads}, {@link PublicationReads}, {@link
 * ComplianceReads}, {@link DeadlineReads}, {@link RequestReads}, {@link AgencyReads}, {@link
 * AlertReads}, {@link StatusReads}) over one {@link ReadContext}.
 */
final class DashboardService {
  private final ReadContext ctx;
  private final TableReads tables;
  private final PublicationReads publications;
  private final ComplianceReads compliance;
  private final DeadlineReads deadlines;
  private final RequestReads requests;
  private final AgencyReads agencies;
  private final AlertReads alerts;
  private final StatusReads status;

  DashboardService(final DashboardViews views, final Clock clock, final DeadlineSettings settings) {
    this.ctx = new ReadContext(views, clock, settings);
    final TableFigures figures = new TableFigures(ctx, views);
    this.deadlines = new DeadlineReads(ctx, views);
    this.compliance = new ComplianceReads(ctx, views, figures, deadlines);
    this.tables = new TableReads(ctx, figures, compliance);
    this.publications = new PublicationReads(ctx, views, figures);
    this.requests = new RequestReads(ctx, views);
    this.agencies = new AgencyReads(views);
    this.alerts = new AlertReads(ctx, views);
    this.status = new StatusReads(views);
  }

  LocalDate today() {
    return ctx.today();
  }

  DeadlineClock clock() {
    return ctx.clock();
  }

  boolean isReady() {
    return ctx.views().isCaughtUp();
  }

  DashboardViews views() {
    return ctx.views();
  }

  Answer table3(
      final String agencyId,
      final String yearText,
      final String scope,
      final String format,
      final String version) {
    return tables.table3(agencyId, yearText, scope, format, version);
  }

  Answer table4(
      final String agencyId, final String yearText, final String scope, final String version) {
    return tables.table4(agencyId, yearText, scope, version);
  }

  Answer report(
      final String agencyId, final String yearText, final String scope, final String version) {
    return tables.report(agencyId, yearText, scope, version);
  }

  Answer importPreview(
      final String authorization, final String agencyId, final String yearText, final byte[] body) {
    return tables.importPreview(authorization, agencyId, yearText, body);
  }

  Answer publications(final String agencyId, final String yearText) {
    return publications.publications(agencyId, yearText);
  }

  Answer corrections(
      final String authorization,
      final String agencyId,
      final String yearText,
      final String scope) {
    return publications.corrections(authorization, agencyId, yearText, scope);
  }

  Answer corrections(
      final String authorization,
      final String agencyId,
      final String yearText,
      final String scope,
      final String limitText,
      final String cursor) {
    return publications.corrections(authorization, agencyId, yearText, scope, limitText, cursor);
  }

  Answer compliance(
      final String agencyId, final String yearText, final String scope, final String version) {
    return compliance.compliance(agencyId, yearText, scope, version);
  }

  Answer deadlines(
      final String authorization,
      final String agencyId,
      final String statusText,
      final String scope) {
    return deadlines.deadlines(authorization, agencyId, statusText, scope);
  }

  Answer deadlines(
      final String authorization,
      final String agencyId,
      final String statusText,
      final String scope,
      final String limitText,
      final String cursor) {
    return deadlines.deadlines(authorization, agencyId, statusText, scope, limitText, cursor);
  }

  Answer dueDate(final String fromText, final String workingDaysText) {
    return deadlines.dueDate(fromText, workingDaysText);
  }

  Answer request(final String authorization, final String agencyId, final String requestId) {
    return requests.request(authorization, agencyId, requestId);
  }

  Answer eventStatus(
      final String authorization,
      final String agencyId,
      final String requestId,
      final String eventId) {
    return requests.eventStatus(authorization, agencyId, requestId, eventId);
  }

  Answer requests(
      final String authorization,
      final String agencyId,
      final String format,
      final String yearText,
      final String scope) {
    return requests.requests(authorization, agencyId, format, yearText, scope);
  }

  RequestReads.Export requestExport(
      final String authorization,
      final String agencyId,
      final String format,
      final String yearText,
      final String scope) {
    return requests.requestExport(authorization, agencyId, format, yearText, scope);
  }

  Answer searchRequests(
      final String authorization,
      final String agencyId,
      final String q,
      final String statusText,
      final String scope,
      final String limitText) {
    return requests.searchRequests(authorization, agencyId, q, statusText, scope, limitText);
  }

  Answer agencies(final String ifNoneMatch) {
    return agencies.agencies(ifNoneMatch);
  }

  Answer agencies() {
    return agencies.agencies();
  }

  Answer status() {
    return status.status();
  }

  Answer layout() {
    return status.layout();
  }

  Answer recentAlerts(final String authorization, final String agencyId, final String scope) {
    return alerts.recentAlerts(authorization, agencyId, scope);
  }

  void checkAlertStream(final String authorization, final String agencyId, final String scope) {
    alerts.checkAlertStream(authorization, agencyId, scope);
  }

  /** An alert as JSON ({@link AlertReads#alertJson}), kept here for the alert stream. */
  static AlertReads.AlertJson alertJson(final DeadlineAlert a) {
    return AlertReads.alertJson(a);
  }

  /**
   * The open requests of every agency by their deadline status today ({@code
   * foi_tracker_open_requests}).
   */
  java.util.Map<foi.tracker.core.deadline.DeadlineStatus, Long> openByStatus() {
    return deadlines.openByStatus();
  }
}
