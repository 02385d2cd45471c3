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
 * The statutory answer clock (条例 Arts 30, 32–35; 109号 fee pause): 20 working days after receipt, 补正 restart,
 * consultation and fee pauses, one extension per answer period, the Art. 35 delay, and the lapses (逾期不补正,
 * 逾期未缴费). Plain class, no Kafka; api.md "The clock: lapses and limits" is its rule book.
 *
 * <p>Counting: the clock runs from {@code clockStart} (receipt, or the day the corrected application arrived), start
 * day excluded. A pause from date s to date e (征求意见 STARTED→ENDED, at most 15 working days; 收费 NOTICE→PAID) does
 * not count the working days d with s &lt; d ≤ e; the due date is the (20 + extension)-th working day after the clock
 * start that is not paused. A pending 补正 stops the clock; a DELAY_SET (Art. 35) fixes the due date outright. A pause
 * that begins after the current due date is recorded and changes nothing (the request stays OVERDUE). Each step is
 * judged on its own date.
 */
public final class DeadlineClock {
  /** The 2019 条例 took effect on this day; a request received before it has no answer deadline here. */
  public static final LocalDate IN_FORCE = LocalDate.of(2019, 5, 15);
  /** Arts 32, 34: the consulted party answers within 15 working days; the pause ends there at the latest. */
  public static final int CONSULTATION_CAP_WORKING_DAYS = 15;
  /** 109号 (as restated by the provinces): pay within 20 working days from the day after the fee notice. */
  public static final int FEE_PAYMENT_WORKING_DAYS = 20;
  /**
   * The longest run of days any count here walks day by day (from the clock start): 50 years, far beyond any real
   * request, so that a date from an untrusted log (a due date of 9999-12-31) cannot make one evaluation unbounded.
   */
  public static final int MAX_SCAN_DAYS = 366 * 50;
  /** At most this many excluded days are listed one by one; the rest are counted in the summary (「…等 K 天」). */
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
   * The deadline of a request received on {@code receivedDate} with the clock events so far (chronological), answered
   * on {@code decidedDate} (null while open), as seen on {@code today} (China time). Events {@link #refusal} would
   * refuse are skipped (and named in the explanation). Received before {@link #IN_FORCE}: status and due date null.
   */
  public Deadline evaluate(final LocalDate receivedDate, final List<ClockEvent> events, final LocalDate decidedDate,
                           final LocalDate today) {
    return evaluate(receivedDate, events, decidedDate, today, true);
  }

  /**
   * {@link #evaluate} without {@code excludedDays} and {@code explanation} (both empty): for the stream processor's
   * bulk re-evaluation, where nobody reads them.
   */
  public Deadline evaluateBrief(final LocalDate receivedDate, final List<ClockEvent> events,
                                final LocalDate decidedDate, final LocalDate today) {
    return evaluate(receivedDate, events, decidedDate, today, false);
  }

  /**
   * Why {@code next} may not be applied after {@code prior} (e.g. a second extension), or empty when it may. The
   * reason is Chinese first, English after; {@link #check} gives it with the rule's code.
   */
  public Optional<String> refusal(final LocalDate receivedDate, final List<ClockEvent> prior, final ClockEvent next) {
    return check(receivedDate, prior, next).map(Refusal::reason);
  }

  /** {@link #refusal} with the stable code of the rule that refuses ({@link RefusalCode}). */
  public Optional<Refusal> check(final LocalDate receivedDate, final List<ClockEvent> prior, final ClockEvent next) {
    Objects.requireNonNull(receivedDate, "receivedDate");
    Objects.requireNonNull(next, "next");
    final Fold fold = new Fold(receivedDate, false);
    for (final ClockEvent e : prior) {
      fold.apply(e);
    }
    return fold.check(next);
  }

  /**
   * Whether the request was open and OVERDUE on {@code asOf} (e.g. 31 December of a past year, for the compliance
   * figure {@code openOverdue}): received on or before it, not answered by it, and overdue counting only the clock
   * events dated on or before it. PAUSED and LAPSED are not overdue; a receipt before {@link #IN_FORCE} never is.
   *
   * @param decided the date of the counted answer (DECIDED), or null while open; an answer after {@code asOf} means
   *     the request was still open then
   */
  public boolean overdueAt(final LocalDate received, final List<ClockEvent> clock, final LocalDate decided,
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
   * The years before {@code today}'s whose 31 December the request was open and OVERDUE ({@link #overdueAt}), oldest
   * first: what it counts in {@code openOverdue} of each past year.
   *
   * @param decided the date of the counted answer, or null while open
   */
  public List<Integer> overdueYearEnds(final LocalDate received, final List<ClockEvent> clock, final LocalDate decided,
                                       final LocalDate today) {
    final int last = Math.min(today.getYear() - 1, decided == null ? Integer.MAX_VALUE : decided.getYear());
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
   * Clock step type (not an event type) for the due date a review or court ordered for a new answer: fixes the due
   * date like an Art. 35 delay, with none of a delay's limits.
   */
  public static final String ORDERED_DUE_DATE = "ORDERED_DUE_DATE";

  /** The due date of a request received on {@code receivedDate} before any clock event (Art. 33: 20 working days). */
  public LocalDate baseDueDate(final LocalDate receivedDate) {
    return calendar.nthWorkingDayAfter(receivedDate, settings.answerWorkingDays());
  }

  /** The last day a 补正 notice is on time (Art. 30: the 7th working day after receipt). */
  public LocalDate correctionNoticeDueDate(final LocalDate receivedDate) {
    return calendar.nthWorkingDayAfter(receivedDate, settings.correctionNoticeWorkingDays());
  }

  /** The last day of the 补正 period of a notice dated {@code noticeDate} that gives no {@code dueBy}. */
  public LocalDate defaultCorrectionDueBy(final LocalDate noticeDate) {
    return calendar.nthWorkingDayAfter(noticeDate, settings.correctionDefaultWorkingDays());
  }

  /** The last day to pay a fee noticed (delivered) on {@code noticeDate}: the 20th working day after it. */
  public LocalDate feePaymentDueBy(final LocalDate noticeDate) {
    return calendar.nthWorkingDayAfter(noticeDate, FEE_PAYMENT_WORKING_DAYS);
  }

  private Deadline evaluate(final LocalDate receivedDate, final List<ClockEvent> events, final LocalDate decidedDate,
                            final LocalDate today, final boolean explain) {
    Objects.requireNonNull(receivedDate, "receivedDate");
    Objects.requireNonNull(events, "events");
    Objects.requireNonNull(today, "today");
    if (receivedDate.isBefore(IN_FORCE)) {
      return new Deadline(null, null, null, false, receivedDate, List.of(), explain ? List.of(receivedDate
          + " 收到申请, 早于 2019-05-15 现行条例施行, 不计答复期限 received before the 2019 Regulation took effect: no"
          + " answer deadline, not counted in compliance") : List.of(), false, null, null);
    }
    final Fold fold = new Fold(receivedDate, explain);
    for (final ClockEvent e : events) {
      fold.apply(e);
    }
    final LocalDate ref = decidedDate != null ? decidedDate : today;
    final long refEpoch = ref.toEpochDay();
    // an open request: a pause still open (and not capped) holds the clock; an answered one: it ends with the answer
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
      status = due == null || !decidedDate.isAfter(due) ? DeadlineStatus.ANSWERED_ON_TIME
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
      return new Deadline(due, left, status, provisional, fold.clockStart, List.of(), List.of(), lateNotice, used,
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
    return new Deadline(due, left, status, provisional, fold.clockStart, List.copyOf(excluded.listed), List.copyOf(lines),
        lateNotice, used, lapse);
  }

  private String summary(final Excluded excluded, final LocalDate end) {
    final StringBuilder sb = new StringBuilder();
    final LocalDate through = excluded.through;
    sb.append("至 ").append(through).append(" 不计算 ").append(excluded.total).append(" 天 days not counted through ")
        .append(through).append(':');
    excluded.byReason.forEach((reason, n) -> sb.append(' ').append(reason).append(' ').append(english(reason))
        .append(" ×").append(n));
    if (excluded.total > excluded.listed.size()) {
      sb.append("; 列出前 ").append(excluded.listed.size()).append(" 天…等 ").append(excluded.total).append(" 天 (the first ")
          .append(excluded.listed.size()).append(" of ").append(excluded.total).append(" days are listed)");
    }
    if (through.isBefore(end)) {
      sb.append("; 只计算到 ").append(through).append("（期限 ").append(end).append(" 过远）counted only through ")
          .append(through).append(": the due date ").append(end).append(" is too far ahead");
    }
    return sb.toString();
  }

  /**
   * The days not counted in a window: the first {@link #MAX_LISTED_EXCLUDED_DAYS} listed, all of them counted by
   * reason, through {@code through} (the window's end, or earlier when it was cut at {@link #MAX_SCAN_DAYS}).
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

  private static String english(final String reason) {
    return switch (reason) {
      case "周末" -> "weekend";
      case "补正" -> "correction pending";
      case "收费" -> "fee pause";
      case "征求意见" -> "consultation";
      default -> "holiday";
    };
  }

  private String outcomeLine(final Fold fold, final LocalDate due, final Integer left, final DeadlineStatus status,
                             final LocalDate decided, final LocalDate today, final Integer used,
                             final Deadline.Lapse lapse) {
    switch (status) {
      case ANSWERED_ON_TIME, ANSWERED_LATE -> {
        final String verdict = status == DeadlineStatus.ANSWERED_ON_TIME ? "按期 on time" : "逾期 late";
        final String dueText = due == null ? "补正期间 while the correction was pending" : "截止 due " + due;
        return decided + " 答复 answered: " + verdict + " (" + dueText + "); 用时 " + used + " 个工作日 working days used";
      }
      case LAPSED -> {
        final String close = "; close it as " + lapse.suggestedOutcome() + ", dated " + lapse.since() + " or later";
        if (lapse.kind() == Deadline.Lapse.Kind.CORRECTION) {
          return today + " 逾期未补正: 补正期限 " + fold.correctionDueBy + " 已过, 自 " + lapse.since()
              + " 起视为放弃申请 (Art. 30), 可按（六）1 办结 no correction received by " + fold.correctionDueBy
              + ": treated as abandoned since " + lapse.since() + close;
        }
        return today + " 逾期未缴费: 收费通知 " + fold.openFee.start + " 送达后 " + FEE_PAYMENT_WORKING_DAYS
            + " 个工作日内未缴费, 自 " + lapse.since() + " 起视为放弃申请, 可按（六）2 办结 fee not paid within "
            + FEE_PAYMENT_WORKING_DAYS + " working days after the notice of " + fold.openFee.start
            + ": treated as abandoned since " + lapse.since() + close;
      }
      case PAUSED -> {
        final String why = fold.correctionPending
            ? "待补正 waiting for the correction since " + fold.correctionRequestDate + " (补正期限 due by "
            + fold.correctionDueBy + ")"
            : fold.openPauseText(today.toEpochDay());
        return today + " 暂停 paused: " + why + "; 已用 "
            + fold.countedThrough(today.toEpochDay(), Long.MAX_VALUE, today.toEpochDay())
            + " 个工作日 working days used";
      }
      case OVERDUE -> {
        return due + " 截止 due; " + today + " 已逾期 " + (-left) + " 个工作日 overdue by " + (-left) + " working days";
      }
      default -> {
        return due + " 截止 due; " + today + " 剩余 " + left + " 个工作日 working days left";
      }
    }
  }

  private String provisionalLine(final LocalDate from, final LocalDate to) {
    final List<Integer> missing = new ArrayList<>();
    final int lastYear = Math.min(to.getYear(), from.plusDays(MAX_SCAN_DAYS).getYear());
    for (int y = from.plusDays(1).getYear(); y <= lastYear; y++) {
      if (!calendar.isLoaded(y)) {
        missing.add(y);
      }
    }
    final String years = missing.size() <= MAX_LISTED_YEARS ? missing.toString()
        : missing.subList(0, MAX_LISTED_YEARS) + "…等 " + missing.size() + " 年";
    return "暂定 provisional: " + years + " 年节假日安排未载入, 按放假办法的法定节假日计算, 不含调休 holiday schedule not"
        + " loaded: statutory holidays only, no 调休";
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
   * A pause; {@code end} is null while open. {@code counts} is false for one that began after the due date (or a fee
   * notice when the setting says fees do not pause). {@code cap}: the last day a consultation can pause, else null.
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
     * The last paused day: the end (at most the cap); while open, the cap once it has passed by {@code asOf}, else
     * {@code openEnd} (Long.MAX_VALUE: still open).
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

  /** The clock state after a sequence of events (the fold), with the check that refuses an illegal next event. */
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
    /** The 补正 stops the clock (it came before the due date) and the corrected application has not arrived. */
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
        final int n = settings.answerWorkingDays();
        lines.add(received + " 收到申请 received; 答复期限 " + n + " 个工作日 answer within " + n
            + " working days (Art. 33), 收到当日不计 the day of receipt not counted");
      }
    }

    int need() {
      return settings.answerWorkingDays() + (extensionDays == null ? 0 : extensionDays);
    }

    /**
     * The running-clock due date (epoch day), pauses seen as of {@code asOf} and open ones ending at {@code openEnd};
     * NONE when an open pause holds it.
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

    /** The due date as it stands on {@code date} (open pauses ending that day); null while a 补正 is pending. */
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
          out.add(p.cap + " 征求意见已满 " + CONSULTATION_CAP_WORKING_DAYS + " 个工作日仍未结束, 自 " + p.cap.plusDays(1)
              + " 起恢复计算 (Art. 32/34) the consultation begun " + p.start + " did not end within "
              + CONSULTATION_CAP_WORKING_DAYS + " working days: the clock runs again from " + p.cap.plusDays(1));
        }
      }
      return out;
    }

