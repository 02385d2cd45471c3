package foi.tracker.core.topic;

import foi.tracker.core.agency.Agency;
import foi.tracker.core.binary.StateSerde;
import foi.tracker.core.calendar.YearSchedule;
import foi.tracker.core.event.RequestEvent;
import foi.tracker.core.json.JsonSerde;
import foi.tracker.core.publication.CorrectionEntry;
import foi.tracker.core.publication.Publication;
import foi.tracker.core.publication.PublishedPart;
import foi.tracker.core.request.Rejection;
import foi.tracker.core.request.RequestState;
import foi.tracker.core.table.AgencyTotals;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** The one registry of topic names and serdes; no other code names a topic. */
public final class Topics {
  private static final Map<String, String> FOREVER =
      Map.of("cleanup.policy", "delete", "retention.ms", "-1", "retention.bytes", "-1");
  private static final Map<String, String> COMPACTED =
      Map.of("cleanup.policy", "compact", "min.compaction.lag.ms", "0", "segment.ms", "3600000");

  /**
   * The event log, key {@code agencyId/requestId}, partitioned by agency: the system of record,
   * kept forever.
   */
  public static final TopicSpec<String, RequestEvent> EVENTS =
      new TopicSpec<>(
          "foi.events", Serdes.String(), new JsonSerde<>(RequestEvent.class), true, FOREVER);

  /** The agency registry (名录), key agencyId, compacted. */
  public static final TopicSpec<String, Agency> AGENCIES =
      new TopicSpec<>(
          "foi.agencies", Serdes.String(), new JsonSerde<>(Agency.class), false, COMPACTED);

  /** Desk tokens (hashes only), key tokenId, compacted. */
  public static final TopicSpec<String, DeskToken> TOKENS =
      new TopicSpec<>(
          "foi.tokens", Serdes.String(), new JsonSerde<>(DeskToken.class), false, COMPACTED);

  /** Events refused for their request's state, with the reason; key {@code agencyId/requestId}. */
  public static final TopicSpec<String, Rejection> REJECTED =
      new TopicSpec<>(
          "foi.rejected", Serdes.String(), new JsonSerde<>(Rejection.class), true, FOREVER);

  /** Records on the event log that could not be read at all. */
  public static final TopicSpec<String, DeadLetter> DEAD_LETTERS =
      new TopicSpec<>(
          "foi.dead-letters", Serdes.String(), new JsonSerde<>(DeadLetter.class), false, FOREVER);

  /**
   * The stream processor's Kafka Streams application id: it names the consumer group and the store
   * changelogs.
   */
  public static final String PROCESSOR_APPLICATION_ID = "foi-tracker-processor";

  /** The processor's store of request states (its changelog is {@link #REQUESTS}). */
  public static final String REQUEST_STORE = "request-store";

  /** The processor's store of agency counters (its changelog is {@link #AGENCY_TOTALS}). */
  public static final String AGENCY_TOTALS_STORE = "agency-totals-store";

  /**
   * Output: the current state of every request, key {@code agencyId/requestId}, compacted. This is
   * the changelog of the processor's request store itself, read by the dashboard (one write per
   * change instead of a changelog plus a copy; earlier versions wrote that copy to {@code
   * foi.requests}, which is no longer written). Values in the compact binary form of {@link
   * StateSerde} (JSON from earlier versions is still read). Partitioned like the event log, since a
   * changelog partition is its task's partition.
   */
  public static final TopicSpec<String, RequestState> REQUESTS =
      new TopicSpec<>(
          changelogOf(REQUEST_STORE), Serdes.String(), StateSerde.requests(), true, COMPACTED);

  /**
   * Output: the counters of every agency (its own requests), key agencyId, compacted: the changelog
   * of the processor's totals store (was {@code foi.agency-totals}); binary like REQUESTS.
   */
  public static final TopicSpec<String, AgencyTotals> AGENCY_TOTALS =
      new TopicSpec<>(
          changelogOf(AGENCY_TOTALS_STORE), Serdes.String(), StateSerde.totals(), true, COMPACTED);

