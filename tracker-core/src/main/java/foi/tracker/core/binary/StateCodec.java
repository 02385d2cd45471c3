package foi.tracker.core.binary;

import foi.tracker.core.deadline.ClockEvent;
import foi.tracker.core.deadline.Deadline;
import foi.tracker.core.deadline.DeadlineStatus;
import foi.tracker.core.event.AppealResult;
import foi.tracker.core.event.Channel;
import foi.tracker.core.request.AppealCase;
import foi.tracker.core.request.CountedAnswer;
import foi.tracker.core.request.FeePayment;
import foi.tracker.core.request.ReanswerOrder;
import foi.tracker.core.request.VoidMark;
import foi.tracker.core.request.DeadlineStatusAlerted;
import foi.tracker.core.request.HistoryEntry;
import foi.tracker.core.request.Rejection;
import foi.tracker.core.request.RequestState;
import foi.tracker.core.request.RequestStatus;
import foi.tracker.core.table.AgencyTotals;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The compact binary form of the two derived states, {@link RequestState} and {@link AgencyTotals}, used by the
 * processor's state stores and their changelogs, which are the tables the dashboard reads. Every event rewrites a
 * request state and every commit the agency totals it moved, so their encoding is on the processor's hot path: this
 * format is a field-by-field copy with varints, far cheaper to write and read than JSON.
 *
 * <p>Every record starts with a format byte ({@link #REQUEST_V3}, {@link #TOTALS_V1}; request records of
 * {@link #REQUEST_V1} and {@link #REQUEST_V2} are still read, and golden files pin each); a JSON record starts with
 * {@code '{'}, so data written by earlier versions stays readable ({@link StateSerde}). The field order is the
 * record's component order; {@code StateCodecTest} fails when a component is added without updating this class.
 */
public final class StateCodec {
  /** Format byte of a {@link RequestState}, version 1. */
  public static final byte REQUEST_V1 = 1;
  /** Format byte of an {@link AgencyTotals}, version 1. */
  public static final byte TOTALS_V1 = 2;
  /** Deadline flag bits (the byte was a boolean, lateCorrectionNotice, before lapses). */
  private static final int DEADLINE_LATE_NOTICE = 1;
  private static final int DEADLINE_LAPSE = 2;
  private static final int DEADLINE_YEAR_ENDS = 4;

  /**
   * Format byte of a {@link RequestState}, version 2: version 1 plus each case's 案号 (after its result) and, after the
   * alert mark, the registration number, the fee payments, the counted answer, the re-answer order and the void mark.
   */
  public static final byte REQUEST_V2 = 3;

  /**
   * Format byte of a {@link RequestState}, version 3: version 2 plus each refusal's {@code reasonCode} (after its
   * reason). Versions 1 and 2 read with the code null.
   */
  public static final byte REQUEST_V3 = 4;

  private StateCodec() {
  }

  public static byte[] writeRequest(final RequestState s) {
    final BinaryWriter w = new BinaryWriter(512);
    w.writeByte(REQUEST_V3);
    w.writeString(s.agencyId());
    w.writeString(s.requestId());
    w.writeString(s.applicantType());
    w.writeEnum(s.channel());
    w.writeDate(s.receivedDate());
    w.writeString(s.subject());
    w.writeString(s.applicantRefHash());
    w.writeEnum(s.status());
    w.writeString(s.outcome());
    w.writeDate(s.decidedDate());
    w.writeString(s.closedBy());
    w.writeDate(s.lastStepDate());
    w.writeVarInt(s.clock().size());
    for (ClockEvent c : s.clock()) {
      w.writeString(c.type());
      w.writeDate(c.date());
      w.writeNullableInt(c.workingDays());
      w.writeDate(c.dueDate());
    }
    w.writeVarInt(s.cases().size());
    for (Map.Entry<String, AppealCase> e : s.cases().entrySet()) {
      final AppealCase c = e.getValue();
      w.writeString(e.getKey());
      w.writeString(c.caseId());
      w.writeEnum(c.kind());
      w.writeBoolean(c.afterReview());
      w.writeDate(c.filedDate());
      w.writeDate(c.concludedDate());
      w.writeEnum(c.result());
      w.writeString(c.caseNumber());
    }
    w.writeVarInt(s.eventFingerprints().size());
    for (Map.Entry<String, String> e : s.eventFingerprints().entrySet()) {
      w.writeString(e.getKey());
      w.writeString(e.getValue());
    }
    w.writeVarInt(s.history().size());
    for (HistoryEntry h : s.history()) {
      w.writeString(h.eventId());
      w.writeString(h.type());
      w.writeDate(h.date());
      w.writeInstant(h.recordedAt());
      w.writeString(h.detail());
    }
    w.writeVarInt(s.rejected().size());
    for (Rejection r : s.rejected()) {
      w.writeString(r.agencyId());
      w.writeString(r.requestId());
      w.writeString(r.eventId());
      w.writeString(r.type());
      w.writeDate(r.date());
      w.writeInstant(r.recordedAt());
      w.writeString(r.reason());
      w.writeString(r.reasonCode());
    }
    writeDeadline(w, s.deadline());
    w.writeEnum(s.alerted() == null ? null : s.alerted().status());
    w.writeBoolean(s.alerted() != null);
    writeVersion2Tail(w, s);
    return w.toByteArray();
  }

  /** The components version 2 added after the alert mark. */
  private static void writeVersion2Tail(final BinaryWriter w, final RequestState s) {
    w.writeString(s.registrationNumber());
    w.writeVarInt(s.fees().size());
    for (FeePayment f : s.fees()) {
      w.writeString(f.eventId());
      w.writeDate(f.date());
      w.writeSignedLong(f.fen());
    }
    final CountedAnswer c = s.counted();
    w.writeBoolean(c != null);
    if (c != null) {
      w.writeString(c.outcome());
      w.writeDate(c.decidedDate());
      w.writeBoolean(c.late());
      w.writeNullableInt(c.workingDaysUsed());
      w.writeBoolean(c.lateCorrectionNotice());
    }
    final ReanswerOrder o = s.reanswer();
    w.writeBoolean(o != null);
    if (o != null) {
      w.writeString(o.caseId());
      w.writeDate(o.date());
      w.writeDate(o.dueDate());
    }
    final VoidMark v = s.voided();
    w.writeBoolean(v != null);
    if (v != null) {
      w.writeString(v.eventId());
      w.writeDate(v.date());
      w.writeString(v.reason());
    }
  }

  /** Steps over {@link #writeVersion2Tail}'s fields. */
  private static void skipVersion2Tail(final BinaryReader r) {
    r.skipString(); // registrationNumber
    for (int i = r.readVarInt(); i > 0; i--) { // fees
      r.skipString();
      r.skipVarLong();
      r.skipVarLong();
    }
    if (r.readBoolean()) { // counted
      r.skipString();
      r.skipVarLong();
      r.readBoolean();
      r.skipVarLong();
      r.readBoolean();
    }
    if (r.readBoolean()) { // reanswer
      r.skipString();
      r.skipVarLong();
      r.skipVarLong();
    }
    if (r.readBoolean()) { // voided
      r.skipString();
      r.skipVarLong();
      r.skipString();
    }
  }

  private static void writeDeadline(final BinaryWriter w, final Deadline d) {
    w.writeBoolean(d != null);
    if (d == null) {
      return;
    }
    w.writeDate(d.dueDate());
    w.writeNullableInt(d.workingDaysLeft());
    w.writeEnum(d.status());
    w.writeBoolean(d.provisional());
    w.writeDate(d.clockStart());
    writeCount(w, d.excludedDays());
    if (d.excludedDays() != null) {
      for (Deadline.ExcludedDay x : d.excludedDays()) {
        w.writeDate(x.date());
        w.writeString(x.reason());
      }
    }
    writeCount(w, d.explanation());
    if (d.explanation() != null) {
      for (String line : d.explanation()) {
        w.writeString(line);
      }
    }
    // one byte: bit 0 lateCorrectionNotice, bit 1 a lapse follows, bit 2 overdue year ends follow (records written
    // before lapses hold 0 or 1 here)
    w.writeByte((d.lateCorrectionNotice() ? DEADLINE_LATE_NOTICE : 0) | (d.lapse() != null ? DEADLINE_LAPSE : 0)
        | (d.overdueYearEnds().isEmpty() ? 0 : DEADLINE_YEAR_ENDS));
    w.writeNullableInt(d.workingDaysUsed());
    if (d.lapse() != null) {
      w.writeEnum(d.lapse().kind());
      w.writeDate(d.lapse().since());
      w.writeString(d.lapse().suggestedOutcome());
    }
    if (!d.overdueYearEnds().isEmpty()) {
      w.writeVarInt(d.overdueYearEnds().size());
      for (int y : d.overdueYearEnds()) {
        w.writeVarInt(y);
      }
    }
  }

  /** 0 for a null list, else size + 1 (the deadline's lists may be null, the state's never are). */
  private static void writeCount(final BinaryWriter w, final List<?> list) {
    w.writeVarInt(list == null ? 0 : list.size() + 1);
  }

  /** Who a request-state record is about and whether the request is open, read from its first fields alone. */
  public record RequestHead(String agencyId, String requestId, boolean open) {
  }

  /** Whether these bytes are a binary request-state record (else JSON of an earlier version, or not a state). */
  public static boolean isBinaryRequest(final byte[] bytes) {
    return bytes.length > 0 && (bytes[0] == REQUEST_V1 || bytes[0] == REQUEST_V2 || bytes[0] == REQUEST_V3);
  }

  /**
   * The request's ids and whether it is open ({@link RequestState#isOpen()}), without decoding the rest of the
   * record: the dashboard reads one record per event and most are replaced before anyone looks at them.
   */
  public static RequestHead readRequestHead(final byte[] bytes) {
    requireRequestFormat(bytes);
    final BinaryReader r = new BinaryReader(bytes, 1);
    final String agencyId = r.readString();
    final String requestId = r.readString();
    skipFromApplicantTypeToStatus(r);
    final RequestStatus status = r.readEnum(RequestStatus.class);
    return new RequestHead(agencyId, requestId, status == RequestStatus.OPEN);
  }

  /** Steps over the fields between the ids and the status, in {@link #writeRequest}'s order. */
  private static void skipFromApplicantTypeToStatus(final BinaryReader r) {
    r.skipString(); // applicantType
    r.skipString(); // channel
    r.skipVarLong(); // receivedDate
    r.skipString(); // subject
    r.skipString(); // applicantRefHash
  }

  /**
   * {@code writeRequest(readRequest(bytes).forViews())} without building the state: the record with the
   * processor-only parts (event fingerprints, stored deadline, last alert) left out, the rest copied as it is.
   * The whole record is walked, so a damaged one is refused here as {@link #readRequest} would refuse it. The copy
   * keeps the record's format version.
   */
  public static byte[] requestForViews(final byte[] bytes) {
    requireRequestFormat(bytes);
    final boolean v2 = bytes[0] != REQUEST_V1; // version 2 or later
    final boolean v3 = bytes[0] == REQUEST_V3;
    final BinaryReader r = new BinaryReader(bytes, 1);
    r.skipString(); // agencyId
    r.skipString(); // requestId
    skipFromApplicantTypeToStatus(r);
    r.skipString(); // status
    r.skipString(); // outcome
    r.skipVarLong(); // decidedDate
    r.skipString(); // closedBy
    r.skipVarLong(); // lastStepDate
    for (int i = r.readVarInt(); i > 0; i--) { // clock
      r.skipString();
      r.skipVarLong();
      r.skipVarLong();
      r.skipVarLong();
    }
    for (int i = r.readVarInt(); i > 0; i--) { // cases
      r.skipString();
      r.skipString();
      r.skipString();
      r.readBoolean();
      r.skipVarLong();
      r.skipVarLong();
      r.skipString();
      if (v2) {
        r.skipString(); // caseNumber
      }
    }
    final int fingerprintsAt = r.position();
    for (int i = r.readVarInt(); i > 0; i--) {
      r.skipString();
      r.skipString();
    }
    final int historyAt = r.position();
    for (int i = r.readVarInt(); i > 0; i--) {
      r.skipString();
      r.skipString();
      r.skipVarLong();
      r.skipInstant();
      r.skipString();
    }
    for (int i = r.readVarInt(); i > 0; i--) { // rejected
      r.skipString();
      r.skipString();
      r.skipString();
      r.skipString();
      r.skipVarLong();
      r.skipInstant();
      r.skipString();
      if (v3) {
        r.skipString(); // reasonCode
      }
    }
    final int deadlineAt = r.position();
    skipDeadline(r);
    r.skipString(); // alerted status
    r.readBoolean();
    final int tailAt = r.position();
    if (v2) {
      skipVersion2Tail(r);
    }
    if (!r.atEnd()) {
      throw new IllegalArgumentException("trailing bytes after a RequestState record");
    }
    final BinaryWriter w = new BinaryWriter(fingerprintsAt + (deadlineAt - historyAt) + (bytes.length - tailAt) + 4);
    w.writeBytes(bytes, 0, fingerprintsAt);
    w.writeVarInt(0);
    w.writeBytes(bytes, historyAt, deadlineAt - historyAt);
    writeDeadline(w, null);
    w.writeEnum(null);
    w.writeBoolean(false);
    w.writeBytes(bytes, tailAt, bytes.length - tailAt);
    return w.toByteArray();
  }

  private static void skipDeadline(final BinaryReader r) {
    if (!r.readBoolean()) {
      return;
    }
    r.skipVarLong(); // dueDate
    r.skipVarLong(); // workingDaysLeft
    r.skipString(); // status
    r.readBoolean(); // provisional
    r.skipVarLong(); // clockStart
    for (int i = r.readVarInt() - 1; i > 0; i--) { // excludedDays: 0 for null, else size + 1
      r.skipVarLong();
      r.skipString();
    }
    for (int i = r.readVarInt() - 1; i > 0; i--) { // explanation
      r.skipString();
    }
    final int flags = readDeadlineFlags(r); // lateCorrectionNotice, lapse
    r.skipVarLong(); // workingDaysUsed
    if ((flags & DEADLINE_LAPSE) != 0) {
      r.skipString(); // lapse.kind
      r.skipVarLong(); // lapse.since
      r.skipString(); // lapse.suggestedOutcome
    }
    if ((flags & DEADLINE_YEAR_ENDS) != 0) {
      for (int i = r.readVarInt(); i > 0; i--) {
        r.readVarInt();
      }
    }
  }

  /**
   * The deadline's flag byte: {@link #DEADLINE_LATE_NOTICE}, {@link #DEADLINE_LAPSE}, {@link #DEADLINE_YEAR_ENDS}; any
   * other bit is refused.
   */
  private static int readDeadlineFlags(final BinaryReader r) {
    final int flags = r.readByte() & 0xff;
    if ((flags & ~(DEADLINE_LATE_NOTICE | DEADLINE_LAPSE | DEADLINE_YEAR_ENDS)) != 0) {
      throw new IllegalArgumentException("unknown deadline flags " + flags);
    }
    return flags;
  }

  private static void requireRequestFormat(final byte[] bytes) {
    if (!isBinaryRequest(bytes)) {
      throw new IllegalArgumentException("not a binary RequestState (format byte "
          + (bytes.length == 0 ? "missing" : bytes[0]) + ")");
    }
  }

  public static RequestState readRequest(final byte[] bytes) {
    requireRequestFormat(bytes);
    final boolean v2 = bytes[0] != REQUEST_V1; // version 2 or later
    final boolean v3 = bytes[0] == REQUEST_V3;
    final BinaryReader r = new BinaryReader(bytes, 1);
    final String agencyId = r.readString();
    final String requestId = r.readString();
    final String applicantType = r.readString();
    final Channel channel = r.readEnum(Channel.class);
    final var receivedDate = r.readDate();
    final String subject = r.readString();
    final String applicantRefHash = r.readString();
    final RequestStatus status = r.readEnum(RequestStatus.class);
    final String outcome = r.readString();
    final var decidedDate = r.readDate();
    final String closedBy = r.readString();
    final var lastStepDate = r.readDate();
    final int clockCount = r.readVarInt();
    final List<ClockEvent> clock = new ArrayList<>(clockCount);
    for (int i = 0; i < clockCount; i++) {
      clock.add(new ClockEvent(r.readString(), r.readDate(), r.readNullableInt(), r.readDate()));
    }
    final int caseCount = r.readVarInt();
    final Map<String, AppealCase> cases = new LinkedHashMap<>();
    for (int i = 0; i < caseCount; i++) {
      final String key = r.readString();
      cases.put(key, new AppealCase(r.readString(), r.readEnum(AppealCase.Kind.class), r.readBoolean(),
          r.readDate(), r.readDate(), r.readEnum(AppealResult.class), v2 ? r.readString() : null));
    }
    final int fingerprintCount = r.readVarInt();
    final Map<String, String> fingerprints = new LinkedHashMap<>();
    for (int i = 0; i < fingerprintCount; i++) {
      final String key = r.readString();
      fingerprints.put(key, r.readString());
    }
    final int historyCount = r.readVarInt();
    final List<HistoryEntry> history = new ArrayList<>(historyCount);
    for (int i = 0; i < historyCount; i++) {
      history.add(new HistoryEntry(r.readString(), r.readString(), r.readDate(), r.readInstant(), r.readString()));
    }
    final int rejectedCount = r.readVarInt();
    final List<Rejection> rejected = new ArrayList<>(rejectedCount);
    for (int i = 0; i < rejectedCount; i++) {
      rejected.add(new Rejection(r.readString(), r.readString(), r.readString(), r.readString(), r.readDate(),
          r.readInstant(), r.readString(), v3 ? r.readString() : null));
    }
    final Deadline deadline = readDeadline(r);
    final DeadlineStatus alertedStatus = r.readEnum(DeadlineStatus.class);
    final DeadlineStatusAlerted alerted = r.readBoolean() ? new DeadlineStatusAlerted(alertedStatus) : null;
    String registrationNumber = null;
    List<FeePayment> fees = List.of();
    CountedAnswer counted = null;
    ReanswerOrder reanswer = null;
    VoidMark voided = null;
    if (v2) {
      registrationNumber = r.readString();
      final int feeCount = r.readVarInt();
      fees = new ArrayList<>(feeCount);
      for (int i = 0; i < feeCount; i++) {
        fees.add(new FeePayment(r.readString(), r.readDate(), r.readSignedLong()));
      }
      if (r.readBoolean()) {
        counted = new CountedAnswer(r.readString(), r.readDate(), r.readBoolean(), r.readNullableInt(),
            r.readBoolean());
      }
      if (r.readBoolean()) {
        reanswer = new ReanswerOrder(r.readString(), r.readDate(), r.readDate());
      }
      if (r.readBoolean()) {
        voided = new VoidMark(r.readString(), r.readDate(), r.readString());
      }
    }
    if (!r.atEnd()) {
      throw new IllegalArgumentException("trailing bytes after RequestState " + agencyId + "/" + requestId);
    }
    return new RequestState(agencyId, requestId, applicantType, channel, receivedDate, subject, applicantRefHash,
        status, outcome, decidedDate, closedBy, lastStepDate, clock, cases, fingerprints, history, rejected,
        deadline, alerted, registrationNumber, fees, counted, reanswer, voided);
  }

  private static Deadline readDeadline(final BinaryReader r) {
    if (!r.readBoolean()) {
      return null;
    }
    final var dueDate = r.readDate();
    final Integer left = r.readNullableInt();
    final DeadlineStatus status = r.readEnum(DeadlineStatus.class);
    final boolean provisional = r.readBoolean();
    final var clockStart = r.readDate();
    final int excludedCount = r.readVarInt();
    List<Deadline.ExcludedDay> excluded = null;
    if (excludedCount > 0) {
      excluded = new ArrayList<>(excludedCount - 1);
      for (int i = 0; i < excludedCount - 1; i++) {
        excluded.add(new Deadline.ExcludedDay(r.readDate(), r.readString()));
      }
      excluded = List.copyOf(excluded);
    }
    final int explanationCount = r.readVarInt();
    List<String> explanation = null;
    if (explanationCount > 0) {
      explanation = new ArrayList<>(explanationCount - 1);
      for (int i = 0; i < explanationCount - 1; i++) {
        explanation.add(r.readString());
      }
      explanation = List.copyOf(explanation);
    }
    final int flags = readDeadlineFlags(r);
    final Integer used = r.readNullableInt();
    Deadline.Lapse lapse = null;
    if ((flags & DEADLINE_LAPSE) != 0) {
      lapse = new Deadline.Lapse(r.readEnum(Deadline.Lapse.Kind.class), r.readDate(), r.readString());
    }
    List<Integer> yearEnds = List.of();
    if ((flags & DEADLINE_YEAR_ENDS) != 0) {
      final int n = r.readVarInt();
      final Integer[] years = new Integer[n];
      for (int i = 0; i < n; i++) {
        years[i] = r.readVarInt();
      }
      yearEnds = List.of(years);
    }
    return new Deadline(dueDate, left, status, provisional, clockStart, excluded, explanation,
        (flags & DEADLINE_LATE_NOTICE) != 0, used, lapse, yearEnds);
  }

  public static byte[] writeTotals(final AgencyTotals t) {
    return writeTotals(t.agencyId(), t.cells() instanceof java.util.SortedMap<String, Long> sorted ? sorted
        : new TreeMap<>(t.cells()));
  }

  /** The bytes of {@code new AgencyTotals(agencyId, cells)}, from cells kept elsewhere (in key order, no zeros). */
  private static byte[] writeTotals(final String agencyId, final java.util.SortedMap<String, Long> cells) {
    final BinaryWriter w = new BinaryWriter(32 + cells.size() * 24);
    w.writeByte(TOTALS_V1);
    w.writeString(agencyId);
    w.writeVarInt(cells.size());
    for (Map.Entry<String, Long> e : cells.entrySet()) {
      w.writeString(e.getKey());
      w.writeSignedLong(e.getValue());
    }
    return w.toByteArray();
  }

  /** Whether these bytes are a binary totals record (else JSON of an earlier version, or not totals). */
  public static boolean isBinaryTotals(final byte[] bytes) {
    return bytes.length > 0 && bytes[0] == TOTALS_V1;
  }

  /** The agency a binary totals record is about, without reading its cells. */
  public static String readTotalsAgencyId(final byte[] bytes) {
    requireTotalsFormat(bytes);
    return new BinaryReader(bytes, 1).readString();
  }

  static void requireTotalsFormat(final byte[] bytes) {
    if (!isBinaryTotals(bytes)) {
      throw new IllegalArgumentException("not binary AgencyTotals (format byte "
          + (bytes.length == 0 ? "missing" : bytes[0]) + ")");
    }
  }

  public static AgencyTotals readTotals(final byte[] bytes) {
    requireTotalsFormat(bytes);
    final BinaryReader r = new BinaryReader(bytes, 1);
    final String agencyId = r.readString();
    final int n = r.readVarInt();
    final TreeMap<String, Long> cells = new TreeMap<>();
    for (int i = 0; i < n; i++) {
      final String cell = r.readString();
      cells.put(cell, r.readSignedLong());
    }
    if (!r.atEnd()) {
      throw new IllegalArgumentException("trailing bytes after AgencyTotals " + agencyId);
    }
    return new AgencyTotals(agencyId, cells);
  }
}
