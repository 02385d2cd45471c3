package foi.tracker.ingest;

import static foi.tracker.ingest.Answers.guard;

import foi.tracker.core.api.ApiException;
import foi.tracker.core.api.Reply;
import foi.tracker.core.calendar.InvalidScheduleException;
import foi.tracker.core.calendar.YearSchedule;
import foi.tracker.core.json.Json;
import foi.tracker.core.topic.Topics;
import java.util.LinkedHashMap;
import java.util.Map;

/** 节假日安排上传: a year's holiday schedule validated and written to the calendar topic (admin). */
final class HolidayUploads {
  private final IngestLedger ledger;
  private final Callers callers;
  private final RecordWrites writes;

  HolidayUploads(final IngestLedger ledger, final Callers callers, final RecordWrites writes) {
    this.ledger = ledger;
    this.callers = callers;
    this.writes = writes;
  }

  /**
   * PUT /api/v1/calendar/holidays/{year} (admin): a newly published 部分节假日安排 in the holiday-cn
   * format, validated and written to the calendar topic; every processor recomputes the open
   * deadlines and the dashboards use it.
   */
  Reply putHolidaySchedule(final String authorization, final String yearText, final byte[] body) {
    return guard(
        () -> {
          callers.requireAdmin(authorization);
          final int year;
          try {
            year = Integer.parseInt(yearText);
          } catch (NumberFormatException e) {
            throw ApiException.badField(
                "year", "年份无效：" + yearText, "'" + yearText + "' is not a year");
          }
          if (body == null || body.length == 0) {
            throw ApiException.of(
                400,
                "BAD_JSON",
                null,
                "请求体为空，应为该年度的节假日安排 JSON",
                "the body must be the year's schedule as JSON");
          }
          try {
            Json.MAPPER.readTree(body);
          } catch (java.io.IOException e) {
            throw ApiException.of(
                400, "BAD_JSON", null, "请求体不是有效的 JSON", "the body is not valid JSON");
          }
          final YearSchedule schedule;
          try {
            schedule = YearSchedule.parse(new java.io.ByteArrayInputStream(body));
          } catch (InvalidScheduleException e) {
            final String field = e.getMessage().startsWith("year") ? "year" : "days";
            throw ApiException.badField(field, "节假日安排无效", e.getMessage());
          }
          if (schedule.year() != year) {
            throw ApiException.badField(
                "year",
                "年份不一致：请求体为 " + schedule.year() + " 年的安排，路径为 " + year + " 年",
                "the body is the " + schedule.year() + " schedule, the path says " + year);
          }
          writes.write(Topics.CALENDAR.name(), null, String.valueOf(year), Json.write(schedule));
          ledger.applySchedule(schedule);
          final Map<String, Object> out = new LinkedHashMap<>();
          out.put("year", year);
          out.put("days", schedule.days().size());
          out.put("source", schedule.source());
          return Reply.of(200, out);
        });
  }
}
