package foi.tracker.ingest;

import foi.tracker.core.api.ApiException;
import foi.tracker.core.api.Reply;
import foi.tracker.core.event.Amended;
import foi.tracker.core.event.AppealResult;
import foi.tracker.core.event.ApplicationReceived;
import foi.tracker.core.event.Channel;
import foi.tracker.core.event.ConsultationEnded;
import foi.tracker.core.event.ConsultationParty;
import foi.tracker.core.event.ConsultationStarted;
import foi.tracker.core.event.CorrectionReceived;
import foi.tracker.core.event.CorrectionRequested;
import foi.tracker.core.event.Decided;
import foi.tracker.core.event.DelaySet;
import foi.tracker.core.event.EventType;
import foi.tracker.core.event.ExtensionGranted;
import foi.tracker.core.event.FeeNoticeIssued;
import foi.tracker.core.event.FeePaid;
import foi.tracker.core.event.LitigationConcluded;
import foi.tracker.core.event.LitigationFiled;
import foi.tracker.core.event.RequestEvent;
import foi.tracker.core.event.ReviewConcluded;
import foi.tracker.core.event.ReviewFiled;
import foi.tracker.core.event.Withdrawn;
import foi.tracker.core.taxonomy.Taxonomy;
import java.nio.charset.StandardCharsets;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns a desk's JSON body into an event, or refuses it naming the field. Only the fields of api.md are accepted;
 * an optional applicant reference is replaced by its HMAC before anything is written.
 */
final class EventValidator {
  static final String RECEIVED_EVENT_ID = "received";
  private static final Set<String> APPLICATION_FIELDS = Set.of("requestId", "applicantType", "receivedDate", "channel",
      "subject", "applicantRef");
  private static final Map<String, Set<String>> EVENT_FIELDS = Map.ofEntries(
      Map.entry(EventType.CORRECTION_REQUESTED, Set.of("dueBy")),
      Map.entry(EventType.CORRECTION_RECEIVED, Set.of()),
      Map.entry(EventType.CONSULTATION_STARTED, Set.of("party")),
      Map.entry(EventType.CONSULTATION_ENDED, Set.of()),
      Map.entry(EventType.EXTENSION_GRANTED, Set.of("workingDays")),
      Map.entry(EventType.FEE_NOTICE_ISSUED, Set.of()),
      Map.entry(EventType.FEE_PAID, Set.of()),
      Map.entry(EventType.DELAY_SET, Set.of("dueDate")),
      Map.entry(EventType.DECIDED, Set.of("outcome", "onTheSpot")),
      Map.entry(EventType.WITHDRAWN, Set.of()),
      Map.entry(EventType.AMENDED, Set.of("applicantType", "receivedDate", "channel", "outcome")),
      Map.entry(EventType.REVIEW_FILED, Set.of("caseId")),
      Map.entry(EventType.REVIEW_CONCLUDED, Set.of("caseId", "result")),
      Map.entry(EventType.LITIGATION_FILED, Set.of("caseId", "afterReview")),
      Map.entry(EventType.LITIGATION_CONCLUDED, Set.of("caseId", "result")));
  private static final Set<String> ALL_EVENT_FIELDS;

  static {
    final Set<String> all = new HashSet<>(Set.of("eventId", "type", "date"));
    EVENT_FIELDS.values().forEach(all::addAll);
    ALL_EVENT_FIELDS = Set.copyOf(all);
  }

  private final Taxonomy taxonomy = Taxonomy.get();
  private final byte[] applicantRefSecret;

  EventValidator(final String applicantRefSecret) {
    this.applicantRefSecret = applicantRefSecret == null ? null : applicantRefSecret.getBytes(StandardCharsets.UTF_8);
  }

  /** A new application (POST .../requests); a missing requestId is generated. */
  ApplicationReceived application(final String agencyId, final byte[] raw, final LocalDate today, final Instant now) {
    return application(agencyId, BodyReader.parse(raw, APPLICATION_FIELDS), today, now);
  }

  /** An application given as one item of a batch. */
  ApplicationReceived application(final String agencyId, final JsonNode body, final LocalDate today,
                                  final Instant now) {
    return application(agencyId, BodyReader.of(body, APPLICATION_FIELDS), today, now);
  }

