package foi.tracker.ingest;

import foi.tracker.core.access.AccessControl;
import foi.tracker.core.agency.Agency;
import foi.tracker.core.api.ApiException;
import foi.tracker.core.api.Reply;
import foi.tracker.core.calendar.InvalidScheduleException;
import foi.tracker.core.calendar.YearSchedule;
import foi.tracker.core.deadline.DeadlineClock;
import foi.tracker.core.deadline.DeadlineSettings;
import foi.tracker.core.event.ApplicationReceived;
import foi.tracker.core.event.RequestEvent;
import foi.tracker.core.json.Json;
import foi.tracker.core.request.RequestKey;
import foi.tracker.core.request.RequestRules;
import foi.tracker.core.topic.DeskToken;
import foi.tracker.core.topic.EventLogPartitioner;
import foi.tracker.core.topic.Topics;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The write side of api.md, framework-free: authenticate, validate, check idempotency, write to Kafka and answer only
 * once the broker has acknowledged (acks=all). Any failure to write is 503 with Retry-After, and nothing is recorded
 * as written.
 */
public final class IngestService {
  private static final Logger LOG = LoggerFactory.getLogger(IngestService.class);
  /**
   * How long a call waits for the broker's acknowledgement. Longer than the producer's delivery.timeout.ms plus
   * max.block.ms (see {@link IngestApp}), so the producer always reports the definitive outcome first and a 503 never
   * leaves a record still queued to be sent after the answer.
   */
  static final long WRITE_TIMEOUT_MS = IngestApp.DELIVERY_TIMEOUT_MS + IngestApp.MAX_BLOCK_MS + 1_000;
  private final Producer<String, byte[]> producer;
  private final IngestLedger ledger;
  private final AccessControl access;
  private final EventValidator validator;
  private final Clock clock;
  private final int partitions;
  private final DeadlineSettings deadlines;
  private final DeskConfig deskConfig;
  private final String taxonomyJson = foi.tracker.core.json.Json.writeString(DeskInfo.taxonomy());
  /** Serialises check-write-remember per request/event id, so two concurrent re-sends count once. */
  private final WriteClaims claims = new WriteClaims();
  /**
   * Where a single call goes on that found its id claimed by another call: not the producer's network thread that
   * released the claim, since going on may mean sending.
   */
  private final java.util.concurrent.ExecutorService afterClaim = java.util.concurrent.Executors.newCachedThreadPool(
      r -> {
        final Thread t = new Thread(r, "ingest-after-claim");
        t.setDaemon(true);
        return t;
      });
  /** Writes the items of a batch call in one transaction. */
  private final BatchWriter batches;
  /** Signs every token and agency record written (docs/domain-rules.md "Keys"). */
  private final foi.tracker.core.access.RecordSigner signer;
  private final RecordResigner resigner;
  /** Batch calls processed at once. */
  private final BatchGate batchGate;
  /** Each desk token's events per minute. */
  private final WriteQuota quota;
  /** Counts and logs each write (IngestApp sets it before the server starts). */
  volatile IngestMetrics metrics = IngestMetrics.NONE;

  IngestService(final Producer<String, byte[]> producer, final IngestLedger ledger, final AccessControl access,
                final EventValidator validator, final Clock clock, final int partitions,
                final DeadlineSettings deadlines, final DeskConfig deskConfig, final BatchWriter batches,
                final foi.tracker.core.access.RecordSigner signer, final RecordResigner resigner,
                final WriteLimits limits) {
    this.signer = signer;
    this.resigner = resigner;
    this.batchGate = new BatchGate(limits.batchesInFlight());
    this.quota = new WriteQuota(limits, System::nanoTime);
    this.deskConfig = deskConfig;
    this.producer = producer;
    this.ledger = ledger;
    this.access = access;
    this.validator = validator;
    this.clock = clock;
    this.partitions = partitions;
    this.deadlines = deadlines;
    this.batches = batches;
  }

