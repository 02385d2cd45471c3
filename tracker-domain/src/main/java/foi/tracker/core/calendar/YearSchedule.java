package foi.tracker.core.calendar;

import com.fasterxml.jackson.databind.JsonNode;
import foi.tracker.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One year's 部分节假日安排: days off (holidays) and weekend days worked (调休上班), with the notice it comes
 * from.
 *
 * <p>A schedule may list a few days of the neighbouring year (元旦 spill-over, e.g. the 2023 notice
 * gives 2022-12-31 off): dates must lie in {@code year}, in the December before or in the January
 * after. The constructor validates (see {@link #parse}); {@code days} is kept sorted by date.
 */
public record YearSchedule(int year, String source, List<Day> days) {
  /** The years a schedule may be for (the calendar's precomputed range). */
  public static final int MIN_YEAR = 2000;

  public static final int MAX_YEAR = 2100;

  /** {@code offDay} true: a day off; false: a weekend day that is a working day. */
  public record Day(LocalDate date, String name, boolean offDay) {
    public Day {
      if (date == null) {
        throw new InvalidScheduleException("day.date is required", null);
      }
      if (name == null || name.isBlank()) {
        throw new InvalidScheduleException("day " + date + ": name is required", date);
      }
    }
  }

  public YearSchedule {
    if (year < MIN_YEAR || year > MAX_YEAR) {
      throw new InvalidScheduleException(
          "year " + year + " is outside " + MIN_YEAR + ".." + MAX_YEAR, null);
    }
    if (days == null || days.isEmpty()) {
      throw new InvalidScheduleException(
          "the " + year + " schedule has no days (is the notice published yet?)", null);
    }
    source = source == null ? "" : source;
    final List<Day> sorted = new ArrayList<>(days.size());
    final Set<LocalDate> seen = new HashSet<>();
    final LocalDate first = LocalDate.of(year - 1, 12, 1);
    final LocalDate last = LocalDate.of(year + 1, 1, 31);
    for (final Day day : days) {
      Objects.requireNonNull(day, "days must not contain null");
      final LocalDate date = day.date();
      if (date.isBefore(first) || date.isAfter(last)) {
        throw new InvalidScheduleException(
            "day "
                + date
                + " is not in "
                + year
                + " (only December "
                + (year - 1)
                + " and January "
                + (year + 1)
                + " may spill over)",
            date);
      }
      if (!seen.add(date)) {
        throw new InvalidScheduleException(
            "day " + date + " is listed twice in the " + year + " schedule", date);
      }
      if (!day.offDay() && !isWeekend(date)) {
        throw new InvalidScheduleException(
            "day "
                + date
                + " ("
                + date.getDayOfWeek()
                + ") is declared a working day (调休上班), but only a Saturday or Sunday can be one",
            date);
      }
      sorted.add(day);
    }
    sorted.sort(Comparator.comparing(Day::date));
    days = List.copyOf(sorted);
  }

  /**
   * Reads one year in the holiday-cn format ({@code {"year": 2025, "papers": [...], "days":
   * [{"name", "date", "isOffDay"}]}}), the format of the bundled files, admin uploads and the
   * watched directory.
   *
   * @throws InvalidScheduleException with a message naming the field or date
   */
  public static YearSchedule parse(final InputStream in) {
    final JsonNode root;
    try {
      root = Json.MAPPER.readTree(in);
    } catch (IOException e) {
      throw new InvalidScheduleException("not a JSON document: " + e.getMessage(), null, e);
    }
    if (root == null || !root.isObject()) {
      throw new InvalidScheduleException("not a holiday schedule: expected a JSON object", null);
    }
    final JsonNode yearNode = root.get("year");
    if (yearNode == null || !yearNode.canConvertToInt() || !yearNode.isIntegralNumber()) {
      throw new InvalidScheduleException("year is required (an integer)", null);
    }
    final int year = yearNode.intValue();
    final JsonNode daysNode = root.get("days");
    if (daysNode == null || !daysNode.isArray()) {
      throw new InvalidScheduleException("days is required (an array)", null);
    }
    final List<Day> days = new ArrayList<>(daysNode.size());
    int index = 0;
    for (final JsonNode d : daysNode) {
      final String where = "days[" + index + "]";
      final JsonNode dateNode = d.get("date");
      if (dateNode == null || !dateNode.isTextual()) {
        throw new InvalidScheduleException(where + ".date is required (YYYY-MM-DD)", null);
      }
      final LocalDate date;
      try {
        date = LocalDate.parse(dateNode.textValue());
      } catch (DateTimeParseException e) {
        throw new InvalidScheduleException(
            where + ".date '" + dateNode.textValue() + "' is not YYYY-MM-DD", null, e);
      }
      final JsonNode nameNode = d.get("name");
      if (nameNode == null || !nameNode.isTextual() || nameNode.textValue().isBlank()) {
        throw new InvalidScheduleException(where + " (" + date + "): name is required", date);
      }
      final JsonNode offNode = d.get("isOffDay");
      if (offNode == null || !offNode.isBoolean()) {
        throw new InvalidScheduleException(
            where + " (" + date + "): isOffDay is required (true or false)", date);
      }
      days.add(new Day(date, nameNode.textValue(), offNode.booleanValue()));
      index++;
    }
    final List<String> papers = new ArrayList<>();
    final JsonNode papersNode = root.get("papers");
    if (papersNode != null && papersNode.isArray()) {
      papersNode.forEach(p -> papers.add(p.asText()));
    }
    return new YearSchedule(year, String.join("; ", papers), days);
  }

  /** The days of {@code year} itself, without the spill-over into the neighbouring years. */
  public List<Day> ownDays() {
    return days.stream().filter(d -> d.date().getYear() == year).toList();
  }

  static boolean isWeekend(final LocalDate date) {
    final DayOfWeek dow = date.getDayOfWeek();
    return dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY;
  }
}
