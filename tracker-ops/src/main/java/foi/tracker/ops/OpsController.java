package foi.tracker.ops;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.io.IOException;
import java.io.InputStream;

/**
 * {@code GET /metrics} (the Prometheus scrape of the service's registry) and {@code GET
 * /openapi.yml} (the OpenAPI 3 description generated from the controllers at build time) for a
 * Micronaut service that put its {@link PrometheusMeterRegistry} into the context. Neither needs a
 * token: the metrics carry no agency and nothing about an applicant, and the description is the
 * public contract (docs/api.md).
 */
@Controller
@Requires(beans = PrometheusMeterRegistry.class)
public class OpsController {
  private final PrometheusMeterRegistry registry;
  private final byte[] openApi;

  public OpsController(
      final PrometheusMeterRegistry registry,
      @Value("${tracker.openapi:}") final String openApiResource) {
    this.registry = registry;
    this.openApi = read(openApiResource);
  }

  @ExecuteOn(TaskExecutors.BLOCKING)
  @Get(uri = "/metrics", produces = TrackerMeters.CONTENT_TYPE)
  public HttpResponse<String> metrics() {
    return HttpResponse.ok(registry.scrape()).contentType(TrackerMeters.CONTENT_TYPE);
  }

  @Get(uri = "/openapi.yml", produces = "application/yaml")
  public HttpResponse<byte[]> openApi() {
    if (openApi == null) {
      return HttpResponse.<byte[]>notFound().contentType(MediaType.TEXT_PLAIN);
    }
    return HttpResponse.ok(openApi).contentType("application/yaml; charset=utf-8");
  }

  private static byte[] read(final String resource) {
    if (resource == null || resource.isBlank()) {
      return null;
    }
    try (InputStream in = OpsController.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(
            "the OpenAPI description " + resource + " is not on the class path");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new IllegalStateException("could not read " + resource, e);
    }
  }
}
