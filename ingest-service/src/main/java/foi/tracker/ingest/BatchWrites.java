package foi.tracker.ingest;

import foi.tracker.core.access.AccessControl;
import foi.tracker.core.api.ApiException;
import foi.tracker.core.api.Reply;
import foi.tracker.core.json.Json;
import foi.tracker.core.request.RequestKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The batch route (批量导入): the gate on batches in flight, the quota for every item, each item
 * validated and answered as its single call, and the items to write written in one Kafka
 * transaction.
 */
final class BatchWrites {
  private final IngestLedger ledger;
  private final Callers callers;
  private final WriteChecks checks;

  /** Serialises check-write-remember per request/event id, shared with the single writes. */
  private final WriteClaims claims;

  /** Writes the items of a batch call in one transaction. */
  private final BatchWriter batches;

  /** Batch calls processed at once. */
  private final BatchGate batchGate;

  /** Counts and logs each write. */
  private final IngestMetrics metrics;

  BatchWrites(
      final IngestLedger ledger,
      final Callers callers,
      final WriteChecks checks,
      final WriteClaims claims,
      final BatchWriter batches,
      final BatchGate batchGate,
      final IngestMetrics metrics) {
    this.ledger = ledger;
    this.callers = callers;
    this.checks = checks;
    this.claims = claims;
    this.batches = batches;
    this.batchGate = batchGate;
    this.metrics = metrics;
  }

  /**
   * POST /api/v1/agencies/{agencyId}/batch: many applications and handling steps in one call
   * (批量导入), for a desk entering a backlog or a system forwarding what it queued. Each item is
   * validated, checked for re-sends and answered exactly as the single call would be; the items to
   * write are written in one Kafka transaction, all or nothing, and the call is answered once the
   * broker has committed them.
   */
  Reply postBatch(final String authorization, final String agencyId, final byte[] body) {
    final long start = System.nanoTime();
    final boolean[] itemsLogged = {false};
    final Reply reply =
        batchGate.run(
            () ->
                Answers.guard(
                    () -> {
                      final AccessControl.Caller caller =
                          callers.authorize(authorization, agencyId);
                      final List<BatchReader.Item> items = BatchReader.items(body);
                      final Reply refused = checks.charge(caller, agencyId, items.size());
                      if (refused != null) {
                        return refused;
                      }
                      final Reply[] answers = new Reply[items.size()];
                      final Write[] writes = new Write[items.size()];
                      final String[] refusals = new String[items.size()];
                      final boolean[] sent = new boolean[items.size()];
                      final boolean[] written = {false};
                      final Set<String> receivedHere = new java.util.HashSet<>();
                      for (int i = 0; i < items.size(); i++) {
                        try {
                          writes[i] = prepare(caller, agencyId, items.get(i), receivedHere);
                        } catch (ApiException e) {
                          answers[i] = Reply.error(e);
                          refusals[i] = e.code();
                        }
                      }
                      final List<Write> toWrite = new ArrayList<>();
                      final List<WriteClaims.Claim> held = claimAll(writes);
                      itemsLogged[0] = true;
                      try {
                        final Map<String, Long> inThisBatch = new HashMap<>();
                        final Map<String, foi.tracker.core.request.RequestState> cappedHere =
                            new HashMap<>();
                        for (int i = 0; i < writes.length; i++) {
                          final Write w = writes[i];
                          if (w == null) {
                            continue;
                          }
                          long known = ledger.known(w.event());
                          if (known == 0L) {
                            known = inThisBatch.getOrDefault(w.indexKey(), 0L);
                          }
                          if (known != 0L && known != w.fingerprint()) {
                            answers[i] = Reply.error(w.conflict());
                            refusals[i] = w.conflict().code();
                            continue;
                          }
                          final ApiException capped =
                              known == 0L ? checks.tooManyEvents(w.event(), cappedHere) : null;
                          if (capped != null) {
                            answers[i] = Reply.error(capped);
                            refusals[i] = capped.code();
                            continue;
                          }
                          if (known == 0L) {
                            toWrite.add(w);
                            sent[i] = true;
                            inThisBatch.put(w.indexKey(), w.fingerprint());
                          }
                          answers[i] = w.answer();
                        }
                        if (!toWrite.isEmpty()) {
                          final List<ProducerRecord<String, byte[]>> records =
                              new ArrayList<>(toWrite.size());
                          for (Write w : toWrite) {
                            records.add(checks.eventRecord(w));
                          }
                          final List<org.apache.kafka.clients.producer.RecordMetadata> at =
                              batches.writeAll(records);
                          written[0] = true;
                          for (int i = 0; i < toWrite.size(); i++) {
                            ledger.remember(toWrite.get(i).event(), toWrite.get(i).fingerprint());
                            ledger.wrote(
                                toWrite.get(i).event(), at.get(i).partition(), at.get(i).offset());
                          }
                        }
                      } finally {
                        held.forEach(WriteClaims.Claim::release);
                        for (int i = 0; i < items.size(); i++) {
                          final BatchReader.Item item = items.get(i);
                          final Write w = writes[i];
                          metrics.write(
                              item.agencyId() == null ? agencyId : item.agencyId(),
                              w != null ? w.event().requestId() : item.requestId(),
                              w == null ? null : w.event().type(),
                              refusals[i] != null
                                  ? IngestMetrics.Outcome.REFUSED
                                  : !sent[i]
                                      ? IngestMetrics.Outcome.ALREADY_WRITTEN
                                      : written[0]
                                          ? IngestMetrics.Outcome.WRITTEN
                                          : IngestMetrics.Outcome.UNAVAILABLE,
                              refusals[i],
                              start);
                        }
                      }
                      return batchAnswer(answers, toWrite.size());
                    }));
    if (!itemsLogged[0] && reply.status() >= 400) {
      // the call itself was refused (token, agency, body) before any item was looked at
      String code;
      try {
        code = Json.MAPPER.readTree(reply.json()).path("error").asText(null);
      } catch (java.io.IOException e) {
        code = null;
      }
      metrics.write(
          agencyId,
          null,
          null,
          reply.status() == 503 ? IngestMetrics.Outcome.UNAVAILABLE : IngestMetrics.Outcome.REFUSED,
          code,
          start);
    }
    return reply;
  }

