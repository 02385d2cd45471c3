package foi.tracker.report;

import foi.tracker.core.table.Table4;
import foi.tracker.core.taxonomy.ReportText;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Table 四 as CSV: a header line (类别, then the 5 result labels) and one line per group (行政复议,
 * 行政诉讼·未经复议直接起诉, 行政诉讼·复议后起诉) with its 5 numbers. UTF-8 with BOM, RFC 4180, formula-safe.
 */
public final class Table4Csv {
  /** Content type of {@link #render}. */
  public static final String CONTENT_TYPE = Csv.CONTENT_TYPE;

  private final Table4Layout layout;
  private final ReportText text;

  public Table4Csv(final Table4Layout layout, final ReportText text) {
    this.layout = Objects.requireNonNull(layout, "layout");
    this.text = Objects.requireNonNull(text, "text");
  }

  public Table4Csv() {
    this(new Table4Layout(), ReportText.get());
  }

  /** The CSV file's bytes. */
  public byte[] render(final Table4 table) {
    Objects.requireNonNull(table, "table");
    final Csv csv = new Csv();
    final Map<String, List<Table4Layout.Column>> groups = layout.groups();
    final List<Object> header = new ArrayList<>(List.of(text.text("csv.table4.kind")));
    final List<String> results =
        groups.values().iterator().next().stream().map(Table4Layout.Column::result).toList();
    results.forEach(r -> header.add(layout.label(r)));
    csv.record(header);
    for (final Map.Entry<String, List<Table4Layout.Column>> group : groups.entrySet()) {
      if (!group.getValue().stream().map(Table4Layout.Column::result).toList().equals(results)) {
        throw new IllegalStateException(
            "Table 四 group " + group.getKey() + " does not have the columns " + results);
      }
      final List<Object> fields = new ArrayList<>(List.of(layout.label(group.getKey())));
      for (final Table4Layout.Column column : group.getValue()) {
        final Long value = table.cells().get(column.code());
        if (value == null) {
          throw new IllegalArgumentException("Table 四 has no cell " + column.code());
        }
        fields.add(value);
      }
      csv.record(fields);
    }
    return csv.bytes();
  }

  /** Writes {@link #render} to {@code out}. */
  public void write(final Table4 table, final OutputStream out) throws IOException {
    out.write(render(table));
  }
}
