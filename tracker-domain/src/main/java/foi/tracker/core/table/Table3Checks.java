package foi.tracker.core.table;

import foi.tracker.core.taxonomy.ReportText;
import foi.tracker.core.taxonomy.Taxonomy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The checks (勾稽校验) of Table 三, with messages in the style of the report validators: each broken
 * rule names the cells and their numbers.
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

  /** Per column: 二 of year Y = 四 of the report published for year Y−1. */
  public static final String PUBLISHED_CONTINUITY = "PUBLISHED_CONTINUITY";

  /**
   * Per cell: a published subtree table = the agency's own published table + its sub-agencies'
   * subtree tables.
   */
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
   * A Table3 of {@code rows} (row code → 7 counts in Taxonomy's column order; every one of the 25
   * rows) with its {@code balanced} flag and imbalances from {@link #check}.
   */
  public Table3 table3(
      final String agencyId, final int year, final String scope, final Map<String, long[]> rows) {
    Objects.requireNonNull(rows, "rows");
    final List<String> columns = taxonomy.columns().stream().map(Taxonomy.Column::code).toList();
    final Map<String, long[]> ordered = new LinkedHashMap<>();
    for (final Taxonomy.Row row : taxonomy.rows()) {
      final long[] values = rows.get(row.code());
      if (values == null || values.length != columns.size()) {
        throw new IllegalArgumentException(
            "rows."
                + row.code()
                + " must hold "
                + columns.size()
                + " counts, got "
                + (values == null ? "none" : values.length));
      }
      ordered.put(row.code(), values.clone());
    }
    for (final String code : rows.keySet()) {
      taxonomy.row(code);
    }
    final Table3 unchecked = new Table3(agencyId, year, scope, columns, ordered, true, List.of());
    final List<Table3.Imbalance> imbalances = check(unchecked);
    return new Table3(
        agencyId, year, scope, columns, ordered, imbalances.isEmpty(), List.copyOf(imbalances));
  }

  /**
   * All single-table rules: NEGATIVE, BALANCE, DECIDED_TOTAL, TOTAL_COLUMN, in that order; empty if
   * all hold. They read the given rows as they are, so they also report what is wrong with an
   * imported (published) table.
   */
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

  /**
   * PUBLISHED_CONTINUITY: per column, 二 of {@code current} (live or frozen) equals 四 of the report
   * published for the year before ({@code publishedPreviousYear}, a table of the same scope). One
   * entry (row CARRIED_OVER_IN) per column that differs, naming both numbers. It catches a first
   * year of use whose open applications from before were not entered, and a published year changed
   * afterwards.
   */
  public List<Table3.Imbalance> publishedContinuity(
      final Table3 current, final Table3 publishedPreviousYear) {
    Objects.requireNonNull(current, "current");
    Objects.requireNonNull(publishedPreviousYear, "publishedPreviousYear");
    if (publishedPreviousYear.year() != current.year() - 1) {
      throw new IllegalArgumentException(
          "publishedPreviousYear.year must be current.year - 1, got "
              + publishedPreviousYear.year()
              + " and "
              + current.year());
    }
    requireComplete(current, "current");
    requireComplete(publishedPreviousYear, "publishedPreviousYear");
    final List<Table3.Imbalance> out = new ArrayList<>();
    for (final Taxonomy.Column column : taxonomy.columns()) {
      final long in = current.cell(Taxonomy.CARRIED_OVER_IN, column.code());
      final long carried = publishedPreviousYear.cell(Taxonomy.CARRIED_OVER_OUT, column.code());
      if (in != carried) {
        out.add(
            new Table3.Imbalance(
                PUBLISHED_CONTINUITY,
                Taxonomy.CARRIED_OVER_IN,
                column.code(),
                text.format(
                    "check.publishedContinuity",
                    Map.of(
                        "column",
                        columnName(column),
                        "year",
                        current.year(),
                        "in",
                        shortName(Taxonomy.CARRIED_OVER_IN),
                        "inValue",
                        in,
                        "previousYear",
                        publishedPreviousYear.year(),
                        "out",
                        shortName(Taxonomy.CARRIED_OVER_OUT),
                        "outValue",
                        carried))));
      }
    }
    return out;
  }

  /**
   * SUBTREE_SUM: every cell of a published subtree table equals the agency's own published table
   * plus the latest published subtree tables of its direct sub-agencies. The caller checks it only
   * when all of them are published (and not for an imported subtree table). {@code childNames} name
   * the sub-agencies in the message, in the order of {@code childSubtreeTables}.
   */
  public List<Table3.Imbalance> subtreeSum(
      final Table3 publishedSubtree,
      final Table3 ownPublished,
      final List<Table3> childSubtreeTables,
      final List<String> childNames) {
    Objects.requireNonNull(publishedSubtree, "publishedSubtree");
    Objects.requireNonNull(ownPublished, "ownPublished");
    Objects.requireNonNull(childSubtreeTables, "childSubtreeTables");
    Objects.requireNonNull(childNames, "childNames");
    if (childNames.size() != childSubtreeTables.size()) {
      throw new IllegalArgumentException(
          "childNames must name each of the "
              + childSubtreeTables.size()
              + " childSubtreeTables, got "
              + childNames.size());
    }
    requireComplete(publishedSubtree, "publishedSubtree");
    requireComplete(ownPublished, "ownPublished");
    for (int i = 0; i < childSubtreeTables.size(); i++) {
      requireComplete(
          Objects.requireNonNull(childSubtreeTables.get(i), "childSubtreeTables[" + i + "]"),
          "childSubtreeTables[" + i + "]");
    }
    final List<Table3.Imbalance> out = new ArrayList<>();
    for (final Taxonomy.Row row : taxonomy.rows()) {
      for (final Taxonomy.Column column : taxonomy.columns()) {
        final long own = ownPublished.cell(row.code(), column.code());
        long sum = own;
        final StringBuilder children = new StringBuilder();
        for (int i = 0; i < childSubtreeTables.size(); i++) {
          final long v = childSubtreeTables.get(i).cell(row.code(), column.code());
          sum += v;
          if (i > 0) {
            children.append(" + ");
          }
          children.append(childNames.get(i)).append('(').append(v).append(')');
        }
        final long value = publishedSubtree.cell(row.code(), column.code());
        if (value != sum) {
          out.add(
              new Table3.Imbalance(
                  SUBTREE_SUM,
                  row.code(),
                  column.code(),
                  text.format(
                      "check.subtreeSum",
                      Map.of(
                          "row",
                          rowName(row),
                          "column",
                          columnName(column),
                          "agency",
                          publishedSubtree.agencyId(),
                          "parentValue",
                          value,
                          "ownValue",
                          own,
                          "children",
                          children.length() == 0 ? "（无下级机关）" : children.toString(),
                          "sum",
                          sum))));
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
          out.add(
              new Table3.Imbalance(
                  NEGATIVE,
                  row.code(),
                  column.code(),
                  text.format(
                      "check.negative",
                      Map.of("row", rowName(row), "column", columnName(column), "value", value))));
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
        out.add(
            new Table3.Imbalance(
                BALANCE, null, column.code(), text.format("check.balance", values)));
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
        out.add(
            new Table3.Imbalance(
                DECIDED_TOTAL,
                null,
                column.code(),
                text.format(
                    "check.decidedTotal",
                    Map.of(
                        "column",
                        columnName(column),
                        "decided",
                        shortName(Taxonomy.DECIDED_TOTAL),
                        "decidedValue",
                        decided,
                        "sum",
                        sum))));
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
        out.add(
            new Table3.Imbalance(
                TOTAL_COLUMN,
                row.code(),
                Taxonomy.TOTAL,
                text.format(
                    "check.totalColumn",
                    Map.of(
                        "row",
                        rowName(row),
                        "total",
                        taxonomy.columnLabel(Taxonomy.TOTAL),
                        "totalValue",
                        total,
                        "sum",
                        sum))));
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
        throw new IllegalArgumentException(
            name + ".rows." + row.code() + " must hold " + table.columns().size() + " counts");
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
