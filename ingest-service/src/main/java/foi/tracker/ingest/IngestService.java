package foi.tracker.ingest;

import foi.tracker.core.access.AccessControl;
import foi.tracker.core.api.ApiException;
import foi.tracker.core.api.Reply;
import foi.tracker.core.deadline.DeadlineSettings;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The write side of api.md, framework-free: authenticate, validate, check idempotency, write to
 * Kafka and answer only once the broker has acknowledged (acks=all). Any failure to write is 503
 * with Retry-After, and nothing is recorded as written. This class wires the parts and is what the
 * controller calls; each route's work is in one of them.
 */
public final class IngestService {
  private static final Logger LOG = LoggerFactory.getLogger(IngestService.class);

  /**
   * How long a call waits for the broker's acknowledgement. Longer than the producer's
   * delivery.timeout.ms plus max.block.ms (see {@link IngestApp}), so the producer always reports
   * the definitive outcome first and a 503 never leaves a record still queued to be sent after the
   * answer.
   */
  static final long WRITE_TIMEOUT_MS =
      IngestApp.DELIVERY_TIMEOUT_MS + IngestApp.MAX_BLOCK_MS + 1_000;

  private final IngestLedger ledger;
  private final WriteClaims claims = new WriteClaims();
  private final WriteChecks checks;
  private final AgencyAdmin agencies;
  private final TokenAdmin tokens;
  private final HolidayUploads holidays;
  private final SigningKeyRotation keyRotation;
  private final SingleWrites singles;
  private final BatchWrites batchWrites;
  private final DeskSetup desk;

  IngestService(
      final Producer<String, byte[]> producer,
      final IngestLedger ledger,
      final AccessControl access,
      final EventValidator validator,
      final Clock clock,
      final int partitions,
      final DeadlineSettings deadlines,
      final DeskConfig deskConfig,
      final BatchWriter batches,
      final foi.tracker.core.access.RecordSigner signer,
      final RecordResigner resigner,
      final WriteLimits limits,
      final IngestMetrics metrics) {
    this.ledger = ledger;
    final Callers callers = new Callers(access, ledger);
    final RecordWrites writes = new RecordWrites(producer, signer);
    this.checks =
        new WriteChecks(
            ledger,
            validator,
            clock,
            partitions,
            deadlines,
            new WriteQuota(limits, System::nanoTime));
    this.agencies = new AgencyAdmin(ledger, callers, writes);
    this.tokens = new TokenAdmin(ledger, callers, writes, clock);
    this.holidays = new HolidayUploads(ledger, callers, writes);
    this.keyRotation = new SigningKeyRotation(callers, signer, resigner);
    this.singles = new SingleWrites(producer, ledger, callers, checks, claims, metrics);
    this.batchWrites =
        new BatchWrites(
            ledger,
            callers,
            checks,
            claims,
            batches,
            new BatchGate(limits.batchesInFlight()),
            metrics);
    this.desk = new DeskSetup(ledger, callers, deskConfig);
  }

  /** PUT /api/v1/agencies/{agencyId} (admin). */
  public Reply putAgency(final String authorization, final String agencyId, final byte[] body) {
    return agencies.putAgency(authorization, agencyId, body);
  }

  /** PUT /api/v1/calendar/holidays/{year} (admin). */
  public Reply putHolidaySchedule(
      final String authorization, final String yearText, final byte[] body) {
    return holidays.putHolidaySchedule(authorization, yearText, body);
  }

  /** POST /api/v1/agencies/{agencyId}/tokens (admin): a desk token, shown once. */
  public Reply issueToken(final String authorization, final String agencyId, final byte[] body) {
    return tokens.issueToken(authorization, agencyId, body);
  }

  /** DELETE /api/v1/agencies/{agencyId}/tokens/{tokenId} (admin): revokes a desk token. */
  public Reply revokeToken(
      final String authorization, final String agencyId, final String tokenId) {
    return tokens.revokeToken(authorization, agencyId, tokenId);
  }

  /** POST /api/v1/agencies/{agencyId}/requests: a new application. */
  public CompletableFuture<Reply> postApplication(
      final String authorization, final String agencyId, final byte[] body) {
    return singles.postApplication(authorization, agencyId, body);
  }

  /** POST /api/v1/agencies/{agencyId}/requests/{requestId}/events: a handling step. */
  public CompletableFuture<Reply> postEvent(
      final String authorization,
      final String agencyId,
      final String requestId,
      final byte[] body) {
    return singles.postEvent(authorization, agencyId, requestId, body);
  }

  /**
   * POST /api/v1/agencies/{agencyId}/batch: many applications and handling steps in one call
   * (批量导入).
   */
  public Reply postBatch(final String authorization, final String agencyId, final byte[] body) {
    return batchWrites.postBatch(authorization, agencyId, body);
  }

  /** POST /api/v1/signing-key/rotation (admin): a new record-signing key. */
  public Reply rotateSigningKey(final String authorization) {
    return keyRotation.rotateSigningKey(authorization);
  }

  /** GET /api/v1/taxonomy (no token). */
  public Reply taxonomy() {
    return desk.taxonomy();
  }

  /** GET /desk-config.json (no token). */
  public Reply deskConfig() {
    return desk.deskConfig();
  }

  /** GET /api/v1/whoami (token). */
  public Reply whoami(final String authorization) {
    return desk.whoami(authorization);
  }

  /** GET /api/v1/agencies/{agencyId} (token, within its subtree). */
  public Reply getAgency(final String authorization, final String agencyId) {
    return agencies.getAgency(authorization, agencyId);
  }

  /** Quota refusals and anomaly alerts so far (for tests and an ops metric). */
  WriteQuota quota() {
    return checks.quota();
  }

  /** Ids claimed right now, for tests: 0 once every call has been answered. */
  int claimedIds() {
    return claims.size();
  }

  /** Stops the threads of calls waiting for a claim. */
  void close() {
    singles.close();
  }

  boolean isReady() {
    return ledger.isReady();
  }

  /**
   * How far the rebuild of the index is (for {@code /health} and the 503 of routes while it is not
   * done).
   */
  foi.tracker.core.view.TopicTail.Progress progress() {
    return ledger.progress();
  }

  /** The 503 of a write the broker did not confirm, logged once here. */
  static ApiException unavailable(final Exception e) {
    LOG.warn("write to Kafka failed: {}", e.toString());
    return ApiException.of(
        503,
        "UNAVAILABLE",
        null,
        "系统暂不可用，本次未保存，请稍后原样重试，不会重复登记",
        "the event store did not confirm the write, so it is not saved; send the same request again later, it will "
            + "not be counted twice");
  }
}
