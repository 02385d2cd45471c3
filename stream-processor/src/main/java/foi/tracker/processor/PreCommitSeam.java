package foi.tracker.processor;

import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.state.internals.CacheFlushListener;
import org.apache.kafka.streams.state.internals.CachedStateStore;

/**
 * The one place the project depends on Kafka Streams internals. Streams calls {@code flushCache()}
 * on every store of a task that implements its internal {@link CachedStateStore}, at every commit
 * of the task (and before the task is suspended or closed cleanly), before it flushes the task's
 * record collector and commits the transaction ({@code StreamTask.prepareCommit} → {@code
 * ProcessorStateManager.flushCache}, Kafka Streams 4.3). A store extending this class gets that
 * call as {@link #beforeCommit}, so what it writes there joins the commit's transaction.
 *
 * <p>Nothing in Kafka's public API promises this call. {@code PreCommitSeamTest} runs a real task
 * and fails, naming the Kafka Streams version on the classpath, when a release stops making it.
 */
abstract class PreCommitSeam implements CachedStateStore<String, byte[]> {
  /** The Kafka Streams version whose commit path this seam was last read against. */
  static final String CHECKED_WITH = "4.3.1";

  /**
   * Runs when Streams is about to commit the store's task: before the commit's records are flushed.
   */
  abstract void beforeCommit();

  /**
   * The store this one wraps; its own record cache, if it has one, is flushed after {@link
   * #beforeCommit}.
   */
  abstract StateStore wrapped();

  /** Streams' pre-commit call. */
  @Override
  public final void flushCache() {
    beforeCommit();
    if (wrapped() instanceof CachedStateStore<?, ?> cached) {
      cached.flushCache();
    }
  }

  @Override
  public final void clearCache() {
    if (wrapped() instanceof CachedStateStore<?, ?> cached) {
      cached.clearCache();
    }
  }

  /** No cache of its own, so nothing is forwarded on a flush. */
  @Override
  public final boolean setFlushListener(
      final CacheFlushListener<String, byte[]> listener, final boolean sendOldValues) {
    return false;
  }
}
