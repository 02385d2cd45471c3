package foi.tracker.core.calendar;

import java.time.LocalDate;
import java.util.List;

/** One year's 部分节假日安排: days off (holidays) and weekend days worked (调休上班), with the notice it comes from. */
public record YearSchedule(int year, String source, List<Day> days) {
  /** {@code offDay} true: a day off; false: a weekend day that is a working day. */
  public record Day(LocalDate date, String name, boolean offDay) {
  }
}
