package foi.tracker.core.taxonomy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The layout of Table 三 (收到和处理政府信息公开申请情况) and Table 四 (行政复议、行政诉讼情况) of the annual report, format
 * 国办公开办函〔2021〕30号. The single place in the code that knows the codes and the Chinese labels: it is
 * read from {@code annual-report-table3.json}, a copy of the project's specification file.
 */
public final class Taxonomy {
  /** Row code of 一、本年新收政府信息公开申请数量. */
  public static final String NEW = "NEW";

  /** Row code of 二、上年结转政府信息公开申请数量. */
  public static final String CARRIED_OVER_IN = "CARRIED_OVER_IN";

  /** Row code of （七）总计. */
  public static final String DECIDED_TOTAL = "DECIDED_TOTAL";

  /** Row code of 四、结转下年度继续办理. */
  public static final String CARRIED_OVER_OUT = "CARRIED_OVER_OUT";

  /** Column code of 总计. */
  public static final String TOTAL = "TOTAL";

  /** The outcome a withdrawal (撤回) counts as: （六）3.其他. */
  public static final String WITHDRAWN_OUTCOME = "OTHER";

  private static final Taxonomy INSTANCE = load();

  private final List<Column> columns;
  private final List<String> applicantTypes;
  private final List<Row> rows;
  private final List<String> outcomes;
  private final List<String> table4Columns;
  private final Map<String, String> table4Labels;
  private final Map<String, Row> rowsByCode;

  /** One row of Table 三; {@code group} is the （一）…（七） heading for outcome rows, null otherwise. */
  public record Row(String code, String label, String section, String group, boolean outcome) {}

  /** One column of Table 三; {@code group} is 法人或其他组织 for the five organisation columns. */
  public record Column(String code, String label, String group) {}

  private Taxonomy(final JsonNode root) {
    final List<Column> cols = new ArrayList<>();
    root.get("columns")
        .forEach(
            c ->
                cols.add(
                    new Column(
                        c.get("code").asText(),
                        c.get("label").asText(),
                        c.get("group").isNull() ? null : c.get("group").asText())));
    this.columns = List.copyOf(cols);
    final List<String> types = new ArrayList<>();
    root.get("applicant_types").forEach(t -> types.add(t.asText()));
    this.applicantTypes = List.copyOf(types);
    final List<Row> rs = new ArrayList<>();
    final List<String> outs = new ArrayList<>();
    final Map<String, Row> byCode = new LinkedHashMap<>();
    root.get("rows")
        .forEach(
            r -> {
              final Row row =
                  new Row(
                      r.get("code").asText(),
                      r.get("label").asText(),
                      r.has("section") ? r.get("section").asText() : null,
                      r.has("group") ? r.get("group").asText() : null,
                      r.has("outcome") && r.get("outcome").asBoolean());
              rs.add(row);
              byCode.put(row.code(), row);
              if (row.outcome()) {
                outs.add(row.code());
              }
            });
    this.rows = List.copyOf(rs);
    this.outcomes = List.copyOf(outs);
    this.rowsByCode = Map.copyOf(byCode);
    final JsonNode t4 = root.get("table4_review_litigation");
    final List<String> t4c = new ArrayList<>();
    t4.get("columns_in_published_order").forEach(c -> t4c.add(c.asText()));
    this.table4Columns = List.copyOf(t4c);
    final Map<String, String> labels = new LinkedHashMap<>();
    t4.get("labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
    this.table4Labels = Map.copyOf(labels);
  }

  public static Taxonomy get() {
    return INSTANCE;
  }

  private static Taxonomy load() {
    try (InputStream in = Taxonomy.class.getResourceAsStream("/annual-report-table3.json")) {
      if (in == null) {
        throw new IllegalStateException("annual-report-table3.json is missing from the classpath");
      }
      return new Taxonomy(new ObjectMapper().readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The 7 columns, in published order (six applicant types, then 总计). */
  public List<Column> columns() {
    return columns;
  }

  /** The 6 applicant types (the data columns). */
  public List<String> applicantTypes() {
    return applicantTypes;
  }

  /** The 25 rows, in published order. */
  public List<Row> rows() {
    return rows;
  }

  public Row row(final String code) {
    final Row row = rowsByCode.get(code);
    if (row == null) {
      throw new IllegalArgumentException("unknown Table 三 row code: " + code);
    }
    return row;
  }

  /** The 21 outcome row codes of 三、本年度办理结果, in published order. */
  public List<String> outcomes() {
    return outcomes;
  }

  public boolean isApplicantType(final String code) {
    return code != null && applicantTypes.contains(code);
  }

  public boolean isOutcome(final String code) {
    return code != null && outcomes.contains(code);
  }

  public int columnIndex(final String applicantType) {
    final int i = applicantTypes.indexOf(applicantType);
    if (i < 0) {
      throw new IllegalArgumentException("unknown applicant type: " + applicantType);
    }
    return i;
  }

  /** The 15 cells of Table 四, in published order (复议 ×5, 直接起诉 ×5, 复议后起诉 ×5). */
  public List<String> table4Columns() {
    return table4Columns;
  }

  /**
   * Labels of Table 四's groups and result columns (REVIEW, LITIGATION_DIRECT, …, UPHELD, …, TOTAL).
   */
  public Map<String, String> table4Labels() {
    return table4Labels;
  }

  public String columnLabel(final String code) {
    return columns.stream()
        .filter(c -> c.code().equals(code))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown column: " + code))
        .label();
  }
}
