package foi.tracker.dashboard;

import foi.tracker.core.access.AccessControl;
import foi.tracker.core.api.ApiException;
import foi.tracker.core.view.ServiceHealth;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.time.Duration;

/** HTTP routes of the dashboard API; all logic is in {@link DashboardService}. */
@Controller
@Requires(property = "tracker.service", value = "dashboard")
@ExecuteOn(TaskExecutors.BLOCKING)
public class DashboardController {
  private final DashboardService service;

  private final Duration heartbeat;
  private final AlertStreamCap streams;

  DashboardController(
      final DashboardService service,
      @Value("${tracker.sse.heartbeat:15s}") final Duration heartbeat,
      @Value("${tracker.sse.streams-per-token:5}") final int streamsPerToken) {
    this.service = service;
    this.heartbeat = heartbeat;
    this.streams = new AlertStreamCap(streamsPerToken);
  }

  @Get(uri = "/api/v1/agencies/{agencyId}/reports/{year}/table3", produces = MediaType.ALL)
  public HttpResponse<byte[]> table3(
      @PathVariable final String agencyId,
      @PathVariable final String year,
      @Nullable @QueryValue final String scope,
      @Nullable @QueryValue final String format,
      @Nullable @QueryValue final String version) {
    return http(service.table3(agencyId, year, scope, format, version));
  }

  @Get(
      uri = "/api/v1/agencies/{agencyId}/reports/{year}/table4",
      produces = MediaType.APPLICATION_JSON)
  public HttpResponse<byte[]> table4(
      @PathVariable final String agencyId,
      @PathVariable final String year,
      @Nullable @QueryValue final String scope,
      @Nullable @QueryValue final String version) {
    return http(service.table4(agencyId, year, scope, version));
  }

  /**
   * The import preview (导入预览): last year's report as read from an uploaded official-layout XLSX,
   * with its checks.
   */
  @ExecuteOn(TaskExecutors.BLOCKING)
  @io.micronaut.http.annotation.Post(
      uri = "/api/v1/agencies/{agencyId}/reports/{year}/import-preview",
      consumes = MediaType.ALL,
      produces = MediaType.APPLICATION_JSON)
  public HttpResponse<byte[]> importPreview(
      @Nullable @Header("Authorization") final String authorization,
      @PathVariable final String agencyId,
      @PathVariable final String year,
      @Nullable @io.micronaut.http.annotation.Body final byte[] body) {
    return http(service.importPreview(authorization, agencyId, year, body));
  }

  @Get(uri = "/api/v1/agencies/{agencyId}/request-search", produces = MediaType.APPLICATION_JSON)
  public HttpResponse<byte[]> searchRequests(
      @Nullable @Header("Authorization") final String authorization,
      @PathVariable final String agencyId,
      @Nullable @QueryValue final String q,
      @Nullable @QueryValue final String status,
      @Nullable @QueryValue final String scope,
      @Nullable @QueryValue final String limit) {
    return http(service.searchRequests(authorization, agencyId, q, status, scope, limit));
  }

  @Get(
      uri = "/api/v1/agencies/{agencyId}/reports/{year}/publications",
      produces = MediaType.APPLICATION_JSON)
  public HttpResponse<byte[]> publications(
      @PathVariable final String agencyId, @PathVariable final String year) {
    return http(service.publications(agencyId, year));
  }

  @Get(
      uri = "/api/v1/agencies/{agencyId}/reports/{year}/corrections",
      produces = MediaType.APPLICATION_JSON)
  public HttpResponse<byte[]> corrections(
      @Nullable @Header("Authorization") final String authorization,
      @PathVariable final String agencyId,
      @PathVariable final String year,
      @Nullable @QueryValue final String scope,
      @Nullable @QueryValue final String limit,
      @Nullable @QueryValue final String cursor) {
    return http(service.corrections(authorization, agencyId, year, scope, limit, cursor));
  }

  @Get(uri = "/api/v1/agencies/{agencyId}/reports/{year}", produces = MediaType.TEXT_HTML)
  public HttpResponse<byte[]> report(
      @PathVariable final String agencyId,
      @PathVariable final String year,
      @Nullable @QueryValue final String scope,
      @Nullable @QueryValue final String version) {
    return http(service.report(agencyId, year, scope, version));
  }