    String openPauseText(final long asOf) {
      final StringBuilder sb = new StringBuilder();
      for (final Pause p : pauses) {
        if (p.counts && p.endEpoch(Long.MAX_VALUE, asOf) == Long.MAX_VALUE) {
          if (sb.length() > 0) {
            sb.append(", ");
          }
          sb.append(p.kind.zh).append(' ').append(p.kind.en).append(" since ").append(p.start);
          if (p.cap != null) {
            sb.append(" (至多到 ").append(p.cap).append(" at most until ").append(p.cap).append(')');
          }
        }
      }
      return sb.toString();
    }

    /** Applies {@code e} if it is legal; otherwise records why it was skipped. */
    void apply(final ClockEvent e) {
      final Optional<Refusal> refused = check(e);
      if (refused.isPresent()) {
        if (explain) {
          lines.add(e.date() + " " + e.type() + " 忽略 ignored: " + refused.get().reason());
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
          openConsultation = new Pause(PauseKind.CONSULTATION, e.date(), !late,
              calendar.nthWorkingDayAfter(e.date(), CONSULTATION_CAP_WORKING_DAYS));
          pauses.add(openConsultation);
          if (explain) {
            lines.add(late ? e.date() + " 征求意见开始 consultation started: " + lateText(due)
                : e.date() + " 征求意见开始 consultation started (Art. 32/34): 暂停计算, 至多 "
                + CONSULTATION_CAP_WORKING_DAYS + " 个工作日 (至 " + openConsultation.cap + ") clock paused (Art. 33)"
                + " for at most " + CONSULTATION_CAP_WORKING_DAYS + " working days, through " + openConsultation.cap);
          }
        }
        case EventType.CONSULTATION_ENDED -> {
          final Pause p = openConsultation;
          p.end = e.date();
          openConsultation = null;
          if (explain) {
            if (!p.counts) {
              lines.add(e.date() + " 征求意见结束 consultation ended (未暂停 it paused nothing)");
            } else if (e.date().isAfter(p.cap)) {
              lines.add(e.date() + " 征求意见结束 consultation ended: 已超过 " + CONSULTATION_CAP_WORKING_DAYS
                  + " 个工作日上限 (" + p.cap + "), 不影响期限 after the cap of " + p.cap + ": changes nothing");
            } else {
              lines.add(endLine(e.date(), p, "征求意见结束 consultation ended"));
            }
          }
        }
        case EventType.FEE_NOTICE_ISSUED -> {
          final LocalDate due = currentDue(e.date());
          final boolean late = due != null && e.date().isAfter(due);
          openFee = new Pause(PauseKind.FEE, e.date(), !late && settings.feeNoticePausesClock(), null);
          openFeeLapses = !late;
          pauses.add(openFee);
          if (explain) {
            final String pays = "; 应于 " + feePaymentDueBy(e.date()) + " 前缴费 to be paid by "
                + feePaymentDueBy(e.date()) + " (" + FEE_PAYMENT_WORKING_DAYS + " 个工作日 working days)";
            lines.add(e.date() + " 收费通知送达 fee notice delivered: " + (late ? lateText(due)
                : settings.feeNoticePausesClock() ? "暂停计算 clock paused (109号)" + pays
                : "不暂停 clock not paused (setting)" + pays));
          }
        }
        case EventType.FEE_PAID -> {
          final Pause p = openFee;
          final boolean afterLapse = openFeeLapses && e.date().isAfter(feePaymentDueBy(p.start));
          p.end = e.date();
          openFee = null;
          openFeeLapses = false;
          if (explain) {
            final String base = p.counts ? endLine(e.date(), p, "缴费 fee paid") : e.date() + " 缴费 fee paid";
            lines.add(afterLapse ? base + "; 逾期后缴费, 视为有正当理由, 自当日起恢复计算 paid after the "
                + FEE_PAYMENT_WORKING_DAYS + " working days: accepted, the clock runs again from this day" : base);
          }
        }
        case EventType.EXTENSION_GRANTED -> {
          extensionDays = e.workingDays();
          if (explain) {
            lines.add(e.date() + " 延期答复 extension granted (Art. 33): 增加 " + e.workingDays() + " 个工作日 +"
                + e.workingDays() + " working days after the due date");
          }
        }
        case ORDERED_DUE_DATE -> {
          // the date a review or court set for the new answer (责令重新答复): not an Art. 35 delay, so none of its
          // limits apply; it may be earlier than 20 working days
          delayDue = e.dueDate();
          delaySetOn = e.date();
          if (explain) {
            lines.add(e.date() + " 责令重新答复: 答复期限为 " + e.dueDate() + " a new answer ordered, due "
                + e.dueDate());
          }
        }
        case EventType.DELAY_SET -> {
          delayDue = e.dueDate();
          delaySetOn = e.date();
          if (explain) {
            lines.add(e.date() + " 延迟答复 delay set (Art. 35): 答复期限改为 " + e.dueDate() + " due date set to "
                + e.dueDate());
          }
        }
        default -> {
          // not a clock event
        }
      }
    }

