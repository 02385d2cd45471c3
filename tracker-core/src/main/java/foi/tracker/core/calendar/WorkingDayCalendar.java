package foi.tracker.core.calendar;

import java.time.LocalDate;
import java.util.Set;

/**
 * 工作日 calendar of the PRC: Monday–Friday not declared off, plus weekend days declared working (调休上班), from the
 * State Council's yearly holiday notices. Years without a loaded schedule fall back to weekends only and are
 * provisional. Immutable; {@link #withSchedule} returns a new calendar. (API stub: implemented in its own change.)
 */
public final class WorkingDayCalendar {
  private WorkingDayCalendar() {
  }

  /** The schedules bundled with the project (2019–2026). */
  public static WorkingDayCalendar bundled() {
    throw new UnsupportedOperationException("todo");
  }

  public WorkingDayCalendar withSchedule(final YearSchedule schedule) {
    throw new UnsupportedOperationException("todo");
  }

  public boolean isWorkingDay(final LocalDate day) {
    throw new UnsupportedOperationException("todo");
  }

  public boolean isLoaded(final int year) {
    throw new UnsupportedOperationException("todo");
  }

  public Set<Integer> loadedYears() {
    throw new UnsupportedOperationException("todo");
  }

  /** The N-th working day strictly after {@code start} (the start day itself is not counted, 民法典 Art. 201). */
  public LocalDate nthWorkingDayAfter(final LocalDate start, final int n) {
    throw new UnsupportedOperationException("todo");
  }

  /** Working days d with {@code from} &lt; d ≤ {@code to}; negative (−count of to &lt; d ≤ from) when to is before from. */
  public int workingDaysBetween(final LocalDate from, final LocalDate to) {
    throw new UnsupportedOperationException("todo");
  }

  public DueDate dueDate(final LocalDate from, final int workingDays) {
    throw new UnsupportedOperationException("todo");
  }
}
