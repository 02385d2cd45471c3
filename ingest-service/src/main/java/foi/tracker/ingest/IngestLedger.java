package foi.tracker.ingest;

import foi.tracker.core.access.AccessControl;
import foi.tracker.core.agency.Agency;
import foi.tracker.core.agency.AgencyTree;
import foi.tracker.core.calendar.WorkingDayCalendar;
import foi.tracker.core.calendar.YearSchedule;
import foi.tracker.core.event.ApplicationReceived;
import foi.tracker.core.event.RequestEvent;
import foi.tracker.core.publication.Publication;
import foi.tracker.core.publication.PublicationCut;
import foi.tracker.core.request.EventFingerprint;
import foi.tracker.core.request.RequestKey;
import foi.tracker.core.topic.DeskToken;
import foi.tracker.core.topic.Topics;
import foi.tracker.core.view.TopicTail;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The ingest side's memory of what is already on the log, rebuilt from Kafka at start and kept
 * current by following the topics: which requests exist (404 for events on unknown ones), the
 * fingerprint of every request and event id (same body = same answer, other body = 409), the agency
 * tree, the desk tokens and the holiday schedules loaded after release (for the due date in the
 * answer to a new application), and the requests at the bound on refused events ({@link
 * CappedRequests}).
 */
final class IngestLedger implements AutoCloseable {
  /**
   * How long the tail's fetch may wait for data: the delay before another instance's write is known
   * here.
   */
  static final int TAIL_FETCH_WAIT_MS = 200;

  private final FingerprintIndex index = new FingerprintIndex(1 << 16);
  private final AgencyTree agencies = new AgencyTree();
  private final AccessControl access;
  private final TopicTail tail;
  private final java.util.Map<String, java.util.NavigableMap<Integer, Publication>> publications =
      new java.util.concurrent.ConcurrentHashMap<>();
  private final java.util.Map<String, String> tokenAgencies =
      new java.util.concurrent.ConcurrentHashMap<>();
  private volatile WorkingDayCalendar calendar = WorkingDayCalendar.bundled();
  private final CappedRequests capped = new CappedRequests();
  private final String bootstrapServers;

  /** For the end offsets of the event log; made on first use (only steps on capped requests). */
  private org.apache.kafka.clients.admin.Admin admin;

  /** Checks the signature of token and agency records (null: no check, for tests without keys). */
  private final foi.tracker.core.access.RecordVerifier verifier;

  IngestLedger(final String bootstrapServers, final AccessControl access) {
    this(bootstrapServers, access, null, null);
  }

  IngestLedger(
      final String bootstrapServers,
      final AccessControl access,
      final foi.tracker.core.access.RecordVerifier verifier) {
    this(bootstrapServers, access, verifier, null);
  }

  /**
   * With {@code rebuildHold} (tests only; null: none) run before each record is applied: a test
   * holds the rebuild there to see the service while it is not ready.
   */
  IngestLedger(
      final String bootstrapServers,
      final AccessControl access,
      final foi.tracker.core.access.RecordVerifier verifier,
      final Runnable rebuildHold) {
    this.access = access;
    this.verifier = verifier;
    this.bootstrapServers = bootstrapServers;
    // the service applies its own writes at once, so the tail is there for other instances' writes
    // and the start:
    // fetches wait to fill up (one fetch per 200 ms instead of one per few events; the tail was
    // over a quarter of the
    // service's CPU at 500 events/s)
    this.tail =
        new TopicTail(
            "ingest-ledger",
            bootstrapServers,
            List.of(
                Topics.AGENCIES.name(),
                Topics.TOKENS.name(),
                Topics.EVENTS.name(),
                Topics.CALENDAR.name(),
                Topics.PUBLICATIONS.name(),
                Topics.CAPPED_REQUESTS.name()),
            rebuildHold == null
                ? this::apply
                : r -> {
                  rebuildHold.run();
                  apply(r);
                },
            java.util.Map.of(
                org.apache.kafka.clients.consumer.ConsumerConfig.FETCH_MIN_BYTES_CONFIG,
                256 * 1024,
                org.apache.kafka.clients.consumer.ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG,
                TAIL_FETCH_WAIT_MS));
  }

  IngestLedger start() {
    tail.start();
    return this;
  }

