package foi.tracker.report;

import foi.tracker.core.table.Table3;
import foi.tracker.core.table.Table4;
import foi.tracker.core.taxonomy.ReportText;
import foi.tracker.core.taxonomy.Taxonomy;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The generated sentences (生成文字) of the report draft, worded as the published township reports word
 * them: the 依申请公开 paragraph from Table 三 and the compliance figures, the 行政复议、行政诉讼 sentence from
 * Table 四, and the 信息处理费 sentence of section 六. Zero counts are left out rather than stated; no
 * text is escaped here.
 */
final class DraftSentences {
  private final Taxonomy taxonomy;
  private final ReportText text;
  private final Table4Layout table4Layout;

  DraftSentences(final Taxonomy taxonomy, final ReportText text, final Table4Layout table4Layout) {
    this.taxonomy = Objects.requireNonNull(taxonomy, "taxonomy");
    this.text = Objects.requireNonNull(text, "text");
    this.table4Layout = Objects.requireNonNull(table4Layout, "table4Layout");
  }

  /**
   * The whole 依申请公开 paragraph of section 一（二）: {@link #applications} then {@link #cases}; when
   * nothing was received, carried or decided and there was no case, the seeds' single sentence
   * 「本年度未收到政府信息公开申请；未发生因政府信息公开申请引起的行政复议、行政诉讼。」.
   */
  String paragraph(
      final Table3 table3, final ReportDraft.Compliance compliance, final Table4 table4) {
    final String cases = cases(table4);
    if (nothing(table3) && cases.equals(text.text("para.cases.none.year"))) {
      return text.text("para.none")
          + text.text("para.clause.separator")
          + text.text("para.cases.none");
    }
    return applications(table3, compliance) + cases;
  }

  /** No application received, carried in, decided or carried out (the 总计 column). */
  static boolean nothing(final Table3 table) {
    return table.cell(Taxonomy.NEW, Taxonomy.TOTAL) == 0
        && table.cell(Taxonomy.CARRIED_OVER_IN, Taxonomy.TOTAL) == 0
        && table.cell(Taxonomy.DECIDED_TOTAL, Taxonomy.TOTAL) == 0
        && table.cell(Taxonomy.CARRIED_OVER_OUT, Taxonomy.TOTAL) == 0;
  }

  /**
   * Received, carried in, decided and carried out, from the 总计 column of {@code table}; with {@code
   * compliance} (null: not known) the decided applications split into answers and other closures,
   * and the timeliness.
   *
   * <p>Table 三 counts a withdrawal (撤回) as a decision in （六）3, while the compliance figures count
   * only answers ({@code DECIDED}), so 办结 minus (onTime + late) are the closures that were not
   * answers: withdrawals, and the rare answer to an application received before 2019-05-15, which
   * has no deadline. Hence 「申请人撤回等」.
   */
  String applications(final Table3 table, final ReportDraft.Compliance compliance) {
    Objects.requireNonNull(table, "table");
    final long received = table.cell(Taxonomy.NEW, Taxonomy.TOTAL);
    final long carriedIn = table.cell(Taxonomy.CARRIED_OVER_IN, Taxonomy.TOTAL);
    final long decided = table.cell(Taxonomy.DECIDED_TOTAL, Taxonomy.TOTAL);
    final long carriedOut = table.cell(Taxonomy.CARRIED_OVER_OUT, Taxonomy.TOTAL);
    if (nothing(table)) {
      return text.text("para.none") + text.text("para.end");
    }
    final StringBuilder out = new StringBuilder(256);
    if (received == 0) {
      out.append(text.format("para.received.none", Map.of("year", table.year())));
    } else {
      out.append(text.format("para.received", Map.of("year", table.year(), "count", received)));
      appendItems(out, "para.breakdown", applicantItems(table));
    }
    if (carriedIn != 0) {
      out.append(text.format("para.carriedIn", Map.of("count", carriedIn)));
    }
    final List<String> outcomes = outcomeItems(table);
    if (decided == 0) {
      out.append(text.text("para.decided.none"));
    } else {
      out.append(text.format("para.decided", Map.of("count", decided)));
      final long answered = compliance == null ? -1 : compliance.onTime() + compliance.late();
      final boolean allOnTime =
          compliance != null
              && compliance.openOverdue() != null
              && answered > 0
              && compliance.late() == 0
              && compliance.openOverdue() == 0;
      if (answered == decided) {
        if (allOnTime) {
          out.append(text.text("para.onTime.all"));
        }
        appendItems(out, "para.breakdown", outcomes);
      } else if (answered >= 0 && answered < decided) {
        out.append(
            answered == 0
                ? text.text("para.answered.none")
                : text.format(
                    "para.answered", Map.of("answered", answered, "other", decided - answered)));
        if (allOnTime) {
          out.append(text.text("para.answered.onTime.all"));
        }
        appendItems(out, "para.outcomes", outcomes);
      } else {
        appendItems(out, "para.breakdown", outcomes);
      }
    }
    if (carriedOut != 0) {
      out.append(text.format("para.carriedOut", Map.of("count", carriedOut)));
    }
    out.append(text.text("para.end"));
    out.append(timeliness(compliance, decided));
    return out.toString();
  }

