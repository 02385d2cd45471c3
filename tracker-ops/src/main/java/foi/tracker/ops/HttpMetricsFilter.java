package foi.tracker.ops;

import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.BasicHttpAttributes;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import java.time.Duration;
import org.reactivestreams.Publisher;

/**
 * Times every HTTP answer into {@link TrackerMeters#HTTP_REQUESTS}, tagged by method, route
 * template (e.g. {@code /api/v1/agencies/{agencyId}/requests}, never the path itself, so an agency
 * id is no label) and status. Answers not from a route (static pages, unknown paths) share the
 * template {@code other}.
 */
@Filter("/**")
@Requires(beans = PrometheusMeterRegistry.class)
public class HttpMetricsFilter implements HttpServerFilter {
  /** Buckets for latency quantiles in Prometheus (histogram_quantile), from 5 ms to 10 s. */
  private static final Duration[] BUCKETS = {
    Duration.ofMillis(5),
    Duration.ofMillis(10),
    Duration.ofMillis(25),
    Duration.ofMillis(50),
    Duration.ofMillis(100),
    Duration.ofMillis(250),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofMillis(2500),
    Duration.ofSeconds(5),
    Duration.ofSeconds(10)
  };

  private final PrometheusMeterRegistry registry;

  public HttpMetricsFilter(final PrometheusMeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public Publisher<MutableHttpResponse<?>> doFilter(
      final HttpRequest<?> request, final ServerFilterChain chain) {
    final long start = System.nanoTime();
    return Publishers.map(
        chain.proceed(request),
        response -> {
          final String uri = BasicHttpAttributes.getUriTemplate(request).orElse("other");
          Timer.builder(TrackerMeters.HTTP_REQUESTS)
              .tag("method", request.getMethodName())
              .tag("uri", uri)
              .tag("status", String.valueOf(response.code()))
              .serviceLevelObjectives(BUCKETS)
              .register(registry)
              .record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
          return response;
        });
  }
}
