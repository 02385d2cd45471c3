package foi.tracker.ingest;

import foi.tracker.core.event.AppealResult;
import foi.tracker.core.event.Channel;
import foi.tracker.core.event.ConsultationParty;
import foi.tracker.core.event.EventType;
import foi.tracker.core.taxonomy.Taxonomy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the desk page needs to draw its forms: Table 三's columns, rows and the 21 outcomes grouped
 * （一）…（六） straight from {@link Taxonomy} (the single copy of the official wording), plus the
 * Chinese names of the channels, event types, consultation parties and appeal results of api.md.
 */
final class DeskInfo {
  private static final Map<String, String> CHANNELS =
      ordered(
          Channel.IN_PERSON.name(), "当面提交",
          Channel.POST.name(), "信函（邮寄）",
          Channel.ONLINE.name(), "网上申请",
          Channel.FAX.name(), "传真",
          Channel.EMAIL.name(), "电子邮件",
          Channel.OTHER.name(), "其他");
  private static final Map<String, String> EVENT_TYPES =
      ordered(
          EventType.CORRECTION_REQUESTED, "补正告知（第三十条）",
          EventType.CORRECTION_RECEIVED, "收到补正材料",
          EventType.CONSULTATION_STARTED, "征求意见开始（第三十二条、第三十四条）",
          EventType.CONSULTATION_ENDED, "征求意见结束",
          EventType.EXTENSION_GRANTED, "延期答复（第三十三条）",
          EventType.FEE_NOTICE_ISSUED, "发出收费通知",
          EventType.FEE_PAID, "申请人缴费",
          EventType.DELAY_SET, "延迟答复（第三十五条）",
          EventType.DECIDED, "作出答复",
          EventType.WITHDRAWN, "申请人撤回申请",
          EventType.AMENDED, "更正登记错误",
          EventType.REVIEW_FILED, "申请人提起行政复议",
          EventType.REVIEW_CONCLUDED, "行政复议结果",
          EventType.LITIGATION_FILED, "申请人提起行政诉讼",
          EventType.LITIGATION_CONCLUDED, "行政诉讼结果",
          EventType.REOPENED, "重新办理（录入错误或责令重新答复）",
          EventType.VOIDED, "作废登记");
  private static final Map<String, String> PARTIES =
      ordered(
          ConsultationParty.THIRD_PARTY.name(), "第三方（第三十二条）",
          ConsultationParty.OTHER_AGENCY.name(), "其他机关（第三十四条）");
  private static final Map<String, String> RESULTS =
      ordered(
          AppealResult.UPHELD.name(), "维持",
          AppealResult.CORRECTED.name(), "纠正",
          AppealResult.OTHER.name(), "其他结果");

  private DeskInfo() {}

  static Map<String, Object> taxonomy() {
    final Taxonomy t = Taxonomy.get();
    final Map<String, Object> out = new LinkedHashMap<>();
    final List<Map<String, Object>> columns = new ArrayList<>();
    t.columns()
        .forEach(c -> columns.add(entry("code", c.code(), "label", c.label(), "group", c.group())));
    out.put("columns", columns);
    final List<Map<String, Object>> types = new ArrayList<>();
    t.applicantTypes()
        .forEach(
            a ->
                types.add(
                    entry(
                        "code",
                        a,
                        "label",
                        t.columnLabel(a),
                        "group",
                        t.columns().get(t.columnIndex(a)).group())));
    out.put("applicantTypes", types);
    final List<Map<String, Object>> rows = new ArrayList<>();
    t.rows()
        .forEach(
            r -> {
              final Map<String, Object> row =
                  entry("code", r.code(), "label", r.label(), "section", r.section());
              row.put("group", r.group());
              row.put("outcome", r.outcome());
              rows.add(row);
            });
    out.put("rows", rows);
    final Map<String, String> outcomeLabels = new LinkedHashMap<>();
    final Map<String, List<Map<String, Object>>> groups = new LinkedHashMap<>();
    for (String code : t.outcomes()) {
      final Taxonomy.Row r = t.row(code);
      outcomeLabels.put(code, r.label());
      groups
          .computeIfAbsent(r.group(), g -> new ArrayList<>())
          .add(entry("code", code, "label", r.label(), "group", r.group()));
    }
    out.put("outcomes", outcomeLabels);
    final List<Map<String, Object>> outcomeGroups = new ArrayList<>();
    groups.forEach(
        (g, list) -> {
          final Map<String, Object> group = new LinkedHashMap<>();
          group.put("group", g);
          group.put("outcomes", list);
          outcomeGroups.add(group);
        });
    out.put("outcomeGroups", outcomeGroups);
    out.put("channels", CHANNELS);
    out.put("eventTypes", EVENT_TYPES);
    out.put("consultationParties", PARTIES);
    out.put("appealResults", RESULTS);
    out.put(
        "summaryRows",
        List.of(
            Taxonomy.NEW,
            Taxonomy.CARRIED_OVER_IN,
            Taxonomy.DECIDED_TOTAL,
            Taxonomy.CARRIED_OVER_OUT));
    return out;
  }

  private static Map<String, String> ordered(final String... kv) {
    final Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return java.util.Collections.unmodifiableMap(m);
  }

  private static Map<String, Object> entry(
      final String k1,
      final Object v1,
      final String k2,
      final Object v2,
      final String k3,
      final Object v3) {
    final Map<String, Object> m = new LinkedHashMap<>();
    m.put(k1, v1);
    m.put(k2, v2);
    m.put(k3, v3);
    return m;
  }
}
