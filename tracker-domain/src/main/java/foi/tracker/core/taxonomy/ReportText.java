package foi.tracker.core.taxonomy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The report text (报告文字) that the renderers need beyond {@link Taxonomy}'s codes and labels: the
 * table titles and the 勾稽 note from the specification file, and the remaining headings and
 * sentences from {@code report-text.properties}. No Chinese text lives in the Java code.
 */
public final class ReportText {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)}");

  /** A leading ordinal in full-width brackets, e.g. （三）. */
  private static final Pattern GROUP_ORDINAL = Pattern.compile("^（[^）]*）");

  /** A trailing explanation in full-width brackets, e.g. （区分处理的，…）. */
  private static final Pattern TRAILING_NOTE = Pattern.compile("（[^）]*）$");

  /** A leading ordinal ending with 、, e.g. 一、. */
  private static final Pattern SECTION_ORDINAL = Pattern.compile("^([^、]+)、");

  /** A leading item number, e.g. 1. */
  private static final Pattern ITEM_NUMBER = Pattern.compile("^(\\d+)\\.");

  private static final Pattern BRACKETED = Pattern.compile("\\(([^)]*)\\)");

  /** The middle dot between 行政诉讼 and its sub-group in Table 四's labels. */
  public static final String LABEL_PATH_SEPARATOR = "·";

  private static final ReportText INSTANCE = load();

  private final Properties text;
  private final String table3Title;
  private final String table4Title;
  private final String balanceNote;

  private ReportText(final Properties text, final JsonNode spec) {
    this.text = text;
    this.table3Title = spec.get("title").asText();
    this.table4Title = spec.get("table4_review_litigation").get("title").asText();
    final Matcher m = BRACKETED.matcher(spec.get("balance_rule").asText());
    if (!m.find()) {
      throw new IllegalStateException(
          "balance_rule of annual-report-table3.json has no bracketed note");
    }
    this.balanceNote = "（" + m.group(1) + "）";
  }

  public static ReportText get() {
    return INSTANCE;
  }

  private static ReportText load() {
    final Properties props = new Properties();
    try (InputStream in = ReportText.class.getResourceAsStream("report-text.properties");
        InputStream specIn = Taxonomy.class.getResourceAsStream("/annual-report-table3.json")) {
      if (in == null || specIn == null) {
        throw new IllegalStateException(
            "report-text.properties or annual-report-table3.json is missing");
      }
      try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
        props.load(reader);
      }
      return new ReportText(props, new ObjectMapper().readTree(specIn));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The text stored under {@code key}. */
  public String text(final String key) {
    final String value = text.getProperty(key);
    if (value == null) {
      throw new IllegalArgumentException("no report text for key: " + key);
    }
    return value;
  }

  /**
   * The text stored under {@code key} with each {@code {name}} replaced by {@code
   * values.get(name)}.
   */
  public String format(final String key, final Map<String, ?> values) {
    final Matcher m = PLACEHOLDER.matcher(text(key));
    final StringBuilder out = new StringBuilder();
    while (m.find()) {
      final Object value = values.get(m.group(1));
      if (value == null) {
        throw new IllegalArgumentException(
            "no value for {" + m.group(1) + "} in report text " + key);
      }
      m.appendReplacement(out, Matcher.quoteReplacement(String.valueOf(value)));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** 三、收到和处理政府信息公开申请情况. */
  public String table3Title() {
    return table3Title;
  }

  /** 四、政府信息公开行政复议、行政诉讼情况. */
  public String table4Title() {
    return table4Title;
  }

  /** The official 勾稽 note in the top-left header cell of Table 三, in full-width brackets. */
  public String balanceNote() {
    return balanceNote;
  }

  /** An outcome group's plain name for prose: （二）部分公开（区分处理的，…） becomes 部分公开. */
  public static String groupName(final String groupLabel) {
    final String withoutOrdinal = GROUP_ORDINAL.matcher(groupLabel).replaceFirst("");
    return TRAILING_NOTE.matcher(withoutOrdinal).replaceFirst("");
  }

  /**
   * A row's short name as used in the annual report's cross-references: 一, 二, 四 for the top rows,
   * （七） for a group row, （三）1 for an item of a group.
   */
  public static String shortName(final Taxonomy.Row row) {
    final Matcher section = SECTION_ORDINAL.matcher(row.label());
    if (row.group() == null && section.find()) {
      return section.group(1);
    }
    if (row.group() == null) {
      return row.label();
    }
    final Matcher ordinal = GROUP_ORDINAL.matcher(row.group());
    final String groupOrdinal = ordinal.find() ? ordinal.group() : row.group();
    if (row.label().equals(row.group())) {
      return groupOrdinal;
    }
    final Matcher item = ITEM_NUMBER.matcher(row.label());
    return groupOrdinal + (item.find() ? item.group(1) : row.label());
  }
}
