package foi.tracker.core.calendar;

import java.time.LocalDate;

/**
 * What a calendar day is, for explanations: 工作日, 周末, a holiday (its name, e.g. 春节) or 调休上班 (the
 * holiday it makes up for). {@code name} is null for plain working days and plain weekends.
 */
public record DayInfo(LocalDate date, Kind kind, String name) {
  /** The four kinds of day. */
  public enum Kind {
    /** Monday–Friday, nothing declared. */
    WORKING_DAY,
    /** Saturday/Sunday, nothing declared. */
    WEEKEND,
    /** Declared off (放假), weekday or weekend. */
    HOLIDAY,
    /** A weekend day declared working (调休上班). */
    MAKE_UP_WORKING_DAY
  }

  public boolean workingDay() {
    return kind == Kind.WORKING_DAY || kind == Kind.MAKE_UP_WORKING_DAY;
  }

  /** Why the day does not count ("周末" or the holiday's name), or null for a working day. */
  public String offReason() {
    return switch (kind) {
      case WEEKEND -> "周末";
      case HOLIDAY -> name;
      default -> null;
    };
  }

  /**
   * A short bilingual label: "工作日 working day", "周末 weekend", "春节 holiday", "春节 调休上班 make-up
   * working day".
   */
  public String label() {
    return switch (kind) {
      case WORKING_DAY -> "工作日 working day";
      case WEEKEND -> "周末 weekend";
      case HOLIDAY -> name + " 放假 holiday";
      case MAKE_UP_WORKING_DAY -> name + " 调休上班 make-up working day";
    };
  }
}
