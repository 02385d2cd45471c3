package foi.tracker.core.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.ibm.icu.impl.CalendarAstronomer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class QingmingTest {
  private static final ZoneOffset CHINA = ZoneOffset.ofHours(8);

  @Test
  void shouldGiveTheDayOfTheBundledNoticesWhenTheYearIsPublished() {
    // 清明 of the official notices (domain-rules §5 and the bundled files): 2019-04-05 … 2026-04-05
    final Map<Integer, String> official =
        Map.of(
            2019,
            "2019-04-05",
            2020,
            "2020-04-04",
            2021,
            "2021-04-04",
            2022,
            "2022-04-05",
            2023,
            "2023-04-05",
            2024,
            "2024-04-04",
            2025,
            "2025-04-04",
            2026,
            "2026-04-05");
    official.forEach(
        (year, day) -> assertEquals(LocalDate.parse(day), Qingming.day(year), "清明 " + year));
    final WorkingDayCalendar bundled = WorkingDayCalendar.bundled();
    official.forEach(
        (year, day) ->
            assertEquals(
                DayInfo.Kind.HOLIDAY,
                bundled.dayInfo(LocalDate.parse(day)).kind(),
                "清明 " + year + " is a day off in the notice"));
  }

  @Test
  void shouldAgreeWithTheSolarEphemerisWhenTheTermIsNotNearMidnight() {
    final Set<Integer> tooClose = Set.of(2005, 2009, 2034, 2038, 2042, 2067, 2071, 2075, 2100);
    final List<Integer> near = new ArrayList<>();
    for (int year = Qingming.FIRST_YEAR; year <= Qingming.LAST_YEAR; year++) {
      final long from =
          LocalDate.of(year, 3, 25).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
      final long at = new CalendarAstronomer(from).getSunTime(Math.toRadians(15), true);
      final ZonedDateTime term = Instant.ofEpochMilli(at).atZone(CHINA);
      final int minute = term.getHour() * 60 + term.getMinute();
      if (minute < 60 || minute >= 23 * 60) {
        near.add(year);
      } else {
        assertEquals(term.toLocalDate(), Qingming.day(year), "清明 " + year + " at " + term);
      }
    }
    assertEquals(
        tooClose,
        Set.copyOf(near),
        "the years whose term falls within an hour of midnight (class Javadoc)");
  }

  @Test
  void shouldRefuseAYearOutsideTheFormulasCentury() {
    assertEquals(LocalDate.of(2100, 4, 5), Qingming.day(2100));
    assertThrows(IllegalArgumentException.class, () -> Qingming.day(2000));
    assertThrows(IllegalArgumentException.class, () -> Qingming.day(2101));
  }
}
