package foi.tracker.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Who is checking and writing which request or event id right now (在途写入): at most one call per id, so two
 * concurrent re-sends of the same application are written once and a different body under the same id is refused.
 * A claim is held from the check of the ledger until the write is acknowledged and remembered, or refused.
 *
 * <p>A single call does not wait while it holds a claim (its write completes on its own), and a batch takes its claims
 * in ascending order, so no two holders ever wait on each other in a ring.
 */
final class WriteClaims {
  private final ConcurrentHashMap<String, CompletableFuture<Void>> held = new ConcurrentHashMap<>();

  /** One held claim; {@link #release()} it exactly when the id's write is remembered or given up. */
  final class Claim {
    private final String key;
    private final CompletableFuture<Void> released = new CompletableFuture<>();

    private Claim(final String key) {
      this.key = key;
    }

    /** Lets the next caller for this id go on. Releasing twice does nothing. */
    void release() {
      held.remove(key, released);
      released.complete(null);
    }
  }

  /**
   * Takes the claim on {@code key} if nobody holds it. Otherwise returns null and {@code busy} receives the holder's
   * release, after which the caller should try again from its check of the ledger.
   */
  Claim tryTake(final String key, final java.util.function.Consumer<CompletableFuture<Void>> busy) {
    final Claim mine = new Claim(key);
    final CompletableFuture<Void> other = held.putIfAbsent(key, mine.released);
    if (other == null) {
      return mine;
    }
    busy.accept(other);
    return null;
  }

  /** Takes the claims on all {@code keys}, in their (ascending) order, waiting for each current holder in turn. */
  List<Claim> takeAll(final SortedSet<String> keys) {
    final List<Claim> taken = new ArrayList<>(keys.size());
    for (String key : keys) {
      while (true) {
        final AtomicReference<CompletableFuture<Void>> holder = new AtomicReference<>();
        final Claim c = tryTake(key, holder::set);
        if (c != null) {
          taken.add(c);
          break;
        }
        holder.get().join();
      }
    }
    return taken;
  }

  /** How many ids are claimed now (0 when the service is quiet). */
  int size() {
    return held.size();
  }
}