  void apply(final ConsumerRecord<byte[], byte[]> r) {
    if (r.value() == null) {
      return;
    }
    final String topic = r.topic();
    if (topic.equals(Topics.EVENTS.name())) {
      if (r.headers().lastHeader(PublicationCut.HEADER) != null) {
        return; // a publication's cut marker, not an event
      }
      if (r.key() != null) {
        capped.onLog(
            new String(r.key(), java.nio.charset.StandardCharsets.UTF_8),
            r.partition(),
            r.offset());
      }
      // the event's id and fingerprint from its headers (EventHeaders): an id already known (this
      // instance's own
      // write, remembered when the broker acknowledged it) or one whose fingerprint is there needs
      // no parsing
      final String key = EventHeaders.indexKey(r);
      if (key != null) {
        if (index.get(key) != 0L) {
          return;
        }
        final long fingerprint = EventHeaders.fingerprint(r);
        if (fingerprint != 0L) {
          index.putIfAbsent(key, fingerprint);
          return;
        }
      }
      final RequestEvent e =
          Topics.EVENTS.valueSerde().deserializer().deserialize(topic, r.value());
      remember(e);
    } else if ((topic.equals(Topics.AGENCIES.name()) || topic.equals(Topics.TOKENS.name()))
        && verifier != null
        && !verifier.accept(r)) {
      return; // not signed by the ingest: ignored (logged and counted by the verifier)
    } else if (topic.equals(Topics.AGENCIES.name())) {
      putAgency(Topics.AGENCIES.valueSerde().deserializer().deserialize(topic, r.value()));
    } else if (topic.equals(Topics.TOKENS.name())) {
      applyToken(Topics.TOKENS.valueSerde().deserializer().deserialize(topic, r.value()));
    } else if (topic.equals(Topics.PUBLICATIONS.name())) {
      applyPublication(
          Topics.PUBLICATIONS.valueSerde().deserializer().deserialize(topic, r.value()));
    } else if (topic.equals(Topics.CALENDAR.name())) {
      applySchedule(Topics.CALENDAR.valueSerde().deserializer().deserialize(topic, r.value()));
    } else if (topic.equals(Topics.CAPPED_REQUESTS.name()) && r.key() != null) {
      final org.apache.kafka.common.header.Header at =
          r.headers().lastHeader(Topics.CAPPED_AT_HEADER);
      capped.published(
          new String(r.key(), java.nio.charset.StandardCharsets.UTF_8),
          Topics.CAPPED_REQUESTS.valueSerde().deserializer().deserialize(topic, r.value()),
          at == null ? null : at.value());
    }
  }

  /** The requests at the bound on refused events, as far as this service knows them. */
  CappedRequests capped() {
    return capped;
  }

  /**
   * An event this service wrote, acknowledged by the broker at {@code partition}/{@code offset}.
   */
  void wrote(final RequestEvent e, final int partition, final long offset) {
    capped.onLog(CappedRequests.keyOf(e), partition, offset);
  }

  /**
   * A publication recorded (by this service, applied at once, or read from the log): the latest
   * record of its key wins.
   */
  void applyPublication(final Publication p) {
    publications
        .computeIfAbsent(
            p.agencyId() + "|" + p.year(), k -> new java.util.concurrent.ConcurrentSkipListMap<>())
        .put(p.version(), p);
  }

  /** The versions of an agency's report for a year, by version (empty when none). */
  java.util.NavigableMap<Integer, Publication> publications(final String agencyId, final int year) {
    final java.util.NavigableMap<Integer, Publication> v = publications.get(agencyId + "|" + year);
    return v == null ? java.util.Collections.emptyNavigableMap() : v;
  }

  /** The agencies of {@code root}'s subtree (itself included), as the tree holds them now. */
  synchronized List<Agency> subtree(final String root) {
    return agencies.subtree(root).stream().map(id -> agencies.get(id).orElseThrow()).toList();
  }

  /** A holiday schedule loaded (by this service, applied at once, or read from the log). */
  synchronized void applySchedule(final YearSchedule schedule) {
    calendar = calendar.withSchedule(schedule);
  }

  /** The bundled calendar with every schedule loaded since. */
  WorkingDayCalendar calendar() {
    return calendar;
  }

  /**
   * Records an event read from the log; returns the fingerprint now stored for its id. The first
   * one stored for an id stays, so an id already known (this service's own writes, read back) costs
   * no fingerprint.
   */
  long remember(final RequestEvent e) {
    final long known = known(e);
    return known != 0L ? known : remember(e, fingerprintOf(e));
  }

  /** Records a written event whose fingerprint the caller has computed already. */
  long remember(final RequestEvent e, final long fingerprint) {
    return index.putIfAbsent(indexKey(e), fingerprint);
  }

