package foi.tracker.core.deadline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import foi.tracker.core.calendar.WorkingDayCalendar;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * api.md "For people": every line of a request's explanation is Chinese first. For a rich set of
 * clock histories (each kind of line: receipt, each step, refused steps, caps, lapses, late steps,
 * excluded-day summaries cut or not, each status, provisional years), every line starts (after its
 * date, when it has one) with a Chinese character, has no Latin letter before its first '(' and
 * ends with the English in one trailing parenthesis.
 */
class ExplanationTextTest {
  private static final WorkingDayCalendar CAL = WorkingDayCalendar.bundled();
  private static final DeadlineClock CLOCK =
      new DeadlineClock(CAL, DeadlineSettings.fromEnvironment(Map.of()));
  private static final DeadlineClock FEE_NOT_PAUSING =
      new DeadlineClock(CAL, new DeadlineSettings(20, 7, 3, 20, true, false, 15));
  private static final LocalDate MAR3 = d("2025-03-03");
  private static final Pattern LEADING_DATE = Pattern.compile("^\\d{4}-\\d{2}-\\d{2} ");
  private static final Pattern LATIN = Pattern.compile("[A-Za-z]");

  private static LocalDate d(final String iso) {
    return LocalDate.parse(iso);
  }

  private static ClockEvent ev(final String type, final String date) {
    return new ClockEvent(type, date == null ? null : d(date), null, null);
  }

  private static ClockEvent ev(
      final String type, final String date, final Integer days, final String dueDate) {
    return new ClockEvent(type, d(date), days, dueDate == null ? null : d(dueDate));
  }

  /** One history evaluated on some days, open and answered. */
  private record Case(
      DeadlineClock clock, LocalDate received, List<ClockEvent> events, List<String> days) {}

  private static Case at(final List<ClockEvent> events, final String... days) {
    return new Case(CLOCK, MAR3, events, List.of(days));
  }

