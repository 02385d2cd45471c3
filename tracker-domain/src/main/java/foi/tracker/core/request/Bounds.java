package foi.tracker.core.request;

import foi.tracker.core.event.Amended;
import foi.tracker.core.event.CorrectionRequested;
import foi.tracker.core.event.DelaySet;
import foi.tracker.core.event.Reopened;
import foi.tracker.core.event.RequestEvent;
import java.time.LocalDate;
import java.util.Optional;

/**
 * The bounds on input (api.md "Bounds on input"), enforced where the state is built: the processor
 * never trusts the log. Dates on or after {@link #EARLIEST_DATE}; the dates that name a future day
 * (the {@code dueDate} of DELAY_SET and REOPENED, the {@code dueBy} of CORRECTION_REQUESTED) at
 * most {@link #MAX_YEARS_AHEAD} years after their event; at most {@link #MAX_REFUSED_EVENTS}
 * refused events kept on a request; a stored request state at most {@link #MAX_STATE_BYTES} encoded
 * (under Kafka's 1 MB record limit, so the changelog write cannot fail).
 */
public final class Bounds {
  /** The 2008 条例 took effect on this day; no date of the tracker is earlier. */
  public static final LocalDate EARLIEST_DATE = LocalDate.of(2008, 5, 1);

  /** A due date or 补正 period named by an event is at most this many years after the event. */
  public static final int MAX_YEARS_AHEAD = 2;

  /**
   * The refused events a request keeps after its application; a further step that would be refused
   * is not kept.
   */
  public static final int MAX_REFUSED_EVENTS = 1_000;

  /** The largest request state written to the store and its changelog (encoded bytes, ~900 KB). */
  public static final int MAX_STATE_BYTES = 900 * 1024;

  /**
   * A dead letter keeps the record's bytes only up to this size (the offset finds the rest in the
   * log), so that a record near the broker's limit cannot make its own dead letter too large to
   * write.
   */
  public static final int MAX_DEAD_LETTER_VALUE_BYTES = 256 * 1024;

  /** A dead letter's reason is cut at this many characters. */
  public static final int MAX_DEAD_LETTER_REASON_CHARS = 2_000;

  /**
   * The reason on a request of an event the processor could not handle (api.md "What became of a
   * step").
   */
  public static final String UNHANDLED_REASON = "系统无法处理此记录，已转人工处理";

  private Bounds() {}

  /**
   * The bytes a dead letter keeps of a record: the record's own, or null when they are over the
   * bound.
   */
  public static String deadLetterValue(final byte[] value) {
    return value == null || value.length > MAX_DEAD_LETTER_VALUE_BYTES
        ? null
        : java.util.Base64.getEncoder().encodeToString(value);
  }

  /** A dead letter's reason, cut at {@link #MAX_DEAD_LETTER_REASON_CHARS}. */
  public static String deadLetterReason(final String reason) {
    return reason == null || reason.length() <= MAX_DEAD_LETTER_REASON_CHARS
        ? reason
        : reason.substring(0, MAX_DEAD_LETTER_REASON_CHARS) + "…";
  }

  /**
   * Why {@code e} is outside the bounds on its dates as seen on {@code today} (China), or empty
   * (null dates are left to the other checks): a date in the future is {@link
   * RefusalCode#FUTURE_DATE}, one before 2008-05-01 or a named future day too far ahead {@link
   * RefusalCode#OUT_OF_BOUNDS}.
   */
  public static Optional<Refusal> dateRefusal(final RequestEvent e, final LocalDate today) {
    // a date after the day it was recorded is the rules' own FUTURE_DATE, with their reason; here
    // only an event that
    // carries no recording time is held against today
    final LocalDate latest = e.recordedAt() == null ? today : null;
    Optional<Refusal> r =
        firstOf(notBefore("date", "日期", e.date()), notAfter("date", "日期", e.date(), latest));
    if (r.isEmpty() && e instanceof Amended a) {
      r =
          firstOf(
              notBefore("receivedDate", "收到申请日期", a.receivedDate()),
              notBefore("decidedDate", "答复日期", a.decidedDate()),
              notBefore("filedDate", "立案日期", a.filedDate()),
              notBefore("concludedDate", "审结日期", a.concludedDate()),
              notAfter("receivedDate", "收到申请日期", a.receivedDate(), latest),
              notAfter("decidedDate", "答复日期", a.decidedDate(), latest),
              notAfter("filedDate", "立案日期", a.filedDate(), latest),
              notAfter("concludedDate", "审结日期", a.concludedDate(), latest));
    } else if (r.isEmpty() && e instanceof DelaySet d) {
      r = notTooFar("dueDate", "延迟答复期限", e.date(), d.dueDate());
    } else if (r.isEmpty() && e instanceof Reopened o) {
      r = notTooFar("dueDate", "重新答复期限", e.date(), o.dueDate());
    } else if (r.isEmpty() && e instanceof CorrectionRequested c) {
      r = notTooFar("dueBy", "补正期限", e.date(), c.dueBy());
    }
    return r;
  }

  /** The latest day a future date named by an event dated {@code eventDate} may be. */
  public static LocalDate latestAhead(final LocalDate eventDate) {
    return eventDate.plusYears(MAX_YEARS_AHEAD);
  }

  // each reason: the Chinese name of the field first, its code name in the English parenthesis
  // (api.md "For people")

  private static Optional<Refusal> notBefore(
      final String field, final String name, final LocalDate d) {
    if (d != null && d.isBefore(EARLIEST_DATE)) {
      return Optional.of(
          RequestRules.refusalOf(
              RefusalCode.OUT_OF_BOUNDS,
              name + " " + d + " 早于 " + EARLIEST_DATE + "（政府信息公开条例施行之日），超出受理范围",
              field + " " + d + " is before " + EARLIEST_DATE + ", outside the tracker's bounds"));
    }
    return Optional.empty();
  }

  private static Optional<Refusal> notAfter(
      final String field, final String name, final LocalDate d, final LocalDate today) {
    if (d != null && today != null && d.isAfter(today)) {
      return Optional.of(
          RequestRules.refusalOf(
              RefusalCode.FUTURE_DATE,
              name + " " + d + " 晚于今天 " + today + "，超出受理范围",
              field + " " + d + " is after today, " + today + ": a date may not be in the future"));
    }
    return Optional.empty();
  }

  private static Optional<Refusal> notTooFar(
      final String field, final String name, final LocalDate eventDate, final LocalDate d) {
    if (d != null && eventDate != null && d.isAfter(latestAhead(eventDate))) {
      return Optional.of(
          RequestRules.refusalOf(
              RefusalCode.OUT_OF_BOUNDS,
              name
                  + " "
                  + d
                  + " 晚于事件日期 "
                  + eventDate
                  + " 后 "
                  + MAX_YEARS_AHEAD
                  + " 年（"
                  + latestAhead(eventDate)
                  + "），超出受理范围",
              field
                  + " "
                  + d
                  + " is more than "
                  + MAX_YEARS_AHEAD
                  + " years after the event's date "
                  + eventDate));
    }
    return Optional.empty();
  }

  @SafeVarargs
  private static Optional<Refusal> firstOf(final Optional<Refusal>... checks) {
    for (Optional<Refusal> c : checks) {
      if (c.isPresent()) {
        return c;
      }
    }
    return Optional.empty();
  }
}