  /** PUT /api/v1/agencies/{agencyId} (admin). */
  public Reply putAgency(final String authorization, final String agencyId, final byte[] body) {
    return guard(() -> {
      requireAdmin(authorization);
      BodyReader.checkId("agencyId", agencyId);
      final BodyReader b = BodyReader.parse(body, Set.of("name", "parentId", "reportDue"));
      final String name = b.text("name", true, 200);
      final String parentId = b.id("parentId", false);
      if (parentId != null) {
        if (parentId.equals(agencyId)) {
          throw ApiException.badField("parentId", "上级机关不能是自身", "an agency cannot be its own parent");
        }
        if (ledger.agency(parentId).isEmpty()) {
          throw ApiException.badField("parentId", "上级机关未登记：" + parentId,
              parentId + " is not a registered agency");
        }
        if (ledger.wouldCycle(agencyId, parentId)) {
          throw ApiException.badField("parentId", "上下级关系成环：" + parentId + " 是 " + agencyId + " 的下级",
              parentId + " is under " + agencyId + "; this would make a cycle");
        }
      }
      final String reportDue = b.code("reportDue", Agency.REPORT_DUE_DATES, false);
      final Agency agency = new Agency(agencyId, name, parentId, reportDue);
      final boolean existed = ledger.agency(agencyId).isPresent();
      writeSigned(Topics.AGENCIES.name(), agencyId, Topics.AGENCIES.valueSerde().serializer().serialize(null, agency));
      ledger.putAgency(agency);
      return Reply.of(existed ? 200 : 201, agency);
    });
  }

  /**
   * PUT /api/v1/calendar/holidays/{year} (admin): a newly published 部分节假日安排 in the holiday-cn format, validated
   * and written to the calendar topic; every processor recomputes the open deadlines and the dashboards use it.
   */
  public Reply putHolidaySchedule(final String authorization, final String yearText, final byte[] body) {
    return guard(() -> {
      requireAdmin(authorization);
      final int year;
      try {
        year = Integer.parseInt(yearText);
      } catch (NumberFormatException e) {
        throw ApiException.badField("year", "年份无效：" + yearText, "'" + yearText + "' is not a year");
      }
      if (body == null || body.length == 0) {
        throw ApiException.of(400, "BAD_JSON", null, "请求体为空，应为该年度的节假日安排 JSON",
            "the body must be the year's schedule as JSON");
      }
      try {
        Json.MAPPER.readTree(body);
      } catch (java.io.IOException e) {
        throw ApiException.of(400, "BAD_JSON", null, "请求体不是有效的 JSON", "the body is not valid JSON");
      }
      final YearSchedule schedule;
      try {
        schedule = YearSchedule.parse(new java.io.ByteArrayInputStream(body));
      } catch (InvalidScheduleException e) {
        final String field = e.getMessage().startsWith("year") ? "year" : "days";
        throw ApiException.badField(field, "节假日安排无效", e.getMessage());
      }
      if (schedule.year() != year) {
        throw ApiException.badField("year", "年份不一致：请求体为 " + schedule.year() + " 年的安排，路径为 " + year + " 年",
            "the body is the " + schedule.year() + " schedule, the path says " + year);
      }
      write(Topics.CALENDAR.name(), null, String.valueOf(year), Json.write(schedule));
      ledger.applySchedule(schedule);
      final Map<String, Object> out = new LinkedHashMap<>();
      out.put("year", year);
      out.put("days", schedule.days().size());
      out.put("source", schedule.source());
      return Reply.of(200, out);
    });
  }

  /** POST /api/v1/agencies/{agencyId}/tokens (admin): a desk token, shown once. */
  public Reply issueToken(final String authorization, final String agencyId, final byte[] body) {
    return guard(() -> {
      requireAdmin(authorization);
      requireAgency(agencyId);
      final String label = BodyReader.parse(body, Set.of("label")).text("label", false, 200);
      final String tokenId = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
      final String secret = AccessControl.newSecret();
      final DeskToken token = new DeskToken(tokenId, agencyId, label, AccessControl.hashForStorage(secret),
          clock.instant(), false);
      writeSigned(Topics.TOKENS.name(), tokenId, Topics.TOKENS.valueSerde().serializer().serialize(null, token));
      ledger.applyToken(token);
      final Map<String, Object> out = new LinkedHashMap<>();
      out.put("token", "desk." + tokenId + "." + secret);
      out.put("tokenId", tokenId);
      out.put("agencyId", agencyId);
      out.put("label", label);
      return Reply.of(201, out);
    });
  }

