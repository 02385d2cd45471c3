package foi.tracker.ingest;

import foi.tracker.core.access.AccessControl;
import foi.tracker.core.api.ApiException;
import foi.tracker.core.api.Reply;
import foi.tracker.core.event.RequestEvent;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.Producer;

/**
 * The single-call writes (单条登记): an application or a handling step, checked, claimed by its id,
 * sent, and answered once the broker has acknowledged it (acks=all); the calling thread does not
 * wait for that.
 */
final class SingleWrites {
  private final Producer<String, byte[]> producer;
  private final IngestLedger ledger;
  private final Callers callers;
  private final WriteChecks checks;

  /**
   * Serialises check-write-remember per request/event id, so two concurrent re-sends count once.
   */
  private final WriteClaims claims;

  /**
   * Where a single call goes on that found its id claimed by another call: not the producer's
   * network thread that released the claim, since going on may mean sending.
   */
  private final java.util.concurrent.ExecutorService afterClaim =
      java.util.concurrent.Executors.newCachedThreadPool(
          r -> {
            final Thread t = new Thread(r, "ingest-after-claim");
            t.setDaemon(true);
            return t;
          });

  /** Counts and logs each write. */
  private final IngestMetrics metrics;

  SingleWrites(
      final Producer<String, byte[]> producer,
      final IngestLedger ledger,
      final Callers callers,
      final WriteChecks checks,
      final WriteClaims claims,
      final IngestMetrics metrics) {
    this.producer = producer;
    this.ledger = ledger;
    this.callers = callers;
    this.checks = checks;
    this.claims = claims;
    this.metrics = metrics;
  }

  /**
   * POST /api/v1/agencies/{agencyId}/requests: a new application. Answered once the broker has
   * acknowledged the write; the calling thread does not wait for that.
   */
  CompletableFuture<Reply> postApplication(
      final String authorization, final String agencyId, final byte[] body) {
    final long start = System.nanoTime();
    final Write w;
    final AccessControl.Caller caller;
    try {
      caller = callers.authorize(authorization, agencyId);
      w = checks.application(agencyId, body);
    } catch (ApiException e) {
      metrics.write(
          agencyId,
          null,
          foi.tracker.core.event.EventType.RECEIVED,
          IngestMetrics.Outcome.REFUSED,
          e.code(),
          start);
      return CompletableFuture.completedFuture(Reply.error(e));
    }
    final Reply refused = checks.charge(caller, agencyId, 1);
    if (refused != null) {
      metrics.write(
          agencyId,
          null,
          foi.tracker.core.event.EventType.RECEIVED,
          IngestMetrics.Outcome.REFUSED,
          "QUOTA_EXCEEDED",
          start);
      return CompletableFuture.completedFuture(refused);
    }
    return writeOnce(w, start);
  }

  /**
   * POST /api/v1/agencies/{agencyId}/requests/{requestId}/events: a handling step, answered as an
   * application.
   */
  CompletableFuture<Reply> postEvent(
      final String authorization,
      final String agencyId,
      final String requestId,
      final byte[] body) {
    final long start = System.nanoTime();
    final Write w;
    final AccessControl.Caller caller;
    try {
      caller = callers.authorize(authorization, agencyId);
      BodyReader.checkId("requestId", requestId);
      w = checks.event(agencyId, requestId, body, !AccessControl.isAdmin(caller));
      checks.requireRequest(agencyId, requestId);
    } catch (ApiException e) {
      metrics.write(agencyId, requestId, null, IngestMetrics.Outcome.REFUSED, e.code(), start);
      return CompletableFuture.completedFuture(Reply.error(e));
    }
    final Reply refused = checks.charge(caller, agencyId, 1);
    if (refused != null) {
      metrics.write(
          agencyId, requestId, null, IngestMetrics.Outcome.REFUSED, "QUOTA_EXCEEDED", start);
      return CompletableFuture.completedFuture(refused);
    }
    return writeOnce(w, start);
  }

  /**
   * Check, write and remember one event under its id's claim, so two concurrent re-sends count
   * once. When another call holds the claim, this one is decided after it, as if it had come
   * second.
   */
  private CompletableFuture<Reply> writeOnce(final Write w, final long start) {
    final WriteClaims.Claim claim = claims.on(w.indexKey());
    final CompletableFuture<Void> holder = claim.take();
    if (holder != null) {
      return holder.thenComposeAsync(released -> writeOnce(w, start), afterClaim);
    }
    final CompletableFuture<Reply> answer = new CompletableFuture<>();
    final RequestEvent e0 = w.event();
    try {
      final long known = ledger.known(w.event());
      if (known != 0L) {
        claim.release();
        metrics.write(
            e0.agencyId(),
            e0.requestId(),
            e0.type(),
            known == w.fingerprint()
                ? IngestMetrics.Outcome.ALREADY_WRITTEN
                : IngestMetrics.Outcome.REFUSED,
            known == w.fingerprint() ? null : w.conflict().code(),
            start);
        return CompletableFuture.completedFuture(
            known == w.fingerprint() ? w.answer() : Reply.error(w.conflict()));
      }
      final ApiException refused = checks.tooManyEvents(w.event(), null);
      if (refused != null) {
        claim.release();
        metrics.write(
            e0.agencyId(),
            e0.requestId(),
            e0.type(),
            IngestMetrics.Outcome.REFUSED,
            refused.code(),
            start);
        return CompletableFuture.completedFuture(Reply.error(refused));
      }
      producer.send(
          checks.eventRecord(w),
          (metadata, error) -> {
            if (error == null) {
              ledger.remember(w.event(), w.fingerprint());
              ledger.wrote(w.event(), metadata.partition(), metadata.offset());
            }
            claim.release();
            metrics.write(
                e0.agencyId(),
                e0.requestId(),
                e0.type(),
                error == null ? IngestMetrics.Outcome.WRITTEN : IngestMetrics.Outcome.UNAVAILABLE,
                null,
                start);
            answer.complete(
                error == null ? w.answer() : Reply.error(IngestService.unavailable(error)));
          });
    } catch (RuntimeException e) {
      // send() refused the record itself (closed, or no buffer space within max.block.ms): nothing
      // was queued
      claim.release();
      metrics.write(
          e0.agencyId(), e0.requestId(), e0.type(), IngestMetrics.Outcome.UNAVAILABLE, null, start);
      answer.complete(Reply.error(IngestService.unavailable(e)));
    }
    // the producer calls back with every outcome within delivery.timeout.ms (IngestApp), so this
    // always completes
    return answer;
  }

  /** Stops the threads of calls waiting for a claim. */
  void close() {
    afterClaim.shutdownNow();
  }
}
