package foi.tracker.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who is checking and writing which request or event id right now (在途写入): at most one call per id,
 * so two concurrent re-sends of the same application are written once and a different body under
 * the same id is refused. A claim is held from the check of the ledger until the write is
 * acknowledged and remembered, or refused.
 *
 * <p>A single call does not wait while it holds a claim (its write completes on its own), and a
 * batch takes its claims in ascending order, so no two holders ever wait on each other in a ring.
 */
final class WriteClaims {
  private final ConcurrentHashMap<String, CompletableFuture<Void>> held = new ConcurrentHashMap<>();

  /**
   * A claim on one id, to {@link #take()}; {@link #release()} it exactly when the id's write is
   * remembered or given up.
   */
  final class Claim {
    private final String key;
    private final CompletableFuture<Void> released = new CompletableFuture<>();

    private Claim(final String key) {
      this.key = key;
    }

    /**
     * Holds this claim if nobody else holds one on its id: then null. Otherwise the holder's
     * release, after which the caller should try again from its check of the ledger.
     */
    CompletableFuture<Void> take() {
      return held.putIfAbsent(key, released);
    }

    /** Lets the next caller for this id go on. Releasing twice does nothing. */
    void release() {
      held.remove(key, released);
      released.complete(null);
    }
  }

  /** A claim on {@code key}, not yet taken. */
  Claim on(final String key) {
    return new Claim(key);
  }

  /**
   * Takes the claims on all {@code keys}, in their (ascending) order, waiting for each current
   * holder in turn.
   */
  List<Claim> takeAll(final SortedSet<String> keys) {
    final List<Claim> taken = new ArrayList<>(keys.size());
    for (String key : keys) {
      final Claim c = on(key);
      for (CompletableFuture<Void> holder = c.take(); holder != null; holder = c.take()) {
        holder.join();
      }
      taken.add(c);
    }
    return taken;
  }

  /** How many ids are claimed now (0 when the service is quiet). */
  int size() {
    return held.size();
  }
}
