package foi.tracker.core.table;

import foi.tracker.core.taxonomy.ReportText;
import foi.tracker.core.taxonomy.Taxonomy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The checks (勾稽校验) of Table 三, with messages in the style of the report validators: each broken rule names the
 * cells and their numbers.
 */
public final class Table3Checks {
  /** Per column: 一 + 二 = （七）总计 + 四. */
  public static final String BALANCE = "BALANCE";
  /** Per column: （七）总计 = sum of the 21 outcome rows. */
  public static final String DECIDED_TOTAL = "DECIDED_TOTAL";
  /** Per row: 总计 = sum of the six applicant-type columns. */
  public static final String TOTAL_COLUMN = "TOTAL_COLUMN";
  /** No cell is negative. */
  public static final String NEGATIVE = "NEGATIVE";
  /** Per column: 二 of year Y = 四 of year Y−1. */
  public static final String CONTINUITY = "CONTINUITY";
  /** Per cell: a subtree's table = the sum of its parts. */
  public static final String SUBTREE_SUM = "SUBTREE_SUM";

  private final Taxonomy taxonomy;
  private final ReportText text;

  public Table3Checks(final Taxonomy taxonomy, final ReportText text) {
    this.taxonomy = Objects.requireNonNull(taxonomy, "taxonomy");
    this.text = Objects.requireNonNull(text, "text");
  }

  public Table3Checks() {
    this(Taxonomy.get(), ReportText.get());
  }

  /**
   * A Table3 of {@code rows} (row code → 7 counts in Taxonomy's column order; every one of the 25 rows) with its
   * {@code balanced} flag and imbalances from {@link #check}.
   */
  public Table3 table3(final String agencyId, final int year, final String scope, final Map<String, long[]> rows) {
    Objects.requireNonNull(rows, "rows");
    final List<String> columns = taxonomy.columns().stream().map(Taxonomy.Column::code).toList();
    final Map<String, long[]> ordered = new LinkedHashMap<>();
    for (final Taxonomy.Row row : taxonomy.rows()) {
      final long[] values = rows.get(row.code());
      if (values == null || values.length != columns.size()) {
        throw new IllegalArgumentException("rows." + row.code() + " must hold " + columns.size() + " counts, got "
            + (values == null ? "none" : values.length));
      }
      ordered.put(row.code(), values.clone());
    }
    for (final String code : rows.keySet()) {
      taxonomy.row(code);
    }
    final Table3 unchecked = new Table3(agencyId, year, scope, columns, ordered, true, List.of());
    final List<Table3.Imbalance> imbalances = check(unchecked);
    return new Table3(agencyId, year, scope, columns, ordered, imbalances.isEmpty(), List.copyOf(imbalances));
  }

  /** All single-table rules: NEGATIVE, BALANCE, DECIDED_TOTAL, TOTAL_COLUMN, in that order; empty if all hold. */
  public List<Table3.Imbalance> check(final Table3 table) {
    Objects.requireNonNull(table, "table");
    requireComplete(table, "table");
    final List<Table3.Imbalance> out = new ArrayList<>();
    negative(table, out);
    balance(table, out);
    decidedTotal(table, out);
    totalColumn(table, out);
    return out;
  }

  /** CONTINUITY: per column, 二 of {@code current} equals 四 of {@code previous}, the year before. */
  public List<Table3.Imbalance> continuity(final Table3 previous, final Table3 current) {
    Objects.requireNonNull(previous, "previous");
    Objects.requireNonNull(current, "current");
    if (previous.year() != current.year() - 1) {
      throw new IllegalArgumentException("previous.year must be current.year - 1, got " + previous.year() + " and "
          + current.year());
    }
    requireComplete(previous, "previous");
    requireComplete(current, "current");
    final List<Table3.Imbalance> out = new ArrayList<>();
    for (final Taxonomy.Column column : taxonomy.columns()) {
      final long in = current.cell(Taxonomy.CARRIED_OVER_IN, column.code());
      final long carried = previous.cell(Taxonomy.CARRIED_OVER_OUT, column.code());
      if (in != carried) {
        out.add(new Table3.Imbalance(CONTINUITY, column.code(), text.format("check.continuity", Map.of(
            "column", columnName(column), "year", current.year(), "in", shortName(Taxonomy.CARRIED_OVER_IN),
            "inValue", in, "previousYear", previous.year(), "out", shortName(Taxonomy.CARRIED_OVER_OUT),
            "outValue", carried))));
      }
    }
    return out;
  }

