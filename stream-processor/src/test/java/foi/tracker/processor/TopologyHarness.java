package foi.tracker.processor;

import foi.tracker.core.deadline.DeadlineSettings;
import foi.tracker.core.event.RequestEvent;
import foi.tracker.core.json.Json;
import foi.tracker.core.request.Rejection;
import foi.tracker.core.request.RequestKey;
import foi.tracker.core.request.RequestState;
import foi.tracker.core.table.AgencyTotals;
import foi.tracker.core.table.Table3;
import foi.tracker.core.table.Table3Builder;
import foi.tracker.core.table.Table4;
import foi.tracker.core.table.Table4Builder;
import foi.tracker.core.topic.DeadLetter;
import foi.tracker.core.topic.DeadlineAlert;
import foi.tracker.core.topic.Topics;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * A TopologyTestDriver around {@link TrackerTopology} with a movable clock, and readers of its
 * outputs.
 */
final class TopologyHarness implements AutoCloseable {
  static final Duration ALERT_CHECK = Duration.ofMillis(100);
  static final Duration CHECK = Duration.ofMinutes(1);

  final MutableClock clock;
  final TopologyTestDriver driver;
  private final TestInputTopic<String, byte[]> events;
  private final TestOutputTopic<String, AgencyTotals> totalsOut;
  private final TestOutputTopic<String, RequestState> requestsOut;
  private final TestOutputTopic<String, Rejection> rejectedOut;
  private final TestOutputTopic<String, DeadLetter> deadOut;
  private final TestOutputTopic<String, DeadlineAlert> alertsOut;
  private final TestOutputTopic<String, RequestState> cappedOut;
  private final Map<String, AgencyTotals> totals = new HashMap<>();
  private final Map<String, RequestState> requests = new HashMap<>();
  final List<Rejection> rejected = new ArrayList<>();
  final List<DeadLetter> deadLetters = new ArrayList<>();
  final List<DeadlineAlert> alerts = new ArrayList<>();

  /** Every record on the capped-requests topic, with its headers, in order. */
  final List<org.apache.kafka.streams.test.TestRecord<String, RequestState>> capped =
      new ArrayList<>();

  TopologyHarness(final Instant now) throws Exception {
    this(now, event -> {});
  }

  /**
   * With {@code probe} called on each event before the rules (a probe that throws makes a poison
   * event).
   */
  TopologyHarness(final Instant now, final java.util.function.Consumer<RequestEvent> probe)
      throws Exception {
    clock = new MutableClock(now);
    final Properties p = new Properties();
    // the processor's own application id: the store changelogs it names are the published tables
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, Topics.PROCESSOR_APPLICATION_ID);
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    p.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("ttd-state").toString());
    driver =
        new TopologyTestDriver(
            TrackerTopology.build(
                new ProcessorSettings(clock, DeadlineSettings.defaults(), ALERT_CHECK, CHECK, 1),
                probe),
            p,
            now);
    events =
        driver.createInputTopic(
            Topics.EVENTS.name(), Serdes.String().serializer(), Serdes.ByteArray().serializer());
    totalsOut =
        driver.createOutputTopic(
            Topics.AGENCY_TOTALS.name(),
            Serdes.String().deserializer(),
            Topics.AGENCY_TOTALS.valueSerde().deserializer());
    requestsOut =
        driver.createOutputTopic(
            Topics.REQUESTS.name(),
            Serdes.String().deserializer(),
            Topics.REQUESTS.valueSerde().deserializer());
    rejectedOut =
        driver.createOutputTopic(
            Topics.REJECTED.name(),
            Serdes.String().deserializer(),
            Topics.REJECTED.valueSerde().deserializer());
    deadOut =
        driver.createOutputTopic(
            Topics.DEAD_LETTERS.name(),
            Serdes.String().deserializer(),
            Topics.DEAD_LETTERS.valueSerde().deserializer());
    alertsOut =
        driver.createOutputTopic(
            Topics.ALERTS.name(),
            Serdes.String().deserializer(),
            Topics.ALERTS.valueSerde().deserializer());
    cappedOut =
        driver.createOutputTopic(
            Topics.CAPPED_REQUESTS.name(),
            Serdes.String().deserializer(),
            Topics.CAPPED_REQUESTS.valueSerde().deserializer());
  }

  void send(final RequestEvent e) {
    events.pipeInput(RequestKey.of(e.agencyId(), e.requestId()), Json.write(e), e.recordedAt());
  }

  void loadSchedule(final foi.tracker.core.calendar.YearSchedule schedule) {
    driver
        .createInputTopic(
            Topics.CALENDAR.name(),
            Serdes.String().serializer(),
            Topics.CALENDAR.valueSerde().serializer())
        .pipeInput(String.valueOf(schedule.year()), schedule);
  }

  /** A publication's cut marker, as the ingest writes it (the header marks it as a cut). */
  void sendCut(final foi.tracker.core.publication.PublicationCut cut) {
    final org.apache.kafka.common.header.internals.RecordHeaders headers =
        new org.apache.kafka.common.header.internals.RecordHeaders();
    headers.add(
        foi.tracker.core.publication.PublicationCut.HEADER,
        foi.tracker.core.publication.PublicationCut.KIND.getBytes(
            java.nio.charset.StandardCharsets.UTF_8));
    events.pipeInput(
        new org.apache.kafka.streams.test.TestRecord<>(
            "publication/" + cut.agencyId(), Json.write(cut), headers, clock.instant()));
  }

  void sendRaw(final String key, final byte[] value) {
    events.pipeInput(key, value, clock.instant());
  }

  /**
   * Lets the alert check run, then reads every output (the tables are published at every commit).
   */
  void flush() {
    clock.advance(ALERT_CHECK);
    driver.advanceWallClockTime(ALERT_CHECK);
    drain();
  }

  /** Moves the clock by {@code d} (e.g. days), letting the deadline check run, then flushes. */
  void advance(final Duration d) {
    clock.advance(d);
    driver.advanceWallClockTime(d);
    flush();
  }

  void drain() {
    totalsOut.readKeyValuesToMap().forEach(totals::put);
    requestsOut.readKeyValuesToMap().forEach(requests::put);
    rejected.addAll(rejectedOut.readValuesToList());
    deadLetters.addAll(deadOut.readValuesToList());
    alerts.addAll(alertsOut.readValuesToList());
    capped.addAll(cappedOut.readRecordsToList());
  }

  Map<String, Long> cells(final String agencyId) {
    final AgencyTotals t = totals.get(agencyId);
    return t == null ? Map.of() : t.cells();
  }

  Table3 table3(final String agencyId, final int year) {
    return Table3Builder.build(agencyId, "agency", year, cells(agencyId));
  }

  Table4 table4(final String agencyId, final int year) {
    return Table4Builder.build(agencyId, "agency", year, cells(agencyId));
  }

  RequestState request(final String agencyId, final String requestId) {
    return requests.get(RequestKey.of(agencyId, requestId));
  }

  Map<String, RequestState> requests() {
    return requests;
  }

  @Override
  public void close() {
    driver.close();
  }
}