  @ExecuteOn(
      TaskExecutors.BLOCKING) // a read right after the write may wait for the views (at most 5 s)
  @Get(
      uri = "/api/v1/agencies/{agencyId}/requests/{requestId}",
      produces = MediaType.APPLICATION_JSON)
  public HttpResponse<byte[]> request(
      @Nullable @Header("Authorization") final String authorization,
      @PathVariable final String agencyId,
      @PathVariable final String requestId) {
    return http(service.request(authorization, agencyId, requestId));
  }

  @ExecuteOn(TaskExecutors.BLOCKING)
  @Get(
      uri = "/api/v1/agencies/{agencyId}/requests/{requestId}/events/{eventId}",
      produces = MediaType.APPLICATION_JSON)
  public HttpResponse<byte[]> eventStatus(
      @Nullable @Header("Authorization") final String authorization,
      @PathVariable final String agencyId,
      @PathVariable final String requestId,
      @PathVariable final String eventId) {
    return http(service.eventStatus(authorization, agencyId, requestId, eventId));
  }

  @Get(uri = "/api/v1/agencies/{agencyId}/deadlines", produces = MediaType.APPLICATION_JSON)
  public HttpResponse<byte[]> deadlines(
      @Nullable @Header("Authorization") final String authorization,
      @PathVariable final String agencyId,
      @Nullable @QueryValue final String status,
      @Nullable @QueryValue final String scope,
      @Nullable @QueryValue final String limit,
      @Nullable @QueryValue final String cursor) {
    return http(service.deadlines(authorization, agencyId, status, scope, limit, cursor));
  }

  @Get(uri = "/api/v1/agencies/{agencyId}/compliance/{year}", produces = MediaType.APPLICATION_JSON)
  public HttpResponse<byte[]> compliance(
      @PathVariable final String agencyId,
      @PathVariable final String year,
      @Nullable @QueryValue final String scope,
      @Nullable @QueryValue final String version) {
    return http(service.compliance(agencyId, year, scope, version));
  }

  @Get(uri = "/api/v1/calendar/due-date", produces = MediaType.APPLICATION_JSON)
  public HttpResponse<byte[]> dueDate(
      @Nullable @QueryValue final String from, @Nullable @QueryValue final String workingDays) {
    return http(service.dueDate(from, workingDays));
  }

  @Get(uri = "/api/v1/agencies", produces = MediaType.APPLICATION_JSON)
  public HttpResponse<byte[]> agencies(
      @Nullable @Header("If-None-Match") final String ifNoneMatch) {
    return http(service.agencies(ifNoneMatch));
  }

  @Get(uri = "/api/v1/status", produces = MediaType.APPLICATION_JSON)
  public HttpResponse<byte[]> status() {
    return http(service.status());
  }

  @Get(uri = "/api/v1/layout", produces = MediaType.APPLICATION_JSON)
  public HttpResponse<byte[]> layout() {
    return http(service.layout());
  }

  @Get(uri = "/api/v1/agencies/{agencyId}/alerts/recent", produces = MediaType.APPLICATION_JSON)
  public HttpResponse<byte[]> recentAlerts(
      @Nullable @Header("Authorization") final String authorization,
      @PathVariable final String agencyId,
      @Nullable @QueryValue final String scope) {
    return http(service.recentAlerts(authorization, agencyId, scope));
  }

