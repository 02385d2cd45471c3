package foi.tracker.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import foi.tracker.core.api.ApiException;
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
import foi.tracker.core.event.ReopenReason;
import foi.tracker.core.event.Reopened;
import foi.tracker.core.event.RequestEvent;
import foi.tracker.core.event.ReviewConcluded;
import foi.tracker.core.event.ReviewFiled;
import foi.tracker.core.event.Voided;
import foi.tracker.core.event.Withdrawn;
import foi.tracker.core.taxonomy.Taxonomy;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns a desk's JSON body into an event, or refuses it naming the field. Only the fields of api.md
 * are accepted; an optional applicant reference is replaced by its HMAC before anything is written.
 */
final class EventValidator {
  static final String RECEIVED_EVENT_ID = "received";
  private static final Set<String> APPLICATION_FIELDS =
      Set.of(
          "requestId",
          "applicantType",
          "receivedDate",
          "channel",
          "subject",
          "applicantRef",
          "registrationNumber");

  /** Registration numbers (登记号) and case numbers (案号): free text up to this many characters. */
  static final int MAX_NUMBER_CHARS = foi.tracker.core.request.RequestRules.MAX_NUMBER_CHARS;

  /** The largest fee accepted, in yuan. */
  static final long MAX_FEE_YUAN = 1_000_000_000L;

  private static final Set<String> AMENDED_CASE_FIELDS =
      Set.of("filedDate", "concludedDate", "result", "afterReview", "caseNumber");
  private static final Map<String, Set<String>> EVENT_FIELDS =
      Map.ofEntries(
          Map.entry(EventType.CORRECTION_REQUESTED, Set.of("dueBy")),
          Map.entry(EventType.CORRECTION_RECEIVED, Set.of()),
          Map.entry(EventType.CONSULTATION_STARTED, Set.of("party")),
          Map.entry(EventType.CONSULTATION_ENDED, Set.of()),
          Map.entry(EventType.EXTENSION_GRANTED, Set.of("workingDays")),
          Map.entry(EventType.FEE_NOTICE_ISSUED, Set.of()),
          Map.entry(EventType.FEE_PAID, Set.of("amountYuan")),
          Map.entry(EventType.DELAY_SET, Set.of("dueDate")),
          Map.entry(EventType.DECIDED, Set.of("outcome", "onTheSpot")),
          Map.entry(EventType.WITHDRAWN, Set.of()),
          Map.entry(
              EventType.AMENDED,
              Set.of(
                  "applicantType",
                  "receivedDate",
                  "channel",
                  "outcome",
                  "decidedDate",
                  "caseId",
                  "filedDate",
                  "concludedDate",
                  "result",
                  "afterReview",
                  "caseNumber")),
          Map.entry(EventType.REVIEW_FILED, Set.of("caseId", "caseNumber")),
          Map.entry(EventType.REVIEW_CONCLUDED, Set.of("caseId", "result")),
          Map.entry(EventType.LITIGATION_FILED, Set.of("caseId", "afterReview", "caseNumber")),
          Map.entry(EventType.LITIGATION_CONCLUDED, Set.of("caseId", "result")),
          Map.entry(EventType.REOPENED, Set.of("reason", "caseId", "dueDate")),
          Map.entry(EventType.VOIDED, Set.of("reason")));
  private static final Set<String> ALL_EVENT_FIELDS;

  static {
    final Set<String> all = new HashSet<>(Set.of("eventId", "type", "date"));
    EVENT_FIELDS.values().forEach(all::addAll);
    ALL_EVENT_FIELDS = Set.copyOf(all);
  }

  private final Taxonomy taxonomy = Taxonomy.get();
  private final byte[] applicantRefSecret;

  EventValidator(final String applicantRefSecret) {
    this.applicantRefSecret =
        applicantRefSecret == null ? null : applicantRefSecret.getBytes(StandardCharsets.UTF_8);
  }

  /** A new application (POST .../requests); a missing requestId is generated. */
  ApplicationReceived application(
      final String agencyId, final byte[] raw, final LocalDate today, final Instant now) {
    return application(agencyId, BodyReader.parse(raw, APPLICATION_FIELDS), today, now);
  }

  /** An application given as one item of a batch. */
  ApplicationReceived application(
      final String agencyId, final JsonNode body, final LocalDate today, final Instant now) {
    return application(
        agencyId, BodyReader.of(body, APPLICATION_FIELDS, "application"), today, now);
  }

