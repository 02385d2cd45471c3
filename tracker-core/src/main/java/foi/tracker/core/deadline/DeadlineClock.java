package foi.tracker.core.deadline;

import foi.tracker.core.calendar.DayInfo;
import foi.tracker.core.calendar.WorkingDayCalendar;
import foi.tracker.core.event.EventType;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The statutory answer clock (条例 Arts 30, 33, 35; 109号 fee pause): base 20 working days after receipt, 补正 restart,
 * consultation and fee pauses, one extension, Art. 35 delay. Plain class, no Kafka.
 *
 * <p>Counting: the clock runs from {@code clockStart} (receipt, or the day the 补正 was received), start day excluded. A
 * pause from date s to date e (征求意见 STARTED→ENDED, 收费 NOTICE→PAID) does not count the working days d with
 * s &lt; d ≤ e; the due date is the (20 + extension)-th working day after the clock start that is not paused. A pending
 * 补正 stops the clock; a DELAY_SET (Art. 35) fixes the due date outright. A pause only stops a running clock: one that
 * begins after the due date has passed changes nothing (the request stays OVERDUE, an answer is still late).
 */
public final class DeadlineClock {
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
   * refuse are skipped (and named in the explanation).
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

  /** Why {@code next} may not be applied after {@code prior} (e.g. a second extension), or empty when it may. */
  public Optional<String> refusal(final LocalDate receivedDate, final List<ClockEvent> prior, final ClockEvent next) {
    Objects.requireNonNull(receivedDate, "receivedDate");
    Objects.requireNonNull(next, "next");
    final Fold fold = new Fold(receivedDate, false);
    for (final ClockEvent e : prior) {
      fold.apply(e);
    }
    return fold.check(next);
  }

  /** The due date of a request received on {@code receivedDate} before any clock event (Art. 33: 20 working days). */
  public LocalDate baseDueDate(final LocalDate receivedDate) {
    return calendar.nthWorkingDayAfter(receivedDate, settings.answerWorkingDays());
  }

  /** The last day a 补正 notice is on time (Art. 30: the 7th working day after receipt). */
  public LocalDate correctionNoticeDueDate(final LocalDate receivedDate) {
    return calendar.nthWorkingDayAfter(receivedDate, settings.correctionNoticeWorkingDays());
  }