  private static List<Case> histories() {
    final List<Case> cases = new ArrayList<>();
    // nothing but the receipt: on track, due soon, overdue, answered on time and late
    cases.add(at(List.of(), "2025-03-03", "2025-03-27", "2025-04-15"));
    // over Spring Festival
    cases.add(new Case(CLOCK, d("2025-01-20"), List.of(), List.of("2025-01-20", "2025-03-10")));
    // before the Regulation took effect
    cases.add(new Case(CLOCK, d("2019-05-14"), List.of(), List.of("2019-07-01")));
    // a provisional count: the due date in an unloaded year, and a due date far ahead (years cut,
    // days cut)
    cases.add(new Case(CLOCK, d("2026-12-15"), List.of(), List.of("2026-12-15")));
    cases.add(at(List.of(ev("DELAY_SET", "2025-03-10", null, "9999-12-31")), "2026-06-30"));
    // a 补正 late, with the default period, then received after its period, restarting the count
    cases.add(
        at(
            List.of(
                ev("CORRECTION_REQUESTED", "2025-03-13"), ev("CORRECTION_RECEIVED", "2025-04-10")),
            "2025-03-20",
            "2025-04-05",
            "2025-04-11"));
    // a 补正 with its own period, lapsed; and one that drops an earlier extension and delay
    cases.add(
        at(
            List.of(ev("CORRECTION_REQUESTED", "2025-03-05", null, "2025-03-20")),
            "2025-03-10",
            "2025-03-21"));
    cases.add(
        at(
            List.of(
                ev("EXTENSION_GRANTED", "2025-03-05", 5, null),
                ev("DELAY_SET", "2025-03-06", null, "2025-05-30"),
                ev("CORRECTION_REQUESTED", "2025-03-07", null, "2025-03-20"),
                ev("CORRECTION_RECEIVED", "2025-03-12")),
            "2025-03-12",
            "2025-06-30"));
    // a 补正 after the due date, and its answer
    cases.add(
        at(
            List.of(
                ev("CORRECTION_REQUESTED", "2025-04-02"), ev("CORRECTION_RECEIVED", "2025-04-03")),
            "2025-04-03"));
    // a consultation: open, ended, capped, ended after its cap, after the due date
    cases.add(at(List.of(ev("CONSULTATION_STARTED", "2025-03-10")), "2025-03-12", "2025-04-01"));
    cases.add(
        at(
            List.of(
                ev("CONSULTATION_STARTED", "2025-03-10"), ev("CONSULTATION_ENDED", "2025-03-14")),
            "2025-03-17"));
    cases.add(
        at(
            List.of(
                ev("CONSULTATION_STARTED", "2025-03-10"), ev("CONSULTATION_ENDED", "2025-04-10")),
            "2025-04-10"));
    cases.add(
        at(
            List.of(
                ev("CONSULTATION_STARTED", "2025-04-01"), ev("CONSULTATION_ENDED", "2025-04-03")),
            "2025-04-03"));
    // fees: paused and paid, lapsed, paid after the period, a notice after the due date, a setting
    // that does not pause
    cases.add(
        at(
            List.of(ev("FEE_NOTICE_ISSUED", "2025-03-05"), ev("FEE_PAID", "2025-03-12")),
            "2025-03-07",
            "2025-03-12"));
    cases.add(at(List.of(ev("FEE_NOTICE_ISSUED", "2025-03-05")), "2025-04-03"));
    cases.add(
        at(
            List.of(ev("FEE_NOTICE_ISSUED", "2025-03-05"), ev("FEE_PAID", "2025-04-08")),
            "2025-04-08"));
    cases.add(
        at(
            List.of(ev("FEE_NOTICE_ISSUED", "2025-04-02"), ev("FEE_PAID", "2025-04-03")),
            "2025-04-03"));
    cases.add(
        new Case(
            FEE_NOT_PAUSING,
            MAR3,
            List.of(ev("FEE_NOTICE_ISSUED", "2025-03-05"), ev("FEE_PAID", "2025-03-07")),
            List.of("2025-03-06", "2025-03-10")));
    // two pauses open at once
    cases.add(
        at(
            List.of(
                ev("CONSULTATION_STARTED", "2025-03-05"), ev("FEE_NOTICE_ISSUED", "2025-03-06")),
            "2025-03-10"));
    // an extension, a delay, an ordered due date
    cases.add(
        at(List.of(ev("EXTENSION_GRANTED", "2025-03-20", 10, null)), "2025-03-21", "2025-04-20"));
    cases.add(at(List.of(ev("DELAY_SET", "2025-03-20", null, "2025-05-30")), "2025-03-21"));
    cases.add(
        at(
            List.of(ev(DeadlineClock.ORDERED_DUE_DATE, "2025-03-20", null, "2025-04-30")),
            "2025-03-21"));
    // every refused step: each is skipped and said so
    cases.add(
        at(
            List.of(
                ev("CORRECTION_RECEIVED", "2025-03-05"),
                ev("CONSULTATION_ENDED", "2025-03-05"),
                ev("FEE_PAID", "2025-03-05"),
                ev("FEE_PAID", null),
                ev("EXTENSION_GRANTED", "2025-03-05", 0, null),
                ev("EXTENSION_GRANTED", "2025-03-05", 30, null),
                ev("DELAY_SET", "2025-03-05", null, null),
                ev("DELAY_SET", "2025-03-05", null, "2025-03-20"),
                ev("CORRECTION_REQUESTED", "2025-03-06", null, "2025-03-01")),
            "2025-03-10"));
    cases.add(
        at(
            List.of(
                ev("CONSULTATION_STARTED", "2025-03-05"),
                ev("CONSULTATION_STARTED", "2025-03-06"),
                ev("CONSULTATION_ENDED", "2025-03-04"),
                ev("FEE_NOTICE_ISSUED", "2025-03-05"),
                ev("FEE_NOTICE_ISSUED", "2025-03-06"),
                ev("FEE_PAID", "2025-03-04")),
            "2025-03-10"));
    cases.add(
        at(
            List.of(
                ev("CORRECTION_REQUESTED", "2025-03-05"),
                ev("CORRECTION_REQUESTED", "2025-03-06"),
                ev("EXTENSION_GRANTED", "2025-03-07", 5, null),
                ev("DELAY_SET", "2025-03-07", null, "2025-05-30")),
            "2025-03-10"));
    cases.add(
        at(
            List.of(
                ev("EXTENSION_GRANTED", "2025-03-05", 5, null),
                ev("EXTENSION_GRANTED", "2025-03-06", 5, null),
                ev("DELAY_SET", "2025-03-07", null, "2025-05-30"),
                ev("DELAY_SET", "2025-03-08", null, "2025-06-30"),
                ev("EXTENSION_GRANTED", "2025-04-01", 5, null),
                ev("DELAY_SET", "2025-07-01", null, "2025-08-30")),
            "2025-03-10"));
    cases.add(
        at(
            List.of(
                ev("EXTENSION_GRANTED", "2025-04-01", 5, null),
                ev("DELAY_SET", "2025-04-01", null, "2025-05-30")),
            "2025-04-02"));
    // a 补正 whose period is two years: the listed days are cut
    cases.add(
        at(List.of(ev("CORRECTION_REQUESTED", "2025-03-04", null, "2027-03-04")), "2026-09-01"));
    return cases;
  }