  private ApplicationReceived application(
      final String agencyId, final BodyReader b, final LocalDate today, final Instant now) {
    String requestId = b.id("requestId", false);
    if (requestId == null) {
      requestId =
          today.toString().replace("-", "") + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
    final String type = b.code("applicantType", taxonomy.applicantTypes(), true);
    final LocalDate received = b.date("receivedDate", true, today, false);
    final Channel channel = b.enumValue("channel", Channel.class, true);
    final String subject = b.text("subject", false, BodyReader.MAX_TEXT_CHARS);
    final String ref = b.text("applicantRef", false, 200);
    final String registrationNumber = b.text("registrationNumber", false, MAX_NUMBER_CHARS);
    return new ApplicationReceived(
        RECEIVED_EVENT_ID,
        agencyId,
        requestId,
        received,
        now,
        type,
        channel,
        subject,
        ref == null ? null : hmac(ref),
        registrationNumber);
  }

  /** A handling step sent with the admin token (see the overload naming the caller). */
  RequestEvent event(
      final String agencyId,
      final String requestId,
      final byte[] raw,
      final LocalDate today,
      final Instant now) {
    return event(agencyId, requestId, raw, today, now, false);
  }

  /**
   * A handling step (POST .../requests/{requestId}/events); a missing eventId is generated. {@code
   * byDeskToken}: a desk token (not the admin token) sent it; recorded on a VOIDED event, never
   * taken from the body.
   */
  RequestEvent event(
      final String agencyId,
      final String requestId,
      final byte[] raw,
      final LocalDate today,
      final Instant now,
      final boolean byDeskToken) {
    return event(
        agencyId, requestId, BodyReader.parse(raw, ALL_EVENT_FIELDS), today, now, byDeskToken);
  }

  /** A handling step given as one item of a batch, sent with the admin token. */
  RequestEvent event(
      final String agencyId,
      final String requestId,
      final JsonNode body,
      final LocalDate today,
      final Instant now) {
    return event(agencyId, requestId, body, today, now, false);
  }

  /** A handling step given as one item of a batch; {@code byDeskToken} as for a single call. */
  RequestEvent event(
      final String agencyId,
      final String requestId,
      final JsonNode body,
      final LocalDate today,
      final Instant now,
      final boolean byDeskToken) {
    return event(
        agencyId,
        requestId,
        BodyReader.of(body, ALL_EVENT_FIELDS, "event"),
        today,
        now,
        byDeskToken);
  }

  private RequestEvent event(
      final String agencyId,
      final String requestId,
      final BodyReader b,
      final LocalDate today,
      final Instant now,
      final boolean byDeskToken) {
    final String type = b.code("type", EventType.LIFECYCLE, true);
    final Set<String> own = EVENT_FIELDS.get(type);
    for (String f : ALL_EVENT_FIELDS) {
      if (!own.contains(f) && !Set.of("eventId", "type", "date").contains(f) && b.has(f)) {
        throw ApiException.of(
            400, "UNKNOWN_FIELD", f, "该类型的事件不支持此字段", f + " is not a field of a " + type + " event");
      }
    }
    String eventId = b.id("eventId", false);
    if (eventId == null) {
      eventId = UUID.randomUUID().toString();
    } else if (RECEIVED_EVENT_ID.equals(eventId)) {
      throw ApiException.of(
          400,
          "INVALID_ID",
          "eventId",
          "「" + RECEIVED_EVENT_ID + "」为保留编号，专用于申请本身",
          "'" + RECEIVED_EVENT_ID + "' is reserved for the application itself");
    }
    final LocalDate date = b.date("date", true, today, false);
    return switch (type) {
      case EventType.CORRECTION_REQUESTED -> {
        final LocalDate dueBy = notTooFar("dueBy", b.date("dueBy", false, today, true), date);
        if (dueBy != null && dueBy.isBefore(date)) {
          throw ApiException.badField(
              "dueBy",
              "补正期限 " + dueBy + " 早于告知日期 " + date,
              dueBy + " is before the notice date " + date);
        }
        yield new CorrectionRequested(eventId, agencyId, requestId, date, now, dueBy);
      }
      case EventType.CORRECTION_RECEIVED ->
          new CorrectionReceived(eventId, agencyId, requestId, date, now);
      case EventType.CONSULTATION_STARTED ->
          new ConsultationStarted(
              eventId,
              agencyId,
              requestId,
              date,
              now,
              b.enumValue("party", ConsultationParty.class, true));
      case EventType.CONSULTATION_ENDED ->
          new ConsultationEnded(eventId, agencyId, requestId, date, now);
      case EventType.EXTENSION_GRANTED ->
          new ExtensionGranted(
              eventId, agencyId, requestId, date, now, b.integer("workingDays", true, 1, 20));
      case EventType.FEE_NOTICE_ISSUED ->
          new FeeNoticeIssued(eventId, agencyId, requestId, date, now);
      case EventType.FEE_PAID ->
          new FeePaid(
              eventId, agencyId, requestId, date, now, b.amountFen("amountYuan", MAX_FEE_YUAN));
      case EventType.DELAY_SET -> {
        final LocalDate due = notTooFar("dueDate", b.date("dueDate", true, today, true), date);
        if (due.isBefore(date)) {
          throw ApiException.badField(
              "dueDate",
              "延期后的答复期限 " + due + " 早于决定日期 " + date,
              due + " is before the event date " + date);
        }
        yield new DelaySet(eventId, agencyId, requestId, date, now, due);
      }
      case EventType.DECIDED ->
          new Decided(
              eventId,
              agencyId,
              requestId,
              date,
              now,
              b.code("outcome", taxonomy.outcomes(), true),
              b.bool("onTheSpot"));
      case EventType.WITHDRAWN -> new Withdrawn(eventId, agencyId, requestId, date, now);
      case EventType.AMENDED -> amended(b, eventId, agencyId, requestId, date, today, now);
      case EventType.REVIEW_FILED ->
          new ReviewFiled(
              eventId,
              agencyId,
              requestId,
              date,
              now,
              b.id("caseId", true),
              b.text("caseNumber", false, MAX_NUMBER_CHARS));
      case EventType.REVIEW_CONCLUDED ->
          new ReviewConcluded(
              eventId,
              agencyId,
              requestId,
              date,
              now,
              b.id("caseId", true),
              b.enumValue("result", AppealResult.class, true));
      case EventType.LITIGATION_FILED ->
          new LitigationFiled(
              eventId,
              agencyId,
              requestId,
              date,
              now,
              b.id("caseId", true),
              Boolean.TRUE.equals(b.bool("afterReview")),
              b.text("caseNumber", false, MAX_NUMBER_CHARS));
      case EventType.LITIGATION_CONCLUDED ->
          new LitigationConcluded(
              eventId,
              agencyId,
              requestId,
              date,
              now,
              b.id("caseId", true),
              b.enumValue("result", AppealResult.class, true));
      case EventType.REOPENED -> reopened(b, eventId, agencyId, requestId, date, today, now);
      case EventType.VOIDED ->
          new Voided(
              eventId,
              agencyId,
              requestId,
              date,
              now,
              b.text("reason", true, BodyReader.MAX_TEXT_CHARS),
              byDeskToken);
      default ->
          throw ApiException.badField(
              "type", "此处不能录入 " + type + " 类事件", type + " cannot be posted here");
    };
  }

  private Amended amended(
      final BodyReader b,
      final String eventId,
      final String agencyId,
      final String requestId,
      final LocalDate date,
      final LocalDate today,
      final Instant now) {
    final String newType = b.code("applicantType", taxonomy.applicantTypes(), false);
    final LocalDate newReceived = b.date("receivedDate", false, today, false);
    final Channel channel = b.enumValue("channel", Channel.class, false);
    final String outcome = b.code("outcome", taxonomy.outcomes(), false);
    final LocalDate decidedDate = b.date("decidedDate", false, today, false);
    final String caseId = b.id("caseId", false);
    final LocalDate filedDate = b.date("filedDate", false, today, false);
    final LocalDate concludedDate = b.date("concludedDate", false, today, false);
    final AppealResult result = b.enumValue("result", AppealResult.class, false);
    final Boolean afterReview = b.bool("afterReview");
    final String caseNumber = b.text("caseNumber", false, MAX_NUMBER_CHARS);
    final boolean caseField = AMENDED_CASE_FIELDS.stream().anyMatch(b::has);
    if (caseField && caseId == null) {
      throw ApiException.of(
          400,
          "MISSING_FIELD",
          "caseId",
          "更正复议或诉讼案件须指明 caseId",
          "caseId is required with "
              + String.join(", ", new java.util.TreeSet<>(AMENDED_CASE_FIELDS)));
    }
    if (caseId != null && !caseField) {
      throw ApiException.of(
          400,
          "MISSING_FIELD",
          "caseId",
          "更正案件须至少修改一项",
          "with caseId, give at least one of "
              + String.join(", ", new java.util.TreeSet<>(AMENDED_CASE_FIELDS)));
    }
    if (filedDate != null && concludedDate != null && concludedDate.isBefore(filedDate)) {
      throw ApiException.badField(
          "concludedDate", concludedDate + " 早于立案日期 " + filedDate, "is before filedDate");
    }
    if (newType == null
        && newReceived == null
        && channel == null
        && outcome == null
        && decidedDate == null
        && caseId == null) {
      throw ApiException.of(
          400,
          "MISSING_FIELD",
          "applicantType",
          "更正须至少修改一项",
          "an AMENDED event must change at least one of applicantType, receivedDate, channel, outcome, decidedDate, "
              + "or a case named by caseId");
    }
    return new Amended(
        eventId,
        agencyId,
        requestId,
        date,
        now,
        newType,
        newReceived,
        channel,
        outcome,
        decidedDate,
        caseId,
        filedDate,
        concludedDate,
        result,
        afterReview,
        caseNumber);
  }

  private static Reopened reopened(
      final BodyReader b,
      final String eventId,
      final String agencyId,
      final String requestId,
      final LocalDate date,
      final LocalDate today,
      final Instant now) {
    final ReopenReason reason = b.enumValue("reason", ReopenReason.class, true);
    final String caseId = b.id("caseId", false);
    final LocalDate dueDate = notTooFar("dueDate", b.date("dueDate", false, today, true), date);
    if (reason == ReopenReason.REANSWER_ORDERED && caseId == null) {
      throw ApiException.of(
          400,
          "MISSING_FIELD",
          "caseId",
          "责令重新答复须指明作出决定的复议或诉讼案件",
          "required with REANSWER_ORDERED");
    }
    if (reason == ReopenReason.ENTRY_ERROR && caseId != null) {
      throw ApiException.badField(
          "caseId", "录入错误的重新办理不带案件", "not a field of an ENTRY_ERROR reopening");
    }
    if (reason == ReopenReason.ENTRY_ERROR && dueDate != null) {
      throw ApiException.badField(
          "dueDate", "录入错误的重新办理沿用原期限", "not a field of an ENTRY_ERROR reopening");
    }
    if (dueDate != null && !dueDate.isAfter(date)) {
      throw ApiException.badField(
          "dueDate", dueDate + " 须晚于 " + date, "must be after the event date");
    }
    if (dueDate != null && dueDate.isAfter(date.plusYears(2))) {
      throw ApiException.badField(
          "dueDate", dueDate + " 超过事件日期后两年", "at most two years after the event date");
    }
    return new Reopened(eventId, agencyId, requestId, date, now, reason, caseId, dueDate);
  }

  private String hmac(final String reference) {
    if (applicantRefSecret == null) {
      throw ApiException.of(
          400,
          "INVALID_FIELD",
          "applicantRef",
          "本系统未启用重复申请识别，请不填 applicantRef",
          "repeated-application detection is not configured on this server (TRACKER_APPLICANT_REF_SECRET is not "
              + "set); leave applicantRef out");
    }
    try {
      final Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(applicantRefSecret, "HmacSHA256"));
      return java.util.HexFormat.of()
          .formatHex(mac.doFinal(reference.trim().getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A future day an event names (a due date, a 补正 deadline): at most two years after the event
   * (Bounds on input).
   */
  private static LocalDate notTooFar(
      final String field, final LocalDate named, final LocalDate eventDate) {
    if (named != null && named.isAfter(foi.tracker.core.request.Bounds.latestAhead(eventDate))) {
      throw ApiException.badField(
          field,
          named
              + " 晚于事件日期 "
              + eventDate
              + " 后两年（"
              + foi.tracker.core.request.Bounds.latestAhead(eventDate)
              + "），超出受理范围",
          named + " is more than two years after the event's date " + eventDate);
    }
    return named;
  }
}
