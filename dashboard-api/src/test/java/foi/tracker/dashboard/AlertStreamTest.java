package foi.tracker.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import foi.tracker.core.deadline.DeadlineStatus;
import foi.tracker.core.topic.DeadlineAlert;
import io.micronaut.http.sse.Event;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;

class AlertStreamTest {
  /** Long enough that no heartbeat falls inside a test: the tests do not depend on it. */
  private static final Duration NO_HEARTBEAT = Duration.ofHours(1);

  private final FakeViews views = new FakeViews();
  private final AtomicBoolean allowed = new AtomicBoolean(true);
  private final AtomicInteger closed = new AtomicInteger();
  private final Client client = new Client();

  @AfterEach
  void cancel() {
    client.dispose();
  }

  @Test
  void shouldEndTheStreamWhenTheTokenIsRevoked() {
    open(8);
    views.push(alert("town", "r1"));
    Awaitility.await().until(() -> client.alerts().size() == 1);
    allowed.set(false);
    views.push(alert("town", "r2"));
    Awaitility.await().until(client.completed::get);
    assertEquals(List.of("r1"), client.alerts());
    assertEquals("revoked", client.events.get(client.events.size() - 1).getName());
    assertEquals(1, closed.get());
    assertEquals(0, views.listeners.size());
  }

  @Test
  void shouldDropTheOldestAlertsOfASlowClientAndSayHowMany() {
    open(4, true);
    client.ask(1); // the "connected" comment only
    Awaitility.await().until(() -> client.events.size() == 1);
    for (int i = 1; i <= 10; i++) {
      views.push(alert("town", "r" + i)); // returns at once although nobody reads
    }
    client.ask(100);
    Awaitility.await().until(() -> client.alerts().size() == 4);
    final Event<String> dropped = client.events.get(1);
    assertEquals("dropped", dropped.getName());
    assertEquals("{\"dropped\":6}", dropped.getData());
    assertEquals(List.of("r7", "r8", "r9", "r10"), client.alerts());
  }

  @Test
  void shouldDeliverOffTheViewsThread() {
    open(8);
    views.push(alert("town", "r1"));
    Awaitility.await().until(() -> client.alerts().size() == 1);
    assertNotNull(client.deliveredOn);
    assertTrue(client.deliveredOn != Thread.currentThread(), client.deliveredOn.getName());
  }

  @Test
  void shouldFollowTheScopeWhenTheTreeChanges() {
    open(8);
    views.push(alert("village", "outside"));
    views.push(alert("town", "inside"));
    Awaitility.await().until(() -> client.alerts().size() == 1);
    views.subtree = Set.of("town", "village");
    views.version++;
    views.push(alert("village", "now-inside"));
    Awaitility.await().until(() -> client.alerts().size() == 2);
    assertEquals(List.of("inside", "now-inside"), client.alerts());
  }

  @Test
  void shouldCapStreamsPerTokenAndFreeAPlaceWhenOneCloses() {
    final AlertStreamCap cap = new AlertStreamCap(2);
    final Runnable first = cap.tryOpen("desk:t1");
    assertNotNull(first);
    assertNotNull(cap.tryOpen("desk:t1"));
    assertNull(cap.tryOpen("desk:t1"));
    assertNotNull(cap.tryOpen("desk:t2"));
    first.run();
    first.run(); // once only
    assertEquals(1, cap.open("desk:t1"));
    assertNotNull(cap.tryOpen("desk:t1"));
    assertNull(cap.tryOpen("desk:t1"));
  }

  private void open(final int capacity) {
    open(capacity, false);
  }

  /** Opens the stream; a slow client asks for nothing until {@link Client#ask}. */
  private void open(final int capacity, final boolean slow) {
    Flux.from(
            AlertStream.events(
                views, "town", true, allowed::get, NO_HEARTBEAT, capacity, closed::incrementAndGet))
        .subscribe(client);
    if (!slow) {
      client.request(Long.MAX_VALUE);
    }
    Awaitility.await().until(() -> views.listeners.size() == 1);
  }

  private static DeadlineAlert alert(final String agencyId, final String requestId) {
    return new DeadlineAlert(
        agencyId,
        requestId,
        DeadlineStatus.ON_TRACK,
        DeadlineStatus.DUE_SOON,
        LocalDate.of(2025, 7, 1),
        3,
        LocalDate.of(2025, 6, 26),
        Instant.parse("2025-06-26T01:00:00Z"));
  }

  /** Views with one agency, "town", whose subtree can grow. */
  static final class FakeViews implements AlertStream.Source {
    final List<Consumer<DeadlineAlert>> listeners = new CopyOnWriteArrayList<>();
    volatile long version;
    volatile Set<String> subtree = Set.of("town");

    void push(final DeadlineAlert a) {
      listeners.forEach(l -> l.accept(a));
    }

    @Override
    public void onAlert(final Consumer<DeadlineAlert> listener) {
      listeners.add(listener);
    }

    @Override
    public void removeAlertListener(final Consumer<DeadlineAlert> listener) {
      listeners.remove(listener);
    }

    @Override
    public long treeVersion() {
      return version;
    }

    @Override
    public Set<String> scope(final String agencyId, final boolean sub) {
      return sub ? subtree : Set.of(agencyId);
    }
  }

  /** A client that asks for events only when told to. */
  static final class Client extends BaseSubscriber<Event<String>> {
    final List<Event<String>> events = new CopyOnWriteArrayList<>();
    final AtomicBoolean completed = new AtomicBoolean();
    volatile Thread deliveredOn;

    void ask(final long n) {
      request(n);
    }

    List<String> alerts() {
      return events.stream()
          .filter(e -> "alert".equals(e.getName()))
          .map(e -> e.getData().replaceAll(".*\"requestId\":\"([^\"]+)\".*", "$1"))
          .toList();
    }

    @Override
    protected void hookOnSubscribe(final Subscription subscription) {
      // asks only through request() / ask()
    }

    @Override
    protected void hookOnNext(final Event<String> value) {
      if ("alert".equals(value.getName())) {
        deliveredOn = Thread.currentThread();
      }
      events.add(value);
    }

    @Override
    protected void hookOnComplete() {
      completed.set(true);
    }
  }
}
