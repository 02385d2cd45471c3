package foi.tracker.report;

import foi.tracker.core.table.Table3;
import foi.tracker.core.taxonomy.ReportText;
import foi.tracker.core.taxonomy.Taxonomy;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Table 三 as CSV: two header lines (大项, 分项, 项目, then the 7 columns under the official two-level
 * header: 申请人情况 groups such as 法人或其他组织 on the first line, their columns on the second) and one line
 * per Table 三 row (its section, group and label, then the 7 numbers). UTF-8 with BOM, RFC 4180,
 * formula-safe.
 */
public final class Table3Csv {
  /** Content type of {@link #render}. */
  public static final String CONTENT_TYPE = Csv.CONTENT_TYPE;

  private final Taxonomy taxonomy;
  private final ReportText text;

  public Table3Csv(final Taxonomy taxonomy, final ReportText text) {
    this.taxonomy = Objects.requireNonNull(taxonomy, "taxonomy");
    this.text = Objects.requireNonNull(text, "text");
  }

  public Table3Csv() {
    this(Taxonomy.get(), ReportText.get());
  }

  /** The CSV file's bytes. */
  public byte[] render(final Table3 table) {
    Objects.requireNonNull(table, "table");
    final Csv csv = new Csv();
    // the official two-level column header: 法人或其他组织 over its five columns, so that its 「其他」 is not
    // read as
    // another column of the same name; a column outside a group has its label on the first line
    final List<Object> header =
        new ArrayList<>(
            List.of(
                text.text("csv.table3.section"),
                text.text("csv.table3.group"),
                text.text("csv.table3.item")));
    final List<Object> subHeader = new ArrayList<>(List.of("", "", ""));
    taxonomy
        .columns()
        .forEach(
            c -> {
              header.add(c.group() == null ? c.label() : c.group());
              subHeader.add(c.group() == null ? "" : c.label());
            });
    csv.record(header);
    csv.record(subHeader);
    for (final Taxonomy.Row row : taxonomy.rows()) {
      final List<Object> fields = new ArrayList<>();
      fields.add(Objects.requireNonNullElse(row.section(), ""));
      fields.add(row.group() == null || row.group().equals(row.label()) ? "" : row.group());
      fields.add(row.label());
      if (!table.rows().containsKey(row.code())) {
        throw new IllegalArgumentException("Table 三 has no row " + row.code());
      }
      taxonomy.columns().forEach(c -> fields.add(table.cell(row.code(), c.code())));
      csv.record(fields);
    }
    return csv.bytes();
  }

  /** Writes {@link #render} to {@code out}. */
  public void write(final Table3 table, final OutputStream out) throws IOException {
    out.write(render(table));
  }
}