  /**
   * One batch item validated and authorised like its single call; an event may follow its
   * application.
   */
  private Write prepare(
      final AccessControl.Caller caller,
      final String pathAgency,
      final BatchReader.Item item,
      final Set<String> receivedHere) {
    if (item.error() != null) {
      throw item.error();
    }
    final String agencyId = item.agencyId() == null ? pathAgency : item.agencyId();
    if (!agencyId.equals(pathAgency)) {
      BodyReader.checkId("agencyId", agencyId);
      callers.requireAgency(agencyId);
      if (!ledger.isWithin(agencyId, pathAgency)) {
        throw ApiException.of(
            403,
            "FORBIDDEN",
            "agencyId",
            agencyId + " 不属于 " + pathAgency + " 及其下级",
            "agency "
                + agencyId
                + " is not under "
                + pathAgency
                + "; a batch may only write for the agency of its path and the agencies under it");
      }
      callers.requireMayActOn(caller, agencyId);
    }
    if (item.isApplication()) {
      final Write w = checks.application(agencyId, item.body());
      receivedHere.add(RequestKey.of(agencyId, w.event().requestId()));
      return w;
    }
    BodyReader.checkId("requestId", item.requestId());
    final Write w =
        checks.event(agencyId, item.requestId(), item.body(), !AccessControl.isAdmin(caller));
    if (!receivedHere.contains(RequestKey.of(agencyId, item.requestId()))) {
      checks.requireRequest(agencyId, item.requestId());
    }
    return w;
  }

  /**
   * Takes the claims of every write's id in ascending order (so two batches never wait on each
   * other in a ring).
   */
  private List<WriteClaims.Claim> claimAll(final Write[] writes) {
    final java.util.TreeSet<String> keys = new java.util.TreeSet<>();
    for (Write w : writes) {
      if (w != null) {
        keys.add(w.indexKey());
      }
    }
    return claims.takeAll(keys);
  }

  private static Reply batchAnswer(final Reply[] answers, final int written) {
    final StringBuilder json = new StringBuilder(64 + answers.length * 64).append("{\"items\":[");
    int refused = 0;
    for (int i = 0; i < answers.length; i++) {
      if (i > 0) {
        json.append(',');
      }
      json.append("{\"status\":")
          .append(answers[i].status())
          .append(",\"body\":")
          .append(answers[i].json())
          .append('}');
      if (answers[i].status() >= 400) {
        refused++;
      }
    }
    json.append("],\"written\":")
        .append(written)
        .append(",\"alreadyWritten\":")
        .append(answers.length - refused - written)
        .append(",\"refused\":")
        .append(refused)
        .append('}');
    return new Reply(200, json.toString(), Map.of());
  }
}