    private String lateText(final LocalDate due) {
      return "晚于答复期限 " + due + ", 不暂停计算, 仍按原期限 after the due date " + due
          + ": recorded, nothing pauses or restarts";
    }

    private void correctionRequested(final ClockEvent e) {
      correctionRequestDate = e.date();
      final LocalDate due = currentDue(e.date());
      final LocalDate noticeBy = correctionNoticeDueDate(received);
      if (due != null && e.date().isAfter(due)) {
        lateCorrectionOpen = true;
        lateCorrectionNotice = true;
        if (explain) {
          lines.add(e.date() + " 补正告知 correction requested (Art. 30): " + lateText(due));
        }
        return;
      }
      lateCorrectionNotice = e.date().isAfter(noticeBy);
      correctionPending = true;
      final boolean defaultUsed = e.dueDate() == null;
      correctionDueBy = defaultUsed ? defaultCorrectionDueBy(e.date()) : e.dueDate();
      pauses.add(new Pause(PauseKind.CORRECTION, e.date(), true, null));
      if (explain) {
        final String period = defaultUsed
            ? "; 未填写补正期限, 按默认 " + settings.correctionDefaultWorkingDays() + " 个工作日计至 " + correctionDueBy
            + " (" + DeadlineSettings.CORRECTION_DEFAULT_ENV + "), 请在补正告知中填写补正期限 no dueBy given: the"
            + " default of " + settings.correctionDefaultWorkingDays() + " working days was used, through "
            + correctionDueBy
            : "; 补正期限 due by " + correctionDueBy;
        lines.add(e.date() + " 补正告知 correction requested (Art. 30): 答复期限停止计算 clock stopped"
            + (lateCorrectionNotice ? "; 告知逾期 late notice: 应在 " + noticeBy + " 前 due by " + noticeBy + " ("
            + settings.correctionNoticeWorkingDays() + " 个工作日 working days)" : "") + period);
      }
    }

