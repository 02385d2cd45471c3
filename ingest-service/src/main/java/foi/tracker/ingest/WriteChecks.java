package foi.tracker.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import foi.tracker.core.access.AccessControl;
import foi.tracker.core.api.ApiException;
import foi.tracker.core.api.Reply;
import foi.tracker.core.deadline.DeadlineClock;
import foi.tracker.core.deadline.DeadlineSettings;
import foi.tracker.core.event.ApplicationReceived;
import foi.tracker.core.event.RequestEvent;
import foi.tracker.core.request.RequestKey;
import foi.tracker.core.request.RequestRules;
import foi.tracker.core.topic.EventLogPartitioner;
import foi.tracker.core.topic.Topics;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * What the single and the batch writes check of an event alike: the body validated into a {@link
 * Write} with its answer, the request known, the bound on refused events, the desk token's quota;
 * and the record it is written as.
 */
final class WriteChecks {
  private final IngestLedger ledger;
  private final EventValidator validator;
  private final Clock clock;
  private final int partitions;

  /**
   * How long a step on a request at the bound waits for this ledger to read the event log to its
   * end (another instance's writes arrive within the tail's 200 ms fetch wait); beyond it the step
   * is let through to the processor, which enforces the bound itself.
   */
  static final java.time.Duration CAPPED_CATCH_UP = java.time.Duration.ofSeconds(2);

  private final DeadlineSettings deadlines;

  /** Each desk token's events per minute. */
  private final WriteQuota quota;

  WriteChecks(
      final IngestLedger ledger,
      final EventValidator validator,
      final Clock clock,
      final int partitions,
      final DeadlineSettings deadlines,
      final WriteQuota quota) {
    this.ledger = ledger;
    this.validator = validator;
    this.clock = clock;
    this.partitions = partitions;
    this.deadlines = deadlines;
    this.quota = quota;
  }

  /**
   * Charges a desk token's quota for {@code events} (every item of a batch); the admin token is
   * exempt.
   */
  Reply charge(final AccessControl.Caller caller, final String agencyId, final int events) {
    return caller instanceof AccessControl.Caller.Desk d
        ? quota.take(d.tokenId(), d.agencyId(), events)
        : null;
  }

  /** Quota refusals and anomaly alerts so far (for tests and an ops metric). */
  WriteQuota quota() {
    return quota;
  }

  Write application(final String agencyId, final byte[] body) {
    return application(validator.application(agencyId, body, today(), clock.instant()));
  }

  /** A batch item's application, its body already read. */
  Write application(final String agencyId, final JsonNode body) {
    return application(validator.application(agencyId, body, today(), clock.instant()));
  }

  Write application(final ApplicationReceived e) {
    final Map<String, Object> out = new LinkedHashMap<>();
    out.put("requestId", e.requestId());
    final LocalDate due = new DeadlineClock(ledger.calendar(), deadlines).baseDueDate(e.date());
    out.put("dueDate", due);
    final List<Map<String, String>> warnings = new ArrayList<>();
    if (!ledger.calendar().isWorkingDay(e.date())) {
      warnings.add(
          Map.of(
              "code",
              "RECEIVED_ON_NON_WORKING_DAY",
              "message",
              "收到日期 "
                  + e.date()
                  + " 是休息日：依第三十一条，休息日收到的申请一般以下一个工作日为收到日，请核对 (the receipt date is not a working "
                  + "day; Art. 31 receipt rules make that unusual)"));
    }
    if (due != null && due.isBefore(today())) {
      warnings.add(
          Map.of(
              "code",
              "ALREADY_OVERDUE",
              "message",
              "按收到日期 "
                  + e.date()
                  + " 计算，答复期限 "
                  + due
                  + " 已过，登记后即为逾期 (already overdue when registered)"));
    }
    if (!warnings.isEmpty()) {
      out.put("warnings", warnings);
    }
    return new Write(
        e, IngestLedger.fingerprintOf(e), IngestLedger.indexKey(e), Reply.of(201, out));
  }

  /** A handling step's body validated (a desk token may not set what only the admin may). */
  Write event(
      final String agencyId, final String requestId, final byte[] body, final boolean desk) {
    return event(validator.event(agencyId, requestId, body, today(), clock.instant(), desk));
  }

  /** A batch item's handling step, its body already read. */
  Write event(
      final String agencyId, final String requestId, final JsonNode body, final boolean desk) {
    return event(validator.event(agencyId, requestId, body, today(), clock.instant(), desk));
  }

  Write event(final RequestEvent e) {
    return new Write(
        e,
        IngestLedger.fingerprintOf(e),
        IngestLedger.indexKey(e),
        Reply.of(202, Map.of("eventId", e.eventId())));
  }

  void requireRequest(final String agencyId, final String requestId) {
    if (!ledger.hasRequest(agencyId, requestId)) {
      throw ApiException.of(
          404,
          "UNKNOWN_REQUEST",
          "requestId",
          "未找到该申请：" + agencyId + " 没有申请 " + requestId,
          "agency " + agencyId + " has no application " + requestId);
    }
  }

  /**
   * api.md "Bounds on input": a step on a request at the bound on refused events that the rules
   * refuse on the state the processor published is 400 TOO_MANY_EVENTS, written nowhere ({@link
   * CappedRequests}); null for any other step. In a batch, {@code batchStates} carries the states
   * after the batch's earlier accepted steps (null: a single call).
   */
  ApiException tooManyEvents(
      final RequestEvent e, final Map<String, foi.tracker.core.request.RequestState> batchStates) {
    final String key = CappedRequests.keyOf(e);
    final foi.tracker.core.request.RequestState state;
    if (batchStates != null && batchStates.containsKey(key)) {
      state = batchStates.get(key); // after the batch's earlier steps (null: let through)
    } else if (!ledger.capped().atBound(key) || e instanceof ApplicationReceived) {
      return null; // every request but the few at the bound: nothing to judge
    } else {
      // another ingest instance may have written a step of this request that this ledger has not
      // read yet: judge only once every step acknowledged before now is known here
      state =
          ledger.awaitEventLogEnd(EventLogPartitioner.partitionOf(key, partitions), CAPPED_CATCH_UP)
              ? ledger.capped().current(key)
              : null;
      if (batchStates != null) {
        batchStates.put(key, state);
      }
    }
    if (state == null || e instanceof ApplicationReceived) {
      return null;
    }
    final foi.tracker.core.request.Decision decision =
        new RequestRules(new DeadlineClock(ledger.calendar(), deadlines)).decide(state, e, today());
    if (batchStates != null
        && decision instanceof foi.tracker.core.request.Decision.Accepted accepted) {
      batchStates.put(key, accepted.next());
    }
    return CappedRequests.tooManyEvents(e, state, decision);
  }

  ProducerRecord<String, byte[]> eventRecord(final Write w) {
    final RequestEvent e = w.event();
    final String key = RequestKey.of(e.agencyId(), e.requestId());
    return new ProducerRecord<>(
        Topics.EVENTS.name(),
        EventLogPartitioner.partitionOf(key, partitions),
        key,
        Topics.EVENTS.valueSerde().serializer().serialize(null, e),
        EventHeaders.of(w.indexKey(), w.fingerprint()));
  }

  private LocalDate today() {
    return LocalDate.now(clock.withZone(RequestRules.CHINA));
  }
}
