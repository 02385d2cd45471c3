package foi.tracker.core.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class YearScheduleTest {
  private static InputStream json(final String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  private static InvalidScheduleException invalid(final String text) {
    return assertThrows(InvalidScheduleException.class, () -> YearSchedule.parse(json(text)));
  }

  @Test
  void shouldReadTheHolidayCnFormatWhenValid() {
    final YearSchedule s =
        YearSchedule.parse(
            json(
                """
        {"year": 2023, "papers": ["a", "b"], "days": [
          {"name": "春节", "date": "2023-01-28", "isOffDay": false},
          {"name": "元旦", "date": "2022-12-31", "isOffDay": true},
          {"name": "元旦", "date": "2023-01-02", "isOffDay": true}]}"""));
    assertEquals(2023, s.year());
    assertEquals("a; b", s.source());
    assertEquals(
        List.of(
            new YearSchedule.Day(LocalDate.parse("2022-12-31"), "元旦", true),
            new YearSchedule.Day(LocalDate.parse("2023-01-02"), "元旦", true),
            new YearSchedule.Day(LocalDate.parse("2023-01-28"), "春节", false)),
        s.days());
    assertEquals(2, s.ownDays().size());
  }

  @Test
  void shouldReadEveryBundledFileWhenOnTheClasspath() throws Exception {
    for (int year = 2019; year <= 2026; year++) {
      try (InputStream in =
          getClass().getClassLoader().getResourceAsStream("holidays/" + year + ".json")) {
        assertEquals(year, YearSchedule.parse(in).year());
      }
    }
  }

  @Test
  void shouldRefuseWhenADateIsOutsideTheYear() {
    final InvalidScheduleException e =
        invalid(
            """
        {"year": 2025, "days": [{"name": "国庆节", "date": "2024-10-01", "isOffDay": true}]}""");
    assertEquals(
        "day 2024-10-01 is not in 2025 (only December 2024 and January 2026 may spill over)",
        e.getMessage());
    assertEquals(LocalDate.parse("2024-10-01"), e.date());
  }

  @Test
  void shouldRefuseWhenADateIsListedTwice() {
    final InvalidScheduleException e =
        invalid(
            """
        {"year": 2025, "days": [{"name": "元旦", "date": "2025-01-01", "isOffDay": true},
                                {"name": "元旦", "date": "2025-01-01", "isOffDay": true}]}""");
    assertEquals("day 2025-01-01 is listed twice in the 2025 schedule", e.getMessage());
  }

  @Test
  void shouldRefuseWhenAWeekdayIsDeclaredAMakeUpWorkingDay() {
    final InvalidScheduleException e =
        invalid(
            """
        {"year": 2025, "days": [{"name": "春节", "date": "2025-01-27", "isOffDay": false}]}""");
    assertEquals(
        "day 2025-01-27 (MONDAY) is declared a working day (调休上班), but only a Saturday or Sunday can be one",
        e.getMessage());
  }

  @Test
  void shouldRefuseWhenTheScheduleHasNoDays() {
    assertEquals(
        "the 2027 schedule has no days (is the notice published yet?)",
        invalid("{\"year\": 2027, \"papers\": [], \"days\": []}").getMessage());
  }

  @Test
  void shouldNameTheFieldWhenItIsMissingOrMalformed() {
    assertEquals("year is required (an integer)", invalid("{\"days\": []}").getMessage());
    assertEquals("days is required (an array)", invalid("{\"year\": 2025}").getMessage());
    assertEquals(
        "days[0].date '2025-13-01' is not YYYY-MM-DD",
        invalid(
                """
        {"year": 2025, "days": [{"name": "x", "date": "2025-13-01", "isOffDay": true}]}""")
            .getMessage());
    assertEquals(
        "days[0] (2025-01-01): isOffDay is required (true or false)",
        invalid(
                """
        {"year": 2025, "days": [{"name": "元旦", "date": "2025-01-01"}]}""")
            .getMessage());
    assertEquals(
        "days[0] (2025-01-01): name is required",
        invalid(
                """
        {"year": 2025, "days": [{"name": " ", "date": "2025-01-01", "isOffDay": true}]}""")
            .getMessage());
    assertEquals("not a holiday schedule: expected a JSON object", invalid("[1]").getMessage());
    assertEquals(
        "year 1999 is outside 2000..2100",
        invalid(
                """
        {"year": 1999, "days": [{"name": "元旦", "date": "1999-01-01", "isOffDay": true}]}""")
            .getMessage());
  }
}