  /** SUBTREE_SUM: every cell of {@code parent} equals the sum of that cell over {@code parts}. */
  public List<Table3.Imbalance> subtreeSum(final Table3 parent, final List<Table3> parts) {
    Objects.requireNonNull(parent, "parent");
    Objects.requireNonNull(parts, "parts");
    requireComplete(parent, "parent");
    for (int i = 0; i < parts.size(); i++) {
      requireComplete(Objects.requireNonNull(parts.get(i), "parts[" + i + "]"), "parts[" + i + "]");
    }
    final List<Table3.Imbalance> out = new ArrayList<>();
    for (final Taxonomy.Row row : taxonomy.rows()) {
      for (final Taxonomy.Column column : taxonomy.columns()) {
        long sum = 0;
        for (final Table3 part : parts) {
          sum += part.cell(row.code(), column.code());
        }
        final long value = parent.cell(row.code(), column.code());
        if (value != sum) {
          out.add(new Table3.Imbalance(SUBTREE_SUM, column.code(), text.format("check.subtreeSum", Map.of(
              "row", rowName(row), "column", columnName(column), "parentValue", value, "sum", sum,
              "parts", parts.size()))));
        }
      }
    }
    return out;
  }

  private void negative(final Table3 table, final List<Table3.Imbalance> out) {
    for (final Taxonomy.Row row : taxonomy.rows()) {
      for (final Taxonomy.Column column : taxonomy.columns()) {
        final long value = table.cell(row.code(), column.code());
        if (value < 0) {
          out.add(new Table3.Imbalance(NEGATIVE, column.code(), text.format("check.negative", Map.of(
              "row", rowName(row), "column", columnName(column), "value", value))));
        }
      }
    }
  }

  private void balance(final Table3 table, final List<Table3.Imbalance> out) {
    for (final Taxonomy.Column column : taxonomy.columns()) {
      final long received = table.cell(Taxonomy.NEW, column.code());
      final long in = table.cell(Taxonomy.CARRIED_OVER_IN, column.code());
      final long decided = table.cell(Taxonomy.DECIDED_TOTAL, column.code());
      final long carried = table.cell(Taxonomy.CARRIED_OVER_OUT, column.code());
      if (received + in != decided + carried) {
        final Map<String, Object> values = new LinkedHashMap<>();
        values.put("column", columnName(column));
        values.put("new", shortName(Taxonomy.NEW));
        values.put("newValue", received);
        values.put("in", shortName(Taxonomy.CARRIED_OVER_IN));
        values.put("inValue", in);
        values.put("decided", shortName(Taxonomy.DECIDED_TOTAL));
        values.put("decidedValue", decided);
        values.put("out", shortName(Taxonomy.CARRIED_OVER_OUT));
        values.put("outValue", carried);
        out.add(new Table3.Imbalance(BALANCE, column.code(), text.format("check.balance", values)));
      }
    }
  }

  private void decidedTotal(final Table3 table, final List<Table3.Imbalance> out) {
    for (final Taxonomy.Column column : taxonomy.columns()) {
      long sum = 0;
      for (final String outcome : taxonomy.outcomes()) {
        sum += table.cell(outcome, column.code());
      }
      final long decided = table.cell(Taxonomy.DECIDED_TOTAL, column.code());
      if (decided != sum) {
        out.add(new Table3.Imbalance(DECIDED_TOTAL, column.code(), text.format("check.decidedTotal", Map.of(
            "column", columnName(column), "decided", shortName(Taxonomy.DECIDED_TOTAL), "decidedValue", decided,
            "sum", sum))));
      }
    }
  }

  private void totalColumn(final Table3 table, final List<Table3.Imbalance> out) {
    for (final Taxonomy.Row row : taxonomy.rows()) {
      long sum = 0;
      for (final String type : taxonomy.applicantTypes()) {
        sum += table.cell(row.code(), type);
      }
      final long total = table.cell(row.code(), Taxonomy.TOTAL);
      if (total != sum) {
        out.add(new Table3.Imbalance(TOTAL_COLUMN, Taxonomy.TOTAL, text.format("check.totalColumn", Map.of(
            "row", rowName(row), "total", taxonomy.columnLabel(Taxonomy.TOTAL), "totalValue", total, "sum", sum))));
      }
    }
  }

  private void requireComplete(final Table3 table, final String name) {
    for (final Taxonomy.Column column : taxonomy.columns()) {
      if (!table.columns().contains(column.code())) {
        throw new IllegalArgumentException(name + ".columns has no " + column.code());
      }
    }
    for (final Taxonomy.Row row : taxonomy.rows()) {
      final long[] values = table.rows().get(row.code());
      if (values == null || values.length != table.columns().size()) {
        throw new IllegalArgumentException(name + ".rows." + row.code() + " must hold " + table.columns().size()
            + " counts");
      }
    }
  }

  private String shortName(final String rowCode) {
    return ReportText.shortName(taxonomy.row(rowCode));
  }

  private static String rowName(final Taxonomy.Row row) {
    return ReportText.shortName(row) + " (" + row.code() + ")";
  }

  private static String columnName(final Taxonomy.Column column) {
    return column.label() + " (" + column.code() + ")";
  }
}
