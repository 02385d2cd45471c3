package foi.tracker.core.deadline;

import foi.tracker.core.event.EventType;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The words of the answer clock ({@link DeadlineClock}): each line of a request's {@code
 * explanation} and each reason the clock refuses a step. One method per kind of line; the clock
 * decides, this class only words it.
 *
 * <p>Every explanation line is one Chinese sentence first (after its date, when it has one), with
 * no Latin letters, then the English in one trailing parenthesis: 「2025-03-03 收到申请，答复期限为 20
 * 个工作日（第三十三条），收到当日不计入 (received; answer within 20 working days, Art. 33; the day of receipt is not
 * counted)」. Articles are those of the 2019 条例. A refusal's reason ({@link Words#joined}) is its
 * Chinese followed by its English, as api.md "For people" asks of error messages.
 */
final class ExplanationText {
  private ExplanationText() {}

  /** A text in both languages: the Chinese (no Latin letters) and its English. */
  record Words(String zh, String en) {
    /** The refusal reason form: Chinese, then English. */
    String joined() {
      return zh + " " + en;
    }
  }

  /** An explanation line: {@code zh (en)}, after {@code date} when there is one. */
  static String line(final LocalDate date, final String zh, final String en) {
    return (date == null ? "" : date + " ") + zh + " (" + en + ")";
  }

  private static String line(final LocalDate date, final Words w) {
    return line(date, w.zh(), w.en());
  }

  // --- receipt
  // ---------------------------------------------------------------------------------------------------

  static String received(final LocalDate received, final int answerDays) {
    return line(
        received,
        "收到申请，答复期限为 " + answerDays + " 个工作日（第三十三条），收到当日不计入",
        "received; answer within "
            + answerDays
            + " working days, Art. 33; the day of receipt is not counted");
  }

  static String receivedBeforeInForce(final LocalDate received) {
    return line(
        received,
        "收到申请，早于 " + DeadlineClock.IN_FORCE + " 现行条例施行，不计答复期限，不计入按期答复统计",
        "received before the 2019 Regulation took effect: no answer deadline, not counted in compliance");
  }

  // --- a step the clock refuses
  // -----------------------------------------------------------------------------------

  /**
   * A clock step that was refused and skipped; {@code date} may be null (the refusal then says it
   * is missing).
   */
  static String ignored(final LocalDate date, final String type, final Words why) {
    return line(
        date,
        "忽略此项" + EventType.CLOCK_STEP_NAMES.getOrDefault(type, "记录") + "：" + why.zh(),
        type + " ignored: " + why.en());
  }

  // --- 补正 (Art. 30)
  // -------------------------------------------------------------------------------------------

  /**
   * A 补正 notice before the due date: the clock stops.
   *
   * @param noticeBy the last day the notice was on time, or null when it was
   * @param defaultDays the default period used (no dueBy given), or null when the notice gave one
   */
  static String correctionRequested(
      final LocalDate date,
      final LocalDate noticeBy,
      final int noticeDays,
      final Integer defaultDays,
      final LocalDate dueBy) {
    final StringBuilder zh = new StringBuilder("补正告知（第三十条），答复期限停止计算");
    final StringBuilder en = new StringBuilder("correction requested, Art. 30: clock stopped");
    if (noticeBy != null) {
      zh.append("；告知逾期，应在 ").append(noticeBy).append(" 前告知（").append(noticeDays).append(" 个工作日）");
      en.append("; late notice: due by ")
          .append(noticeBy)
          .append(", ")
          .append(noticeDays)
          .append(" working days");
    }
    if (defaultDays != null) {
      zh.append("；未填写补正期限，按默认 ")
          .append(defaultDays)
          .append(" 个工作日计至 ")
          .append(dueBy)
          .append("，请在补正告知中填写补正期限");
      en.append("; no dueBy given: the default of ")
          .append(defaultDays)
          .append(" working days was used, through ")
          .append(dueBy)
          .append("; setting ")
          .append(DeadlineSettings.CORRECTION_DEFAULT_ENV);
    } else {
      zh.append("；补正期限至 ").append(dueBy);
      en.append("; to be corrected by ").append(dueBy);
    }
    return line(date, zh.toString(), en.toString());
  }

  static String correctionRequestedLate(final LocalDate date, final LocalDate due) {
    return line(date, "补正告知（第三十条），" + lateZh(due), "correction requested, Art. 30: " + lateEn(due));
  }