  private ApplicationReceived application(final String agencyId, final BodyReader b, final LocalDate today,
                                          final Instant now) {
    String requestId = b.id("requestId", false);
    if (requestId == null) {
      requestId = today.toString().replace("-", "") + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
    final String type = b.code("applicantType", taxonomy.applicantTypes(), true);
    final LocalDate received = b.date("receivedDate", true, today, false);
    final Channel channel = b.enumValue("channel", Channel.class, true);
    final String subject = b.text("subject", false, BodyReader.MAX_TEXT_CHARS);
    final String ref = b.text("applicantRef", false, 200);
    return new ApplicationReceived(RECEIVED_EVENT_ID, agencyId, requestId, received, now, type, channel, subject,
        ref == null ? null : hmac(ref));
  }

  /** A handling step (POST .../requests/{requestId}/events); a missing eventId is generated. */
  RequestEvent event(final String agencyId, final String requestId, final byte[] raw, final LocalDate today,
                     final Instant now) {
    return event(agencyId, requestId, BodyReader.parse(raw, ALL_EVENT_FIELDS), today, now);
  }

  /** A handling step given as one item of a batch. */
  RequestEvent event(final String agencyId, final String requestId, final JsonNode body, final LocalDate today,
                     final Instant now) {
    return event(agencyId, requestId, BodyReader.of(body, ALL_EVENT_FIELDS), today, now);
  }

  private RequestEvent event(final String agencyId, final String requestId, final BodyReader b,
                             final LocalDate today, final Instant now) {
    final String type = b.code("type", EventType.LIFECYCLE, true);
    final Set<String> own = EVENT_FIELDS.get(type);
    for (String f : ALL_EVENT_FIELDS) {
      if (!own.contains(f) && !Set.of("eventId", "type", "date").contains(f) && b.has(f)) {
        throw new ApiException(400, "UNKNOWN_FIELD", f, f + " is not a field of a " + type + " event (该类型不支持此字段)");
      }
    }
    String eventId = b.id("eventId", false);
    if (eventId == null) {
      eventId = UUID.randomUUID().toString();
    } else if (RECEIVED_EVENT_ID.equals(eventId)) {
      throw new ApiException(400, "INVALID_ID", "eventId", "eventId: '" + RECEIVED_EVENT_ID
          + "' is reserved for the application itself (保留编号)");
    }
    final LocalDate date = b.date("date", true, today, false);
    return switch (type) {
      case EventType.CORRECTION_REQUESTED -> {
        final LocalDate dueBy = b.date("dueBy", false, today, true);
        if (dueBy != null && dueBy.isBefore(date)) {
          throw ApiException.badField("dueBy", dueBy + " is before the notice date " + date + " (补正期限早于告知日期)");
        }
        yield new CorrectionRequested(eventId, agencyId, requestId, date, now, dueBy);
      }
      case EventType.CORRECTION_RECEIVED -> new CorrectionReceived(eventId, agencyId, requestId, date, now);
      case EventType.CONSULTATION_STARTED -> new ConsultationStarted(eventId, agencyId, requestId, date, now,
          b.enumValue("party", ConsultationParty.class, true));
      case EventType.CONSULTATION_ENDED -> new ConsultationEnded(eventId, agencyId, requestId, date, now);
      case EventType.EXTENSION_GRANTED -> new ExtensionGranted(eventId, agencyId, requestId, date, now,
          b.integer("workingDays", true, 1, 20));
      case EventType.FEE_NOTICE_ISSUED -> new FeeNoticeIssued(eventId, agencyId, requestId, date, now);
      case EventType.FEE_PAID -> new FeePaid(eventId, agencyId, requestId, date, now);
      case EventType.DELAY_SET -> {
        final LocalDate due = b.date("dueDate", true, today, true);
        if (due.isBefore(date)) {
          throw ApiException.badField("dueDate", due + " is before the event date " + date + " (答复日期早于决定日期)");
        }
        yield new DelaySet(eventId, agencyId, requestId, date, now, due);
      }
      case EventType.DECIDED -> new Decided(eventId, agencyId, requestId, date, now,
          b.code("outcome", taxonomy.outcomes(), true), b.bool("onTheSpot"));
      case EventType.WITHDRAWN -> new Withdrawn(eventId, agencyId, requestId, date, now);
      case EventType.AMENDED -> {
        final String newType = b.code("applicantType", taxonomy.applicantTypes(), false);
        final LocalDate newReceived = b.date("receivedDate", false, today, false);
        final Channel channel = b.enumValue("channel", Channel.class, false);
        final String outcome = b.code("outcome", taxonomy.outcomes(), false);
        if (newType == null && newReceived == null && channel == null && outcome == null) {
          throw new ApiException(400, "MISSING_FIELD", "applicantType", "an AMENDED event must change at least one of "
              + "applicantType, receivedDate, channel, outcome (至少更正一项)");
        }
        yield new Amended(eventId, agencyId, requestId, date, now, newType, newReceived, channel, outcome);
      }
      case EventType.REVIEW_FILED -> new ReviewFiled(eventId, agencyId, requestId, date, now, b.id("caseId", true));
      case EventType.REVIEW_CONCLUDED -> new ReviewConcluded(eventId, agencyId, requestId, date, now,
          b.id("caseId", true), b.enumValue("result", AppealResult.class, true));
      case EventType.LITIGATION_FILED -> new LitigationFiled(eventId, agencyId, requestId, date, now,
          b.id("caseId", true), Boolean.TRUE.equals(b.bool("afterReview")));
      case EventType.LITIGATION_CONCLUDED -> new LitigationConcluded(eventId, agencyId, requestId, date, now,
          b.id("caseId", true), b.enumValue("result", AppealResult.class, true));
      default -> throw ApiException.badField("type", type + " cannot be posted here");
    };
  }

  private String hmac(final String reference) {
    if (applicantRefSecret == null) {
      throw new ApiException(400, "INVALID_FIELD", "applicantRef", "applicantRef: repeated-application detection is "
          + "not configured on this server (TRACKER_APPLICANT_REF_SECRET is not set); leave applicantRef out");
    }
    try {
      final Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(applicantRefSecret, "HmacSHA256"));
      return java.util.HexFormat.of().formatHex(mac.doFinal(reference.trim().getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