    private void correctionReceived(final ClockEvent e) {
      if (lateCorrectionOpen) {
        lateCorrectionOpen = false;
        if (explain) {
          lines.add(e.date() + " 收到补正 correction received: 补正告知晚于答复期限, 不重新起算 the notice came after the"
              + " due date: nothing restarts");
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
        final int n = settings.answerWorkingDays();
        lines.add(e.date() + " 收到补正 correction received (Art. 30): 重新起算 " + n + " 个工作日 a fresh " + n
            + " working days from this day"
            + (afterLapse ? "; 逾期后补正, 视为有正当理由 received after the 补正 period (" + correctionDueBy
            + "): accepted" : "")
            + (oldExtension != null ? "; 此前的延期只适用于原答复期限 the earlier extension applied to the earlier"
            + " period" : "")
            + (oldDelay != null ? "; 此前确定的延迟答复期限 " + oldDelay + " 不再适用 the Art. 35 date " + oldDelay
            + " set before the 补正 is dropped" : ""));
      }
    }

    private String endLine(final LocalDate date, final Pause p, final String what) {
      final LocalDate from = p.start.isAfter(clockStart) ? p.start : clockStart;
      final int n = Math.max(0, calendar.workingDaysBetween(from, date));
      return date + " " + what + ": " + p.start + " 至 " + date + " 的 " + n + " 个工作日不计算 " + n
          + " working days not counted";
    }

    /** Why {@code e} may not be applied to this state, or empty. Chinese first, English after. */
    Optional<Refusal> check(final ClockEvent e) {
      final String type = e.type();
      if (type == null || !isClockType(type)) {
        return Optional.empty();
      }
      if (e.date() == null) {
        return Refusal.of(RefusalCode.DATE_MISSING, "日期必填 date is required");
      }
      return switch (type) {
        case EventType.CORRECTION_REQUESTED -> correctionRefusal(e);
        case EventType.CORRECTION_RECEIVED -> correctionPending || lateCorrectionOpen ? Optional.empty()
            : Refusal.of(RefusalCode.NO_CORRECTION_PENDING, "没有待补正的申请 (Art. 30) no correction is pending");
        case EventType.CONSULTATION_STARTED -> openConsultation != null
            && !openConsultation.cappedBy(e.date().toEpochDay())
            ? Refusal.of(RefusalCode.CONSULTATION_OPEN, "征求意见尚未结束: 自 " + openConsultation.start + " 起的征求意见仍在进行 (至多到 "
                + openConsultation.cap + "), 同一时间只能有一项征求意见 a consultation is already open since "
                + openConsultation.start + " (until " + openConsultation.cap + " at most)")
            : Optional.empty();
        case EventType.CONSULTATION_ENDED -> endRefusal(openConsultation, e.date(), RefusalCode.NO_CONSULTATION_OPEN,
            "没有进行中的征求意见 no consultation is open", "征求意见", "consultation");
        case EventType.FEE_NOTICE_ISSUED -> openFee != null
            ? Refusal.of(RefusalCode.FEE_NOTICE_OPEN,
                "收费通知尚未缴费: 自 " + openFee.start + " 起的收费通知仍待缴费 a fee notice is already open"
                + " since " + openFee.start)
            : Optional.empty();
        case EventType.FEE_PAID -> endRefusal(openFee, e.date(), RefusalCode.NO_FEE_NOTICE_OPEN,
            "没有待缴费的收费通知 no fee notice is open", "收费", "fee notice");
        case EventType.EXTENSION_GRANTED -> extensionRefusal(e);
        case EventType.DELAY_SET -> delayRefusal(e);
        default -> Optional.empty();
      };
    }

    private Optional<Refusal> correctionRefusal(final ClockEvent e) {
      if (correctionRequestDate != null) {
        return Refusal.of(RefusalCode.SECOND_CORRECTION,
            "补正只能一次性告知, 已于 " + correctionRequestDate + " 告知 (Art. 30 一次性告知) a second"
            + " correction request is not allowed; the first was on " + correctionRequestDate);
      }
      if (e.dueDate() != null && e.dueDate().isBefore(e.date())) {
        return Refusal.of(RefusalCode.CORRECTION_DUE_BEFORE_NOTICE,
            "补正期限 " + e.dueDate() + " 早于告知日期 " + e.date() + " dueBy " + e.dueDate()
            + " is before the notice's date " + e.date());
      }
      return Optional.empty();
    }

    private Optional<Refusal> endRefusal(final Pause open, final LocalDate date, final RefusalCode noneCode,
                                         final String none, final String zh, final String en) {
      if (open == null) {
        return Refusal.of(noneCode, none);
      }
      if (date.isBefore(open.start)) {
        return Refusal.of(RefusalCode.PAUSE_END_BEFORE_START,
            zh + "结束日期 " + date + " 早于开始日期 " + open.start + " (结束日期早于开始日期) the " + en
            + " cannot end on " + date + ", before it began on " + open.start);
      }
      return Optional.empty();
    }

    private Optional<Refusal> extensionRefusal(final ClockEvent e) {
      if (extensionDays != null) {
        return Refusal.of(RefusalCode.SECOND_EXTENSION,
            "本答复期限已延期一次, 延长答复期限只能一次 (Art. 33) a second extension in the same answer"
            + " period is not allowed");
      }
      if (delayDue != null) {
        return Refusal.of(RefusalCode.EXTENSION_AFTER_DELAY,
            "已于 " + delaySetOn + " 确定延迟答复期限 " + delayDue + " (Art. 35), 不能再延期 (Art. 33)"
            + " an extension after the Art. 35 delay is not allowed: its date replaces the answer period");
      }
      final int max = settings.maxExtensionWorkingDays();
      if (e.workingDays() == null || e.workingDays() < 1 || e.workingDays() > max) {
        return Refusal.of(RefusalCode.EXTENSION_DAYS_OUT_OF_RANGE,
            "延长的期限须为 1.." + max + " 个工作日 (Art. 33 延长的期限最长不得超过" + max
            + "个工作日) workingDays must be 1.." + max + ", was " + e.workingDays());
      }
      if (correctionPending) {
        return Refusal.of(RefusalCode.EXTENSION_DURING_CORRECTION,
            "补正期间答复期限不计算, 不能延期: 自 " + correctionRequestDate + " 起待补正 the clock is"
            + " stopped for 补正 since " + correctionRequestDate + "; no extension while the correction is pending");
      }
      if (settings.extensionOnlyBeforeDueDate()) {
        final LocalDate due = currentDue(e.date());
        if (e.date().isAfter(due)) {
          return Refusal.of(RefusalCode.EXTENSION_AFTER_DUE_DATE,
              "延期须在答复期限届满前决定: 答复期限 " + due + " 已过 the extension is granted on " + e.date()
              + ", after the due date " + due + " has passed");
        }
      }
      return Optional.empty();
    }

    private Optional<Refusal> delayRefusal(final ClockEvent e) {
      if (e.dueDate() == null) {
        return Refusal.of(RefusalCode.DELAY_DUE_DATE_MISSING, "延迟答复须确定合理期限 dueDate (Art. 35) dueDate is required");
      }
      if (delaySetOn != null) {
        return Refusal.of(RefusalCode.SECOND_DELAY,
            "延迟答复每件申请只能确定一次, 已于 " + delaySetOn + " 确定 (Art. 35) a second delay is not"
            + " allowed; the first was set on " + delaySetOn);
      }
      if (correctionPending) {
        return Refusal.of(RefusalCode.DELAY_DURING_CORRECTION,
            "补正期间没有答复期限可以延迟: 自 " + correctionRequestDate + " 起待补正 no delay while the"
            + " correction is pending since " + correctionRequestDate + " (there is no due date to replace)");
      }
      final LocalDate due = currentDue(e.date());
      if (e.date().isAfter(due)) {
        return Refusal.of(RefusalCode.DELAY_AFTER_DUE_DATE,
            "延迟答复须在答复期限届满前确定: 答复期限 " + due + " 已过 the delay is set on " + e.date()
            + ", after the due date " + due + " has passed");
      }
      if (!e.dueDate().isAfter(due)) {
        return Refusal.of(RefusalCode.DELAY_DUE_DATE_NOT_LATER,
            "延迟答复的期限 " + e.dueDate() + " 须晚于当前答复期限 " + due + " dueDate " + e.dueDate()
            + " must be later than the current due date " + due);
      }
      return Optional.empty();
    }
  }

  private static boolean isClockType(final String type) {
    return switch (type) {
      case EventType.CORRECTION_REQUESTED, EventType.CORRECTION_RECEIVED, EventType.CONSULTATION_STARTED,
          EventType.CONSULTATION_ENDED, EventType.FEE_NOTICE_ISSUED, EventType.FEE_PAID,
          EventType.EXTENSION_GRANTED, EventType.DELAY_SET -> true;
      default -> false;
    };
  }
}
