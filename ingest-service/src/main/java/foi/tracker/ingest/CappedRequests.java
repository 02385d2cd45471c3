package foi.tracker.ingest;

import foi.tracker.core.api.ApiException;
import foi.tracker.core.event.ApplicationReceived;
import foi.tracker.core.event.RequestEvent;
import foi.tracker.core.request.Bounds;
import foi.tracker.core.request.Decision;
import foi.tracker.core.request.RequestKey;
import foi.tracker.core.request.RequestState;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The requests at the bound on refused events (被拒事件上限, api.md "Bounds on input"), as the processor
 * last published them on {@code foi.capped-requests}, and a step on one of them judged by the rules
 * before it is written: one the rules refuse is 400 {@code TOO_MANY_EVENTS} and written nowhere.
 *
 * <p>A published state reflects the event log up to a place (partition, offset). The ingest judges
 * a step only on a state that reflects every event of its request it knows to be on the log: those
 * its tail has read and those it wrote itself (noted when the broker acknowledged them). Otherwise
 * the step is written, and the processor, which enforces the bound itself, decides it; so a state
 * that is behind can only let a step through, never refuse one the rules would accept. Events of a
 * request read before it reached the bound are found in a short memory of each partition's latest
 * events; when that memory does not reach back far enough, the request counts as behind until the
 * processor publishes it again (at its next event).
 */
final class CappedRequests {
  /** How many of each partition's latest events are remembered (a key's hash and offset each). */
  static final int RECENT_PER_PARTITION = 4096;

  private final Map<String, Known> capped = new ConcurrentHashMap<>();
  private final Map<Integer, Recent> recent = new ConcurrentHashMap<>();

  /**
   * A published state, the offset on its event-log partition it reflects, and the latest offset of
   * its request seen.
   */
  private record Known(RequestState state, long stateOffset, long lastSeen) {
    boolean current() {
      return lastSeen <= stateOffset;
    }
  }

  /**
   * A record of {@code foi.capped-requests}: the request's state and its header {@code
   * foi-event-position}.
   */
  void published(final String key, final RequestState state, final byte[] position) {
    if (state == null || position == null || position.length != 12) {
      return;
    }
    final ByteBuffer b = ByteBuffer.wrap(position);
    final int partition = b.getInt();
    final long offset = b.getLong();
    final Recent r = recentOf(partition);
    synchronized (r) {
      capped.compute(
          key,
          (k, old) -> {
            if (old != null && old.stateOffset() > offset) {
              return old; // an older publication read late: keep the newer one
            }
            final long seen = old != null ? old.lastSeen() : r.latestAfter(k.hashCode(), offset);
            return new Known(state, offset, Math.max(seen, offset));
          });
    }
  }

  /**
   * An event of {@code key} on the event log at {@code partition}/{@code offset}: read by the tail,
   * or written here.
   */
  void onLog(final String key, final int partition, final long offset) {
    final Recent r = recentOf(partition);
    synchronized (r) {
      if (capped.computeIfPresent(
              key,
              (k, old) ->
                  offset <= old.lastSeen()
                      ? old
                      : new Known(old.state(), old.stateOffset(), offset))
          == null) {
        r.add(key.hashCode(), offset);
      }
    }
  }

  /**
   * The state to judge a step of {@code key} on: the published one when it reflects every event of
   * the request known here; null when the request is not at the bound, or when events of it are on
   * the log that the state does not reflect yet.
   */
  RequestState current(final String key) {
    final Known k = capped.get(key);
    return k != null && k.current() ? k.state() : null;
  }

  /** Whether the processor has published {@code key} as a request at the bound. */
  boolean atBound(final String key) {
    return capped.containsKey(key);
  }

  int size() {
    return capped.size();
  }

  /**
   * The answer to {@code event} on {@code state} (a request at the bound) given the rules' {@code
   * decision} on it: a refusal becomes 400 {@code TOO_MANY_EVENTS} naming {@code requestId}; null
   * otherwise (the step is written).
   */
  static ApiException tooManyEvents(
      final RequestEvent event, final RequestState state, final Decision decision) {
    if (state == null
        || event instanceof ApplicationReceived
        || state.rejected().size() < Bounds.MAX_REFUSED_EVENTS
        || !(decision instanceof Decision.Rejected refused)) {
      return null;
    }
    final String code = refused.rejection().reasonCode();
    return ApiException.of(
        400,
        "TOO_MANY_EVENTS",
        "requestId",
        "申请 "
            + event.requestId()
            + " 已有 "
            + state.rejected().size()
            + " 条被拒绝的事件（上限 "
            + Bounds.MAX_REFUSED_EVENTS
            + " 条），此步骤依规则将被拒绝（"
            + code
            + "），不予保存",
        "request "
            + event.requestId()
            + " already holds "
            + state.rejected().size()
            + " refused events (at most "
            + Bounds.MAX_REFUSED_EVENTS
            + "); this step would be refused ("
            + code
            + ") and is not written");
  }

  /** The key of a request, as on the event log. */
  static String keyOf(final RequestEvent e) {
    return RequestKey.of(e.agencyId(), e.requestId());
  }

  private Recent recentOf(final int partition) {
    return recent.computeIfAbsent(partition, p -> new Recent());
  }

  /** One partition's latest events (key hash, offset), a ring; guarded by its own monitor. */
  private static final class Recent {
    private final int[] hashes = new int[RECENT_PER_PARTITION];
    private final long[] offsets = new long[RECENT_PER_PARTITION];
    private int next;
    private int size;

    /** The highest offset that left the ring (-1: none). */
    private long forgotten = -1;

    void add(final int hash, final long offset) {
      if (size == RECENT_PER_PARTITION) {
        forgotten = Math.max(forgotten, offsets[next]);
      } else {
        size++;
      }
      hashes[next] = hash;
      offsets[next] = offset;
      next = (next + 1) % RECENT_PER_PARTITION;
    }

    /**
     * The latest offset after {@code after} that may hold an event of the key with this hash: one
     * remembered with the hash, or, when events after {@code after} were forgotten, the latest
     * offset seen at all (unknown: assume so).
     */
    long latestAfter(final int hash, final long after) {
      long latest = -1;
      long newest = forgotten;
      for (int i = 0; i < size; i++) {
        newest = Math.max(newest, offsets[i]);
        if (hashes[i] == hash && offsets[i] > after) {
          latest = Math.max(latest, offsets[i]);
        }
      }
      return forgotten > after ? newest : latest;
    }
  }
}
