package foi.tracker.ingest;

import foi.tracker.core.api.ApiException;
import foi.tracker.core.api.Reply;
import foi.tracker.core.view.ProcessorProbe;
import foi.tracker.core.view.ServiceHealth;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.concurrent.CompletableFuture;

/**
 * HTTP routes of the ingest service; all logic is behind {@link IngestService} (one class per
 * family of routes). The two single-call writes run on the server's event loop and are answered
 * when the broker acknowledges (no thread waits for it); every other route may wait for Kafka and
 * runs on the blocking executor.
 */
@Controller
@Requires(property = "tracker.service", value = "ingest")
public class IngestController {
  private final IngestService service;
  private final PublicationService publications;
  private final ProcessorProbe processor;

  public IngestController(
      final IngestService service,
      final PublicationService publications,
      final ProcessorProbe processor) {
    this.service = service;
    this.publications = publications;
    this.processor = processor;
  }

  @ExecuteOn(TaskExecutors.BLOCKING)
  @Put(
      uri = "/api/v1/agencies/{agencyId}/reports/{year}/publications/{version}",
      consumes = MediaType.ALL,
      produces = MediaType.APPLICATION_JSON)
  public HttpResponse<String> publish(
      @Nullable @Header("Authorization") final String authorization,
      @PathVariable final String agencyId,
      @PathVariable final String year,
      @PathVariable final String version,
      @Nullable @Body final byte[] body) {
    return http(publications.publish(authorization, agencyId, year, version, body));
  }

  @ExecuteOn(TaskExecutors.BLOCKING)
  @Delete(
      uri = "/api/v1/agencies/{agencyId}/reports/{year}/publications/{version}",
      consumes = MediaType.ALL,
      produces = MediaType.APPLICATION_JSON)
  public HttpResponse<String> withdraw(
      @Nullable @Header("Authorization") final String authorization,
      @PathVariable final String agencyId,
      @PathVariable final String year,
      @PathVariable final String version,
      @Nullable @Body final byte[] body) {
    return http(publications.withdraw(authorization, agencyId, year, version, body));
  }

  @ExecuteOn(TaskExecutors.BLOCKING)
  @Put(
      uri = "/api/v1/agencies/{agencyId}",
      consumes = MediaType.ALL,
      produces = MediaType.APPLICATION_JSON)
  public HttpResponse<String> putAgency(
      @Nullable @Header("Authorization") final String authorization,
      @PathVariable final String agencyId,
      @Nullable @Body final byte[] body) {
    return http(service.putAgency(authorization, agencyId, body));
  }

  @ExecuteOn(TaskExecutors.BLOCKING)
  @Post(
      uri = "/api/v1/agencies/{agencyId}/tokens",
      consumes = MediaType.ALL,
      produces = MediaType.APPLICATION_JSON)
  public HttpResponse<String> issueToken(
      @Nullable @Header("Authorization") final String authorization,
      @PathVariable final String agencyId,
      @Nullable @Body final byte[] body) {
    return http(service.issueToken(authorization, agencyId, body == null ? "{}".getBytes() : body));
  }

  @ExecuteOn(TaskExecutors.BLOCKING)
  @Post(
      uri = "/api/v1/signing-key/rotation",
      consumes = MediaType.ALL,
      produces = MediaType.APPLICATION_JSON)
  public HttpResponse<String> rotateSigningKey(
      @Nullable @Header("Authorization") final String authorization) {
    return http(service.rotateSigningKey(authorization));
  }

  @ExecuteOn(TaskExecutors.BLOCKING)
  @Delete(
      uri = "/api/v1/agencies/{agencyId}/tokens/{tokenId}",
      consumes = MediaType.ALL,
      produces = MediaType.APPLICATION_JSON)
  public HttpResponse<String> revokeToken(
      @Nullable @Header("Authorization") final String authorization,
      @PathVariable final String agencyId,
      @PathVariable final String tokenId) {
    return http(service.revokeToken(authorization, agencyId, tokenId));
  }

  @Post(
      uri = "/api/v1/agencies/{agencyId}/requests",
      consumes = MediaType.ALL,
      produces = MediaType.APPLICATION_JSON)
  public CompletableFuture<HttpResponse<String>> postApplication(
      @Nullable @Header("Authorization") final String authorization,
      @PathVariable final String agencyId,
      @Nullable @Body final byte[] body) {
    return service.postApplication(authorization, agencyId, body).thenApply(IngestController::http);
  }

