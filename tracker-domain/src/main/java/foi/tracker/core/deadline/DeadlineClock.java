package foi.tracker.core.deadline;

import foi.tracker.core.calendar.DayInfo;
import foi.tracker.core.calendar.WorkingDayCalendar;
import foi.tracker.core.event.EventType;
import foi.tracker.core.request.Refusal;
import foi.tracker.core.request.RefusalCode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The statutory answer clock (条例 Arts 30, 32–35; 109号 fee pause): 20 working days after receipt, 补正
 * restart, consultation and fee pauses, one extension per answer period, the Art. 35 delay, and the
 * lapses (逾期不补正, 逾期未缴费). Plain class, no Kafka; api.md "The clock: lapses and limits" is its rule
 * book.
 *
 * <p>Counting: the clock runs from {@code clockStart} (receipt, or the day the corrected
 * application arrived), start day excluded. A pause from date s to date e (征求意见 STARTED→ENDED, at
 * most 15 working days; 收费 NOTICE→PAID) does not count the working days d with s &lt; d ≤ e; the
 * due date is the (20 + extension)-th working day after the clock start that is not paused. A
 * pending 补正 stops the clock; a DELAY_SET (Art. 35) fixes the due date outright. A pause that
 * begins after the current due date is recorded and changes nothing (the request stays OVERDUE).
 * Each step is judged on its own date.
 */
public final class DeadlineClock {
  /**
   * The 2019 条例 took effect on this day; a request received before it has no answer deadline here.
   */
  public static final LocalDate IN_FORCE = LocalDate.of(2019, 5, 15);

  /**
   * Arts 32, 34: the consulted party answers within 15 working days; the pause ends there at the
   * latest.
   */
  public static final int CONSULTATION_CAP_WORKING_DAYS = 15;

  /**
   * 109号 (as restated by the provinces): pay within 20 working days from the day after the fee
   * notice.
   */
  public static final int FEE_PAYMENT_WORKING_DAYS = 20;

  /**
   * The longest run of days any count here walks day by day (from the clock start): 50 years, far
   * beyond any real request, so that a date from an untrusted log (a due date of 9999-12-31) cannot
   * make one evaluation unbounded.
   */
  public static final int MAX_SCAN_DAYS = 366 * 50;

  /**
   * At most this many excluded days are listed one by one; the rest are counted in the summary (「…等
   * K 天」).
   */
  public static final int MAX_LISTED_EXCLUDED_DAYS = 100;

  /** At most this many not-yet-loaded years are named in the provisional line. */
  static final int MAX_LISTED_YEARS = 5;

  private final WorkingDayCalendar calendar;
  private final DeadlineSettings settings;