  /**
   * 「在法定期限内答复n件，逾期答复n件，另有n件已超过法定期限尚未答复。」 when something was late or is overdue, or when the answers
   * do not fit inside the 办结 count; empty when all were on time (said in the 办结 clause) or when
   * {@code openOverdue} is not known.
   */
  private String timeliness(final ReportDraft.Compliance compliance, final long decided) {
    if (compliance == null || compliance.openOverdue() == null) {
      return "";
    }
    final long answered = compliance.onTime() + compliance.late();
    if (compliance.late() == 0 && compliance.openOverdue() == 0 && answered <= decided) {
      return "";
    }
    final List<String> items = new ArrayList<>();
    if (compliance.onTime() != 0) {
      items.add(text.format("para.timeliness.onTime", Map.of("count", compliance.onTime())));
    }
    if (compliance.late() != 0) {
      items.add(text.format("para.timeliness.late", Map.of("count", compliance.late())));
    }
    if (compliance.openOverdue() != 0) {
      items.add(
          text.format("para.timeliness.openOverdue", Map.of("count", compliance.openOverdue())));
    }
    return items.isEmpty()
        ? ""
        : text.format(
            "para.timeliness",
            Map.of("items", String.join(text.text("para.timeliness.separator"), items)));
  }

  /**
   * 「本年度未发生因政府信息公开申请引起的行政复议、行政诉讼。」, or the 复议 and 诉讼 counts with their non-zero results (诉讼 split
   * into 未经复议直接起诉 and 复议后起诉), from the 总计 cells of {@code table}, and 「无行政诉讼」 (or 复议) last for the
   * one that had none.
   */
  String cases(final Table4 table) {
    Objects.requireNonNull(table, "table");
    final Map<String, List<String>> byTop = new LinkedHashMap<>();
    table4Layout
        .groups()
        .keySet()
        .forEach(
            group ->
                byTop
                    .computeIfAbsent(
                        Objects.requireNonNullElse(
                            table4Layout.parentLabel(group), table4Layout.groupLabel(group)),
                        t -> new ArrayList<>())
                    .add(group));
    final List<String> items = new ArrayList<>();
    final StringBuilder absent = new StringBuilder();
    for (final Map.Entry<String, List<String>> top : byTop.entrySet()) {
      final boolean split = top.getValue().size() > 1;
      long count = 0;
      final List<String> details = new ArrayList<>();
      for (final String group : top.getValue()) {
        final List<Table4Layout.Column> columns = table4Layout.groups().get(group);
        final long total = groupTotal(table, columns);
        final List<String> results = resultItems(table, columns);
        count += total;
        if (!split) {
          details.addAll(results);
        } else if (total != 0 || !results.isEmpty()) {
          String part =
              text.format(
                  "para.cases.part",
                  Map.of("label", table4Layout.groupLabel(group), "count", total));
          if (!results.isEmpty()) {
            part +=
                text.format(
                    "para.cases.part.detail",
                    Map.of("items", String.join(text.text("para.cases.item.separator"), results)));
          }
          details.add(part);
        }
      }
      if (count == 0 && details.isEmpty()) {
        absent.append(text.format("para.cases.group.none", Map.of("label", top.getKey())));
        continue;
      }
      String item = text.format("para.cases.group", Map.of("label", top.getKey(), "count", count));
      if (!details.isEmpty()) {
        item +=
            text.format(
                "para.cases.detail",
                Map.of(
                    "items",
                    String.join(
                        text.text(
                            split ? "para.cases.part.separator" : "para.cases.item.separator"),
                        details)));
      }
      items.add(item);
    }
    return items.isEmpty()
        ? text.text("para.cases.none.year")
        : text.format(
            "para.cases",
            Map.of(
                "items", String.join(text.text("para.cases.separator"), items), "absent", absent));
  }