  /**
   * The corrected application: a fresh period.
   *
   * @param lateAfter the 补正 period it came after, or null when on time
   * @param droppedExtension whether an extension of the earlier period no longer applies
   * @param droppedDelay the Art. 35 date that no longer applies, or null
   */
  static String correctionReceived(
      final LocalDate date,
      final int answerDays,
      final LocalDate lateAfter,
      final boolean droppedExtension,
      final LocalDate droppedDelay) {
    final StringBuilder zh = new StringBuilder("收到补正（第三十条），自当日起重新计算 " + answerDays + " 个工作日");
    final StringBuilder en =
        new StringBuilder(
            "correction received, Art. 30: a fresh " + answerDays + " working days from this day");
    if (lateAfter != null) {
      zh.append("；逾期后补正，视为有正当理由（补正期限至 ").append(lateAfter).append("）");
      en.append("; received after the 补正 period, through ").append(lateAfter).append(": accepted");
    }
    if (droppedExtension) {
      zh.append("；此前的延期只适用于原答复期限");
      en.append("; the earlier extension applied to the earlier period");
    }
    if (droppedDelay != null) {
      zh.append("；此前确定的延迟答复期限 ").append(droppedDelay).append(" 不再适用");
      en.append("; the Art. 35 date ").append(droppedDelay).append(" set before the 补正 is dropped");
    }
    return line(date, zh.toString(), en.toString());
  }

  static String correctionReceivedAfterLateNotice(final LocalDate date) {
    return line(
        date,
        "收到补正，补正告知晚于答复期限，不重新计算",
        "correction received: the notice came after the due date, nothing restarts");
  }

  // --- pauses
  // -----------------------------------------------------------------------------------------------------

  static String consultationStarted(final LocalDate date, final int capDays, final LocalDate cap) {
    return line(
        date,
        "征求意见开始（第三十二条、第三十四条），暂停计算，至多 " + capDays + " 个工作日，至 " + cap + " 为止",
        "consultation started, Art. 32/34: clock paused, Art. 33, for at most "
            + capDays
            + " working days, through "
            + cap);
  }

  static String consultationStartedLate(final LocalDate date, final LocalDate due) {
    return line(date, "征求意见开始，" + lateZh(due), "consultation started: " + lateEn(due));
  }

  static String consultationEndedPausingNothing(final LocalDate date) {
    return line(date, "征求意见结束，此次征求意见未暂停计算", "consultation ended; it paused nothing");
  }

  static String consultationEndedAfterCap(
      final LocalDate date, final int capDays, final LocalDate cap) {
    return line(
        date,
        "征求意见结束，已超过 " + capDays + " 个工作日上限（" + cap + "），不影响期限",
        "consultation ended after the cap of " + cap + ": changes nothing");
  }

  static String consultationEnded(
      final LocalDate date, final LocalDate start, final int notCounted) {
    return line(
        date,
        pauseEnded("征求意见结束", date, start, notCounted),
        "consultation ended: " + notCounted + " working days not counted");
  }

  /** A consultation that reached its cap still open: the clock runs again the day after. */
  static String consultationCapped(final LocalDate cap, final int capDays, final LocalDate start) {
    return line(
        cap,
        "自 "
            + start
            + " 起的征求意见已满 "
            + capDays
            + " 个工作日仍未结束，自 "
            + cap.plusDays(1)
            + " 起恢复计算（第三十二条、第三十四条）",
        "the consultation begun "
            + start
            + " did not end within "
            + capDays
            + " working days: the clock runs again"
            + " from "
            + cap.plusDays(1)
            + ", Art. 32/34");
  }

  /**
   * A fee notice delivered.
   *
   * @param lateAfter the due date it came after (it pauses nothing), or null
   */
  static String feeNotice(
      final LocalDate date,
      final LocalDate lateAfter,
      final boolean pauses,
      final LocalDate payBy,
      final int payDays) {
    if (lateAfter != null) {
      return line(
          date, "收费通知送达，" + lateZh(lateAfter), "fee notice delivered: " + lateEn(lateAfter));
    }
    final String zhPay = "，应于 " + payBy + " 前缴费（" + payDays + " 个工作日）";
    final String enPay = "; to be paid by " + payBy + ", " + payDays + " working days";
    return pauses
        ? line(
            date, "收费通知送达，暂停计算（109号）" + zhPay, "fee notice delivered: clock paused, 109号" + enPay)
        : line(
            date,
            "收费通知送达，按设置不暂停计算" + zhPay,
            "fee notice delivered: clock not paused, by setting" + enPay);
  }