  /** DELETE /api/v1/agencies/{agencyId}/tokens/{tokenId} (admin): revokes a desk token. */
  public Reply revokeToken(final String authorization, final String agencyId, final String tokenId) {
    return guard(() -> {
      requireAdmin(authorization);
      requireAgency(agencyId);
      BodyReader.checkId("tokenId", tokenId);
      if (!agencyId.equals(ledger.tokenAgency(tokenId))) {
        throw ApiException.of(404, "UNKNOWN_TOKEN", "tokenId", "未找到该令牌：" + tokenId,
            "agency " + agencyId + " has no token " + tokenId);
      }
      final DeskToken token = new DeskToken(tokenId, agencyId, null, "", clock.instant(), true);
      writeSigned(Topics.TOKENS.name(), tokenId, Topics.TOKENS.valueSerde().serializer().serialize(null, token));
      ledger.applyToken(token);
      return Reply.of(200, Map.of("tokenId", tokenId, "revoked", true));
    });
  }

  /**
   * POST /api/v1/agencies/{agencyId}/requests: a new application. Answered once the broker has acknowledged the
   * write; the calling thread does not wait for that.
   */
  public CompletableFuture<Reply> postApplication(final String authorization, final String agencyId,
                                                  final byte[] body) {
    final long start = System.nanoTime();
    final Write w;
    final AccessControl.Caller caller;
    try {
      caller = authorize(authorization, agencyId);
      w = application(agencyId, body);
    } catch (ApiException e) {
      metrics.write(agencyId, null, foi.tracker.core.event.EventType.RECEIVED, IngestMetrics.Outcome.REFUSED, e.code(),
          start);
      return CompletableFuture.completedFuture(Reply.error(e));
    }
    final Reply refused = charge(caller, agencyId, 1);
    if (refused != null) {
      metrics.write(agencyId, null, foi.tracker.core.event.EventType.RECEIVED, IngestMetrics.Outcome.REFUSED,
          "QUOTA_EXCEEDED", start);
      return CompletableFuture.completedFuture(refused);
    }
    return writeOnce(w, start);
  }

  /** POST /api/v1/agencies/{agencyId}/requests/{requestId}/events: a handling step, answered as an application. */
  public CompletableFuture<Reply> postEvent(final String authorization, final String agencyId,
                                            final String requestId, final byte[] body) {
    final long start = System.nanoTime();
    final Write w;
    final AccessControl.Caller caller;
    try {
      caller = authorize(authorization, agencyId);
      BodyReader.checkId("requestId", requestId);
      w = event(validator.event(agencyId, requestId, body, today(), clock.instant(),
          !AccessControl.isAdmin(caller)));
      requireRequest(agencyId, requestId);
    } catch (ApiException e) {
      metrics.write(agencyId, requestId, null, IngestMetrics.Outcome.REFUSED, e.code(), start);
      return CompletableFuture.completedFuture(Reply.error(e));
    }
    final Reply refused = charge(caller, agencyId, 1);
    if (refused != null) {
      metrics.write(agencyId, requestId, null, IngestMetrics.Outcome.REFUSED, "QUOTA_EXCEEDED", start);
      return CompletableFuture.completedFuture(refused);
    }
    return writeOnce(w, start);
  }

