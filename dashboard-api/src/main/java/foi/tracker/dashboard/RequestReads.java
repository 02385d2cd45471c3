package foi.tracker.dashboard;

import foi.tracker.core.agency.Agency;
import foi.tracker.core.api.ApiException;
import foi.tracker.core.deadline.Deadline;
import foi.tracker.core.deadline.DeadlineClock;
import foi.tracker.core.deadline.DeadlineStatus;
import foi.tracker.core.request.RequestRules;
import foi.tracker.core.request.RequestState;
import foi.tracker.core.request.RequestStatus;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One request (detail, what became of a step), the desk's search and the per-request export. */
final class RequestReads {
  private final ReadContext ctx;
  private final DashboardViews views;

  RequestReads(final ReadContext ctx, final DashboardViews views) {
    this.ctx = ctx;
    this.views = views;
  }

  /** GET .../requests/{requestId} (token). */
  Answer request(final String authorization, final String agencyId, final String requestId) {
    return ReadContext.guard(
        () -> {
          ctx.authorize(authorization, agencyId);
          ReadContext.checkId("requestId", requestId);
          final RequestState s = requestJustWritten(agencyId, requestId);
          final Deadline d =
              s.reanswer() != null
                  ? new RequestRules(ctx.clock()).reanswerDeadline(s, ctx.today(), true)
                  : ctx.clock().evaluate(s.receivedDate(), s.clock(), s.decidedDate(), ctx.today());
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
          out.put(
              "counted",
              s.counted() == null
                  ? null
                  : Map.of(
                      "outcome", s.counted().outcome(), "decidedDate", s.counted().decidedDate()));
          out.put("reanswer", s.reanswer());
          out.put("voided", s.voided());
          out.put("fees", s.fees());
          out.put("history", s.history());
          out.put("rejected", s.rejected());
          return Answer.jsonWithNulls(out);
        });
  }

  /**
   * How long a read of a request just acknowledged waits for the views to reach it (api.md: at most
   * 5 s).
   */
  static final java.time.Duration READ_YOUR_WRITES = java.time.Duration.ofSeconds(5);

  /**
   * The request, also right after its 201 (Reading what was just written): on a miss, waits until
   * the views have reached the end of the event log as it stood now; 503 CATCHING_UP if they do not
   * within 5 s, 404 if it is not there once they have.
   */
  private RequestState requestJustWritten(final String agencyId, final String requestId) {
    final Optional<RequestState> known = views.request(agencyId, requestId);
    if (known.isPresent()) {
      return known.get();
    }
    if (!views.awaitLogEnd(READ_YOUR_WRITES)) {
      throw catchingUp();
    }
    return views
        .request(agencyId, requestId)
        .orElseThrow(
            () ->
                new ApiException(
                    404,
                    "UNKNOWN_REQUEST",
                    "requestId",
                    "未找到该申请：" + agencyId + " 没有申请 " + requestId + " (no such application)"));
  }

  private static ApiException catchingUp() {
    return new ApiException(
        503,
        "CATCHING_UP",
        null,
        "数据正在更新，请稍候再试 (the views have not yet reached the " + "latest writes; try again shortly)");
  }

