package foi.tracker.core.calendar;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * 工作日 calendar of the PRC: Monday–Friday not declared off, plus weekend days declared working
 * (调休上班), from the State Council's yearly holiday notices. A year without a loaded schedule is
 * provisional: its working days are Monday–Friday except the statutory holidays of the 放假办法 in
 * force that year ({@link StatutoryHolidays}), with no 调休 and no 补假. Immutable; {@link
 * #withSchedule} returns a new calendar.
 *
 * <p>Every day from {@value #FIRST_YEAR}-01-01 to {@value #LAST_YEAR}-12-31 is precomputed (a
 * working-day flag and a running count), so {@link #isWorkingDay} is an array read, {@link
 * #workingDaysBetween} a subtraction and {@link #nthWorkingDayAfter} a binary search; days outside
 * that range follow the weekend rule alone, counted by whole weeks. No method walks day by day over
 * a range given by its caller (a due date of 9999-12-31 costs no more than one next month).
 */
public final class WorkingDayCalendar {
  static final int FIRST_YEAR = YearSchedule.MIN_YEAR - 1;
  static final int LAST_YEAR = YearSchedule.MAX_YEAR + 1;
  private static final long BASE = LocalDate.of(FIRST_YEAR, 1, 1).toEpochDay();
  private static final int SPAN = (int) (LocalDate.of(LAST_YEAR + 1, 1, 1).toEpochDay() - BASE);
  private static final String RESOURCE_DIR = "holidays/";

  private final Map<Integer, YearSchedule> schedules;
  private final boolean[] working;

  /** cumulative[i] = working days in [BASE, BASE + i). */
  private final int[] cumulative;

  private final boolean[] loaded;
  private final Map<LocalDate, YearSchedule.Day> declared;

  private WorkingDayCalendar(final Map<Integer, YearSchedule> schedules) {
    this.schedules = Collections.unmodifiableMap(new TreeMap<>(schedules));
    this.working = new boolean[SPAN];
    for (int i = 0; i < SPAN; i++) {
      working[i] = !isWeekendEpoch(BASE + i);
    }
    final Map<LocalDate, YearSchedule.Day> days = new HashMap<>();
    // the statutory holidays of the years not loaded first, then spill-over days, so that a notice
    // wins over the
    // computed holidays and a year's own schedule over its neighbour's
    for (int year = FIRST_YEAR; year <= LAST_YEAR; year++) {
      if (!this.schedules.containsKey(year)) {
        for (final YearSchedule.Day d : StatutoryHolidays.of(year)) {
          days.put(d.date(), d);
        }
      }
    }
    for (final YearSchedule s : this.schedules.values()) {
      for (final YearSchedule.Day d : s.days()) {
        if (d.date().getYear() != s.year()) {
          days.put(d.date(), d);
        }
      }
    }
    for (final YearSchedule s : this.schedules.values()) {
      for (final YearSchedule.Day d : s.days()) {
        if (d.date().getYear() == s.year()) {
          days.put(d.date(), d);
        }
      }
    }
    for (final YearSchedule.Day d : days.values()) {
      final long i = d.date().toEpochDay() - BASE;
      if (i >= 0 && i < SPAN) {
        working[(int) i] = !d.offDay();
      }
    }
    this.declared = Map.copyOf(days);
    this.cumulative = new int[SPAN + 1];
    for (int i = 0; i < SPAN; i++) {
      cumulative[i + 1] = cumulative[i] + (working[i] ? 1 : 0);
    }
    this.loaded = new boolean[LAST_YEAR - FIRST_YEAR + 1];
    for (final Integer year : this.schedules.keySet()) {
      loaded[year - FIRST_YEAR] = true;
    }
  }

  /** The schedules bundled with the project (2019–2026), listed in {@code holidays/index.txt}. */
  public static WorkingDayCalendar bundled() {
    return Bundled.INSTANCE;
  }

  /** A calendar of exactly these schedules (e.g. a watched directory). */
  public static WorkingDayCalendar of(final Collection<YearSchedule> schedules) {
    final Map<Integer, YearSchedule> byYear = new TreeMap<>();
    for (final YearSchedule s : schedules) {
      if (byYear.put(s.year(), s) != null) {
        throw new InvalidScheduleException("two schedules for " + s.year(), null);
      }
    }
    return new WorkingDayCalendar(byYear);
  }

  /** No schedule at all: every date provisional (Monday–Friday less the statutory holidays). */
  public static WorkingDayCalendar provisionalOnly() {
    return new WorkingDayCalendar(Map.of());
  }

  /** A new calendar with {@code schedule}'s year added, or replaced if it was loaded. */
  public WorkingDayCalendar withSchedule(final YearSchedule schedule) {
    Objects.requireNonNull(schedule, "schedule");
    final Map<Integer, YearSchedule> next = new TreeMap<>(schedules);
    next.put(schedule.year(), schedule);
    return new WorkingDayCalendar(next);
  }

  /** A new calendar without {@code year}'s schedule (it becomes provisional again). */
  public WorkingDayCalendar withoutSchedule(final int year) {
    final Map<Integer, YearSchedule> next = new TreeMap<>(schedules);
    next.remove(year);
    return new WorkingDayCalendar(next);
  }

  public boolean isWorkingDay(final LocalDate day) {
    return isWorkingEpoch(day.toEpochDay());
  }

  /**
   * {@link #isWorkingDay} on an epoch day ({@link LocalDate#toEpochDay()}), for allocation-free
   * loops.
   */
  public boolean isWorkingEpoch(final long epochDay) {
    final long i = epochDay - BASE;
    if (i >= 0 && i < SPAN) {
      return working[(int) i];
    }
    return !isWeekendEpoch(epochDay);
  }

  public boolean isLoaded(final int year) {
    return year >= FIRST_YEAR && year <= LAST_YEAR && loaded[year - FIRST_YEAR];
  }

  public Set<Integer> loadedYears() {
    return Collections.unmodifiableSet(new TreeSet<>(schedules.keySet()));
  }

  public Optional<YearSchedule> schedule(final int year) {
    return Optional.ofNullable(schedules.get(year));
  }

  /**
   * The N-th working day strictly after {@code start} (the start day itself is not counted, 民法典
   * Art. 201). Never walks day by day over a long range: a binary search of the running count
   * inside the precomputed years, whole weeks of the weekend rule outside them.
   */
  public LocalDate nthWorkingDayAfter(final LocalDate start, final int n) {
    if (n < 0) {
      throw new IllegalArgumentException("n must be >= 0, was " + n);
    }
    long e = start.toEpochDay();
    long left = n;
    while (left > 0) {
      final long i = e - BASE;
      if (i >= -1 && i < SPAN - 1) {
        // the days after e up to the end of the span: working days in [BASE, e] are cumulative[i +
        // 1]
        final long target = cumulative[(int) i + 1] + left;
        if (target <= cumulative[SPAN]) {
          int lo = (int) i + 2;
          int hi = SPAN;
          while (lo < hi) {
            final int mid = (lo + hi) >>> 1;
            if (cumulative[mid] >= target) {
              hi = mid;
            } else {
              lo = mid + 1;
            }
          }
          return LocalDate.ofEpochDay(BASE + lo - 1);
        }
        left -= cumulative[SPAN] - cumulative[(int) i + 1];
        e = BASE + SPAN - 1;
        continue;
      }
      // outside the span: the weekend rule alone, whose every 7 consecutive days hold 5 working
      // days
      long weeks = (left - 1) / 5;
      if (e < BASE - 1) {
        weeks = Math.min(weeks, (BASE - 1 - e) / 7);
      }
      if (weeks > 0) {
        e += 7 * weeks;
        left -= 5 * weeks;
        continue;
      }
      e++;
      if (isWorkingEpoch(e)) {
        left--;
      }
    }
    return LocalDate.ofEpochDay(e);
  }

  /**
   * Working days d with {@code from} &lt; d ≤ {@code to}; negative (−count of to &lt; d ≤ from)
   * when to is before from.
   */
  public int workingDaysBetween(final LocalDate from, final LocalDate to) {
    final long a = from.toEpochDay();
    final long b = to.toEpochDay();
    return a <= b ? countAfterThrough(a, b) : -countAfterThrough(b, a);
  }

  /**
   * Working days d with {@code a} &lt; d ≤ {@code b} (epoch days, a ≤ b), in constant time whatever
   * the range.
   */
  int countAfterThrough(final long a, final long b) {
    final long first = BASE - 1;
    final long last = BASE + SPAN - 1;
    long count = 0;
    if (a < first) {
      count += weekdaysAfterThrough(a, Math.min(b, first));
    }
    final long lo = Math.max(a, first);
    final long hi = Math.min(b, last);
    if (lo < hi) {
      count += cumulative[(int) (hi - BASE) + 1] - cumulative[(int) (lo - BASE) + 1];
    }
    if (b > last) {
      count += weekdaysAfterThrough(Math.max(a, last), b);
    }
    return Math.toIntExact(count);
  }

  /** Monday to Friday d with {@code a} &lt; d ≤ {@code b} (the weekend rule alone). */
  private static long weekdaysAfterThrough(final long a, final long b) {
    return b <= a ? 0 : weekdaysThrough(b) - weekdaysThrough(a);
  }

  /**
   * Monday to Friday up to and including {@code e}, counted from the Monday 1970-01-05 (negative
   * before it).
   */
  private static long weekdaysThrough(final long e) {
    final long k = e - 4;
    return 5 * Math.floorDiv(k, 7L) + Math.min(Math.floorMod(k, 7L) + 1, 5);
  }

  public DueDate dueDate(final LocalDate from, final int workingDays) {
    final LocalDate due = nthWorkingDayAfter(from, workingDays);
    return new DueDate(from, workingDays, due, isProvisional(from, due));
  }

  /**
   * True when a day d with {@code from} &lt; d ≤ {@code to} falls in a year whose schedule is not
   * loaded.
   */
  public boolean isProvisional(final LocalDate from, final LocalDate to) {
    if (!to.isAfter(from)) {
      return false;
    }
    final int first = from.plusDays(1).getYear();
    for (int y = first; y <= to.getYear(); y++) {
      if (!isLoaded(y)) {
        return true;
      }
    }
    return false;
  }

  /** What {@code day} is: 工作日, 周末, a holiday (with its name) or 调休上班. */
  public DayInfo dayInfo(final LocalDate day) {
    final YearSchedule.Day d = declared.get(day);
    if (d != null) {
      if (d.offDay()) {
        return new DayInfo(day, DayInfo.Kind.HOLIDAY, d.name());
      }
      return new DayInfo(day, DayInfo.Kind.MAKE_UP_WORKING_DAY, d.name());
    }
    return YearSchedule.isWeekend(day)
        ? new DayInfo(day, DayInfo.Kind.WEEKEND, null)
        : new DayInfo(day, DayInfo.Kind.WORKING_DAY, null);
  }

  /** A bilingual label of {@code day}, e.g. "2024-02-04 春节 调休上班 make-up working day". */
  public String describe(final LocalDate day) {
    return day + " " + dayInfo(day).label();
  }

  /** Working days in the calendar year {@code year}. */
  public int workingDaysInYear(final int year) {
    return workingDaysBetween(LocalDate.of(year - 1, 12, 31), LocalDate.of(year, 12, 31));
  }

  @Override
  public String toString() {
    return "WorkingDayCalendar" + schedules.keySet();
  }

  private static boolean isWeekendEpoch(final long epochDay) {
    // 1970-01-01 (epoch day 0) was a Thursday; 0 = Monday
    final int dow = (int) Math.floorMod(epochDay + 3, 7L);
    return dow >= 5;
  }

  /** Reads the bundled schedules once. */
  private static final class Bundled {
    static final WorkingDayCalendar INSTANCE = load();

    private static WorkingDayCalendar load() {
      final ClassLoader loader = WorkingDayCalendar.class.getClassLoader();
      final List<YearSchedule> schedules = new ArrayList<>();
      for (final String year : readIndex(loader)) {
        final String name = RESOURCE_DIR + year + ".json";
        try (InputStream in = loader.getResourceAsStream(name)) {
          if (in == null) {
            throw new IllegalStateException(
                "holiday schedule " + name + " is listed in index.txt but missing");
          }
          final YearSchedule s = YearSchedule.parse(in);
          if (!Integer.toString(s.year()).equals(year)) {
            throw new IllegalStateException(name + " holds the schedule of " + s.year());
          }
          schedules.add(s);
        } catch (IOException e) {
          throw new UncheckedIOException("cannot read " + name, e);
        } catch (InvalidScheduleException e) {
          throw new IllegalStateException(name + ": " + e.getMessage(), e);
        }
      }
      return of(schedules);
    }

    private static List<String> readIndex(final ClassLoader loader) {
      final String name = RESOURCE_DIR + "index.txt";
      try (InputStream in = loader.getResourceAsStream(name)) {
        if (in == null) {
          throw new IllegalStateException("missing resource " + name);
        }
        final List<String> years = new ArrayList<>();
        final BufferedReader reader =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
          final String t = line.strip();
          if (!t.isEmpty() && !t.startsWith("#")) {
            years.add(t);
          }
        }
        return years;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + name, e);
      }
    }
  }
}
