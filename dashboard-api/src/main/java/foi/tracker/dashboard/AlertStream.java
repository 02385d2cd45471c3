package foi.tracker.dashboard;

import foi.tracker.core.json.Json;
import foi.tracker.core.topic.DeadlineAlert;
import io.micronaut.http.sse.Event;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;

/**
 * The live alert stream (预警推送) of one scope as Server-Sent Events: a first comment so the client
 * knows it is connected, then each DUE_SOON/OVERDUE alert of the scope ({@code event: alert}, JSON
 * data, the alert's request key and date as id), and a heartbeat comment so proxies keep the
 * connection open.
 *
 * <p>The thread that keeps the views current only puts an alert of the scope in this connection's
 * bounded queue; a delivery thread sends what the client asks for. When the client reads too slowly
 * the oldest alerts are dropped and the next event says how many ({@code event: dropped}, {@code
 * {"dropped": n}}). The scope (the agency or its subtree) is computed once and again only when the
 * agency tree has changed. The token is checked again before each delivery and at each heartbeat:
 * once it is revoked (or may no longer read the agency) the stream says so ({@code event: revoked})
 * and ends.
 */
final class AlertStream {
  /** Alerts held per connection for a slow client; beyond, the oldest are dropped. */
  static final int QUEUE_CAPACITY = 256;

  private static final ScheduledExecutorService DELIVERY =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            final Thread t = new Thread(r, "alert-stream-delivery");
            t.setDaemon(true);
            return t;
          });

  /** Where the alerts and the agency tree come from (the views). */
  interface Source {
    void onAlert(Consumer<DeadlineAlert> listener);

    void removeAlertListener(Consumer<DeadlineAlert> listener);

    /** Changes whenever an agency is added or moved. */
    long treeVersion();

    Set<String> scope(String agencyId, boolean subtree);
  }

  private final Source source;
  private final String agencyId;
  private final boolean subtree;
  private final BooleanSupplier stillAllowed;
  private final int capacity;
  private final ArrayDeque<DeadlineAlert> queue = new ArrayDeque<>();
  private final AtomicInteger work = new AtomicInteger();
  private long dropped;
  private volatile boolean heartbeatDue;
  private volatile long scopeVersion = Long.MIN_VALUE;
  private volatile Set<String> scope = Set.of();
  private FluxSink<Event<String>> sink;
  private boolean ended;

  private AlertStream(
      final Source source,
      final String agencyId,
      final boolean subtree,
      final BooleanSupplier stillAllowed,
      final int capacity) {
    this.source = source;
    this.agencyId = agencyId;
    this.subtree = subtree;
    this.stillAllowed = stillAllowed;
    this.capacity = capacity;
  }

  /**
   * The events of one connection; {@code onClose} runs once when it ends (client gone, or token
   * revoked).
   *
   * @param stillAllowed whether the connection's token still may read the agency (checked on the
   *     delivery thread)
   */
  static Publisher<Event<String>> events(
      final Source source,
      final String agencyId,
      final boolean subtree,
      final BooleanSupplier stillAllowed,
      final Duration heartbeat,
      final int capacity,
      final Runnable onClose) {
    return Flux.create(
        (FluxSink<Event<String>> sink) -> {
          final AlertStream s = new AlertStream(source, agencyId, subtree, stillAllowed, capacity);
          s.sink = sink;
          s.refreshScope();
          final Consumer<DeadlineAlert> listener = s::offer;
          source.onAlert(listener);
          final ScheduledFuture<?> beats =
              DELIVERY.scheduleAtFixedRate(
                  () -> {
                    s.heartbeatDue = true;
                    s.schedule();
                  },
                  heartbeat.toMillis(),
                  heartbeat.toMillis(),
                  TimeUnit.MILLISECONDS);
          sink.onRequest(n -> s.schedule());
          sink.onDispose(
              () -> {
                source.removeAlertListener(listener);
                beats.cancel(false);
                onClose.run();
              });
          sink.next(
              Event.of("")
                  .comment("connected")); // after the listener is in place: no alert falls between
        },
        FluxSink.OverflowStrategy.BUFFER);
  }

  /**
   * On the views' thread: keeps an alert of the scope, dropping the oldest when full; never blocks.
   */
  private void offer(final DeadlineAlert a) {
    if (scopeVersion != source.treeVersion()) {
      refreshScope();
    }
    if (!scope.contains(a.agencyId())) {
      return;
    }
    synchronized (this) {
      if (queue.size() == capacity) {
        queue.pollFirst();
        dropped++;
      }
      queue.addLast(a);
    }
    schedule();
  }

  private void refreshScope() {
    final long version = source.treeVersion();
    scope = Set.copyOf(source.scope(agencyId, subtree));
    scopeVersion = version;
  }

  private void schedule() {
    if (work.getAndIncrement() == 0) {
      DELIVERY.execute(
          () -> {
            do {
              deliver();
            } while (work.decrementAndGet() != 0);
          });
    }
  }

  /** On the delivery thread: as many events as the client asked for. */
  private void deliver() {
    if (ended || sink.isCancelled()) {
      return;
    }
    final boolean pending;
    synchronized (this) {
      pending = !queue.isEmpty() || dropped > 0;
    }
    if ((pending || heartbeatDue) && !stillAllowed.getAsBoolean()) {
      ended = true;
      sink.next(Event.of("{\"reason\":\"TOKEN_REVOKED\"}").name("revoked"));
      sink.complete();
      return;
    }
    while (sink.requestedFromDownstream() > 0) {
      final Event<String> next;
      synchronized (this) {
        if (dropped > 0) {
          next = Event.of("{\"dropped\":" + dropped + "}").name("dropped");
          dropped = 0;
        } else {
          final DeadlineAlert a = queue.pollFirst();
          next =
              a == null
                  ? null
                  : Event.of(
                          new String(
                              Json.write(DashboardService.alertJson(a)), StandardCharsets.UTF_8))
                      .name("alert")
                      .id(a.agencyId() + "/" + a.requestId() + "/" + a.to() + "/" + a.asOf());
        }
      }
      if (next == null) {
        break;
      }
      sink.next(next);
    }
    if (heartbeatDue && sink.requestedFromDownstream() > 0) {
      heartbeatDue = false;
      sink.next(Event.of("").comment("heartbeat"));
    }
  }
}