  /** The fingerprint already stored for this event's id (0: none). */
  long known(final RequestEvent e) {
    return index.get(indexKey(e));
  }

  boolean hasRequest(final String agencyId, final String requestId) {
    return index.get(requestKey(agencyId, requestId)) != 0L;
  }

  static long fingerprintOf(final RequestEvent e) {
    return FingerprintIndex.fingerprint(EventFingerprint.of(e));
  }

  synchronized void putAgency(final Agency a) {
    agencies.put(a);
  }

  synchronized Optional<Agency> agency(final String agencyId) {
    return agencies.get(agencyId);
  }

  synchronized boolean wouldCycle(final String agencyId, final String parentId) {
    return agencies.wouldCycle(agencyId, parentId);
  }

  /** Whether {@code agencyId} is {@code root} or under it. */
  synchronized boolean isWithin(final String agencyId, final String root) {
    return agencies.isWithin(agencyId, root);
  }

  synchronized AccessControl.Verdict mayActOn(
      final AccessControl.Caller caller, final String agencyId) {
    return AccessControl.mayActOn(caller, agencyId, agencies);
  }

  void applyToken(final DeskToken t) {
    if (!t.revoked()) {
      tokenAgencies.put(t.tokenId(), t.agencyId());
    }
    access.apply(t);
  }

  /**
   * The agency a token was issued for (also after it was revoked), or null when no such token was
   * issued.
   */
  String tokenAgency(final String tokenId) {
    return tokenAgencies.get(tokenId);
  }

  long refusedSignatures() {
    return verifier == null ? 0 : verifier.refused();
  }

  boolean isReady() {
    return tail.isCaughtUp() && tail.isAlive();
  }

  /**
   * How far the rebuild of the index from the event log is (for {@code /health} before it is
   * ready).
   */
  TopicTail.Progress progress() {
    return tail.progress();
  }

  boolean awaitReady(final Duration timeout) throws InterruptedException {
    return tail.awaitCaughtUp(timeout);
  }

  int indexedIds() {
    return index.size();
  }

  /** The id of an event in this index (the value of {@link EventHeaders#INDEX_KEY}). */
  static String indexKey(final RequestEvent e) {
    return e instanceof ApplicationReceived
        ? requestKey(e.agencyId(), e.requestId())
        : eventKey(e.agencyId(), e.requestId(), e.eventId());
  }

  private static String requestKey(final String agencyId, final String requestId) {
    return RequestKey.of(agencyId, requestId);
  }

  private static String eventKey(
      final String agencyId, final String requestId, final String eventId) {
    return RequestKey.of(agencyId, requestId) + "#" + eventId;
  }

  @Override
  public void close() {
    tail.close();
    synchronized (this) {
      if (admin != null) {
        admin.close(java.time.Duration.ofSeconds(2));
      }
    }
  }

  /**
   * Waits at most {@code max} until this ledger has read event-log partition {@code partition} up
   * to its end as it is now (every step acknowledged to any ingest instance before this call);
   * false when it has not, or the broker did not say where the end is.
   */
  boolean awaitEventLogEnd(final int partition, final java.time.Duration max) {
    final org.apache.kafka.common.TopicPartition tp =
        new org.apache.kafka.common.TopicPartition(Topics.EVENTS.name(), partition);
    return foi.tracker.core.view.BoundedWait.until(
        () ->
            java.util.Map.of(
                tp,
                admin()
                    .listOffsets(
                        java.util.Map.of(tp, org.apache.kafka.clients.admin.OffsetSpec.latest()),
                        new org.apache.kafka.clients.admin.ListOffsetsOptions(
                            org.apache.kafka.common.IsolationLevel.READ_COMMITTED))
                    .partitionResult(tp)
                    .get(max.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
                    .offset()),
        tail::reached,
        max,
        java.time.Duration.ofMillis(5));
  }

  private synchronized org.apache.kafka.clients.admin.Admin admin() {
    if (admin == null) {
      final java.util.Map<String, Object> c =
          foi.tracker.core.config.KafkaClientSecurity.withBootstrap(bootstrapServers);
      c.put(org.apache.kafka.clients.admin.AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
      c.put(org.apache.kafka.clients.admin.AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
      c.put(org.apache.kafka.clients.admin.AdminClientConfig.CLIENT_ID_CONFIG, "ingest-log-end");
      admin = org.apache.kafka.clients.admin.Admin.create(c);
    }
    return admin;
  }
}
