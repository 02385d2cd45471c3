package foi.tracker.ingest;

import foi.tracker.ops.TrackerMeters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the ingest counts and logs of its writes: events written by type, refusals by error code,
 * publications; and one line per write in the logger {@value #WRITES_LOGGER} (INFO; set it to OFF
 * to silence it) with the agency, the request, the event type, the outcome and the latency. Never
 * the subject, the applicant or any other body field.
 */
final class IngestMetrics {
  /**
   * The logger of the per-write lines: {@code TRACKER_LOG_LEVEL_WRITES=OFF} turns them off
   * (logback.xml).
   */
  static final String WRITES_LOGGER = "foi.tracker.writes";

  private static final Logger WRITES = LoggerFactory.getLogger(WRITES_LOGGER);

  /** Counts into a registry nobody scrapes: for a service wired without one. */
  static final IngestMetrics NONE = new IngestMetrics(new SimpleMeterRegistry());

  /** The outcome of a write. */
  enum Outcome {
    /** acknowledged by the broker (counted in {@code foi_tracker_events_written_total}) */
    WRITTEN,
    /** a re-send of what was already written: the same answer, nothing written */
    ALREADY_WRITTEN,
    /** refused with a 4xx (counted in {@code foi_tracker_events_refused_total} by its code) */
    REFUSED,
    /** the broker did not confirm: 503, nothing written */
    UNAVAILABLE
  }

  private final MeterRegistry registry;

  IngestMetrics(final MeterRegistry registry) {
    this.registry = registry;
    Counter.builder(TrackerMeters.PUBLICATIONS)
        .description("report versions published")
        .register(registry);
  }

  /**
   * One write decided: counted, and logged as one line. {@code code} is the error code of a refusal
   * (else null); {@code type} the event type when known (null when the body could not be read).
   */
  void write(
      final String agencyId,
      final String requestId,
      final String type,
      final Outcome outcome,
      final String code,
      final long startNanos) {
    if (outcome == Outcome.WRITTEN) {
      Counter.builder(TrackerMeters.EVENTS_WRITTEN)
          .tag("type", type == null ? "UNKNOWN" : type)
          .description("events written")
          .register(registry)
          .increment();
    } else if (outcome == Outcome.REFUSED) {
      Counter.builder(TrackerMeters.EVENTS_REFUSED)
          .tag("reason", code == null ? "UNKNOWN" : code)
          .description("write calls refused")
          .register(registry)
          .increment();
    }
    if (WRITES.isInfoEnabled()) {
      final long micros = (System.nanoTime() - startNanos) / 1_000;
      final String ms = micros / 1000 + "." + String.format("%03d", micros % 1000);
      final String result = outcome == Outcome.REFUSED ? "REFUSED " + code : outcome.name();
      WRITES
          .atInfo()
          .addKeyValue("agency", agencyId)
          .addKeyValue("request", requestId)
          .addKeyValue("type", type)
          .addKeyValue("outcome", outcome.name())
          .addKeyValue("code", code)
          .addKeyValue("latencyMs", Double.parseDouble(ms))
          .log(
              "write agency={} request={} type={} outcome={} latencyMs={}",
              agencyId,
              requestId,
              type,
              result,
              ms);
    }
  }

  /** A report version published. */
  void published() {
    registry.counter(TrackerMeters.PUBLICATIONS).increment();
  }
}