  /** The group's 总计 cell. */
  private static long groupTotal(final Table4 table, final List<Table4Layout.Column> columns) {
    return columns.stream()
        .filter(c -> "TOTAL".equals(c.result()))
        .mapToLong(c -> cell(table, c.code()))
        .sum();
  }

  /** 维持n件, 纠正n件, …: the group's non-zero result cells other than 总计. */
  private List<String> resultItems(final Table4 table, final List<Table4Layout.Column> columns) {
    final List<String> items = new ArrayList<>();
    for (final Table4Layout.Column column : columns) {
      final long n = cell(table, column.code());
      if (!"TOTAL".equals(column.result()) && n != 0) {
        items.add(
            text.format(
                "para.item",
                Map.of("label", text.text("para.cases.result." + column.result()), "count", n)));
      }
    }
    return items;
  }

  private static long cell(final Table4 table, final String code) {
    final Long value = table.cells().get(code);
    if (value == null) {
      throw new IllegalArgumentException("Table 四 has no cell " + code);
    }
    return value;
  }

  /**
   * 「本年度没有收取信息处理费。」 for none or zero, else 「本年度共收取信息处理费X元。」 with X in yuan as written (120, 12.5 →
   * 12.50); empty when {@code feeYuan} is null (not known).
   */
  String fee(final BigDecimal feeYuan) {
    if (feeYuan == null) {
      return "";
    }
    if (feeYuan.signum() < 0) {
      throw new IllegalArgumentException("feeYuan must be >= 0, got " + feeYuan);
    }
    if (feeYuan.signum() == 0) {
      return text.text("fee.none");
    }
    return text.format("fee.total", Map.of("amount", yuan(feeYuan)));
  }

  /** 120 for a whole amount, 12.50 for one with fen. */
  static String yuan(final BigDecimal amount) {
    final BigDecimal fen = amount.setScale(2, RoundingMode.HALF_UP);
    return fen.stripTrailingZeros().scale() <= 0
        ? fen.setScale(0, RoundingMode.UNNECESSARY).toPlainString()
        : fen.toPlainString();
  }

  /** 自然人n件, 法人或其他组织n件（商业企业n件、…）: the non-zero applicant types of 一. */
  private List<String> applicantItems(final Table3 table) {
    final Map<String, List<Taxonomy.Column>> byGroup = new LinkedHashMap<>();
    for (final String type : taxonomy.applicantTypes()) {
      final Taxonomy.Column column =
          taxonomy.columns().stream().filter(c -> c.code().equals(type)).findFirst().orElseThrow();
      byGroup
          .computeIfAbsent(
              column.group() == null ? column.code() : column.group(), g -> new ArrayList<>())
          .add(column);
    }
    final List<String> items = new ArrayList<>();
    for (final List<Taxonomy.Column> members : byGroup.values()) {
      final Taxonomy.Column first = members.get(0);
      if (first.group() == null) {
        final long n = table.cell(Taxonomy.NEW, first.code());
        if (n != 0) {
          items.add(item(first.label(), n));
        }
        continue;
      }
      long sum = 0;
      final List<String> parts = new ArrayList<>();
      for (final Taxonomy.Column member : members) {
        final long n = table.cell(Taxonomy.NEW, member.code());
        sum += n;
        if (n != 0) {
          parts.add(item(member.label(), n));
        }
      }
      if (sum != 0) {
        items.add(
            text.format(
                "para.org",
                Map.of(
                    "label",
                    first.group(),
                    "count",
                    sum,
                    "items",
                    String.join(text.text("para.org.separator"), parts))));
      }
    }
    return items;
  }

  /** 予以公开n件, …: the non-zero outcome groups of 三, from the 总计 column. */
  private List<String> outcomeItems(final Table3 table) {
    final Map<String, Long> byGroup = new LinkedHashMap<>();
    for (final String outcome : taxonomy.outcomes()) {
      byGroup.merge(taxonomy.row(outcome).group(), table.cell(outcome, Taxonomy.TOTAL), Long::sum);
    }
    final List<String> items = new ArrayList<>();
    byGroup.forEach(
        (group, n) -> {
          if (n != 0) {
            items.add(item(ReportText.groupName(group), n));
          }
        });
    return items;
  }

  private void appendItems(final StringBuilder out, final String key, final List<String> items) {
    if (!items.isEmpty()) {
      out.append(
          text.format(key, Map.of("items", String.join(text.text("para.item.separator"), items))));
    }
  }

  private String item(final String label, final long count) {
    return text.format("para.item", Map.of("label", label, "count", count));
  }
}