  /**
   * A fee paid.
   *
   * @param start the notice's date when its pause counted, else null
   * @param lateDays the payment period it came after (working days), or null when on time
   */
  static String feePaid(
      final LocalDate date, final LocalDate start, final int notCounted, final Integer lateDays) {
    String zh = start == null ? "缴费" : pauseEnded("缴费", date, start, notCounted);
    String en =
        start == null ? "fee paid" : "fee paid: " + notCounted + " working days not counted";
    if (lateDays != null) {
      zh += "；逾期后缴费，视为有正当理由，自当日起恢复计算";
      en +=
          "; paid after the "
              + lateDays
              + " working days: accepted, the clock runs again from this day";
    }
    return line(date, zh, en);
  }

  private static String pauseEnded(
      final String what, final LocalDate date, final LocalDate start, final int notCounted) {
    return what + "，" + start + " 至 " + date + " 的 " + notCounted + " 个工作日不计算";
  }

  private static String lateZh(final LocalDate due) {
    return "晚于答复期限 " + due + "，不暂停计算，仍按原期限";
  }

  private static String lateEn(final LocalDate due) {
    return "after the due date " + due + ", recorded; nothing pauses or restarts";
  }

  // --- extension, delay, a re-answer
  // ------------------------------------------------------------------------------

  static String extension(final LocalDate date, final int days) {
    return line(
        date,
        "延期答复（第三十三条），答复期限延长 " + days + " 个工作日",
        "extension granted, Art. 33: +" + days + " working days after the due date");
  }

  static String delay(final LocalDate date, final LocalDate due) {
    return line(date, "延迟答复（第三十五条），答复期限改为 " + due, "delay set, Art. 35: due date set to " + due);
  }

  static String orderedDueDate(final LocalDate date, final LocalDate due) {
    return line(date, "责令重新答复，答复期限为 " + due, "a new answer ordered, due " + due);
  }

  // --- the days not counted
  // ---------------------------------------------------------------------------------------

  /**
   * The days not counted through {@code through}, by reason (in the calendar's and the pauses'
   * Chinese words).
   *
   * @param listed how many are listed one by one (less than {@code total} when cut)
   * @param end the end of the window, after {@code through} when the count was cut there
   */
  static String notCounted(
      final LocalDate through,
      final int total,
      final Map<String, Integer> byReason,
      final int listed,
      final LocalDate end) {
    final StringBuilder zh = new StringBuilder("至 " + through + " 不计算 " + total + " 天：");
    final StringBuilder en =
        new StringBuilder(total + " days not counted through " + through + ":");
    String sep = "";
    for (final Map.Entry<String, Integer> r : byReason.entrySet()) {
      // a reason may itself hold a 「、」 (国庆节、中秋节): reasons are set apart by 「，」
      zh.append(sep.isEmpty() ? "" : "，")
          .append(r.getKey())
          .append(' ')
          .append(r.getValue())
          .append(" 天");
      en.append(sep.isEmpty() ? " " : ", ")
          .append(reasonEn(r.getKey()))
          .append(" ×")
          .append(r.getValue());
      sep = ",";
    }
    if (total > listed) {
      zh.append("；列出前 ").append(listed).append(" 天…等 ").append(total).append(" 天");
      en.append("; the first ")
          .append(listed)
          .append(" of ")
          .append(total)
          .append(" days are listed");
    }
    if (through.isBefore(end)) {
      zh.append("；只计算到 ").append(through).append("（期限 ").append(end).append(" 过远）");
      en.append("; counted only through ")
          .append(through)
          .append(": the due date ")
          .append(end)
          .append(" is too far ahead");
    }
    return line(null, zh.toString(), en.toString());
  }

  private static String reasonEn(final String reason) {
    return switch (reason) {
      case "周末" -> "weekend";
      case "补正" -> "correction pending";
      case "收费" -> "fee pause";
      case "征求意见" -> "consultation";
      default -> reason + " holiday";
    };
  }

  // --- where the request stands
  // -----------------------------------------------------------------------------------

