package foi.tracker.ingest;

import foi.tracker.core.event.RequestEvent;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * The headers the ingest service puts on every event it writes to the event log, and how its ledger
 * reads them back. They let a start rebuild the idempotency index from the log without parsing the
 * events (parsing and fingerprinting was most of a restart's ~11 µs of CPU per event); events
 * without them (written by older versions or by other tools) are parsed.
 */
public final class EventHeaders {
  /** The event's id in the ledger's index ({@code IngestLedger.indexKey}), UTF-8. */
  public static final String INDEX_KEY = "foi-index-key";

  /**
   * The event's fingerprint in the index ({@code IngestLedger.fingerprintOf}), 8 bytes big-endian.
   * The name carries the fingerprint's version: a change to how it is computed must change the name
   * (so older events are parsed again), or a re-sent body would no longer match what an older
   * version wrote. {@code IngestLedgerTest} pins it.
   */
  public static final String FINGERPRINT = "foi-fingerprint-v1";

  private EventHeaders() {}

  /** The headers of an event as the ingest service writes it. */
  public static List<Header> of(final RequestEvent e) {
    return of(IngestLedger.indexKey(e), IngestLedger.fingerprintOf(e));
  }

  static List<Header> of(final String indexKey, final long fingerprint) {
    return List.of(
        new RecordHeader(INDEX_KEY, indexKey.getBytes(StandardCharsets.UTF_8)),
        new RecordHeader(
            FINGERPRINT, ByteBuffer.allocate(Long.BYTES).putLong(fingerprint).array()));
  }

  /** The index key an event record says it has, or null. */
  static String indexKey(final ConsumerRecord<byte[], byte[]> r) {
    final Header h = r.headers().lastHeader(INDEX_KEY);
    return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  /** The fingerprint an event record says it has, or 0 when it says none (or not in 8 bytes). */
  static long fingerprint(final ConsumerRecord<byte[], byte[]> r) {
    final Header h = r.headers().lastHeader(FINGERPRINT);
    return h == null || h.value() == null || h.value().length != Long.BYTES
        ? 0L
        : ByteBuffer.wrap(h.value()).getLong();
  }
}
