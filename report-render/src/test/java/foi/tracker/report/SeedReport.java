package foi.tracker.report;

import foi.tracker.core.table.Table3;
import foi.tracker.core.table.Table3Checks;
import foi.tracker.core.table.Table4;
import foi.tracker.core.taxonomy.ReportText;
import foi.tracker.core.taxonomy.Taxonomy;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A published annual report (已公开年报) in the seeds' text layout (tab-indented cells, one per line or
 * several per line), parsed for its Table 三 (row code → 7 numbers) and Table 四 (15 numbers in
 * published order).
 *
 * @param year the first 4-digit year followed by 年 in the text
 * @param table3 row code → 7 counts, for every row the report prints
 * @param groupsAsOneRow groups printed as a single row with numbers and no items (the 2019 format
 *     printed （六）其他处理 this way), group label → 7 counts
 * @param table4 the 15 Table 四 counts in published order
 */
record SeedReport(
    String title,
    int year,
    Map<String, long[]> table3,
    Map<String, long[]> groupsAsOneRow,
    List<Long> table4) {
  private static final Pattern NUMBER = Pattern.compile("-?\\d+");
  private static final Pattern YEAR = Pattern.compile("(\\d{4})\\s*年");
  private static final int COLUMNS = 7;

  static SeedReport load(final String resource) {
    return parse(text(resource));
  }

  /** The text of a seed resource. */
  static String text(final String resource) {
    try (InputStream in = SeedReport.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no resource " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The non-empty cells of Table 三 in reading order, as printed (labels and numbers). */
  static List<String> table3Cells(final String text) {
    final String[] lines = text.split("\r?\n", -1);
    final int t3 = headingLine(lines, ReportText.get().table3Title(), 0);
    final int t4 = headingLine(lines, ReportText.get().table4Title(), t3 + 1);
    return tokens(lines, t3 + 1, t4);
  }

  /** The non-empty cells of Table 四 in reading order, up to its 15th number. */
  static List<String> table4Cells(final String text) {
    final String[] lines = text.split("\r?\n", -1);
    final int t4 =
        headingLine(
            lines,
            ReportText.get().table4Title(),
            headingLine(lines, ReportText.get().table3Title(), 0) + 1);
    final List<String> out = new ArrayList<>();
    int numbers = 0;
    for (final String token : tokens(lines, t4 + 1, lines.length)) {
      if (numbers == Taxonomy.get().table4Columns().size()) {
        break;
      }
      out.add(token);
      if (NUMBER.matcher(token).matches()) {
        numbers++;
      }
    }
    return out;
  }

  static SeedReport parse(final String text) {
    final Taxonomy taxonomy = Taxonomy.get();
    final ReportText reportText = ReportText.get();
    final String[] lines = text.split("\r?\n", -1);
    final int t3 = headingLine(lines, reportText.table3Title(), 0);
    final int t4 = headingLine(lines, reportText.table4Title(), t3 + 1);
    final String title = firstNonBlank(lines);
    final Matcher year = YEAR.matcher(text);
    if (!year.find()) {
      throw new IllegalArgumentException("no year in the report");
    }
    final TableParser parser = new TableParser(taxonomy);
    for (final String token : tokens(lines, t3 + 1, t4)) {
      parser.accept(token);
    }
    parser.finish();
    final List<Long> table4 = new ArrayList<>();
    for (final String token : tokens(lines, t4 + 1, lines.length)) {
      if (table4.size() == taxonomy.table4Columns().size()) {
        break;
      }
      if (NUMBER.matcher(token).matches()) {
        table4.add(Long.parseLong(token));
      }
    }
    if (table4.size() != taxonomy.table4Columns().size()) {
      throw new IllegalArgumentException(
          "Table 四 has " + table4.size() + " numbers, expected " + taxonomy.table4Columns().size());
    }
    return new SeedReport(
        title, Integer.parseInt(year.group(1)), parser.rows, parser.groupRows, List.copyOf(table4));
  }

  /**
   * The Table 三 of this report. A group printed as one row (2019 format) is counted in its last
   * item (for （六）其他处理: 3.其他), its other items are 0.
   */
  Table3 toTable3(final String agencyId) {
    final Taxonomy taxonomy = Taxonomy.get();
    final Map<String, long[]> rows = new LinkedHashMap<>();
    for (final Taxonomy.Row row : taxonomy.rows()) {
      final long[] values = table3.get(row.code());
      if (values != null) {
        rows.put(row.code(), values.clone());
      } else if (row.group() != null && groupsAsOneRow.containsKey(row.group())) {
        final boolean last =
            taxonomy.rows().stream()
                .filter(r -> row.group().equals(r.group()))
                .reduce((a, b) -> b)
                .orElseThrow()
                .code()
                .equals(row.code());
        rows.put(row.code(), last ? groupsAsOneRow.get(row.group()).clone() : new long[COLUMNS]);
      } else {
        throw new IllegalStateException("the report has no row " + row.code());
      }
    }
    return new Table3Checks().table3(agencyId, year, "agency", rows);
  }

  Table4 toTable4(final String agencyId) {
    final Map<String, Long> cells = new LinkedHashMap<>();
    final List<String> codes = Taxonomy.get().table4Columns();
    for (int i = 0; i < codes.size(); i++) {
      cells.put(codes.get(i), table4.get(i));
    }
    return new Table4(agencyId, year, "agency", cells);
  }

  /** A label as compared: no white space, half-width brackets and commas made full-width. */
  static String normalize(final String s) {
    return s.replaceAll("[\\s\\u00A0\\u3000]+", "")
        .replace('(', '（')
        .replace(')', '）')
        .replace(',', '，');
  }

  private static int headingLine(final String[] lines, final String heading, final int from) {
    final String wanted = normalize(heading);
    for (int i = from; i < lines.length; i++) {
      if (normalize(lines[i].replaceFirst("^\\s*#+", "")).equals(wanted)) {
        return i;
      }
    }
    throw new IllegalArgumentException("no heading line " + heading);
  }

  private static String firstNonBlank(final String[] lines) {
    for (final String line : lines) {
      if (!line.isBlank()) {
        return line.replaceFirst("^\\s*#+", "").strip();
      }
    }
    return "";
  }

  private static List<String> tokens(final String[] lines, final int from, final int to) {
    final List<String> out = new ArrayList<>();
    for (int i = from; i < to; i++) {
      for (final String cell : lines[i].split("\t")) {
        final String token = cell.replace('\u00A0', ' ').replace('\u3000', ' ').strip();
        if (!token.isEmpty()) {
          out.add(token);
        }
      }
    }
    return out;
  }

  /** Walks the tokens of Table 三: a row label, then its 7 numbers. */
  private static final class TableParser {
    private final Taxonomy taxonomy;
    private final Map<String, String> topRows = new LinkedHashMap<>();
    private final Map<String, String> groups = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> items = new LinkedHashMap<>();
    private final Map<String, long[]> rows = new LinkedHashMap<>();
    private final Map<String, long[]> groupRows = new LinkedHashMap<>();
    private String group;
    private String pendingRow;
    private String pendingGroup;
    private final List<Long> numbers = new ArrayList<>();

    TableParser(final Taxonomy taxonomy) {
      this.taxonomy = taxonomy;
      for (final Taxonomy.Row row : taxonomy.rows()) {
        if (row.group() == null) {
          topRows.put(normalize(row.label()), row.code());
        } else {
          groups.put(normalize(row.group()), row.group());
          if (!row.label().equals(row.group())) {
            items
                .computeIfAbsent(row.group(), g -> new LinkedHashMap<>())
                .put(normalize(row.label()), row.code());
          }
        }
      }
    }

    void accept(final String token) {
      if (NUMBER.matcher(token).matches()) {
        if (pendingRow == null && pendingGroup == null) {
          throw new IllegalArgumentException("number " + token + " outside a row");
        }
        if (numbers.size() == COLUMNS) {
          throw new IllegalArgumentException(
              "more than "
                  + COLUMNS
                  + " numbers in row "
                  + Optional.ofNullable(pendingRow).orElse(pendingGroup));
        }
        numbers.add(Long.parseLong(token));
        return;
      }
      final String key = normalize(token);
      if (topRows.containsKey(key)) {
        start(topRows.get(key), null);
        group = null;
      } else if (groups.containsKey(key)) {
        group = groups.get(key);
        final String own =
            taxonomy.rows().stream()
                .filter(r -> r.label().equals(r.group()) && r.group().equals(group))
                .map(Taxonomy.Row::code)
                .findFirst()
                .orElse(null);
        start(own, own == null ? group : null);
      } else if (group != null && items.getOrDefault(group, Map.of()).containsKey(key)) {
        start(items.get(group).get(key), null);
      } else if (!numbers.isEmpty() && numbers.size() < COLUMNS) {
        throw new IllegalArgumentException(
            "row "
                + Optional.ofNullable(pendingRow).orElse(pendingGroup)
                + " has "
                + numbers.size()
                + " numbers before "
                + token);
      }
    }

    private void start(final String row, final String groupOnly) {
      finishPending();
      pendingRow = row;
      pendingGroup = groupOnly;
    }

    void finish() {
      finishPending();
    }

    private void finishPending() {
      if (pendingRow == null && pendingGroup == null) {
        return;
      }
      if (pendingGroup != null && numbers.isEmpty()) {
        pendingGroup = null;
        return;
      }
      if (numbers.size() != COLUMNS) {
        throw new IllegalArgumentException(
            "row "
                + Optional.ofNullable(pendingRow).orElse(pendingGroup)
                + " has "
                + numbers.size()
                + " numbers");
      }
      final long[] values = numbers.stream().mapToLong(Long::longValue).toArray();
      if (pendingRow != null) {
        if (rows.put(pendingRow, values) != null) {
          throw new IllegalArgumentException("row " + pendingRow + " appears twice");
        }
      } else {
        groupRows.put(pendingGroup, values);
      }
      numbers.clear();
      pendingRow = null;
      pendingGroup = null;
    }
  }
}