  /** Output: deadline status changes (DUE_SOON, OVERDUE), key {@code agencyId/requestId}. */
  public static final TopicSpec<String, DeadlineAlert> ALERTS =
      new TopicSpec<>(
          "foi.alerts", Serdes.String(), new JsonSerde<>(DeadlineAlert.class), true, FOREVER);

  /** Holiday schedules loaded after release (a new year's notice), key year, compacted. */
  public static final TopicSpec<String, YearSchedule> CALENDAR =
      new TopicSpec<>(
          "foi.calendar", Serdes.String(), new JsonSerde<>(YearSchedule.class), false, COMPACTED);

  /**
   * Published annual reports (年报发布), key {@code agencyId|year|version}, compacted: each version as
   * recorded by the ingest (withdrawn versions rewritten with their reason, never deleted).
   */
  public static final TopicSpec<String, Publication> PUBLICATIONS =
      new TopicSpec<>(
          "foi.publications",
          Serdes.String(),
          new JsonSerde<>(Publication.class),
          false,
          COMPACTED);

  /**
   * The figures a publication froze: one record per agency of the published subtree, written by the
   * processor at the cut (key {@code publisherId|year|version|agencyId}), compacted.
   */
  public static final TopicSpec<String, PublishedPart> PUBLISHED_PARTS =
      new TopicSpec<>(
          "foi.published-parts",
          Serdes.String(),
          new JsonSerde<>(PublishedPart.class),
          false,
          COMPACTED);

  /**
   * Changes after a publication's cut to figures it froze (发布后更正), key {@code publisherId|year},
   * kept forever.
   */
  public static final TopicSpec<String, CorrectionEntry> CORRECTIONS =
      new TopicSpec<>(
          "foi.corrections",
          Serdes.String(),
          new JsonSerde<>(CorrectionEntry.class),
          false,
          FOREVER);

  /**
   * The requests at the bound on refused events (api.md "Bounds on input"): the state of every
   * request that holds {@code Bounds.MAX_REFUSED_EVENTS} refused events, key {@code
   * agencyId/requestId}, compacted, written by the processor at each event of such a request in the
   * transaction of that event, with the event's place on the log in the header {@link
   * #CAPPED_AT_HEADER}. The ingest reads it to answer a step the rules would refuse with 400 {@code
   * TOO_MANY_EVENTS} instead of writing it. Few records: only abusive requests reach the bound.
   */
  public static final TopicSpec<String, RequestState> CAPPED_REQUESTS =
      new TopicSpec<>(
          "foi.capped-requests", Serdes.String(), StateSerde.requests(), false, COMPACTED);

  /**
   * Header of a {@link #CAPPED_REQUESTS} record: the partition (4 bytes) and offset (8 bytes,
   * big-endian) on the event log of the last event its state reflects.
   */
  public static final String CAPPED_AT_HEADER = "foi-event-position";

  public static final List<TopicSpec<?, ?>> ALL =
      List.of(
          EVENTS,
          AGENCIES,
          TOKENS,
          REJECTED,
          DEAD_LETTERS,
          REQUESTS,
          AGENCY_TOTALS,
          ALERTS,
          CALENDAR,
          PUBLICATIONS,
          PUBLISHED_PARTS,
          CORRECTIONS,
          CAPPED_REQUESTS);

  private Topics() {}

  /** The name Kafka Streams gives the changelog of one of the processor's stores. */
  public static String changelogOf(final String store) {
    return PROCESSOR_APPLICATION_ID + "-" + store + "-changelog";
  }

  /**
   * Serde for raw bytes, for reading the event log before parsing (poison records go to dead
   * letters).
   */
  public static Serde<byte[]> bytes() {
    return Serdes.ByteArray();
  }
}