  private Deadline evaluate(final LocalDate receivedDate, final List<ClockEvent> events, final LocalDate decidedDate,
                            final LocalDate today, final boolean explain) {
    Objects.requireNonNull(receivedDate, "receivedDate");
    Objects.requireNonNull(events, "events");
    Objects.requireNonNull(today, "today");
    final Fold fold = new Fold(receivedDate, explain);
    for (final ClockEvent e : events) {
      fold.apply(e);
    }
    final LocalDate ref = decidedDate != null ? decidedDate : today;
    final long refEpoch = ref.toEpochDay();

    LocalDate due;
    if (fold.delayDue != null) {
      due = fold.delayDue;
    } else if (fold.correctionPending) {
      due = null;
    } else if (decidedDate != null) {
      // a pause still open when the answer went out ends with the answer
      due = epochToDate(fold.dueEpoch(refEpoch));
    } else {
      due = epochToDate(fold.dueEpoch(Long.MAX_VALUE));
    }

    final DeadlineStatus status;
    Integer left = null;
    Integer used = null;
    if (decidedDate != null) {
      used = fold.countedThrough(refEpoch, refEpoch);
      status = due == null || !decidedDate.isAfter(due) ? DeadlineStatus.ANSWERED_ON_TIME
          : DeadlineStatus.ANSWERED_LATE;
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
    final boolean lateNotice = fold.correctionRequestDate != null
        && fold.correctionRequestDate.isAfter(correctionNoticeDueDate(receivedDate));

    if (!explain) {
      return new Deadline(due, left, status, provisional, fold.clockStart, List.of(), List.of(), lateNotice, used);
    }
    final List<Deadline.ExcludedDay> excluded = fold.excludedDays(windowEnd.toEpochDay(), refEpoch);
    final List<String> lines = new ArrayList<>(fold.lines);
    if (!excluded.isEmpty()) {
      lines.add(summary(excluded, windowEnd));
    }
    lines.add(outcomeLine(fold, due, left, status, decidedDate, today, used));
    if (provisional) {
      lines.add(provisionalLine(fold.clockStart, provisionalEnd));
    }
    return new Deadline(due, left, status, provisional, fold.clockStart, List.copyOf(excluded), List.copyOf(lines),
        lateNotice, used);
  }

  private String summary(final List<Deadline.ExcludedDay> excluded, final LocalDate end) {
    final Map<String, Integer> byReason = new LinkedHashMap<>();
    for (final Deadline.ExcludedDay d : excluded) {
      byReason.merge(d.reason(), 1, Integer::sum);
    }
    final StringBuilder sb = new StringBuilder();
    sb.append("至 ").append(end).append(" 不计算 ").append(excluded.size()).append(" 天 days not counted through ")
        .append(end).append(':');
    byReason.forEach((reason, n) -> sb.append(' ').append(reason).append(' ').append(english(reason)).append(" ×")
        .append(n));
    return sb.toString();
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
                             final LocalDate decided, final LocalDate today, final Integer used) {
    switch (status) {
      case ANSWERED_ON_TIME, ANSWERED_LATE -> {
        final String verdict = status == DeadlineStatus.ANSWERED_ON_TIME ? "按期 on time" : "逾期 late";
        final String dueText = due == null ? "补正期间 while the correction was pending" : "截止 due " + due;
        return decided + " 答复 answered: " + verdict + " (" + dueText + "); 用时 " + used + " 个工作日 working days used";
      }
      case PAUSED -> {
        final String why = fold.correctionPending
            ? "待补正 waiting for the correction since " + fold.correctionPendingSince
            : fold.openPauseText();
        return today + " 暂停 paused: " + why + "; 已用 " + fold.countedThrough(today.toEpochDay(), Long.MAX_VALUE)
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
    for (int y = from.plusDays(1).getYear(); y <= to.getYear(); y++) {
      if (!calendar.isLoaded(y)) {
        missing.add(y);
      }
    }
    return "暂定 provisional: " + missing + " 年节假日安排未载入, 按周末计算 holiday schedule not loaded, weekends only";
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

  /** A pause; {@code end} is null while open. */
  private static final class Pause {
    final PauseKind kind;
    final LocalDate start;
    final boolean counts;
    LocalDate end;

    Pause(final PauseKind kind, final LocalDate start, final boolean counts) {
      this.kind = kind;
      this.start = start;
      this.counts = counts;
    }

    long endEpoch(final long openEnd) {
      return end == null ? openEnd : end.toEpochDay();
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
    Pause openConsultation;
    Pause openFee;
    LocalDate correctionRequestDate;
    boolean correctionPending;
    LocalDate correctionPendingSince;
    Integer extensionDays;
    LocalDate delayDue;

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

    /** The running-clock due date (epoch day), open pauses ending at {@code openEnd}; NONE when a pause holds it. */
    long dueEpoch(final long openEnd) {
      long limit = Long.MAX_VALUE;
      if (openEnd == Long.MAX_VALUE) {
        for (final Pause p : pauses) {
          if (p.counts && p.end == null) {
            limit = Math.min(limit, p.start.toEpochDay());
          }
        }
      }
      int left = need();
      long e = clockStart.toEpochDay();
      while (left > 0) {
        e++;
        if (e > limit) {
          return NONE;
        }
        if (calendar.isWorkingEpoch(e) && !paused(e, openEnd)) {
          left--;
        }
      }
      return e;
    }

    /** Counted (working, not paused) days d with clockStart &lt; d ≤ through. */
    int countedThrough(final long through, final long openEnd) {
      int n = 0;
      for (long e = clockStart.toEpochDay() + 1; e <= through; e++) {
        if (calendar.isWorkingEpoch(e) && !paused(e, openEnd)) {
          n++;
        }
      }
      return n;
    }

    Pause pauseAt(final long e, final long openEnd) {
      for (final Pause p : pauses) {
        if (p.counts && e > p.start.toEpochDay() && e <= p.endEpoch(openEnd)) {
          return p;
        }
      }
      return null;
    }

    boolean paused(final long e, final long openEnd) {
      return pauseAt(e, openEnd) != null;
    }

    List<Deadline.ExcludedDay> excludedDays(final long through, final long openEnd) {
      final List<Deadline.ExcludedDay> out = new ArrayList<>();
      for (long e = clockStart.toEpochDay() + 1; e <= through; e++) {
        if (!calendar.isWorkingEpoch(e)) {
          final LocalDate day = LocalDate.ofEpochDay(e);
          final DayInfo info = calendar.dayInfo(day);
          out.add(new Deadline.ExcludedDay(day, info.offReason()));
        } else {
          final Pause p = pauseAt(e, openEnd);
          if (p != null) {
            out.add(new Deadline.ExcludedDay(LocalDate.ofEpochDay(e), p.kind.zh));
          }
        }
      }
      return out;
    }

    String openPauseText() {
      final StringBuilder sb = new StringBuilder();
      for (final Pause p : pauses) {
        if (p.counts && p.end == null) {
          if (sb.length() > 0) {
            sb.append(", ");
          }
          sb.append(p.kind.zh).append(' ').append(p.kind.en).append(" since ").append(p.start);
        }
      }
      return sb.toString();
    }

    /** Applies {@code e} if it is legal; otherwise records why it was skipped. */
    void apply(final ClockEvent e) {
      final Optional<String> refused = check(e);
      if (refused.isPresent()) {
        if (explain) {
          lines.add(e.date() + " " + e.type() + " 忽略 ignored: " + refused.get());
        }
        return;
      }
      if (e.type() == null) {
        return;
      }
      switch (e.type()) {
        case EventType.CORRECTION_REQUESTED -> {
          correctionRequestDate = e.date();
          correctionPending = true;
          correctionPendingSince = e.date();
          pauses.add(new Pause(PauseKind.CORRECTION, e.date(), true));
          if (explain) {
            final LocalDate by = correctionNoticeDueDate(received);
            lines.add(e.date() + " 补正告知 correction requested (Art. 30): 答复期限停止计算 clock stopped"
                + (e.date().isAfter(by) ? "; 告知逾期 late notice: 应在 " + by + " 前 due by " + by + " ("
                + settings.correctionNoticeWorkingDays() + " 个工作日 working days)" : ""));
          }
        }
        case EventType.CORRECTION_RECEIVED -> {
          correctionPending = false;
          correctionPendingSince = null;
          clockStart = e.date();
          // Art. 30: the period counts afresh; closed pauses and the 补正 stop no longer matter
          pauses.removeIf(p -> p.end != null || p.kind == PauseKind.CORRECTION);
          if (explain) {
            final int n = settings.answerWorkingDays();
            lines.add(e.date() + " 收到补正 correction received (Art. 30): 重新起算 " + n + " 个工作日 a fresh " + n
                + " working days from this day");
          }
        }
        case EventType.CONSULTATION_STARTED -> {
          openConsultation = new Pause(PauseKind.CONSULTATION, e.date(), true);
          pauses.add(openConsultation);
          if (explain) {
            lines.add(e.date() + " 征求意见开始 consultation started (Art. 32/34): 暂停计算 clock paused (Art. 33)");
          }
        }
        case EventType.CONSULTATION_ENDED -> {
          openConsultation.end = e.date();
          if (explain) {
            lines.add(endLine(e.date(), openConsultation, "征求意见结束 consultation ended"));
          }
          openConsultation = null;
        }
        case EventType.FEE_NOTICE_ISSUED -> {
          openFee = new Pause(PauseKind.FEE, e.date(), settings.feeNoticePausesClock());
          pauses.add(openFee);
          if (explain) {
            lines.add(e.date() + " 收费通知 fee notice issued: " + (settings.feeNoticePausesClock()
                ? "暂停计算 clock paused (109号)" : "不暂停 clock not paused (setting)"));
          }
        }
        case EventType.FEE_PAID -> {
          openFee.end = e.date();
          if (explain) {
            lines.add(openFee.counts ? endLine(e.date(), openFee, "缴费 fee paid") : e.date() + " 缴费 fee paid");
          }
          openFee = null;
        }
        case EventType.EXTENSION_GRANTED -> {
          extensionDays = e.workingDays();
          if (explain) {
            lines.add(e.date() + " 延期答复 extension granted (Art. 33): 增加 " + e.workingDays() + " 个工作日 +"
                + e.workingDays() + " working days after the due date");
          }
        }
        case EventType.DELAY_SET -> {
          delayDue = e.dueDate();
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

    private String endLine(final LocalDate date, final Pause p, final String what) {
      final long from = Math.max(p.start.toEpochDay(), clockStart.toEpochDay());
      int n = 0;
      for (long d = from + 1; d <= date.toEpochDay(); d++) {
        if (calendar.isWorkingEpoch(d)) {
          n++;
        }
      }
      return date + " " + what + ": " + p.start + " 至 " + date + " 的 " + n + " 个工作日不计算 " + n
          + " working days not counted";
    }

    /** Why {@code e} may not be applied to this state, or empty. */
    Optional<String> check(final ClockEvent e) {
      final String type = e.type();
      if (type == null || !isClockType(type)) {
        return Optional.empty();
      }
      if (e.date() == null) {
        return Optional.of("date is required (日期必填)");
      }
      return switch (type) {
        case EventType.CORRECTION_REQUESTED -> correctionRequestDate != null
            ? Optional.of("a second correction request is not allowed; the first was on " + correctionRequestDate
                + " (Art. 30 一次性告知)")
            : Optional.empty();
        case EventType.CORRECTION_RECEIVED -> correctionPending ? Optional.empty()
            : Optional.of("no correction is pending (没有待补正的申请, Art. 30)");
        case EventType.CONSULTATION_STARTED -> openConsultation != null
            ? Optional.of("a consultation is already open since " + openConsultation.start + " (征求意见尚未结束)")
            : Optional.empty();
        case EventType.CONSULTATION_ENDED -> endRefusal(openConsultation, e.date(),
            "no consultation is open (没有进行中的征求意见)", "consultation");
        case EventType.FEE_NOTICE_ISSUED -> openFee != null
            ? Optional.of("a fee notice is already open since " + openFee.start + " (收费通知尚未缴费)")
            : Optional.empty();
        case EventType.FEE_PAID -> endRefusal(openFee, e.date(),
            "no fee notice is open (没有待缴费的收费通知)", "fee notice");
        case EventType.EXTENSION_GRANTED -> extensionRefusal(e);
        case EventType.DELAY_SET -> {
          if (e.dueDate() == null) {
            yield Optional.of("dueDate is required (Art. 35 延迟答复须确定合理期限)");
          }
          if (e.dueDate().isBefore(e.date())) {
            yield Optional.of("dueDate " + e.dueDate() + " is before the event date " + e.date()
                + " (Art. 35 延迟答复的期限不能早于告知之日)");
          }
          yield Optional.empty();
        }
        default -> Optional.empty();
      };
    }

    private Optional<String> endRefusal(final Pause open, final LocalDate date, final String none,
                                        final String what) {
      if (open == null) {
        return Optional.of(none);
      }
      if (date.isBefore(open.start)) {
        return Optional.of("the " + what + " cannot end on " + date + ", before it began on " + open.start
            + " (结束日期早于开始日期)");
      }
      return Optional.empty();
    }

    private Optional<String> extensionRefusal(final ClockEvent e) {
      if (extensionDays != null) {
        return Optional.of("a second extension is not allowed (Art. 33 延长答复期限只能一次)");
      }
      final int max = settings.maxExtensionWorkingDays();
      if (e.workingDays() == null || e.workingDays() < 1 || e.workingDays() > max) {
        return Optional.of("workingDays must be 1.." + max + ", was " + e.workingDays()
            + " (Art. 33 延长的期限最长不得超过" + max + "个工作日)");
      }
      if (correctionPending) {
        return Optional.of("the clock is stopped for 补正 since " + correctionPendingSince
            + "; no extension while the correction is pending (补正期间答复期限不计算)");
      }
      if (settings.extensionOnlyBeforeDueDate()) {
        final LocalDate due = delayDue != null ? delayDue : LocalDate.ofEpochDay(dueEpoch(e.date().toEpochDay()));
        if (e.date().isAfter(due)) {
          return Optional.of("the extension is granted on " + e.date() + ", after the due date " + due
              + " has passed (延期须在答复期限届满前决定)");
        }
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