  @Post(
      uri = "/api/v1/agencies/{agencyId}/requests/{requestId}/events",
      consumes = MediaType.ALL,
      produces = MediaType.APPLICATION_JSON)
  public CompletableFuture<HttpResponse<String>> postEvent(
      @Nullable @Header("Authorization") final String authorization,
      @PathVariable final String agencyId,
      @PathVariable final String requestId,
      @Nullable @Body final byte[] body) {
    return service
        .postEvent(authorization, agencyId, requestId, body)
        .thenApply(IngestController::http);
  }

  @ExecuteOn(TaskExecutors.BLOCKING)
  @Post(
      uri = "/api/v1/agencies/{agencyId}/batch",
      consumes = MediaType.ALL,
      produces = MediaType.APPLICATION_JSON)
  public HttpResponse<String> postBatch(
      @Nullable @Header("Authorization") final String authorization,
      @PathVariable final String agencyId,
      @Nullable @Body final byte[] body) {
    return http(service.postBatch(authorization, agencyId, body));
  }

  @ExecuteOn(TaskExecutors.BLOCKING)
  @Put(
      uri = "/api/v1/calendar/holidays/{year}",
      consumes = MediaType.ALL,
      produces = MediaType.APPLICATION_JSON)
  public HttpResponse<String> putHolidaySchedule(
      @Nullable @Header("Authorization") final String authorization,
      @PathVariable final String year,
      @Nullable @Body final byte[] body) {
    return http(service.putHolidaySchedule(authorization, year, body));
  }

  @ExecuteOn(TaskExecutors.BLOCKING)
  @Get(uri = "/api/v1/taxonomy", produces = MediaType.APPLICATION_JSON)
  public HttpResponse<String> taxonomy() {
    return http(service.taxonomy());
  }

  @ExecuteOn(TaskExecutors.BLOCKING)
  @Get(uri = "/desk-config.json", produces = MediaType.APPLICATION_JSON)
  public HttpResponse<String> deskConfig() {
    return http(service.deskConfig());
  }

  @ExecuteOn(TaskExecutors.BLOCKING)
  @Get(uri = "/api/v1/whoami", produces = MediaType.APPLICATION_JSON)
  public HttpResponse<String> whoami(
      @Nullable @Header("Authorization") final String authorization) {
    return http(service.whoami(authorization));
  }

  @ExecuteOn(TaskExecutors.BLOCKING)
  @Get(uri = "/api/v1/agencies/{agencyId}", produces = MediaType.APPLICATION_JSON)
  public HttpResponse<String> getAgency(
      @Nullable @Header("Authorization") final String authorization,
      @PathVariable final String agencyId) {
    return http(service.getAgency(authorization, agencyId));
  }

  /**
   * 200 once the index is rebuilt, 503 before (this service's own readiness: a lagging processor
   * never makes it 503); the body carries the rebuild's progress and the processor's state and lag
   * ({@link ServiceHealth}).
   */
  @Get(uri = "/health", produces = MediaType.APPLICATION_JSON)
  public HttpResponse<String> health() {
    final boolean ready = service.isReady();
    return HttpResponse.<String>status(
            ready
                ? io.micronaut.http.HttpStatus.OK
                : io.micronaut.http.HttpStatus.SERVICE_UNAVAILABLE)
        .body(ServiceHealth.body(ready, service.progress(), processor.snapshot()));
  }

  /** A body beyond the server's read limit gets the api.md error body too. */
  @io.micronaut.http.annotation.Error(
      global = true,
      exception = io.micronaut.http.exceptions.ContentLengthExceededException.class)
  public HttpResponse<String> tooLarge(
      final io.micronaut.http.HttpRequest<?> request,
      final io.micronaut.http.exceptions.ContentLengthExceededException e) {
    return http(
        Reply.error(
            ApiException.of(
                413,
                "BODY_TOO_LARGE",
                null,
                "请求体过大：单项上限 "
                    + BodyReader.MAX_BODY_BYTES
                    + " 字节，批量上限 "
                    + BatchReader.MAX_BATCH_BYTES
                    + " 字节",
                "the request body is too large; at most "
                    + BodyReader.MAX_BODY_BYTES
                    + " bytes are accepted, "
                    + BatchReader.MAX_BATCH_BYTES
                    + " for a batch")));
  }

  static HttpResponse<String> http(final Reply reply) {
    final MutableHttpResponse<String> r =
        HttpResponse.<String>status(io.micronaut.http.HttpStatus.valueOf(reply.status()))
            .body(reply.json())
            .contentType(MediaType.APPLICATION_JSON_TYPE);
    reply.headers().forEach(r::header);
    return r;
  }
}