  /**
   * @param due the due date, or null when the answer came while a 补正 was pending
   */
  static String answered(
      final LocalDate decided, final boolean onTime, final LocalDate due, final int used) {
    final String zhDue = due == null ? "补正期间" : "截止 " + due;
    final String enDue = due == null ? "while the correction was pending" : "due " + due;
    return line(
        decided,
        "答复，" + (onTime ? "按期" : "逾期") + "（" + zhDue + "），用时 " + used + " 个工作日",
        "answered "
            + (onTime ? "on time" : "late")
            + ", "
            + enDue
            + "; "
            + used
            + " working days used");
  }

  static String lapsedCorrection(
      final LocalDate today, final LocalDate dueBy, final LocalDate since, final String outcome) {
    return line(
        today,
        "逾期未补正：补正期限 " + dueBy + " 已过，自 " + since + " 起视为放弃申请（第三十条），可按（六）1 办结",
        "no correction received by "
            + dueBy
            + ": treated as abandoned since "
            + since
            + closeAs(outcome, since));
  }

  static String lapsedFee(
      final LocalDate today,
      final LocalDate notice,
      final int payDays,
      final LocalDate since,
      final String outcome) {
    return line(
        today,
        "逾期未缴费：收费通知 " + notice + " 送达后 " + payDays + " 个工作日内未缴费，自 " + since + " 起视为放弃申请，可按（六）2 办结",
        "fee not paid within "
            + payDays
            + " working days after the notice of "
            + notice
            + ": treated as abandoned"
            + " since "
            + since
            + closeAs(outcome, since));
  }

  private static String closeAs(final String outcome, final LocalDate since) {
    return "; close it as " + outcome + ", dated " + since + " or later";
  }

  /**
   * An open pause holding the clock: its kind in Chinese and English, since when, and its cap (or
   * null).
   */
  record OpenPause(String zh, String en, LocalDate since, LocalDate cap) {}

  static String pausedForCorrection(
      final LocalDate today, final LocalDate since, final LocalDate dueBy, final int used) {
    return paused(
        today,
        "自 " + since + " 起待补正，补正期限至 " + dueBy,
        "waiting for the correction since " + since + ", due by " + dueBy,
        used);
  }

  static String pausedFor(final LocalDate today, final List<OpenPause> open, final int used) {
    final StringBuilder zh = new StringBuilder();
    final StringBuilder en = new StringBuilder();
    for (final OpenPause p : open) {
      if (zh.length() > 0) {
        zh.append("，");
        en.append(", ");
      }
      zh.append(p.zh()).append("自 ").append(p.since()).append(" 起");
      en.append(p.en()).append(" since ").append(p.since());
      if (p.cap() != null) {
        zh.append("（至多到 ").append(p.cap()).append("）");
        en.append(", at most until ").append(p.cap());
      }
    }
    return paused(today, zh.toString(), en.toString(), used);
  }

  private static String paused(
      final LocalDate today, final String zhWhy, final String enWhy, final int used) {
    return line(
        today,
        "暂停计算：" + zhWhy + "；已用 " + used + " 个工作日",
        "paused: " + enWhy + "; " + used + " working days used");
  }

  static String overdue(final LocalDate due, final LocalDate today, final int days) {
    return line(
        due,
        "截止；" + today + " 已逾期 " + days + " 个工作日",
        "due; overdue by " + days + " working days on " + today);
  }

  static String left(final LocalDate due, final LocalDate today, final int days) {
    return line(
        due,
        "截止；" + today + " 剩余 " + days + " 个工作日",
        "due; " + days + " working days left on " + today);
  }

  /**
   * The count is provisional: these years' holiday schedules are not loaded.
   *
   * @param years the first years not loaded (at most a few)
   * @param total how many years are not loaded in all
   */
  static String provisional(final List<Integer> years, final int total) {
    final StringBuilder named = new StringBuilder();
    for (final Integer y : years) {
      named.append(named.length() == 0 ? "" : "、").append(y);
    }
    final String zhYears =
        total > years.size() ? named + "…等 " + total + " 年的节假日安排未载入" : named + " 年节假日安排未载入";
    return line(
        null,
        "暂定：" + zhYears + "，按放假办法的法定节假日计算，不含调休",
        "provisional: holiday schedule of "
            + (total > years.size() ? years + " and more, " + total + " years," : years.toString())
            + " not loaded; statutory holidays only, no 调休");
  }

