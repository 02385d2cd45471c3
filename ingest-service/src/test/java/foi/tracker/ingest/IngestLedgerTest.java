package foi.tracker.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import foi.tracker.core.access.AccessControl;
import foi.tracker.core.event.ApplicationReceived;
import foi.tracker.core.event.Channel;
import foi.tracker.core.event.Decided;
import foi.tracker.core.json.Json;
import foi.tracker.core.request.RequestKey;
import foi.tracker.core.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class IngestLedgerTest {
  private static final Instant AT = Instant.parse("2026-12-01T02:00:00Z");

  private static ConsumerRecord<byte[], byte[]> onTheLog(
      final String indexKey, final byte[] value, final long offset) {
    return onTheLog(indexKey, 0L, value, offset);
  }

  private static ConsumerRecord<byte[], byte[]> onTheLog(
      final String indexKey, final long fingerprint, final byte[] value, final long offset) {
    final RecordHeaders headers = new RecordHeaders();
    if (indexKey != null) {
      headers.add(
          new RecordHeader(EventHeaders.INDEX_KEY, indexKey.getBytes(StandardCharsets.UTF_8)));
    }
    if (fingerprint != 0L) {
      headers.add(EventHeaders.of(indexKey, fingerprint).get(1));
    }
    return new ConsumerRecord<>(
        Topics.EVENTS.name(),
        0,
        offset,
        AT.toEpochMilli(),
        TimestampType.CREATE_TIME,
        0,
        0,
        RequestKey.of("town", "r1").getBytes(StandardCharsets.UTF_8),
        value,
        headers,
        Optional.empty());
  }

  @Test
  void shouldSkipOnlyEventsWhoseIdIsKnownAndLearnEveryOther() {
    try (IngestLedger ledger =
        new IngestLedger("127.0.0.1:1", new AccessControl("admin-token-for-tests"))) {
      final ApplicationReceived application =
          new ApplicationReceived(
              "received",
              "town",
              "r1",
              LocalDate.of(2026, 11, 30),
              AT,
              "NATURAL_PERSON",
              Channel.ONLINE,
              "subject",
              null);
      final Decided decided =
          new Decided("d1", "town", "r1", LocalDate.of(2026, 12, 1), AT, "DISCLOSED", null);
      // written by this service: remembered when acknowledged, then read back with its header
      final long fp = IngestLedger.fingerprintOf(application);
      ledger.remember(application, fp);
      // a known id is not parsed again: an unreadable value behind it changes nothing and throws
      // nothing
      ledger.apply(
          onTheLog(
              IngestLedger.indexKey(application), "not json".getBytes(StandardCharsets.UTF_8), 0));
      assertEquals(fp, ledger.known(application));
      // written by another instance (header, id not known here) and by an older version (no
      // header): both learnt
      ledger.apply(onTheLog(IngestLedger.indexKey(decided), Json.write(decided), 1));
      assertNotEquals(0L, ledger.known(decided));
      final Decided other =
          new Decided("d2", "town", "r1", LocalDate.of(2026, 12, 1), AT, "OTHER", null);
      ledger.apply(onTheLog(null, Json.write(other), 2));
      assertEquals(IngestLedger.fingerprintOf(other), ledger.known(other));
      assertTrue(ledger.hasRequest("town", "r1"));
    }
  }

  @Test
  void shouldLearnAnEventFromItsHeadersWithoutParsingIt() {
    try (IngestLedger ledger =
        new IngestLedger("127.0.0.1:1", new AccessControl("admin-token-for-tests"))) {
      final ApplicationReceived application =
          new ApplicationReceived(
              "received",
              "town",
              "r2",
              LocalDate.of(2026, 11, 30),
              AT,
              "NATURAL_PERSON",
              Channel.ONLINE,
              "subject",
              null);
      final long fp = IngestLedger.fingerprintOf(application);
      // an unreadable value behind both headers: what the index learns can only have come from the
      // headers
      ledger.apply(
          onTheLog(
              IngestLedger.indexKey(application),
              fp,
              "not json".getBytes(StandardCharsets.UTF_8),
              0));
      assertEquals(fp, ledger.known(application));
      assertTrue(ledger.hasRequest("town", "r2"));
      // a fingerprint header of the wrong size is not trusted: the event is parsed
      final Decided decided =
          new Decided("d1", "town", "r2", LocalDate.of(2026, 12, 1), AT, "DISCLOSED", null);
      final ConsumerRecord<byte[], byte[]> odd =
          onTheLog(IngestLedger.indexKey(decided), Json.write(decided), 1);
      odd.headers().add(new RecordHeader(EventHeaders.FINGERPRINT, new byte[] {1, 2, 3}));
      ledger.apply(odd);
      assertEquals(IngestLedger.fingerprintOf(decided), ledger.known(decided));
    }
  }

  /**
   * The events on the log carry their fingerprint ({@link EventHeaders#FINGERPRINT}), so its
   * definition is part of the stored data: if this fails because the definition changed on purpose,
   * give the header a new name.
   */
  @Test
  void theFingerprintOfAnEventIsWhatTheLogsHeadersSay() {
    final ApplicationReceived application =
        new ApplicationReceived(
            "received",
            "town",
            "r1",
            LocalDate.of(2026, 11, 30),
            AT,
            "NATURAL_PERSON",
            Channel.ONLINE,
            "subject",
            null);
    assertEquals(
        -4189777993045845592L,
        IngestLedger.fingerprintOf(application),
        "give EventHeaders.FINGERPRINT a new name");
  }
}