  /**
   * POST /api/v1/agencies/{agencyId}/batch: many applications and handling steps in one call (批量导入), for a desk
   * entering a backlog or a system forwarding what it queued. Each item is validated, checked for re-sends and
   * answered exactly as the single call would be; the items to write are written in one Kafka transaction, all or
   * nothing, and the call is answered once the broker has committed them.
   */
  public Reply postBatch(final String authorization, final String agencyId, final byte[] body) {
    final long start = System.nanoTime();
    final boolean[] itemsLogged = {false};
    final Reply reply = batchGate.run(() -> guard(() -> {
      final AccessControl.Caller caller = authorize(authorization, agencyId);
      final List<BatchReader.Item> items = BatchReader.items(body);
      final Reply refused = charge(caller, agencyId, items.size());
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
        final Map<String, foi.tracker.core.request.RequestState> cappedHere = new HashMap<>();
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
          final ApiException capped = known == 0L ? tooManyEvents(w.event(), cappedHere) : null;
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
          final List<ProducerRecord<String, byte[]>> records = new ArrayList<>(toWrite.size());
          for (Write w : toWrite) {
            records.add(eventRecord(w));
          }
          final List<org.apache.kafka.clients.producer.RecordMetadata> at = batches.writeAll(records);
          written[0] = true;
          for (int i = 0; i < toWrite.size(); i++) {
            ledger.remember(toWrite.get(i).event(), toWrite.get(i).fingerprint());
            ledger.wrote(toWrite.get(i).event(), at.get(i).partition(), at.get(i).offset());
          }
        }
      } finally {
        held.forEach(WriteClaims.Claim::release);
        for (int i = 0; i < items.size(); i++) {
          final BatchReader.Item item = items.get(i);
          final Write w = writes[i];
          metrics.write(item.agencyId() == null ? agencyId : item.agencyId(),
              w != null ? w.event().requestId() : item.requestId(), w == null ? null : w.event().type(),
              refusals[i] != null ? IngestMetrics.Outcome.REFUSED : !sent[i] ? IngestMetrics.Outcome.ALREADY_WRITTEN
                  : written[0] ? IngestMetrics.Outcome.WRITTEN : IngestMetrics.Outcome.UNAVAILABLE,
              refusals[i], start);
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
      metrics.write(agencyId, null, null, reply.status() == 503 ? IngestMetrics.Outcome.UNAVAILABLE
          : IngestMetrics.Outcome.REFUSED, code, start);
    }
    return reply;
  }

  /** Charges a desk token's quota for {@code events} (every item of a batch); the admin token is exempt. */
  private Reply charge(final AccessControl.Caller caller, final String agencyId, final int events) {
    return caller instanceof AccessControl.Caller.Desk d ? quota.take(d.tokenId(), d.agencyId(), events) : null;
  }

  /** Quota refusals and anomaly alerts so far (for tests and an ops metric). */
  WriteQuota quota() {
    return quota;
  }

  /** One batch item validated and authorised like its single call; an event may follow its application. */
  private Write prepare(final AccessControl.Caller caller, final String pathAgency, final BatchReader.Item item,
                        final Set<String> receivedHere) {
    if (item.error() != null) {
      throw item.error();
    }
    final String agencyId = item.agencyId() == null ? pathAgency : item.agencyId();
    if (!agencyId.equals(pathAgency)) {
      BodyReader.checkId("agencyId", agencyId);
      requireAgency(agencyId);
      if (!ledger.isWithin(agencyId, pathAgency)) {
        throw ApiException.of(403, "FORBIDDEN", "agencyId", agencyId + " 不属于 " + pathAgency + " 及其下级",
            "agency " + agencyId + " is not under " + pathAgency
            + "; a batch may only write for the agency of its path and the agencies under it");
      }
      requireMayActOn(caller, agencyId);
    }
    if (item.isApplication()) {
      final Write w = application(validator.application(agencyId, item.body(), today(), clock.instant()));
      receivedHere.add(RequestKey.of(agencyId, w.event().requestId()));
      return w;
    }
    BodyReader.checkId("requestId", item.requestId());
    final Write w = event(validator.event(agencyId, item.requestId(), item.body(), today(), clock.instant(),
        !AccessControl.isAdmin(caller)));
    if (!receivedHere.contains(RequestKey.of(agencyId, item.requestId()))) {
      requireRequest(agencyId, item.requestId());
    }
    return w;
  }

  private static Reply batchAnswer(final Reply[] answers, final int written) {
    final StringBuilder json = new StringBuilder(64 + answers.length * 64).append("{\"items\":[");
    int refused = 0;
    for (int i = 0; i < answers.length; i++) {
      if (i > 0) {
        json.append(',');
      }
      json.append("{\"status\":").append(answers[i].status()).append(",\"body\":").append(answers[i].json())
          .append('}');
      if (answers[i].status() >= 400) {
        refused++;
      }
    }
    json.append("],\"written\":").append(written).append(",\"alreadyWritten\":")
        .append(answers.length - refused - written).append(",\"refused\":").append(refused).append('}');
    return new Reply(200, json.toString(), Map.of());
  }

  /**
   * A validated event, with its fingerprint, the answer it gets once written (or when it was written before), and
   * the refusal when its id was used for a different content.
   */
  private record Write(RequestEvent event, long fingerprint, String indexKey, Reply answer) {
    ApiException conflict() {
      return event instanceof ApplicationReceived
          ? ApiException.of(409, "CONFLICT", "requestId", "申请编号 " + event.requestId() + " 已被使用，且内容不同",
              "requestId " + event.requestId() + " was already used for a different application")
          : ApiException.of(409, "CONFLICT", "eventId", "事件编号 " + event.eventId() + " 已被使用，且内容不同",
              "eventId " + event.eventId() + " was already used for a different event of this request");
    }
  }

  private Write application(final String agencyId, final byte[] body) {
    return application(validator.application(agencyId, body, today(), clock.instant()));
  }

  private Write application(final ApplicationReceived e) {
    final Map<String, Object> out = new LinkedHashMap<>();
    out.put("requestId", e.requestId());
    final LocalDate due = new DeadlineClock(ledger.calendar(), deadlines).baseDueDate(e.date());
    out.put("dueDate", due);
    final List<Map<String, String>> warnings = new ArrayList<>();
    if (!ledger.calendar().isWorkingDay(e.date())) {
      warnings.add(Map.of("code", "RECEIVED_ON_NON_WORKING_DAY", "message", "收到日期 " + e.date()
          + " 是休息日：依第三十一条，休息日收到的申请一般以下一个工作日为收到日，请核对 (the receipt date is not a working "
          + "day; Art. 31 receipt rules make that unusual)"));
    }
    if (due != null && due.isBefore(today())) {
      warnings.add(Map.of("code", "ALREADY_OVERDUE", "message", "按收到日期 " + e.date() + " 计算，答复期限 " + due
          + " 已过，登记后即为逾期 (already overdue when registered)"));
    }
    if (!warnings.isEmpty()) {
      out.put("warnings", warnings);
    }
    return new Write(e, IngestLedger.fingerprintOf(e), IngestLedger.indexKey(e), Reply.of(201, out));
  }

  private Write event(final RequestEvent e) {
    return new Write(e, IngestLedger.fingerprintOf(e), IngestLedger.indexKey(e),
        Reply.of(202, Map.of("eventId", e.eventId())));
  }

  private void requireRequest(final String agencyId, final String requestId) {
    if (!ledger.hasRequest(agencyId, requestId)) {
      throw ApiException.of(404, "UNKNOWN_REQUEST", "requestId", "未找到该申请：" + agencyId + " 没有申请 " + requestId,
          "agency " + agencyId + " has no application " + requestId);
    }
  }

  /**
   * Check, write and remember one event under its id's claim, so two concurrent re-sends count once. When another
   * call holds the claim, this one is decided after it, as if it had come second.
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
        metrics.write(e0.agencyId(), e0.requestId(), e0.type(), known == w.fingerprint()
            ? IngestMetrics.Outcome.ALREADY_WRITTEN : IngestMetrics.Outcome.REFUSED,
            known == w.fingerprint() ? null : w.conflict().code(), start);
        return CompletableFuture.completedFuture(known == w.fingerprint() ? w.answer() : Reply.error(w.conflict()));
      }
      final ApiException refused = tooManyEvents(w.event(), null);
      if (refused != null) {
        claim.release();
        metrics.write(e0.agencyId(), e0.requestId(), e0.type(), IngestMetrics.Outcome.REFUSED, refused.code(), start);
        return CompletableFuture.completedFuture(Reply.error(refused));
      }
      producer.send(eventRecord(w), (metadata, error) -> {
        if (error == null) {
          ledger.remember(w.event(), w.fingerprint());
          ledger.wrote(w.event(), metadata.partition(), metadata.offset());
        }
        claim.release();
        metrics.write(e0.agencyId(), e0.requestId(), e0.type(), error == null ? IngestMetrics.Outcome.WRITTEN
            : IngestMetrics.Outcome.UNAVAILABLE, null, start);
        answer.complete(error == null ? w.answer() : Reply.error(unavailable(error)));
      });
    } catch (RuntimeException e) {
      // send() refused the record itself (closed, or no buffer space within max.block.ms): nothing was queued
      claim.release();
      metrics.write(e0.agencyId(), e0.requestId(), e0.type(), IngestMetrics.Outcome.UNAVAILABLE, null, start);
      answer.complete(Reply.error(unavailable(e)));
    }
    // the producer calls back with every outcome within delivery.timeout.ms (IngestApp), so this always completes
    return answer;
  }

  /**
   * api.md "Bounds on input": a step on a request at the bound on refused events that the rules refuse on the state
   * the processor published is 400 TOO_MANY_EVENTS, written nowhere ({@link CappedRequests}); null for any other
   * step. In a batch, {@code batchStates} carries the states after the batch's earlier accepted steps (null: a single
   * call).
   */
  private ApiException tooManyEvents(final RequestEvent e,
                                     final Map<String, foi.tracker.core.request.RequestState> batchStates) {
    final String key = CappedRequests.keyOf(e);
    final foi.tracker.core.request.RequestState state = batchStates != null && batchStates.containsKey(key)
        ? batchStates.get(key) : ledger.capped().current(key);
    if (state == null || e instanceof ApplicationReceived) {
      return null;
    }
    final foi.tracker.core.request.Decision decision = new RequestRules(new DeadlineClock(ledger.calendar(),
        deadlines)).decide(state, e, today());
    if (batchStates != null && decision instanceof foi.tracker.core.request.Decision.Accepted accepted) {
      batchStates.put(key, accepted.next());
    }
    return CappedRequests.tooManyEvents(e, state, decision);
  }

  /** Takes the claims of every write's id in ascending order (so two batches never wait on each other in a ring). */
  private List<WriteClaims.Claim> claimAll(final Write[] writes) {
    final java.util.TreeSet<String> keys = new java.util.TreeSet<>();
    for (Write w : writes) {
      if (w != null) {
        keys.add(w.indexKey());
      }
    }
    return claims.takeAll(keys);
  }

  /** Ids claimed right now, for tests: 0 once every call has been answered. */
  int claimedIds() {
    return claims.size();
  }

  /** Stops the threads of calls waiting for a claim. */
  void close() {
    afterClaim.shutdownNow();
  }

  /** GET /api/v1/taxonomy (no token): codes and official Chinese labels for the desk page's forms. */
  public Reply taxonomy() {
    return new Reply(200, taxonomyJson, Map.of());
  }

  /** GET /desk-config.json (no token): where the desk page finds the dashboard API. */
  public Reply deskConfig() {
    return new Reply(200, "{\"dashboardUrl\":" + (deskConfig.dashboardUrl() == null ? "null"
        : foi.tracker.core.json.Json.writeString(deskConfig.dashboardUrl())) + ",\"dashboardPort\":"
        + deskConfig.dashboardPort() + "}", Map.of());
  }

  /** GET /api/v1/whoami (token): who the token stands for, so the desk page can pick its agency. */
  public Reply whoami(final String authorization) {
    return guard(() -> {
      final AccessControl.Caller caller = access.authenticate(AccessControl.bearer(authorization));
      if (caller == null) {
        throw unauthenticated(authorization);
      }
      final Map<String, Object> out = new LinkedHashMap<>();
      if (caller instanceof AccessControl.Caller.Desk d) {
        out.put("admin", false);
        out.put("tokenId", d.tokenId());
        out.put("agencyId", d.agencyId());
        out.put("agencyName", ledger.agency(d.agencyId()).map(Agency::name).orElse(null));
      } else {
        out.put("admin", true);
        out.put("tokenId", null);
        out.put("agencyId", null);
        out.put("agencyName", null);
      }
      return Reply.of(200, out);
    });
  }

  /** GET /api/v1/agencies/{agencyId} (token, within its subtree): the registered agency. */
  public Reply getAgency(final String authorization, final String agencyId) {
    return guard(() -> {
      authorize(authorization, agencyId);
      return Reply.of(200, ledger.agency(agencyId).orElseThrow());
    });
  }

  boolean isReady() {
    return ledger.isReady();
  }

  /** How far the rebuild of the index is (for {@code /health} and the 503 of routes while it is not done). */
  foi.tracker.core.view.TopicTail.Progress progress() {
    return ledger.progress();
  }

  private LocalDate today() {
    return LocalDate.now(clock.withZone(RequestRules.CHINA));
  }

  private AccessControl.Caller authorize(final String authorization, final String agencyId) {
    final AccessControl.Caller caller = access.authenticate(AccessControl.bearer(authorization));
    if (caller == null) {
      throw unauthenticated(authorization);
    }
    BodyReader.checkId("agencyId", agencyId);
    requireAgency(agencyId);
    requireMayActOn(caller, agencyId);
    return caller;
  }

  private void requireMayActOn(final AccessControl.Caller caller, final String agencyId) {
    if (ledger.mayActOn(caller, agencyId) != AccessControl.Verdict.ALLOWED) {
      throw ApiException.of(403, "FORBIDDEN", "agencyId", "无权操作该机关：" + agencyId,
          "this token may not act for agency " + agencyId);
    }
  }

  private void requireAdmin(final String authorization) {
    final AccessControl.Caller caller = access.authenticate(AccessControl.bearer(authorization));
    if (caller == null) {
      throw unauthenticated(authorization);
    }
    if (!AccessControl.isAdmin(caller)) {
      throw ApiException.of(403, "FORBIDDEN", null, "仅管理员可操作", "only the admin token may do this");
    }
  }

  static ApiException unauthenticated(final String authorization) {
    return new ApiException(401, "UNAUTHORIZED", null, authorization == null
        ? ApiException.text(null, "缺少令牌", "an Authorization: Bearer <token> header is required")
        : ApiException.text(null, "令牌无效", "the token is not valid"));
  }

  private void requireAgency(final String agencyId) {
    BodyReader.checkId("agencyId", agencyId);
    if (ledger.agency(agencyId).isEmpty()) {
      throw ApiException.of(404, "UNKNOWN_AGENCY", "agencyId", "机关未登记：" + agencyId,
          "agency " + agencyId + " is not registered");
    }
  }

  private ProducerRecord<String, byte[]> eventRecord(final Write w) {
    final RequestEvent e = w.event();
    final String key = RequestKey.of(e.agencyId(), e.requestId());
    return new ProducerRecord<>(Topics.EVENTS.name(), EventLogPartitioner.partitionOf(key, partitions), key,
        Topics.EVENTS.valueSerde().serializer().serialize(null, e), EventHeaders.of(w.indexKey(), w.fingerprint()));
  }

  /** A token or agency record, signed with the current record-signing key. */
  private void writeSigned(final String topic, final String key, final byte[] value) {
    final ProducerRecord<String, byte[]> r = new ProducerRecord<>(topic, null, key, value);
    signer.sign(topic, key.getBytes(java.nio.charset.StandardCharsets.UTF_8), value, r.headers());
    write(r);
  }

  /**
   * POST /api/v1/signing-key/rotation (admin): a new record-signing key; every live token and agency record is
   * re-signed with it. Records still signed with an older key (a rotation cut short) are re-signed first, so the
   * key this rotation retires is the only one still accepted besides the new one.
   */
  public Reply rotateSigningKey(final String authorization) {
    return guard(() -> {
      requireAdmin(authorization);
      try {
        synchronized (resigner) {
          resigner.resign();
          final String previous = signer.current().keyId();
          final String next = signer.rotate().keyId();
          final Map<String, Object> out = new LinkedHashMap<>();
          out.put("keyId", next);
          out.put("previousKeyId", previous);
          out.put("resigned", resigner.resign());
          return Reply.of(200, out);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw unavailable(e);
      } catch (ApiException e) {
        throw e;
      } catch (Exception e) {
        throw unavailable(e);
      }
    });
  }

  private void write(final String topic, final Integer partition, final String key, final byte[] value) {
    write(new ProducerRecord<>(topic, partition, key, value));
  }

  private void write(final ProducerRecord<String, byte[]> record) {
    try {
      producer.send(record).get(WRITE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unavailable(e);
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      throw unavailable(e);
    }
  }

  static ApiException unavailable(final Exception e) {
    LOG.warn("write to Kafka failed: {}", e.toString());
    return ApiException.of(503, "UNAVAILABLE", null, "系统暂不可用，本次未保存，请稍后原样重试，不会重复登记",
        "the event store did not confirm the write, so it is not saved; send the same request again later, it will "
        + "not be counted twice");
  }

  private static Reply guard(final java.util.function.Supplier<Reply> call) {
    try {
      return call.get();
    } catch (ApiException e) {
      return Reply.error(e);
    }
  }

}
