package foi.tracker.core.binary;

import static foi.tracker.core.binary.FieldCodec.BOOLEAN;
import static foi.tracker.core.binary.FieldCodec.COUNT;
import static foi.tracker.core.binary.FieldCodec.DATE;
import static foi.tracker.core.binary.FieldCodec.INSTANT;
import static foi.tracker.core.binary.FieldCodec.NULLABLE_INT;
import static foi.tracker.core.binary.FieldCodec.SIGNED_LONG;
import static foi.tracker.core.binary.FieldCodec.STRING;
import static foi.tracker.core.binary.FieldCodec.enumOf;
import static foi.tracker.core.binary.FieldCodec.list;
import static foi.tracker.core.binary.FieldCodec.nullableList;
import static foi.tracker.core.binary.FieldCodec.optional;
import static foi.tracker.core.binary.FieldCodec.orderedMap;
import static foi.tracker.core.binary.FieldCodec.sortedMap;

import foi.tracker.core.deadline.ClockEvent;
import foi.tracker.core.deadline.Deadline;
import foi.tracker.core.deadline.DeadlineStatus;
import foi.tracker.core.event.AppealResult;
import foi.tracker.core.event.Channel;
import foi.tracker.core.request.AppealCase;
import foi.tracker.core.request.CountedAnswer;
import foi.tracker.core.request.DeadlineStatusAlerted;
import foi.tracker.core.request.FeePayment;
import foi.tracker.core.request.HistoryEntry;
import foi.tracker.core.request.ReanswerOrder;
import foi.tracker.core.request.Rejection;
import foi.tracker.core.request.RequestState;
import foi.tracker.core.request.RequestStatus;
import foi.tracker.core.request.VoidMark;
import foi.tracker.core.table.AgencyTotals;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The processor–dashboard contract: the stored layout of every state record, each declared once, in
 * stored order (which is each record's component order; {@code StateLayoutTest} holds them to it).
 * A component added later says since which format version it is stored ({@link RecordFormat}); a
 * change to a layout that old data holds needs a new format version, a golden file of it, and its
 * own line in {@link #REQUEST_FORMAT} or {@link #TOTALS_FORMAT}.
 */
final class StateLayout {
  private StateLayout() {}

  static final RecordLayout<ClockEvent> CLOCK_EVENT =
      RecordLayout.of(ClockEvent.class)
          .field("type", ClockEvent::type, STRING)
          .field("date", ClockEvent::date, DATE)
          .field("workingDays", ClockEvent::workingDays, NULLABLE_INT)
          .field("dueDate", ClockEvent::dueDate, DATE)
          .build(c -> new ClockEvent(c.next(), c.next(), c.next(), c.next()));

  static final RecordLayout<AppealCase> APPEAL_CASE =
      RecordLayout.of(AppealCase.class)
          .field("caseId", AppealCase::caseId, STRING)
          .field("kind", AppealCase::kind, enumOf(AppealCase.Kind.class))
          .field("afterReview", AppealCase::afterReview, BOOLEAN)
          .field("filedDate", AppealCase::filedDate, DATE)
          .field("concludedDate", AppealCase::concludedDate, DATE)
          .field("result", AppealCase::result, enumOf(AppealResult.class))
          .field("caseNumber", AppealCase::caseNumber, STRING)
          .since(2, null)
          .build(
              c ->
                  new AppealCase(
                      c.next(), c.next(), c.next(), c.next(), c.next(), c.next(), c.next()));

  static final RecordLayout<HistoryEntry> HISTORY_ENTRY =
      RecordLayout.of(HistoryEntry.class)
          .field("eventId", HistoryEntry::eventId, STRING)
          .field("type", HistoryEntry::type, STRING)
          .field("date", HistoryEntry::date, DATE)
          .field("recordedAt", HistoryEntry::recordedAt, INSTANT)
          .field("detail", HistoryEntry::detail, STRING)
          .build(c -> new HistoryEntry(c.next(), c.next(), c.next(), c.next(), c.next()));

  static final RecordLayout<Rejection> REJECTION =
      RecordLayout.of(Rejection.class)
          .field("agencyId", Rejection::agencyId, STRING)
          .field("requestId", Rejection::requestId, STRING)
          .field("eventId", Rejection::eventId, STRING)
          .field("type", Rejection::type, STRING)
          .field("date", Rejection::date, DATE)
          .field("recordedAt", Rejection::recordedAt, INSTANT)
          .field("reason", Rejection::reason, STRING)
          .field("reasonCode", Rejection::reasonCode, STRING)
          .since(3, null)
          .build(
              c ->
                  new Rejection(
                      c.next(), c.next(), c.next(), c.next(), c.next(), c.next(), c.next(),
                      c.next()));

  static final RecordLayout<Deadline.ExcludedDay> EXCLUDED_DAY =
      RecordLayout.of(Deadline.ExcludedDay.class)
          .field("date", Deadline.ExcludedDay::date, DATE)
          .field("reason", Deadline.ExcludedDay::reason, STRING)
          .build(c -> new Deadline.ExcludedDay(c.next(), c.next()));

  static final RecordLayout<Deadline.Lapse> LAPSE =
      RecordLayout.of(Deadline.Lapse.class)
          .field("kind", Deadline.Lapse::kind, enumOf(Deadline.Lapse.Kind.class))
          .field("since", Deadline.Lapse::since, DATE)
          .field("suggestedOutcome", Deadline.Lapse::suggestedOutcome, STRING)
          .build(c -> new Deadline.Lapse(c.next(), c.next(), c.next()));

  /**
   * The stored answer clock. Its flag byte was a boolean (lateCorrectionNotice) before lapses; bit
   * 1 now says a lapse follows, bit 2 that overdue year ends follow, so records of either form read
   * alike in every version.
   */
  static final RecordLayout<Deadline> DEADLINE =
      RecordLayout.of(Deadline.class)
          .field("dueDate", Deadline::dueDate, DATE)
          .field("workingDaysLeft", Deadline::workingDaysLeft, NULLABLE_INT)
          .field("status", Deadline::status, enumOf(DeadlineStatus.class))
          .field("provisional", Deadline::provisional, BOOLEAN)
          .field("clockStart", Deadline::clockStart, DATE)
          .field("excludedDays", Deadline::excludedDays, nullableList(EXCLUDED_DAY))
          .field("explanation", Deadline::explanation, nullableList(STRING))
          .flags("lateCorrectionNotice", Deadline::lateCorrectionNotice)
          .field("workingDaysUsed", Deadline::workingDaysUsed, NULLABLE_INT)
          .flagged("lapse", Deadline::lapse, LAPSE, Objects::nonNull, null)
          .flagged(
              "overdueYearEnds",
              Deadline::overdueYearEnds,
              list(COUNT),
              years -> !years.isEmpty(),
              List.of())
          .build(
              c ->
                  new Deadline(
                      c.next(), c.next(), c.next(), c.next(), c.next(), c.next(), c.next(),
                      c.next(), c.next(), c.next(), c.next()));

  /**
   * The last alert's mark: the status (null when none), then whether there is a mark (1) or not
   * (0). Stored in this order since version 1, so it is a codec of its own rather than {@code
   * optional(...)}.
   */
  static final FieldCodec<DeadlineStatusAlerted> ALERT_MARK =
      new FieldCodec<>() {
        private final FieldCodec<DeadlineStatus> status = enumOf(DeadlineStatus.class);

        @Override
        public void write(final BinaryWriter w, final DeadlineStatusAlerted value) {
          status.write(w, value == null ? null : value.status());
          w.writeBoolean(value != null);
        }

        @Override
        public DeadlineStatusAlerted read(final RecordReader r) {
          final DeadlineStatus s = status.read(r);
          return r.readBoolean() ? new DeadlineStatusAlerted(s) : null;
        }

        @Override
        public void skip(final RecordReader r) {
          status.skip(r);
          r.readByte();
        }
      };

  static final RecordLayout<FeePayment> FEE_PAYMENT =
      RecordLayout.of(FeePayment.class)
          .field("eventId", FeePayment::eventId, STRING)
          .field("date", FeePayment::date, DATE)
          .field("fen", FeePayment::fen, SIGNED_LONG)
          .build(c -> new FeePayment(c.next(), c.next(), c.nextLong()));

  static final RecordLayout<CountedAnswer> COUNTED_ANSWER =
      RecordLayout.of(CountedAnswer.class)
          .field("outcome", CountedAnswer::outcome, STRING)
          .field("decidedDate", CountedAnswer::decidedDate, DATE)
          .field("late", CountedAnswer::late, BOOLEAN)
          .field("workingDaysUsed", CountedAnswer::workingDaysUsed, NULLABLE_INT)
          .field("lateCorrectionNotice", CountedAnswer::lateCorrectionNotice, BOOLEAN)
          .build(c -> new CountedAnswer(c.next(), c.next(), c.next(), c.next(), c.next()));

  static final RecordLayout<ReanswerOrder> REANSWER_ORDER =
      RecordLayout.of(ReanswerOrder.class)
          .field("caseId", ReanswerOrder::caseId, STRING)
          .field("date", ReanswerOrder::date, DATE)
          .field("dueDate", ReanswerOrder::dueDate, DATE)
          .build(c -> new ReanswerOrder(c.next(), c.next(), c.next()));

  static final RecordLayout<VoidMark> VOID_MARK =
      RecordLayout.of(VoidMark.class)
          .field("eventId", VoidMark::eventId, STRING)
          .field("date", VoidMark::date, DATE)
          .field("reason", VoidMark::reason, STRING)
          .build(c -> new VoidMark(c.next(), c.next(), c.next()));

  /** A request's state (the request store, its changelog and {@code foi.requests}). */
  static final RecordLayout<RequestState> REQUEST =
      RecordLayout.of(RequestState.class)
          .field("agencyId", RequestState::agencyId, STRING)
          .field("requestId", RequestState::requestId, STRING)
          .field("applicantType", RequestState::applicantType, STRING)
          .field("channel", RequestState::channel, enumOf(Channel.class))
          .field("receivedDate", RequestState::receivedDate, DATE)
          .field("subject", RequestState::subject, STRING)
          .field("applicantRefHash", RequestState::applicantRefHash, STRING)
          .field("status", RequestState::status, enumOf(RequestStatus.class))
          .field("outcome", RequestState::outcome, STRING)
          .field("decidedDate", RequestState::decidedDate, DATE)
          .field("closedBy", RequestState::closedBy, STRING)
          .field("lastStepDate", RequestState::lastStepDate, DATE)
          .field("clock", RequestState::clock, list(CLOCK_EVENT))
          .field("cases", RequestState::cases, orderedMap(STRING, APPEAL_CASE))
          .field("eventFingerprints", RequestState::eventFingerprints, orderedMap(STRING, STRING))
          .field("history", RequestState::history, list(HISTORY_ENTRY))
          .field("rejected", RequestState::rejected, list(REJECTION))
          .field("deadline", RequestState::deadline, optional(DEADLINE))
          .field("alerted", RequestState::alerted, ALERT_MARK)
          .field("registrationNumber", RequestState::registrationNumber, STRING)
          .since(2, null)
          .field("fees", RequestState::fees, list(FEE_PAYMENT))
          .since(2, List.of())
          .field("counted", RequestState::counted, optional(COUNTED_ANSWER))
          .since(2, null)
          .field("reanswer", RequestState::reanswer, optional(REANSWER_ORDER))
          .since(2, null)
          .field("voided", RequestState::voided, optional(VOID_MARK))
          .since(2, null)
          .build(
              c ->
                  new RequestState(
                      c.next(), c.next(), c.next(), c.next(), c.next(), c.next(), c.next(),
                      c.next(), c.next(), c.next(), c.next(), c.next(), c.next(), c.next(),
                      c.next(), c.next(), c.next(), c.next(), c.next(), c.next(), c.next(),
                      c.next(), c.next(), c.next()));

  /**
   * An agency's table cells, in key order (the totals store, its changelog and {@code
   * foi.agency-totals}).
   */
  static final RecordLayout<AgencyTotals> TOTALS =
      RecordLayout.of(AgencyTotals.class)
          .field("agencyId", AgencyTotals::agencyId, STRING)
          .field("cells", AgencyTotals::cells, sortedMap(STRING, SIGNED_LONG))
          .build(c -> new AgencyTotals(c.next(), c.next()));

  /** Request records: format byte → version, oldest first; the last is written. */
  static final RecordFormat<RequestState> REQUEST_FORMAT =
      new RecordFormat<>(
          REQUEST,
          StateCodec.REQUEST_V1, // the first binary release
          StateCodec
              .REQUEST_V2, // 案号, registration number, fees, counted answer, re-answer order, void
          // mark
          StateCodec.REQUEST_V3); // each refusal's reasonCode

  /** Totals records, one version so far. */
  static final RecordFormat<AgencyTotals> TOTALS_FORMAT =
      new RecordFormat<>(TOTALS, StateCodec.TOTALS_V1);

  /** The components a dashboard's copy of a request leaves out ({@link RequestState#forViews}). */
  static final RecordLayout.Rewrite<RequestState> FOR_VIEWS =
      REQUEST
          .rewrite()
          .replacing(REQUEST.<Map<String, String>>component("eventFingerprints"), Map.of())
          .replacing(REQUEST.<Deadline>component("deadline"), null)
          .replacing(REQUEST.<DeadlineStatusAlerted>component("alerted"), null);

  static final RecordLayout.Component<RequestState, String> AGENCY_ID =
      REQUEST.component("agencyId");
  static final RecordLayout.Component<RequestState, String> REQUEST_ID =
      REQUEST.component("requestId");
  static final RecordLayout.Component<RequestState, RequestStatus> STATUS =
      REQUEST.component("status");
  static final RecordLayout.Component<AgencyTotals, String> TOTALS_AGENCY_ID =
      TOTALS.component("agencyId");
}
