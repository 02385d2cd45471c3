package foi.tracker.dashboard;

import foi.tracker.core.taxonomy.ReportText;
import foi.tracker.core.taxonomy.Taxonomy;
import foi.tracker.report.Csv;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The per-request export (申请明细) as CSV: RFC 4180, CRLF, UTF-8 with a byte-order mark so that Excel
 * shows Chinese; Chinese headers and the official labels of applicant types, channels, outcomes and
 * deadline statuses (the JSON form keeps the codes, api.md "For people"); dates and ids only
 * otherwise, never a subject or anything about the applicant. A text that a spreadsheet would take
 * for a formula (it starts with = + - @, a tab or a carriage return) gets a leading apostrophe
 * (OWASP).
 */
final class RequestCsv {
  static final String CONTENT_TYPE = Csv.CONTENT_TYPE;
  static final List<String> HEADER =
      List.of(
          "申请编号", "机关名称", "机关编号", "申请人类型", "申请方式", "收到申请日期", "答复期限", "答复日期", "办理结果", "期限状态",
          "已用工作日");

  /** 申请渠道 as the desk names them (DeskInfo). */
  private static final Map<String, String> CHANNELS =
      Map.of(
          "IN_PERSON", "当面提交",
          "POST", "信函（邮寄）",
          "ONLINE", "网上申请",
          "FAX", "传真",
          "EMAIL", "电子邮件",
          "OTHER", "其他");

  /** Deadline statuses as the pages name them. */
  private static final Map<String, String> STATUSES =
      Map.of(
          "ON_TRACK", "正常",
          "DUE_SOON", "即将到期",
          "OVERDUE", "已超期",
          "PAUSED", "暂停计时",
          "ANSWERED_ON_TIME", "已按期答复",
          "ANSWERED_LATE", "已逾期答复",
          "LAPSED", "视为放弃（待办结）");

  /** One request as exported; {@code workingDaysUsed} is net of pauses (null while it is open). */
  record Line(
      String requestId,
      String agencyId,
      String applicantType,
      String channel,
      LocalDate receivedDate,
      LocalDate dueDate,
      LocalDate decidedDate,
      String outcome,
      String deadlineStatus,
      Integer workingDaysUsed) {}

  private RequestCsv() {}

  /**
   * Renders {@code lines}; {@code agencyName} gives an agency's name (null when unknown: the cell
   * stays empty).
   */
  static byte[] render(final List<Line> lines, final Function<String, String> agencyName) {
    final Csv csv = new Csv().record(HEADER);
    lines.forEach(l -> csv.record(cells(l, agencyName)));
    return csv.bytes();
  }

  /**
   * {@code lines} alone, without the byte-order mark and the header: a chunk of a streamed export.
   */
  static byte[] rows(final List<Line> lines, final Function<String, String> agencyName) {
    final Csv csv = new Csv();
    lines.forEach(l -> csv.record(cells(l, agencyName)));
    final byte[] withBom = csv.bytes();
    return Arrays.copyOfRange(withBom, 3, withBom.length);
  }

  private static List<Object> cells(final Line l, final Function<String, String> agencyName) {
    return new ArrayList<>(
        Arrays.asList(
            l.requestId(),
            agencyName.apply(l.agencyId()),
            l.agencyId(),
            applicantTypeLabel(l.applicantType()),
            channelLabel(l.channel()),
            l.receivedDate(),
            l.dueDate(),
            l.decidedDate(),
            outcomeLabel(l.outcome()),
            statusLabel(l.deadlineStatus()),
            l.workingDaysUsed()));
  }

  /** 自然人, or 法人或其他组织·商业企业 for the five organisation columns (so that 其他 is not ambiguous). */
  static String applicantTypeLabel(final String code) {
    if (code == null) {
      return null;
    }
    return Taxonomy.get().columns().stream()
        .filter(c -> c.code().equals(code))
        .findFirst()
        .map(
            c ->
                c.group() == null
                    ? c.label()
                    : c.group() + ReportText.LABEL_PATH_SEPARATOR + c.label())
        .orElse(code);
  }

  /** （一）予以公开, or （三）不予公开·1.属于国家秘密 for an item of a group, as Table 三 words it. */
  static String outcomeLabel(final String code) {
    if (code == null) {
      return null;
    }
    return Taxonomy.get().rows().stream()
        .filter(r -> r.code().equals(code))
        .findFirst()
        .map(
            r ->
                r.group() == null || r.group().equals(r.label())
                    ? r.label()
                    : r.group() + ReportText.LABEL_PATH_SEPARATOR + r.label())
        .orElse(code);
  }

  static String channelLabel(final String code) {
    return code == null ? null : CHANNELS.getOrDefault(code, code);
  }

  static String statusLabel(final String code) {
    return code == null ? null : STATUSES.getOrDefault(code, code);
  }
}