  // --- why a step is refused
  // --------------------------------------------------------------------------------------

  static Words dateMissing() {
    return new Words("日期必填", "date is required");
  }

  static Words noCorrectionPending() {
    return new Words("没有待补正的申请（第三十条）", "no correction is pending");
  }

  static Words secondCorrection(final LocalDate first) {
    return new Words(
        "补正只能一次性告知（第三十条），已于 " + first + " 告知",
        "a second correction request is not allowed; the first was on " + first);
  }

  static Words correctionDueBeforeNotice(final LocalDate dueBy, final LocalDate date) {
    return new Words(
        "补正期限 " + dueBy + " 早于告知日期 " + date,
        "dueBy " + dueBy + " is before the notice's date " + date);
  }

  static Words consultationOpen(final LocalDate since, final LocalDate cap) {
    return new Words(
        "征求意见尚未结束：自 " + since + " 起的征求意见仍在进行（至多到 " + cap + "），同一时间只能有一项征求意见",
        "a consultation is already open since " + since + ", until " + cap + " at most");
  }

  static Words noConsultationOpen() {
    return new Words("没有进行中的征求意见", "no consultation is open");
  }

  static Words feeNoticeOpen(final LocalDate since) {
    return new Words(
        "收费通知尚未缴费：自 " + since + " 起的收费通知仍待缴费", "a fee notice is already open since " + since);
  }

  static Words noFeeNoticeOpen() {
    return new Words("没有待缴费的收费通知", "no fee notice is open");
  }

  /** A consultation or fee pause ended before it began. */
  static Words pauseEndBeforeStart(
      final boolean consultation, final LocalDate date, final LocalDate start) {
    return new Words(
        (consultation ? "征求意见" : "收费") + "结束日期 " + date + " 早于开始日期 " + start,
        "the "
            + (consultation ? "consultation" : "fee notice")
            + " cannot end on "
            + date
            + ", before it began on "
            + start);
  }

  static Words secondExtension() {
    return new Words(
        "本答复期限已延期一次，延长答复期限只能一次（第三十三条）",
        "a second extension in the same answer period is not allowed");
  }

  static Words extensionAfterDelay(final LocalDate setOn, final LocalDate due) {
    return new Words(
        "已于 " + setOn + " 确定延迟答复期限 " + due + "（第三十五条），不能再延期（第三十三条）",
        "an extension after the Art. 35 delay is not allowed: its date replaces the answer period");
  }

  static Words extensionDaysOutOfRange(final int max, final Integer days) {
    return new Words(
        "延长的期限须为 1.." + max + " 个工作日（第三十三条：延长的期限最长不得超过" + max + "个工作日）",
        "workingDays must be 1.." + max + ", was " + days);
  }

  static Words extensionDuringCorrection(final LocalDate since) {
    return new Words(
        "补正期间答复期限不计算，不能延期：自 " + since + " 起待补正",
        "the clock is stopped for 补正 since "
            + since
            + "; no extension while the correction is pending");
  }

  static Words extensionAfterDueDate(final LocalDate date, final LocalDate due) {
    return new Words(
        "延期须在答复期限届满前决定：答复期限 " + due + " 已过",
        "the extension is granted on " + date + ", after the due date " + due + " has passed");
  }

  static Words delayDueDateMissing() {
    return new Words("延迟答复须确定合理期限（第三十五条）", "dueDate is required");
  }

  static Words secondDelay(final LocalDate first) {
    return new Words(
        "延迟答复每件申请只能确定一次，已于 " + first + " 确定（第三十五条）",
        "a second delay is not allowed; the first was set on " + first);
  }

  static Words delayDuringCorrection(final LocalDate since) {
    return new Words(
        "补正期间没有答复期限可以延迟：自 " + since + " 起待补正",
        "no delay while the correction is pending since "
            + since
            + "; there is no due date to replace");
  }

  static Words delayAfterDueDate(final LocalDate date, final LocalDate due) {
    return new Words(
        "延迟答复须在答复期限届满前确定：答复期限 " + due + " 已过",
        "the delay is set on " + date + ", after the due date " + due + " has passed");
  }

  static Words delayDueDateNotLater(final LocalDate dueDate, final LocalDate due) {
    return new Words(
        "延迟答复的期限 " + dueDate + " 须晚于当前答复期限 " + due,
        "dueDate " + dueDate + " must be later than the current due date " + due);
  }
}
