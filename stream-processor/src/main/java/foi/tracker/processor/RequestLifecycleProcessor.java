package foi.tracker.processor;

import foi.tracker.core.binary.StateCodec;
import foi.tracker.core.event.RequestEvent;
import foi.tracker.core.json.Json;
import foi.tracker.core.publication.PublicationCut;
import foi.tracker.core.request.Bounds;
import foi.tracker.core.request.Decision;
import foi.tracker.core.request.RefusalCode;
import foi.tracker.core.request.RequestRules;
import foi.tracker.core.request.RequestState;
import foi.tracker.core.table.Cells;
import foi.tracker.core.topic.Topics;
import java.nio.ByteBuffer;
import java.util.function.Consumer;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Step 2, per event (申请的办理过程): load the request, ask {@link RequestRules}, bound it, store the new
 * state and pass the {@link RequestChange} on to the totals and the alerts. Refusals go to the
 * rejected topic and onto the request. A publication's cut is passed on to the totals in its place
 * in the log.
 *
 * <p>Nothing one event holds stops it: an exception while handling an event dead-letters the event
 * (with the reason and its offset) and marks it REJECTED on its request with {@link
 * Bounds#UNHANDLED_REASON}; a state that would be over {@link Bounds#MAX_STATE_BYTES} encoded, or a
 * refusal beyond {@link Bounds#MAX_REFUSED_EVENTS} on one request, is dead-lettered before it is
 * written and the stored state stays as it was. Kafka's own exceptions (a task migrated, a producer
 * fenced) still go up to Streams. A request at that bound is also published to {@link
 * Topics#CAPPED_REQUESTS} at each of its events, for the ingest to refuse such steps before they
 * are written.
 */
final class RequestLifecycleProcessor extends ContextualProcessor<String, Object, String, Object> {
  private static final Logger LOG = LoggerFactory.getLogger(RequestLifecycleProcessor.class);

  private final ProcessorSettings settings;
  private final TaskShared.Registry registry;

  /**
   * A test seam: called with each event before the rules decide it (a test makes it throw); no-op
   * in production.
   */
  private final Consumer<RequestEvent> probe;

  private TaskShared shared;
  private RequestStates requests;

  RequestLifecycleProcessor(
      final ProcessorSettings settings,
      final TaskShared.Registry registry,
      final Consumer<RequestEvent> probe) {
    this.settings = settings;
    this.registry = registry;
    this.probe = probe;
  }

  @Override
  public void init(final ProcessorContext<String, Object> context) {
    super.init(context);
    shared = registry.of(context.taskId());
    // a revived task (after an aborted transaction) may init the same instance again: drop what was
    // not committed
    shared.forgetRecent();
    requests = new RequestStates(context.getStateStore(TrackerTopology.REQUEST_STORE), shared);
  }

  @Override
  public void process(final Record<String, Object> record) {
    final RequestState after;
    try {
      if (record.value() instanceof PublicationCut) {
        context().forward(record, TrackerTopology.TOTALS);
        return;
      }
      after = handle(record, (RequestEvent) record.value());
    } catch (RuntimeException e) {
      if (DeadLetters.isKafkas(e)) {
        throw e;
      }
      unhandled(record, e);
      return;
    }
    // outside the try: the event is applied; a state just encoded for the store encodes again for
    // this topic
    publishIfCapped(record, after);
  }

  /**
   * A request at the bound on refused events is published with the event's place on the log, at
   * each of its events (also one that changed nothing, e.g. a refusal dead-lettered for the bound),
   * so that the ingest can tell that its copy reflects every event of the request it knows of
   * (api.md "Bounds on input"; {@link Topics#CAPPED_REQUESTS}).
   */
  private void publishIfCapped(final Record<String, Object> record, final RequestState state) {
    if (state == null || state.rejected().size() < Bounds.MAX_REFUSED_EVENTS) {
      return;
    }
    final org.apache.kafka.streams.processor.api.RecordMetadata at =
        context().recordMetadata().orElseThrow();
    final Headers headers =
        new RecordHeaders()
            .add(
                Topics.CAPPED_AT_HEADER,
                ByteBuffer.allocate(12).putInt(at.partition()).putLong(at.offset()).array());
    context()
        .forward(
            new Record<String, Object>(record.key(), state, record.timestamp(), headers),
            TrackerTopology.CAPPED_SINK);
  }

  /**
   * One event: everything that can fail on the event's content (decoding the request, the rules,
   * encoding the new state, the change of cells) happens before anything is written or forwarded.
   * Returns the state the request holds after the event (null: no request).
   */
  private RequestState handle(final Record<String, Object> record, final RequestEvent event) {
    final String key = record.key();
    final RequestState current = requests.load(key);
    probe.accept(event);
    final RequestRules rules = shared.rules();
    final String published = deskVoidOfPublishedYear(current, event);
    final Decision decision =
        published != null
            ? rules.refuse(current, event, RefusalCode.PUBLISHED_YEAR, published)
            : rules.decide(current, event, settings.today());
    if (decision instanceof Decision.Accepted accepted) {
      final byte[] bytes = withinBounds(record, accepted.next());
      if (bytes != null) {
        store(record, event, current, accepted.next(), bytes);
        return accepted.next();
      }
    } else if (decision instanceof Decision.Rejected rejected) {
      byte[] bytes = null;
      if (rejected.next() != null) {
        if (current != null && current.rejected().size() >= Bounds.MAX_REFUSED_EVENTS) {
          DeadLetters.send(
              context(),
              record,
              "TOO_MANY_EVENTS: the request already holds "
                  + current.rejected().size()
                  + " refused events (at most "
                  + Bounds.MAX_REFUSED_EVENTS
                  + "); this refusal is not kept: "
                  + rejected.rejection().reason());
          return current;
        }
        bytes = withinBounds(record, rejected.next());
        if (bytes == null) {
          return current;
        }
      } else if (Json.write(rejected.rejection()).length > Bounds.MAX_STATE_BYTES) {
        // no request to hold it, and the refusal itself (its reason quotes the event) is too large
        // to write
        DeadLetters.send(context(), record, "REFUSAL_TOO_LARGE: " + rejected.rejection().reason());
        return current;
      }
      context().forward(record.withValue(rejected.rejection()), TrackerTopology.REJECTED_SINK);
      if (bytes != null) {
        store(record, event, current, rejected.next(), bytes);
        return rejected.next();
      }
    }
    return current;
  }

  /**
   * The state's bytes, or null (the event dead-lettered, nothing written) when they are over the
   * bound.
   */
  private byte[] withinBounds(final Record<String, Object> record, final RequestState next) {
    final byte[] bytes = StateCodec.writeRequest(next);
    if (bytes.length > Bounds.MAX_STATE_BYTES) {
      DeadLetters.send(
          context(),
          record,
          "STATE_TOO_LARGE: the request's state would be "
              + bytes.length
              + " bytes encoded (at most "
              + Bounds.MAX_STATE_BYTES
              + "); the event is not applied and the stored state stays as it was");
      return null;
    }
    return bytes;
  }

  /**
   * Stores the event's new state and passes the change on (its cells counted first: that may fail
   * on content).
   */
  private void store(
      final Record<String, Object> record,
      final RequestEvent event,
      final RequestState before,
      final RequestState after,
      final byte[] bytes) {
    final RequestChange change =
        new RequestChange(
            after, Cells.delta(before, after), event.eventId(), event.type(), event.date());
    requests.put(record.key(), after, bytes);
    TrackerTopology.passOn(context(), record.withValue(change));
  }

  /**
   * An event the processor could not handle: dead-lettered with the reason and its offset, and
   * REJECTED on its request (api.md "What became of a step") when there is one to mark and the mark
   * keeps it within the bounds.
   */
  private void unhandled(final Record<String, Object> record, final RuntimeException e) {
    LOG.error(
        "could not handle the record at {} (key {}): dead-lettered, processing goes on",
        context()
            .recordMetadata()
            .map(m -> m.topic() + "-" + m.partition() + "@" + m.offset())
            .orElse("?"),
        record.key(),
        e);
    DeadLetters.send(
        context(),
        record,
        Bounds.UNHANDLED_REASON
            + " ("
            + e.getClass().getSimpleName()
            + ": "
            + e.getMessage()
            + ")");
    if (!(record.value() instanceof RequestEvent event)) {
      return;
    }
    try {
      shared.forget(record.key());
      final RequestState current = requests.load(record.key());
      if (current == null || current.rejected().size() >= Bounds.MAX_REFUSED_EVENTS) {
        publishIfCapped(record, current);
        return;
      }
      if (refuseUnhandled(current, event) instanceof Decision.Rejected rejected
          && rejected.next() != null) {
        final byte[] bytes = StateCodec.writeRequest(rejected.next());
        if (bytes.length <= Bounds.MAX_STATE_BYTES) {
          context().forward(record.withValue(rejected.rejection()), TrackerTopology.REJECTED_SINK);
          requests.put(record.key(), rejected.next(), bytes);
          publishIfCapped(record, rejected.next());
        }
      }
    } catch (RuntimeException again) {
      if (DeadLetters.isKafkas(again)) {
        throw again;
      }
      LOG.error(
          "could not mark the unhandled event on its request {}: dead-lettered only",
          record.key(),
          again);
    }
  }

  /** The refusal of an event the processor could not handle (the one call of the rules for it). */
  private Decision refuseUnhandled(final RequestState current, final RequestEvent event) {
    return shared
        .rules()
        .refuse(current, event, RefusalCode.UNPROCESSABLE, Bounds.UNHANDLED_REASON);
  }

  /**
   * A desk may void (作废) a registration only in a year not yet published (api.md "Correcting a
   * decision"): the reason to refuse a desk's VOIDED of a request that counts in a published year
   * (its receipt year or a later one it was carried into), or null. The published years of each
   * agency come from the cuts the totals step froze.
   */
  private String deskVoidOfPublishedYear(final RequestState current, final RequestEvent event) {
    if (!(event instanceof foi.tracker.core.event.Voided v)
        || !v.byDeskToken()
        || current == null) {
      return null;
    }
    for (TaskShared.Coverage c : shared.coverageOf(current.agencyId())) {
      if (c.year() >= current.receivedDate().getYear()) {
        return c.year()
            + "年度年报已发布（"
            + c.publisherId()
            + " 第"
            + c.version()
            + "版），受理窗口不能作废计入该年度的登记，"
            + "请由管理员作废 (a desk may not void a registration counted in a published year; the admin token may)";
      }
    }
    return null;
  }
}
