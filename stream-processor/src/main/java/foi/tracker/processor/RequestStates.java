package foi.tracker.processor;

import foi.tracker.core.binary.StateCodec;
import foi.tracker.core.request.RequestState;
import foi.tracker.core.topic.Topics;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A step's view of the request store (申请状态): {@link StateCodec} bytes (older data dirs: JSON, still
 * read), with the task's cache of decoded states in front ({@link TaskShared}), kept equal to what
 * was last put.
 */
final class RequestStates {
  private static final Deserializer<RequestState> READER =
      Topics.REQUESTS.valueSerde().deserializer();

  private final KeyValueStore<String, byte[]> store;
  private final TaskShared shared;

  RequestStates(final KeyValueStore<String, byte[]> store, final TaskShared shared) {
    this.store = store;
    this.shared = shared;
  }

  RequestState load(final String key) {
    final RequestState known = shared.recent(key);
    return known != null ? known : READER.deserialize(Topics.REQUESTS.name(), store.get(key));
  }

  /**
   * A request met while iterating the store: the state last put if it is still cached, else
   * decoded.
   */
  RequestState stateOf(final KeyValue<String, byte[]> raw) {
    final RequestState known = shared.recent(raw.key);
    return known != null ? known : READER.deserialize(Topics.REQUESTS.name(), raw.value);
  }

  /** Decoded from the store, past the cache (the recount at init, before any state was cached). */
  static RequestState decode(final byte[] bytes) {
    return READER.deserialize(Topics.REQUESTS.name(), bytes);
  }

  void put(final String key, final RequestState state) {
    put(key, state, StateCodec.writeRequest(state));
  }

  void put(final String key, final RequestState state, final byte[] bytes) {
    store.put(key, bytes);
    shared.remember(key, state);
  }

  KeyValueIterator<String, byte[]> all() {
    return store.all();
  }
}