  private static List<List<String>> explanations() {
    final List<List<String>> out = new ArrayList<>();
    for (final Case c : histories()) {
      for (final String day : c.days()) {
        final LocalDate today = d(day);
        out.add(c.clock().evaluate(c.received(), c.events(), null, today).explanation());
        out.add(c.clock().evaluate(c.received(), c.events(), today, today).explanation());
      }
    }
    return out;
  }

  @Test
  void everyLineIsChineseFirstWithTheEnglishInOneTrailingParenthesis() {
    int lines = 0;
    for (final List<String> explanation : explanations()) {
      assertFalse(explanation.isEmpty());
      for (final String line : explanation) {
        lines++;
        final String rest = LEADING_DATE.matcher(line).replaceFirst("");
        assertTrue(
            Character.UnicodeScript.of(rest.codePointAt(0)) == Character.UnicodeScript.HAN,
            "starts with a Chinese character after its date: " + line);
        final int paren = rest.indexOf('(');
        assertTrue(paren > 0, "has the English in a parenthesis: " + line);
        assertFalse(
            LATIN.matcher(rest.substring(0, paren)).find(),
            "no Latin letter before the '(': " + line);
        assertTrue(rest.endsWith(")"), "ends with the English parenthesis: " + line);
        assertTrue(
            LATIN.matcher(rest.substring(paren)).find(), "the parenthesis is English: " + line);
      }
    }
    assertTrue(lines > 100, lines + " lines");
  }

  @Test
  void theHistoriesCoverEveryKindOfLine() {
    final Set<String> seen = new HashSet<>();
    final List<String> kinds =
        List.of(
            "收到申请，答复期限为",
            "早于 2019-05-15",
            "忽略此项",
            "补正告知（第三十条），答复期限停止计算",
            "告知逾期",
            "未填写补正期限",
            "补正期限至",
            "补正告知（第三十条），晚于答复期限",
            "收到补正（第三十条）",
            "逾期后补正",
            "此前的延期只适用于原答复期限",
            "此前确定的延迟答复期限",
            "收到补正，补正告知晚于答复期限",
            "征求意见开始（第三十二条",
            "征求意见开始，晚于答复期限",
            "此次征求意见未暂停计算",
            "个工作日上限",
            "征求意见结束，",
            "仍未结束",
            "收费通知送达，暂停计算",
            "收费通知送达，按设置不暂停计算",
            "收费通知送达，晚于答复期限",
            "缴费，",
            "逾期后缴费",
            "延期答复（第三十三条）",
            "延迟答复（第三十五条）",
            "责令重新答复",
            "不计算",
            "列出前",
            "只计算到",
            "答复，按期",
            "答复，逾期",
            "（补正期间）",
            "逾期未补正",
            "逾期未缴费",
            "暂停计算：自",
            "暂停计算：征求意见自",
            "，收费自",
            "已逾期",
            "剩余",
            "暂定：",
            "年的节假日安排未载入");
    for (final List<String> explanation : explanations()) {
      for (final String line : explanation) {
        for (final String kind : kinds) {
          if (line.contains(kind)) {
            seen.add(kind);
          }
        }
      }
    }
    final List<String> missing = new ArrayList<>(kinds);
    missing.removeAll(seen);
    assertEquals(List.of(), missing);
  }

  @Test
  void shouldWordARefusalChineseThenEnglishAndTheIgnoredStepLikeAnyLine() {
    final ExplanationText.Words why = ExplanationText.secondCorrection(d("2025-03-05"));
    assertEquals(
        "补正只能一次性告知（第三十条），已于 2025-03-05 告知 a second correction request is not allowed; the"
            + " first was on 2025-03-05",
        why.joined());
    assertEquals(
        "2025-03-06 忽略此项补正告知：补正只能一次性告知（第三十条），已于 2025-03-05 告知 (CORRECTION_REQUESTED"
            + " ignored: a second correction request is not allowed; the first was on 2025-03-05)",
        ExplanationText.ignored(d("2025-03-06"), "CORRECTION_REQUESTED", why));
    assertEquals(
        "忽略此项缴费：日期必填 (FEE_PAID ignored: date is required)",
        ExplanationText.ignored(null, "FEE_PAID", ExplanationText.dateMissing()));
  }
}