  public DeadlineClock(final WorkingDayCalendar calendar, final DeadlineSettings settings) {
    this.calendar = Objects.requireNonNull(calendar, "calendar");
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  public WorkingDayCalendar calendar() {
    return calendar;
  }

  public DeadlineSettings settings() {
    return settings;
  }

  /**
   * The deadline of a request received on {@code receivedDate} with the clock events so far
   * (chronological), answered on {@code decidedDate} (null while open), as seen on {@code today}
   * (China time). Events {@link #refusal} would refuse are skipped (and named in the explanation).
   * Received before {@link #IN_FORCE}: status and due date null.
   */
  public Deadline evaluate(
      final LocalDate receivedDate,
      final List<ClockEvent> events,
      final LocalDate decidedDate,
      final LocalDate today) {
    return evaluate(receivedDate, events, decidedDate, today, true);
  }

  /**
   * {@link #evaluate} without {@code excludedDays} and {@code explanation} (both empty): for the
   * stream processor's bulk re-evaluation, where nobody reads them.
   */
  public Deadline evaluateBrief(
      final LocalDate receivedDate,
      final List<ClockEvent> events,
      final LocalDate decidedDate,
      final LocalDate today) {
    return evaluate(receivedDate, events, decidedDate, today, false);
  }

  /**
   * Why {@code next} may not be applied after {@code prior} (e.g. a second extension), or empty
   * when it may. The reason is Chinese first, English after; {@link #check} gives it with the
   * rule's code.
   */
  public Optional<String> refusal(
      final LocalDate receivedDate, final List<ClockEvent> prior, final ClockEvent next) {
    return check(receivedDate, prior, next).map(Refusal::reason);
  }

  /** {@link #refusal} with the stable code of the rule that refuses ({@link RefusalCode}). */
  public Optional<Refusal> check(
      final LocalDate receivedDate, final List<ClockEvent> prior, final ClockEvent next) {
    Objects.requireNonNull(receivedDate, "receivedDate");
    Objects.requireNonNull(next, "next");
    final Fold fold = new Fold(receivedDate, false);
    for (final ClockEvent e : prior) {
      fold.apply(e);
    }
    return fold.check(next);
  }

  /**
   * Whether the request was open and OVERDUE on {@code asOf} (e.g. 31 December of a past year, for
   * the compliance figure {@code openOverdue}): received on or before it, not answered by it, and
   * overdue counting only the clock events dated on or before it. PAUSED and LAPSED are not
   * overdue; a receipt before {@link #IN_FORCE} never is.
   *
   * @param decided the date of the counted answer (DECIDED), or null while open; an answer after
   *     {@code asOf} means the request was still open then
   */
  public boolean overdueAt(
      final LocalDate received,
      final List<ClockEvent> clock,
      final LocalDate decided,
      final LocalDate asOf) {
    Objects.requireNonNull(received, "received");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(asOf, "asOf");
    if (received.isAfter(asOf) || decided != null && !decided.isAfter(asOf)) {
      return false;
    }
    final List<ClockEvent> known = new ArrayList<>(clock.size());
    for (final ClockEvent e : clock) {
      if (e.date() == null || !e.date().isAfter(asOf)) {
        known.add(e);
      }
    }
    return evaluateBrief(received, known, null, asOf).status() == DeadlineStatus.OVERDUE;
  }

  /**
   * The years before {@code today}'s whose 31 December the request was open and OVERDUE ({@link
   * #overdueAt}), oldest first: what it counts in {@code openOverdue} of each past year.
   *
   * @param decided the date of the counted answer, or null while open
   */
  public List<Integer> overdueYearEnds(
      final LocalDate received,
      final List<ClockEvent> clock,
      final LocalDate decided,
      final LocalDate today) {
    final int last =
        Math.min(today.getYear() - 1, decided == null ? Integer.MAX_VALUE : decided.getYear());
    List<Integer> out = List.of();
    for (int y = Math.max(received.getYear(), IN_FORCE.getYear()); y <= last; y++) {
      if (overdueAt(received, clock, decided, LocalDate.of(y, 12, 31))) {
        if (out.isEmpty()) {
          out = new ArrayList<>();
        }
        out.add(y);
      }
    }
    return out;
  }

  /**
   * Clock step type (not an event type) for the due date a review or court ordered for a new
   * answer: fixes the due date like an Art. 35 delay, with none of a delay's limits.
   */
  public static final String ORDERED_DUE_DATE = "ORDERED_DUE_DATE";

  /**
   * The due date of a request received on {@code receivedDate} before any clock event (Art. 33: 20
   * working days); null for a receipt before {@link #IN_FORCE}, which has no answer deadline. The
   * ingest's 201 quotes it.
   */
  public LocalDate baseDueDate(final LocalDate receivedDate) {
    if (receivedDate.isBefore(IN_FORCE)) {
      return null;
    }
    return calendar.nthWorkingDayAfter(receivedDate, settings.answerWorkingDays());
  }

  /** The last day a 补正 notice is on time (Art. 30: the 7th working day after receipt). */
  public LocalDate correctionNoticeDueDate(final LocalDate receivedDate) {
    return calendar.nthWorkingDayAfter(receivedDate, settings.correctionNoticeWorkingDays());
  }

  /**
   * The last day of the 补正 period of a notice dated {@code noticeDate} that gives no {@code dueBy}.
   */
  public LocalDate defaultCorrectionDueBy(final LocalDate noticeDate) {
    return calendar.nthWorkingDayAfter(noticeDate, settings.correctionDefaultWorkingDays());
  }

  /**
   * The last day to pay a fee noticed (delivered) on {@code noticeDate}: the 20th working day after
   * it.
   */
  public LocalDate feePaymentDueBy(final LocalDate noticeDate) {
    return calendar.nthWorkingDayAfter(noticeDate, FEE_PAYMENT_WORKING_DAYS);
  }

  private Deadline evaluate(
      final LocalDate receivedDate,
      final List<ClockEvent> events,
      final LocalDate decidedDate,
      final LocalDate today,
      final boolean explain) {
    Objects.requireNonNull(receivedDate, "receivedDate");
    Objects.requireNonNull(events, "events");
    Objects.requireNonNull(today, "today");
    if (receivedDate.isBefore(IN_FORCE)) {
      return new Deadline(
          null,
          null,
          null,
          false,
          receivedDate,
          List.of(),
          explain ? List.of(ExplanationText.receivedBeforeInForce(receivedDate)) : List.of(),
          false,
          null,
          null);
    }
    final Fold fold = new Fold(receivedDate, explain);
    for (final ClockEvent e : events) {
      fold.apply(e);
    }
    final LocalDate ref = decidedDate != null ? decidedDate : today;
    final long refEpoch = ref.toEpochDay();
    // an open request: a pause still open (and not capped) holds the clock; an answered one: it
    // ends with the answer
    final long openEnd = decidedDate != null ? refEpoch : Long.MAX_VALUE;

    final Deadline.Lapse lapse = decidedDate == null ? fold.lapse(today) : null;
    LocalDate due;
    if (fold.correctionPending || lapse != null) {
      due = null;
    } else if (fold.delayDue != null) {
      due = fold.delayDue;
    } else {
      due = epochToDate(fold.dueEpoch(openEnd, refEpoch));
    }

    final DeadlineStatus status;
    Integer left = null;
    Integer used = null;
    if (decidedDate != null) {
      used = fold.countedThrough(refEpoch, refEpoch, refEpoch);
      status =
          due == null || !decidedDate.isAfter(due)
              ? DeadlineStatus.ANSWERED_ON_TIME
              : DeadlineStatus.ANSWERED_LATE;
    } else if (lapse != null) {
      status = DeadlineStatus.LAPSED;
    } else if (due == null) {
      status = DeadlineStatus.PAUSED;
    } else {
      left = calendar.workingDaysBetween(today, due);
      if (today.isAfter(due)) {
        status = DeadlineStatus.OVERDUE;
      } else if (left <= settings.dueSoonWorkingDays()) {
        status = DeadlineStatus.DUE_SOON;
      } else {
        status = DeadlineStatus.ON_TRACK;
      }
    }

    final LocalDate windowEnd = due == null ? ref : due;
    final LocalDate provisionalEnd = due != null && due.isAfter(ref) ? due : ref;
    final boolean provisional = calendar.isProvisional(fold.clockStart, provisionalEnd);
    final boolean lateNotice = fold.lateCorrectionNotice;

    if (!explain) {
      return new Deadline(
          due,
          left,
          status,
          provisional,
          fold.clockStart,
          List.of(),
          List.of(),
          lateNotice,
          used,
          lapse);
    }
    final Excluded excluded = fold.excludedDays(windowEnd.toEpochDay(), openEnd, refEpoch);
    final List<String> lines = new ArrayList<>(fold.lines);
    lines.addAll(fold.capLines(refEpoch));
    if (excluded.total > 0) {
      lines.add(summary(excluded, windowEnd));
    }
    lines.add(outcomeLine(fold, due, left, status, decidedDate, today, used, lapse));
    if (provisional) {
      lines.add(provisionalLine(fold.clockStart, provisionalEnd));
    }
    return new Deadline(
        due,
        left,
        status,
        provisional,
        fold.clockStart,
        List.copyOf(excluded.listed),
        List.copyOf(lines),
        lateNotice,
        used,
        lapse);
  }

  private static String summary(final Excluded excluded, final LocalDate end) {
    return ExplanationText.notCounted(
        excluded.through, excluded.total, excluded.byReason, excluded.listed.size(), end);
  }

  /**
   * The days not counted in a window: the first {@link #MAX_LISTED_EXCLUDED_DAYS} listed, all of
   * them counted by reason, through {@code through} (the window's end, or earlier when it was cut
   * at {@link #MAX_SCAN_DAYS}).
   */
  private static final class Excluded {
    final List<Deadline.ExcludedDay> listed = new ArrayList<>();
    final Map<String, Integer> byReason = new LinkedHashMap<>();
    int total;
    LocalDate through;

    void add(final long epochDay, final String reason) {
      total++;
      byReason.merge(reason, 1, Integer::sum);
      if (listed.size() < MAX_LISTED_EXCLUDED_DAYS) {
        listed.add(new Deadline.ExcludedDay(LocalDate.ofEpochDay(epochDay), reason));
      }
    }
  }

  private String outcomeLine(
      final Fold fold,
      final LocalDate due,
      final Integer left,
      final DeadlineStatus status,
      final LocalDate decided,
      final LocalDate today,
      final Integer used,
      final Deadline.Lapse lapse) {
    return switch (status) {
      case ANSWERED_ON_TIME, ANSWERED_LATE ->
          ExplanationText.answered(decided, status == DeadlineStatus.ANSWERED_ON_TIME, due, used);
      case LAPSED ->
          lapse.kind() == Deadline.Lapse.Kind.CORRECTION
              ? ExplanationText.lapsedCorrection(
                  today, fold.correctionDueBy, lapse.since(), lapse.suggestedOutcome())
              : ExplanationText.lapsedFee(
                  today,
                  fold.openFee.start,
                  FEE_PAYMENT_WORKING_DAYS,
                  lapse.since(),
                  lapse.suggestedOutcome());
      case PAUSED -> {
        final int usedSoFar =
            fold.countedThrough(today.toEpochDay(), Long.MAX_VALUE, today.toEpochDay());
        yield fold.correctionPending
            ? ExplanationText.pausedForCorrection(
                today, fold.correctionRequestDate, fold.correctionDueBy, usedSoFar)
            : ExplanationText.pausedFor(today, fold.openPauses(today.toEpochDay()), usedSoFar);
      }
      case OVERDUE -> ExplanationText.overdue(due, today, -left);
      default -> ExplanationText.left(due, today, left);
    };
  }

  private String provisionalLine(final LocalDate from, final LocalDate to) {
    final List<Integer> missing = new ArrayList<>();
    final int lastYear = Math.min(to.getYear(), from.plusDays(MAX_SCAN_DAYS).getYear());
    for (int y = from.plusDays(1).getYear(); y <= lastYear; y++) {
      if (!calendar.isLoaded(y)) {
        missing.add(y);
      }
    }
    return ExplanationText.provisional(
        missing.subList(0, Math.min(missing.size(), MAX_LISTED_YEARS)), missing.size());
  }

  private static LocalDate epochToDate(final long epoch) {
    return epoch == Fold.NONE ? null : LocalDate.ofEpochDay(epoch);
  }

  /** Why a pause does not count, the reason shown on its excluded days. */
  private enum PauseKind {
    CONSULTATION("征求意见", "consultation"),
    FEE("收费", "fee notice"),
    CORRECTION("补正", "correction");

    final String zh;
    final String en;

    PauseKind(final String zh, final String en) {
      this.zh = zh;
      this.en = en;
    }
  }

  /**
   * A pause; {@code end} is null while open. {@code counts} is false for one that began after the
   * due date (or a fee notice when the setting says fees do not pause). {@code cap}: the last day a
   * consultation can pause, else null.
   */
  private static final class Pause {
    final PauseKind kind;
    final LocalDate start;
    final boolean counts;
    final LocalDate cap;
    LocalDate end;

    Pause(final PauseKind kind, final LocalDate start, final boolean counts, final LocalDate cap) {
      this.kind = kind;
      this.start = start;
      this.counts = counts;
      this.cap = cap;
    }

    /** True when the cap has passed by {@code asOf} while the pause was still open then. */
    boolean cappedBy(final long asOf) {
      return cap != null && cap.toEpochDay() < asOf && (end == null || end.isAfter(cap));
    }

    /**
     * The last paused day: the end (at most the cap); while open, the cap once it has passed by
     * {@code asOf}, else {@code openEnd} (Long.MAX_VALUE: still open).
     */
    long endEpoch(final long openEnd, final long asOf) {
      if (end != null) {
        return cap == null ? end.toEpochDay() : Math.min(end.toEpochDay(), cap.toEpochDay());
      }
      if (cap != null && cap.toEpochDay() < asOf) {
        return cap.toEpochDay();
      }
      return openEnd;
    }
  }

  /**
   * The clock state after a sequence of events (the fold), with the check that refuses an illegal
   * next event.
   */
  private final class Fold {
    static final long NONE = Long.MIN_VALUE;

    final LocalDate received;
    final boolean explain;
    final List<String> lines = new ArrayList<>();
    final List<Pause> pauses = new ArrayList<>(2);
    LocalDate clockStart;

    /** The open consultation (counting or not), possibly past its cap. */
    Pause openConsultation;

    /** The open fee notice (counting or not). */
    Pause openFee;

    /** Whether the open fee notice can lapse (it came before the due date). */
    boolean openFeeLapses;

    LocalDate correctionRequestDate;
    LocalDate correctionDueBy;

    /**
     * The 补正 stops the clock (it came before the due date) and the corrected application has not
     * arrived.
     */
    boolean correctionPending;

    /** A 补正 notice after the due date, recorded, not yet answered by a corrected application. */
    boolean lateCorrectionOpen;

    boolean lateCorrectionNotice;

    /** The extension of the current answer period, null when none was granted in it. */
    Integer extensionDays;

    LocalDate delayDue;
    LocalDate delaySetOn;

    Fold(final LocalDate received, final boolean explain) {
      this.received = received;
      this.clockStart = received;
      this.explain = explain;
      if (explain) {
        lines.add(ExplanationText.received(received, settings.answerWorkingDays()));
      }
    }

    int need() {
      return settings.answerWorkingDays() + (extensionDays == null ? 0 : extensionDays);
    }

    /**
     * The running-clock due date (epoch day), pauses seen as of {@code asOf} and open ones ending
     * at {@code openEnd}; NONE when an open pause holds it.
     */
    long dueEpoch(final long openEnd, final long asOf) {
      long limit = Long.MAX_VALUE;
      if (openEnd == Long.MAX_VALUE) {
        for (final Pause p : pauses) {
          if (p.counts && p.endEpoch(openEnd, asOf) == Long.MAX_VALUE) {
            limit = Math.min(limit, p.start.toEpochDay());
          }
        }
      }
      int left = need();
      long e = clockStart.toEpochDay();
      final long scanEnd = e + MAX_SCAN_DAYS;
      while (left > 0) {
        e++;
        if (e > limit || e > scanEnd) {
          return NONE;
        }
        if (calendar.isWorkingEpoch(e) && !paused(e, openEnd, asOf)) {
          left--;
        }
      }
      return e;
    }

    /**
     * The due date as it stands on {@code date} (open pauses ending that day); null while a 补正 is
     * pending.
     */
    LocalDate currentDue(final LocalDate date) {
      if (correctionPending) {
        return null;
      }
      if (delayDue != null) {
        return delayDue;
      }
      final long d = date.toEpochDay();
      return LocalDate.ofEpochDay(dueEpoch(d, d));
    }

    /** Counted (working, not paused) days d with clockStart &lt; d ≤ through. */
    int countedThrough(final long through, final long openEnd, final long asOf) {
      int n = 0;
      final long end = Math.min(through, clockStart.toEpochDay() + MAX_SCAN_DAYS);
      for (long e = clockStart.toEpochDay() + 1; e <= end; e++) {
        if (calendar.isWorkingEpoch(e) && !paused(e, openEnd, asOf)) {
          n++;
        }
      }
      return n;
    }

    Pause pauseAt(final long e, final long openEnd, final long asOf) {
      for (final Pause p : pauses) {
        if (p.counts && e > p.start.toEpochDay() && e <= p.endEpoch(openEnd, asOf)) {
          return p;
        }
      }
      return null;
    }

    boolean paused(final long e, final long openEnd, final long asOf) {
      return pauseAt(e, openEnd, asOf) != null;
    }

    /** The lapse as of {@code today} of an open request, or null. */
    Deadline.Lapse lapse(final LocalDate today) {
      if (correctionPending && today.isAfter(correctionDueBy)) {
        return Deadline.Lapse.of(Deadline.Lapse.Kind.CORRECTION, correctionDueBy.plusDays(1));
      }
      if (openFee != null && openFeeLapses) {
        final LocalDate last = feePaymentDueBy(openFee.start);
        if (today.isAfter(last)) {
          return Deadline.Lapse.of(Deadline.Lapse.Kind.FEE, last.plusDays(1));
        }
      }
      return null;
    }

    Excluded excludedDays(final long through, final long openEnd, final long asOf) {
      final Excluded out = new Excluded();
      final long end = Math.min(through, clockStart.toEpochDay() + MAX_SCAN_DAYS);
      out.through = LocalDate.ofEpochDay(Math.max(end, clockStart.toEpochDay()));
      for (long e = clockStart.toEpochDay() + 1; e <= end; e++) {
        if (!calendar.isWorkingEpoch(e)) {
          final DayInfo info = calendar.dayInfo(LocalDate.ofEpochDay(e));
          out.add(e, info.offReason());
        } else {
          final Pause p = pauseAt(e, openEnd, asOf);
          if (p != null) {
            out.add(e, p.kind.zh);
          }
        }
      }
      return out;
    }

    /** One line for each consultation that reached its cap still open, by {@code asOf}. */
    List<String> capLines(final long asOf) {
      final List<String> out = new ArrayList<>();
      for (final Pause p : pauses) {
        if (p.kind == PauseKind.CONSULTATION && p.counts && p.cappedBy(asOf)) {
          out.add(
              ExplanationText.consultationCapped(p.cap, CONSULTATION_CAP_WORKING_DAYS, p.start));
        }
      }
      return out;
    }

    /** The counting pauses still open as of {@code asOf} (not capped). */
    List<ExplanationText.OpenPause> openPauses(final long asOf) {
      final List<ExplanationText.OpenPause> out = new ArrayList<>(2);
      for (final Pause p : pauses) {
        if (p.counts && p.endEpoch(Long.MAX_VALUE, asOf) == Long.MAX_VALUE) {
          out.add(new ExplanationText.OpenPause(p.kind.zh, p.kind.en, p.start, p.cap));
        }
      }
      return out;
    }

    /** Applies {@code e} if it is legal; otherwise records why it was skipped. */
    void apply(final ClockEvent e) {
      final Optional<Refused> refused = refusedWhy(e);
      if (refused.isPresent()) {
        if (explain) {
          lines.add(ExplanationText.ignored(e.date(), e.type(), refused.get().why()));
        }
        return;
      }
      if (e.type() == null) {
        return;
      }
      switch (e.type()) {
        case EventType.CORRECTION_REQUESTED -> correctionRequested(e);
        case EventType.CORRECTION_RECEIVED -> correctionReceived(e);
        case EventType.CONSULTATION_STARTED -> {
          final LocalDate due = currentDue(e.date());
          final boolean late = due != null && e.date().isAfter(due);
          openConsultation =
              new Pause(
                  PauseKind.CONSULTATION,
                  e.date(),
                  !late,
                  calendar.nthWorkingDayAfter(e.date(), CONSULTATION_CAP_WORKING_DAYS));
          pauses.add(openConsultation);
          if (explain) {
            lines.add(
                late
                    ? ExplanationText.consultationStartedLate(e.date(), due)
                    : ExplanationText.consultationStarted(
                        e.date(), CONSULTATION_CAP_WORKING_DAYS, openConsultation.cap));
          }
        }
        case EventType.CONSULTATION_ENDED -> {
          final Pause p = openConsultation;
          p.end = e.date();
          openConsultation = null;
          if (explain) {
            if (!p.counts) {
              lines.add(ExplanationText.consultationEndedPausingNothing(e.date()));
            } else if (e.date().isAfter(p.cap)) {
              lines.add(
                  ExplanationText.consultationEndedAfterCap(
                      e.date(), CONSULTATION_CAP_WORKING_DAYS, p.cap));
            } else {
              lines.add(
                  ExplanationText.consultationEnded(e.date(), p.start, notCounted(e.date(), p)));
            }
          }
        }
        case EventType.FEE_NOTICE_ISSUED -> {
          final LocalDate due = currentDue(e.date());
          final boolean late = due != null && e.date().isAfter(due);
          openFee =
              new Pause(PauseKind.FEE, e.date(), !late && settings.feeNoticePausesClock(), null);
          openFeeLapses = !late;
          pauses.add(openFee);
          if (explain) {
            lines.add(
                ExplanationText.feeNotice(
                    e.date(),
                    late ? due : null,
                    settings.feeNoticePausesClock(),
                    feePaymentDueBy(e.date()),
                    FEE_PAYMENT_WORKING_DAYS));
          }
        }
        case EventType.FEE_PAID -> {
          final Pause p = openFee;
          final boolean afterLapse = openFeeLapses && e.date().isAfter(feePaymentDueBy(p.start));
          p.end = e.date();
          openFee = null;
          openFeeLapses = false;
          if (explain) {
            lines.add(
                ExplanationText.feePaid(
                    e.date(),
                    p.counts ? p.start : null,
                    p.counts ? notCounted(e.date(), p) : 0,
                    afterLapse ? FEE_PAYMENT_WORKING_DAYS : null));
          }
        }
        case EventType.EXTENSION_GRANTED -> {
          extensionDays = e.workingDays();
          if (explain) {
            lines.add(ExplanationText.extension(e.date(), e.workingDays()));
          }
        }
        case ORDERED_DUE_DATE -> {
          // the date a review or court set for the new answer (责令重新答复): not an Art. 35 delay, so
          // none of its
          // limits apply; it may be earlier than 20 working days
          delayDue = e.dueDate();
          delaySetOn = e.date();
          if (explain) {
            lines.add(ExplanationText.orderedDueDate(e.date(), e.dueDate()));
          }
        }
        case EventType.DELAY_SET -> {
          delayDue = e.dueDate();
          delaySetOn = e.date();
          if (explain) {
            lines.add(ExplanationText.delay(e.date(), e.dueDate()));
          }
        }
        default -> {
          // not a clock event
        }
      }
    }

    private void correctionRequested(final ClockEvent e) {
      correctionRequestDate = e.date();
      final LocalDate due = currentDue(e.date());
      final LocalDate noticeBy = correctionNoticeDueDate(received);
      if (due != null && e.date().isAfter(due)) {
        lateCorrectionOpen = true;
        lateCorrectionNotice = true;
        if (explain) {
          lines.add(ExplanationText.correctionRequestedLate(e.date(), due));
        }
        return;
      }
      lateCorrectionNotice = e.date().isAfter(noticeBy);
      correctionPending = true;
      final boolean defaultUsed = e.dueDate() == null;
      correctionDueBy = defaultUsed ? defaultCorrectionDueBy(e.date()) : e.dueDate();
      pauses.add(new Pause(PauseKind.CORRECTION, e.date(), true, null));
      if (explain) {
        lines.add(
            ExplanationText.correctionRequested(
                e.date(),
                lateCorrectionNotice ? noticeBy : null,
                settings.correctionNoticeWorkingDays(),
                defaultUsed ? settings.correctionDefaultWorkingDays() : null,
                correctionDueBy));
      }
    }

    private void correctionReceived(final ClockEvent e) {
      if (lateCorrectionOpen) {
        lateCorrectionOpen = false;
        if (explain) {
          lines.add(ExplanationText.correctionReceivedAfterLateNotice(e.date()));
        }
        return;
      }
      final boolean afterLapse = e.date().isAfter(correctionDueBy);
      final Integer oldExtension = extensionDays;
      final LocalDate oldDelay = delayDue;
      correctionPending = false;
      clockStart = e.date();
      extensionDays = null;
      delayDue = null;
      // Art. 30: the period counts afresh; closed pauses and the 补正 stop no longer matter
      pauses.removeIf(p -> p.end != null || p.kind == PauseKind.CORRECTION);
      if (explain) {
        lines.add(
            ExplanationText.correctionReceived(
                e.date(),
                settings.answerWorkingDays(),
                afterLapse ? correctionDueBy : null,
                oldExtension != null,
                oldDelay));
      }
    }

    /**
     * The working days a pause that counted did not count, from its start (or the clock start) to
     * {@code date}.
     */
    private int notCounted(final LocalDate date, final Pause p) {
      final LocalDate from = p.start.isAfter(clockStart) ? p.start : clockStart;
      return Math.max(0, calendar.workingDaysBetween(from, date));
    }

    /** Why {@code e} may not be applied to this state, or empty. Chinese first, English after. */
    Optional<Refusal> check(final ClockEvent e) {
      return refusedWhy(e).map(r -> new Refusal(r.code(), r.why().joined()));
    }

    private Optional<Refused> refusedWhy(final ClockEvent e) {
      final String type = e.type();
      if (type == null || !isClockType(type)) {
        return Optional.empty();
      }
      if (e.date() == null) {
        return refuse(RefusalCode.DATE_MISSING, ExplanationText.dateMissing());
      }
      return switch (type) {
        case EventType.CORRECTION_REQUESTED -> correctionRefusal(e);
        case EventType.CORRECTION_RECEIVED ->
            correctionPending || lateCorrectionOpen
                ? Optional.empty()
                : refuse(RefusalCode.NO_CORRECTION_PENDING, ExplanationText.noCorrectionPending());
        case EventType.CONSULTATION_STARTED ->
            openConsultation != null && !openConsultation.cappedBy(e.date().toEpochDay())
                ? refuse(
                    RefusalCode.CONSULTATION_OPEN,
                    ExplanationText.consultationOpen(openConsultation.start, openConsultation.cap))
                : Optional.empty();
        case EventType.CONSULTATION_ENDED ->
            endRefusal(openConsultation, e.date(), RefusalCode.NO_CONSULTATION_OPEN, true);
        case EventType.FEE_NOTICE_ISSUED ->
            openFee != null
                ? refuse(RefusalCode.FEE_NOTICE_OPEN, ExplanationText.feeNoticeOpen(openFee.start))
                : Optional.empty();
        case EventType.FEE_PAID ->
            endRefusal(openFee, e.date(), RefusalCode.NO_FEE_NOTICE_OPEN, false);
        case EventType.EXTENSION_GRANTED -> extensionRefusal(e);
        case EventType.DELAY_SET -> delayRefusal(e);
        default -> Optional.empty();
      };
    }

    private Optional<Refused> correctionRefusal(final ClockEvent e) {
      if (correctionRequestDate != null) {
        return refuse(
            RefusalCode.SECOND_CORRECTION, ExplanationText.secondCorrection(correctionRequestDate));
      }
      if (e.dueDate() != null && e.dueDate().isBefore(e.date())) {
        return refuse(
            RefusalCode.CORRECTION_DUE_BEFORE_NOTICE,
            ExplanationText.correctionDueBeforeNotice(e.dueDate(), e.date()));
      }
      return Optional.empty();
    }

    private Optional<Refused> endRefusal(
        final Pause open,
        final LocalDate date,
        final RefusalCode noneCode,
        final boolean consultation) {
      if (open == null) {
        return refuse(
            noneCode,
            consultation
                ? ExplanationText.noConsultationOpen()
                : ExplanationText.noFeeNoticeOpen());
      }
      if (date.isBefore(open.start)) {
        return refuse(
            RefusalCode.PAUSE_END_BEFORE_START,
            ExplanationText.pauseEndBeforeStart(consultation, date, open.start));
      }
      return Optional.empty();
    }

    private Optional<Refused> extensionRefusal(final ClockEvent e) {
      if (extensionDays != null) {
        return refuse(RefusalCode.SECOND_EXTENSION, ExplanationText.secondExtension());
      }
      if (delayDue != null) {
        return refuse(
            RefusalCode.EXTENSION_AFTER_DELAY,
            ExplanationText.extensionAfterDelay(delaySetOn, delayDue));
      }
      final int max = settings.maxExtensionWorkingDays();
      if (e.workingDays() == null || e.workingDays() < 1 || e.workingDays() > max) {
        return refuse(
            RefusalCode.EXTENSION_DAYS_OUT_OF_RANGE,
            ExplanationText.extensionDaysOutOfRange(max, e.workingDays()));
      }
      if (correctionPending) {
        return refuse(
            RefusalCode.EXTENSION_DURING_CORRECTION,
            ExplanationText.extensionDuringCorrection(correctionRequestDate));
      }
      if (settings.extensionOnlyBeforeDueDate()) {
        final LocalDate due = currentDue(e.date());
        if (e.date().isAfter(due)) {
          return refuse(
              RefusalCode.EXTENSION_AFTER_DUE_DATE,
              ExplanationText.extensionAfterDueDate(e.date(), due));
        }
      }
      return Optional.empty();
    }

    private Optional<Refused> delayRefusal(final ClockEvent e) {
      if (e.dueDate() == null) {
        return refuse(RefusalCode.DELAY_DUE_DATE_MISSING, ExplanationText.delayDueDateMissing());
      }
      if (delaySetOn != null) {
        return refuse(RefusalCode.SECOND_DELAY, ExplanationText.secondDelay(delaySetOn));
      }
      if (correctionPending) {
        return refuse(
            RefusalCode.DELAY_DURING_CORRECTION,
            ExplanationText.delayDuringCorrection(correctionRequestDate));
      }
      final LocalDate due = currentDue(e.date());
      if (e.date().isAfter(due)) {
        return refuse(
            RefusalCode.DELAY_AFTER_DUE_DATE, ExplanationText.delayAfterDueDate(e.date(), due));
      }
      if (!e.dueDate().isAfter(due)) {
        return refuse(
            RefusalCode.DELAY_DUE_DATE_NOT_LATER,
            ExplanationText.delayDueDateNotLater(e.dueDate(), due));
      }
      return Optional.empty();
    }
  }

  /** A refused step: the rule's code and why, in both languages. */
  private record Refused(RefusalCode code, ExplanationText.Words why) {}

  private static Optional<Refused> refuse(final RefusalCode code, final ExplanationText.Words why) {
    return Optional.of(new Refused(code, why));
  }

  private static boolean isClockType(final String type) {
    return switch (type) {
      case EventType.CORRECTION_REQUESTED,
          EventType.CORRECTION_RECEIVED,
          EventType.CONSULTATION_STARTED,
          EventType.CONSULTATION_ENDED,
          EventType.FEE_NOTICE_ISSUED,
          EventType.FEE_PAID,
          EventType.EXTENSION_GRANTED,
          EventType.DELAY_SET ->
          true;
      default -> false;
    };
  }
}
