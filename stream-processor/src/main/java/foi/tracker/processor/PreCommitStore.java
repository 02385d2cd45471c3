package foi.tracker.processor;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.query.PositionBound;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.QueryConfig;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * A persistent, changelogged {@code String → byte[]} store that runs its task's hook at every
 * commit, before anything of the commit is sent: the processor writes the agency totals it changed
 * since the last commit there, once each, instead of encoding an agency's whole record after every
 * event that moves one of its cells and putting it into Streams' record cache, which keeps only the
 * last record of a key per commit and so throws most of that work away.
 *
 * <p>The hook runs at Streams' pre-commit call ({@link PreCommitSeam}, the one class that uses
 * Streams internals), so what it writes goes into the same transaction as the events it counts. The
 * broker tests ({@code CrashSafetyIT}, {@code MultiInstanceClusterIT}) check the tables stay exact
 * across crashes and moves, {@code PreCommitSeamTest} that Streams still makes the call, and {@code
 * PreCommitStoreTest} that the hook runs before the inner store flushes.
 */
final class PreCommitStore extends PreCommitSeam implements KeyValueStore<String, byte[]> {
  /**
   * The hooks of the tasks of one topology, by task: a processor registers its own at init (after
   * its task's stores were initialised, which forgets any earlier one) and keeps it past its close,
   * because a task that is suspended closes its processors before its last commit.
   */
  static final class Hooks {
    private final Map<TaskId, Runnable> byTask = new ConcurrentHashMap<>();

    void register(final TaskId task, final Runnable hook) {
      byTask.put(task, hook);
    }

    /**
     * Drops the task's hook (a new store of the task: a hook of an earlier processor must not write
     * into it).
     */
    void forget(final TaskId task) {
      byTask.remove(task);
    }

    void run(final TaskId task) {
      final Runnable hook = task == null ? null : byTask.get(task);
      if (hook != null) {
        hook.run();
      }
    }
  }

  private final KeyValueStore<String, byte[]> inner;
  private final Hooks hooks;
  private TaskId task;

  PreCommitStore(final KeyValueStore<String, byte[]> inner, final Hooks hooks) {
    this.inner = inner;
    this.hooks = hooks;
  }

  /**
   * A persistent store of this name (changelogged, no record cache) whose task's hook runs before
   * each commit.
   */
  static StoreBuilder<KeyValueStore<String, byte[]>> builder(final String name, final Hooks hooks) {
    final StoreBuilder<KeyValueStore<String, byte[]>> inner =
        Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(name), Serdes.String(), Serdes.ByteArray())
            .withCachingDisabled();
    return new StoreBuilder<>() {
      @Override
      public StoreBuilder<KeyValueStore<String, byte[]>> withCachingEnabled() {
        throw new UnsupportedOperationException("the hook replaces the record cache");
      }

      @Override
      public StoreBuilder<KeyValueStore<String, byte[]>> withCachingDisabled() {
        return this;
      }

      @Override
      public StoreBuilder<KeyValueStore<String, byte[]>> withLoggingEnabled(
          final Map<String, String> config) {
        inner.withLoggingEnabled(config);
        return this;
      }

      @Override
      public StoreBuilder<KeyValueStore<String, byte[]>> withLoggingDisabled() {
        throw new UnsupportedOperationException("the store's changelog is a published table");
      }

      @Override
      public KeyValueStore<String, byte[]> build() {
        return new PreCommitStore(inner.build(), hooks);
      }

      @Override
      public Map<String, String> logConfig() {
        return inner.logConfig();
      }

      @Override
      public boolean loggingEnabled() {
        return inner.loggingEnabled();
      }

      @Override
      public String name() {
        return inner.name();
      }
    };
  }

  @Override
  public void init(final StateStoreContext context, final StateStore root) {
    task = context.taskId();
    hooks.forget(task);
    inner.init(context, root);
  }

  /** The task's hook (its writes join this commit); the inner store's cache is flushed after it. */
  @Override
  void beforeCommit() {
    hooks.run(task);
  }

  @Override
  StateStore wrapped() {
    return inner;
  }

  @Override
  public void put(final String key, final byte[] value) {
    inner.put(key, value);
  }

  @Override
  public byte[] putIfAbsent(final String key, final byte[] value) {
    return inner.putIfAbsent(key, value);
  }

  @Override
  public void putAll(final List<KeyValue<String, byte[]>> entries) {
    inner.putAll(entries);
  }

  @Override
  public byte[] delete(final String key) {
    return inner.delete(key);
  }

  @Override
  public byte[] get(final String key) {
    return inner.get(key);
  }

  @Override
  public KeyValueIterator<String, byte[]> range(final String from, final String to) {
    return inner.range(from, to);
  }

  @Override
  public KeyValueIterator<String, byte[]> all() {
    return inner.all();
  }

  @Override
  public long approximateNumEntries() {
    return inner.approximateNumEntries();
  }

  @Override
  public String name() {
    return inner.name();
  }

  @Override
  @SuppressWarnings("deprecation")
  public void flush() {
    inner.flush();
  }

  @Override
  public void commit(final Map<org.apache.kafka.common.TopicPartition, Long> changelogOffsets) {
    inner.commit(changelogOffsets);
  }

  @Override
  public boolean managesOffsets() {
    return inner.managesOffsets();
  }

  @Override
  public Long committedOffset(final org.apache.kafka.common.TopicPartition partition) {
    return inner.committedOffset(partition);
  }

  @Override
  public void close() {
    inner.close();
  }

  @Override
  public boolean persistent() {
    return inner.persistent();
  }

  @Override
  public boolean isOpen() {
    return inner.isOpen();
  }

  @Override
  public <R> QueryResult<R> query(
      final Query<R> query, final PositionBound bound, final QueryConfig config) {
    return inner.query(query, bound, config);
  }

  @Override
  public Position getPosition() {
    return inner.getPosition();
  }
}
