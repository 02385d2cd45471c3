package foi.tracker.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import foi.tracker.core.request.RequestRules;
import foi.tracker.core.topic.Topics;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The admin loads next year's 部分节假日安排 as soon as the State Council publishes it: the call validates
 * it, writes it to the calendar topic, and the dashboard's due dates into that year stop being
 * provisional and move past the new days off. A bad schedule is refused naming the field, and
 * nothing is written.
 */
class HolidayUploadIT {
  private static final String ADMIN = "holiday-admin-token-0123456789";

  @Test
  void shouldMakeNextYearsDueDatesOfficialWhenTheAdminLoadsItsSchedule() throws Exception {
    try (TrackerStack stack = TrackerStack.start(ADMIN)) {
      final TestHttp in = stack.ingestHttp();
      final TestHttp out = stack.dashboardHttp();
      final String bootstrap = stack.bootstrapServers();
      // a year no bundled schedule covers (the bundle ends with 2026)
      final int year = Math.max(2027, LocalDate.now(RequestRules.CHINA).getYear() + 1);
      final LocalDate from = LocalDate.of(year, 1, 4);
      final String dueDate = "/api/v1/calendar/due-date?from=" + from + "&workingDays=20";
      final JsonNode provisional = out.get(dueDate, null).json();
      assertTrue(provisional.get("provisional").asBoolean(), provisional.toString());
      assertEquals(
          nthWeekdayAfter(from, 20, Set.of()).toString(), provisional.get("dueDate").asText());

      // days off: the weekdays of 11–15 January; a working Saturday (调休上班) on 16 January if it is
      // one
      final List<LocalDate> off = new ArrayList<>();
      final StringBuilder days = new StringBuilder();
      for (LocalDate d = LocalDate.of(year, 1, 11);
          !d.isAfter(LocalDate.of(year, 1, 15));
          d = d.plusDays(1)) {
        if (!isWeekend(d)) {
          off.add(d);
          days.append(days.length() == 0 ? "" : ",")
              .append("{\"name\":\"测试假期\",\"date\":\"")
              .append(d)
              .append("\",\"isOffDay\":true}");
        }
      }
      final String schedule =
          "{\"year\":"
              + year
              + ",\"papers\":[\"国办发明电〔"
              + (year - 1)
              + "〕测试\"],"
              + "\"days\":["
              + days
              + "]}";

      final int calendarRecords = TestHttp.readAll(bootstrap, Topics.CALENDAR.name()).size();
      final String path = "/api/v1/calendar/holidays/" + year;
      assertRefused(in.send("PUT", path, null, schedule), 401, "UNAUTHORIZED", null);
      assertRefused(
          in.send("PUT", "/api/v1/calendar/holidays/" + (year + 1), ADMIN, schedule),
          400,
          "INVALID_FIELD",
          "year");
      assertRefused(
          in.send(
              "PUT",
              path,
              ADMIN,
              "{\"year\":"
                  + year
                  + ",\"days\":[{\"name\":\"x\",\"date\":\""
                  + from
                  + "\",\"isOffDay\":false}]}"),
          400,
          "INVALID_FIELD",
          "days");
      assertRefused(
          in.send("PUT", path, ADMIN, "{\"year\":" + year + ",\"days\":[]}"),
          400,
          "INVALID_FIELD",
          "days");
      assertRefused(in.send("PUT", path, ADMIN, "{\"year\":"), 400, "BAD_JSON", null);
      assertRefused(
          in.send("PUT", "/api/v1/calendar/holidays/next", ADMIN, schedule),
          400,
          "INVALID_FIELD",
          "year");
      assertEquals(
          calendarRecords,
          TestHttp.readAll(bootstrap, Topics.CALENDAR.name()).size(),
          "nothing written on a refusal");

      final TestHttp.Resp loaded = in.send("PUT", path, ADMIN, schedule);
      assertEquals(200, loaded.status(), loaded.toString());
      assertEquals(off.size(), loaded.json().get("days").asInt(), loaded.toString());
      final String expected = nthWeekdayAfter(from, 20, Set.copyOf(off)).toString();
      Awaitility.await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> !out.get(dueDate, null).json().get("provisional").asBoolean());
      final JsonNode official = out.get(dueDate, null).json();
      assertEquals(
          expected, official.get("dueDate").asText(), "moved past " + off + ": " + official);
      assertEquals(calendarRecords + 1, TestHttp.readAll(bootstrap, Topics.CALENDAR.name()).size());
    }
  }

  private static void assertRefused(
      final TestHttp.Resp r, final int status, final String error, final String field) {
    assertEquals(status, r.status(), r.toString());
    assertEquals(error, r.json().get("error").asText(), r.toString());
    assertEquals(
        field, r.json().hasNonNull("field") ? r.json().get("field").asText() : null, r.toString());
  }

  /** The oracle: weekdays only, minus the listed days off (no 调休 in this schedule). */
  private static LocalDate nthWeekdayAfter(
      final LocalDate start, final int n, final Set<LocalDate> off) {
    LocalDate d = start;
    int counted = 0;
    while (counted < n) {
      d = d.plusDays(1);
      if (!isWeekend(d) && !off.contains(d)) {
        counted++;
      }
    }
    return d;
  }

  private static boolean isWeekend(final LocalDate d) {
    return d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY;
  }
}
