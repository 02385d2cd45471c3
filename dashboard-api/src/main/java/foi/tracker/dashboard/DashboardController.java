package foi.tracker.dashboard;

import io.micronaut.context.annotation.Requires;
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

/** HTTP routes of the dashboard API; all logic is in {@link DashboardService}. */
@Controller
@Requires(property = "tracker.service", value = "dashboard")
@ExecuteOn(TaskExecutors.BLOCKING)
public class DashboardController {
  private final DashboardService service;

  DashboardController(final DashboardService service) {
    this.service = service;
  }

  @Get(uri = "/api/v1/agencies/{agencyId}/reports/{year}/table3", produces = MediaType.ALL)
  public HttpResponse<byte[]> table3(@PathVariable final String agencyId, @PathVariable final String year,
                                     @Nullable @QueryValue final String scope,
                                     @Nullable @QueryValue final String format) {
    return http(service.table3(agencyId, year, scope, format));
  }

  @Get(uri = "/api/v1/agencies/{agencyId}/reports/{year}/table4", produces = MediaType.APPLICATION_JSON)
  public HttpResponse<byte[]> table4(@PathVariable final String agencyId, @PathVariable final String year,
                                     @Nullable @QueryValue final String scope) {
    return http(service.table4(agencyId, year, scope));
  }

  @Get(uri = "/api/v1/agencies/{agencyId}/reports/{year}", produces = MediaType.TEXT_HTML)
  public HttpResponse<byte[]> report(@PathVariable final String agencyId, @PathVariable final String year,
                                     @Nullable @QueryValue final String scope) {
    return http(service.report(agencyId, year, scope));
  }

  @Get(uri = "/api/v1/agencies/{agencyId}/requests/{requestId}", produces = MediaType.APPLICATION_JSON)
  public HttpResponse<byte[]> request(@Nullable @Header("Authorization") final String authorization,
                                      @PathVariable final String agencyId, @PathVariable final String requestId) {
    return http(service.request(authorization, agencyId, requestId));
  }

  @Get(uri = "/api/v1/agencies/{agencyId}/deadlines", produces = MediaType.APPLICATION_JSON)
  public HttpResponse<byte[]> deadlines(@Nullable @Header("Authorization") final String authorization,
                                        @PathVariable final String agencyId,
                                        @Nullable @QueryValue final String status,
                                        @Nullable @QueryValue final String scope) {
    return http(service.deadlines(authorization, agencyId, status, scope));
  }

  @Get(uri = "/api/v1/agencies/{agencyId}/compliance/{year}", produces = MediaType.APPLICATION_JSON)
  public HttpResponse<byte[]> compliance(@PathVariable final String agencyId, @PathVariable final String year,
                                         @Nullable @QueryValue final String scope) {
    return http(service.compliance(agencyId, year, scope));
  }

  @Get(uri = "/api/v1/calendar/due-date", produces = MediaType.APPLICATION_JSON)
  public HttpResponse<byte[]> dueDate(@Nullable @QueryValue final String from,
                                      @Nullable @QueryValue final String workingDays) {
    return http(service.dueDate(from, workingDays));
  }

  @Get(uri = "/health", produces = MediaType.APPLICATION_JSON)
  public HttpResponse<String> health() {
    return service.isReady() ? HttpResponse.ok("{\"status\":\"UP\"}")
        : HttpResponse.<String>status(HttpStatus.SERVICE_UNAVAILABLE).body("{\"status\":\"STARTING\"}");
  }

  static HttpResponse<byte[]> http(final Answer a) {
    final MutableHttpResponse<byte[]> r = HttpResponse.<byte[]>status(HttpStatus.valueOf(a.status())).body(a.body())
        .contentType(a.contentType());
    a.headers().forEach(r::header);
    return r;
  }
}
