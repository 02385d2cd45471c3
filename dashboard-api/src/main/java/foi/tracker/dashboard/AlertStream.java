package foi.tracker.dashboard;

import foi.tracker.core.json.Json;
import foi.tracker.core.topic.DeadlineAlert;
import io.micronaut.http.sse.Event;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;

/**
 * The live alert stream (预警推送) of one scope as Server-Sent Events: a first comment so the client knows it is
 * connected, then each DUE_SOON/OVERDUE alert the views receive ({@code event: alert}, JSON data, the alert's
 * request key and date as id), and a heartbeat comment so proxies keep the connection open.
 */
final class AlertStream {
  private AlertStream() {
  }

  static Publisher<Event<String>> events(final DashboardViews views, final Predicate<DeadlineAlert> inScope,
                                         final Duration heartbeat) {
    final Flux<Event<String>> alerts = Flux.create((FluxSink<Event<String>> sink) -> {
      final Consumer<DeadlineAlert> listener = a -> {
        if (inScope.test(a)) {
          sink.next(Event.of(new String(Json.write(DashboardService.alertJson(a)), StandardCharsets.UTF_8))
              .name("alert").id(a.agencyId() + "/" + a.requestId() + "/" + a.to() + "/" + a.asOf()));
        }
      };
      views.onAlert(listener);
      sink.onDispose(() -> views.removeAlertListener(listener));
      sink.next(Event.of("").comment("connected")); // after the listener is in place: no alert falls between

    }, FluxSink.OverflowStrategy.BUFFER);
    final Flux<Event<String>> beats = Flux.interval(heartbeat, heartbeat)
        .map(i -> Event.of("").comment("heartbeat"));
    return Flux.merge(alerts, beats);
  }
}