  /** The per-request export, streamed agency by agency as it is written ({@link RequestExport}). */
  @Get(uri = "/api/v1/agencies/{agencyId}/requests", produces = MediaType.ALL)
  public HttpResponse<?> requests(
      @Nullable @Header("Authorization") final String authorization,
      @PathVariable final String agencyId,
      @Nullable @QueryValue final String format,
      @Nullable @QueryValue final String year,
      @Nullable @QueryValue final String scope) {
    final RequestReads.Export e =
        service.requestExport(authorization, agencyId, format, year, scope);
    if (e.error() != null) {
      return http(e.error());
    }
    // an input stream read by the server's blocking I/O pool as it writes (a Publisher of a JSON
    // type would be
    // framed as a JSON array of its items)
    final RequestExport body = e.body();
    final java.io.InputStream in =
        new java.io.SequenceInputStream(
            new java.util.Enumeration<java.io.InputStream>() {
              @Override
              public boolean hasMoreElements() {
                return body.hasNext();
              }

              @Override
              public java.io.InputStream nextElement() {
                return new java.io.ByteArrayInputStream(body.next());
              }
            });
    final MutableHttpResponse<io.micronaut.http.server.types.files.StreamedFile> r =
        HttpResponse.ok(
            new io.micronaut.http.server.types.files.StreamedFile(
                in, MediaType.of(e.contentType())));
    r.contentType(e.contentType());
    e.headers().forEach(r::header);
    return r;
  }

  /**
   * Server-Sent Events of the scope's deadline alerts as they are emitted, with a heartbeat
   * comment; the token may come as {@code ?token=} because a browser's EventSource cannot send
   * headers.
   */
  @Get(
      uri = "/api/v1/agencies/{agencyId}/alerts/stream",
      produces = {MediaType.TEXT_EVENT_STREAM, MediaType.APPLICATION_JSON})
  public HttpResponse<?> alertStream(
      @Nullable @Header("Authorization") final String authorization,
      @PathVariable final String agencyId,
      @Nullable @QueryValue final String scope,
      @Nullable @QueryValue final String token) {
    final String auth = authorization != null || token == null ? authorization : "Bearer " + token;
    try {
      service.checkAlertStream(auth, agencyId, scope);
    } catch (ApiException e) {
      return http(Answer.error(e));
    }
    final String bearer = AccessControl.bearer(auth);
    final AccessControl access = service.views().access();
    final AccessControl.Caller caller = access.authenticate(bearer);
    final Runnable release =
        streams.tryOpen(
            caller instanceof AccessControl.Caller.Desk d ? "desk:" + d.tokenId() : "admin");
    if (release == null) {
      final Answer busy =
          Answer.error(
              ApiException.of(
                  429,
                  "TOO_MANY_STREAMS",
                  null,
                  "本令牌打开的预警推送连接已达上限 " + streams.perToken() + " 个，请先关闭其他页面",
                  "this token already has "
                      + streams.perToken()
                      + " alert streams open; close one first"));
      final MutableHttpResponse<byte[]> r =
          HttpResponse.<byte[]>status(HttpStatus.TOO_MANY_REQUESTS)
              .body(busy.body())
              .contentType(busy.contentType());
      r.header("Retry-After", "30");
      return r;
    }
    final DashboardViews views = service.views();
    final java.util.function.BooleanSupplier stillAllowed =
        () -> {
          final AccessControl.Caller now = access.authenticate(bearer);
          return now != null && views.mayActOn(now, agencyId) == AccessControl.Verdict.ALLOWED;
        };
    return HttpResponse.ok(
            AlertStream.events(
                views,
                agencyId,
                "subtree".equals(scope),
                stillAllowed,
                heartbeat,
                AlertStream.QUEUE_CAPACITY,
                release))
        .contentType(MediaType.TEXT_EVENT_STREAM_TYPE)
        .header("Cache-Control", "no-cache")
        .header("X-Accel-Buffering", "no");
  }

  /**
   * 200 once the views are rebuilt, 503 before (this service's own readiness: a lagging processor
   * never makes it 503); the body carries the rebuild's progress and the processor's state and lag
   * ({@link ServiceHealth}).
   */
  @Get(uri = "/health", produces = MediaType.APPLICATION_JSON)
  public HttpResponse<String> health() {
    final boolean ready = service.isReady();
    return HttpResponse.<String>status(ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
        .body(ServiceHealth.body(ready, service.views().progress(), service.views().processor()));
  }

  static HttpResponse<byte[]> http(final Answer a) {
    final MutableHttpResponse<byte[]> r =
        HttpResponse.<byte[]>status(HttpStatus.valueOf(a.status()))
            .body(a.body())
            .contentType(a.contentType());
    a.headers().forEach(r::header);
    return r;
  }
}
