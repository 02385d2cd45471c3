package foi.tracker.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.internals.CacheFlushListener;
import org.apache.kafka.streams.state.internals.CachedStateStore;
import org.junit.jupiter.api.Test;

/**
 * {@link PreCommitStore} runs its task's hook on Streams' pre-commit call, before the inner store
 * flushes, and a new store of a task does not run a hook registered for an earlier one. That the
 * writes land in the commit's transaction across crashes and moved tasks is the broker tests' part
 * ({@code CrashSafetyIT}, {@code MultiInstanceClusterIT}).
 */
class PreCommitStoreTest {
  private final List<String> calls = new ArrayList<>();

  @Test
  void theTasksHookRunsBeforeTheInnerStoreFlushesAndItsWritesReachTheInnerStore() throws Exception {
    final PreCommitStore.Hooks hooks = new PreCommitStore.Hooks();
    final PreCommitStore store = new PreCommitStore(new Recording(), hooks);
    store.init(context(new TaskId(0, 3)), store);
    hooks.register(new TaskId(0, 3), () -> store.put("agency-1", new byte[] {1}));
    hooks.register(new TaskId(0, 4), () -> calls.add("hook of another task"));

    store.flushCache();

    assertEquals(List.of("init 0_3", "put agency-1", "flushCache"), calls);
  }

  @Test
  void aNewStoreOfATaskForgetsTheHookOfAnEarlierProcessor() throws Exception {
    final PreCommitStore.Hooks hooks = new PreCommitStore.Hooks();
    final TaskId task = new TaskId(0, 1);
    hooks.register(task, () -> calls.add("stale hook"));
    final PreCommitStore store = new PreCommitStore(new Recording(), hooks);
    store.init(context(task), store);
    store.flushCache();
    hooks.register(task, () -> calls.add("new hook"));
    store.flushCache();

    assertEquals(List.of("init 0_1", "flushCache", "new hook", "flushCache"), calls);
  }

  private static StateStoreContext context(final TaskId task) throws Exception {
    return new MockProcessorContext<>(
            new Properties(), task, Files.createTempDirectory("pre-commit").toFile())
        .getStateStoreContext();
  }

  /** The inner store: records what reaches it. */
  private final class Recording
      implements KeyValueStore<String, byte[]>, CachedStateStore<String, byte[]> {
    @Override
    public void init(final StateStoreContext context, final StateStore root) {
      calls.add("init " + context.taskId());
    }

    @Override
    public void flushCache() {
      calls.add("flushCache");
    }

    @Override
    public void clearCache() {}

    @Override
    public boolean setFlushListener(
        final CacheFlushListener<String, byte[]> l, final boolean sendOldValues) {
      return false;
    }

    @Override
    public void put(final String key, final byte[] value) {
      calls.add("put " + key);
    }

    @Override
    public byte[] putIfAbsent(final String key, final byte[] value) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void putAll(final List<KeyValue<String, byte[]>> entries) {
      throw new UnsupportedOperationException();
    }

    @Override
    public byte[] delete(final String key) {
      throw new UnsupportedOperationException();
    }

    @Override
    public byte[] get(final String key) {
      throw new UnsupportedOperationException();
    }

    @Override
    public KeyValueIterator<String, byte[]> range(final String from, final String to) {
      throw new UnsupportedOperationException();
    }

    @Override
    public KeyValueIterator<String, byte[]> all() {
      throw new UnsupportedOperationException();
    }

    @Override
    public long approximateNumEntries() {
      return 0;
    }

    @Override
    public String name() {
      return "recording";
    }

    @Override
    public void close() {}

    @Override
    public boolean persistent() {
      return true;
    }

    @Override
    public boolean isOpen() {
      return true;
    }
  }
}