  /**
   * GET .../requests/{requestId}/events/{eventId} (token): what became of a step (api.md "What
   * became of a step"): ACCEPTED once it is in the request's history, REJECTED with the reason once
   * refused, PENDING while the views have not reached it; 404 UNKNOWN_EVENT only once they have
   * reached the log's end without it.
   */
  Answer eventStatus(
      final String authorization,
      final String agencyId,
      final String requestId,
      final String eventId) {
    return ReadContext.guard(
        () -> {
          ctx.authorize(authorization, agencyId);
          ReadContext.checkId("requestId", requestId);
          ReadContext.checkId("eventId", eventId);
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
                  ? new ApiException(
                      404,
                      "UNKNOWN_REQUEST",
                      "requestId",
                      "未找到该申请：" + agencyId + " 没有申请 " + requestId + " (no such application)")
                  : new ApiException(
                      404,
                      "UNKNOWN_EVENT",
                      "eventId",
                      "该申请没有编号为 " + eventId + " 的办理环节 (no such step on this request)");
            }
          }
          return Answer.jsonWithNulls(status);
        });
  }

  /**
   * ACCEPTED or REJECTED (with the reason and its reasonCode) when the request shows the step; null
   * when it does not (yet).
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

  /**
   * GET .../requests?format=csv&year=&scope= (token): one line per request, no subject and no
   * personal data. With {@code year}, the requests Table 三 of that year counts (received by its
   * end, not decided before its start). Whole, in one array: {@link #requestExport} streams it.
   */
  Answer requests(
      final String authorization,
      final String agencyId,
      final String format,
      final String yearText,
      final String scope) {
    final Export e = requestExport(authorization, agencyId, format, yearText, scope);
    return e.error() != null
        ? e.error()
        : new Answer(200, e.contentType(), e.body().all(), e.headers());
  }

  /**
   * The export's answer: an error, or its content type, headers and body written chunk by chunk.
   */
  record Export(
      Answer error, String contentType, Map<String, String> headers, RequestExport body) {}

  /**
   * The export as a stream ({@link RequestExport}): the checks first (token, agency, scope, year,
   * format), then the lines agency by agency as the response is written, never the whole scope in
   * memory.
   */
  Export requestExport(
      final String authorization,
      final String agencyId,
      final String format,
      final String yearText,
      final String scope) {
    final Answer error =
        ReadContext.guard(
            () -> {
              ctx.authorize(authorization, agencyId);
              ReadContext.subtree(scope);
              if (yearText != null && !yearText.isBlank()) {
                ctx.year(yearText);
              }
              final String f = format == null || format.isBlank() ? "csv" : format;
              if (!f.equals("csv") && !f.equals("json")) {
                throw ApiException.badField(
                    "format", "格式无效：" + f, "'" + f + "' is not one of csv, json");
              }
              return null;
            });
    if (error != null) {
      return new Export(error, null, null, null);
    }
    final boolean subtree = ReadContext.subtree(scope);
    final Integer year = yearText == null || yearText.isBlank() ? null : ctx.year(yearText);
    final boolean json = "json".equals(format);
    final List<String> agencies =
        new ArrayList<>(new java.util.TreeSet<>(views.scope(agencyId, subtree)));
    final RequestExport body =
        new RequestExport(
            views,
            agencies,
            year,
            json,
            agencyId,
            ctx.clock(),
            ctx.today(),
            id -> views.agency(id).map(Agency::name).orElse(null));
    if (json) {
      return new Export(null, Answer.JSON, Map.of(), body);
    }
    final String name =
        agencyId
            + (year == null ? "" : "-" + year)
            + "-requests"
            + (subtree ? "-subtree" : "")
            + ".csv";
    return new Export(
        null,
        RequestCsv.CONTENT_TYPE,
        Map.of("Content-Disposition", "attachment; filename=\"" + name + "\""),
        body);
  }

  /**
   * GET .../request-search?q=&status=open|closed|all&scope=&limit= (token): the desk's search
   * (查找申请) by request id, registration number (登记号) or subject (摘要), newest first (decided ones by
   * decision date): how a clerk finds a closed request to record what came after the answer.
   */
  Answer searchRequests(
      final String authorization,
      final String agencyId,
      final String q,
      final String statusText,
      final String scope,
      final String limitText) {
    return ReadContext.guard(
        () -> {
          ctx.authorize(authorization, agencyId);
          final boolean subtree = ReadContext.subtree(scope);
          final String status = statusText == null || statusText.isBlank() ? "all" : statusText;
          if (!List.of("open", "closed", "all").contains(status)) {
            throw ApiException.badField(
                "status", "「" + status + "」应为 open、closed 或 all", "must be open, closed or all");
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
            if (!needle.isEmpty()
                && !contains(s.requestId(), needle)
                && !contains(s.subject(), needle)
                && !contains(s.registrationNumber(), needle)) {
              continue;
            }
            found.add(s);
          }
          found.sort(
              Comparator.comparing(
                      (RequestState s) ->
                          s.decidedDate() != null ? s.decidedDate() : s.receivedDate())
                  .reversed()
                  .thenComparing(RequestState::key));
          final DeadlineClock c = ctx.clock();
          final LocalDate today = ctx.today();
          final List<SearchHit> list = new ArrayList<>();
          for (RequestState s : found.subList(0, Math.min(limit, found.size()))) {
            final Deadline d = c.evaluateBrief(s.receivedDate(), s.clock(), s.decidedDate(), today);
            list.add(
                new SearchHit(
                    s.requestId(),
                    s.agencyId(),
                    views.agency(s.agencyId()).map(Agency::name).orElse(null),
                    s.registrationNumber(),
                    s.subject(),
                    s.receivedDate(),
                    s.status(),
                    s.outcome(),
                    s.decidedDate(),
                    d.status(),
                    s.isVoided()));
          }
          return Answer.jsonWithNulls(new SearchAnswer(agencyId, found.size(), list));
        });
  }

  /** The search's answer: how many were found, and the first {@code limit} of them. */
  record SearchAnswer(String agencyId, int total, List<SearchHit> requests) {}

  /** A request the desk's search found. */
  record SearchHit(
      String requestId,
      String agencyId,
      String agencyName,
      String registrationNumber,
      String subject,
      LocalDate receivedDate,
      RequestStatus status,
      String outcome,
      LocalDate decidedDate,
      DeadlineStatus deadlineStatus,
      boolean voided) {}

  private static boolean contains(final String text, final String needle) {
    return text != null && text.toLowerCase(java.util.Locale.ROOT).contains(needle);
  }
}
