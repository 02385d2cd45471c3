package foi.tracker.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import foi.tracker.core.table.Table3;
import foi.tracker.core.table.Table4;
import foi.tracker.core.taxonomy.Taxonomy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CsvTest {
  private static final Taxonomy TAXONOMY = Taxonomy.get();
  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  @Test
  void shouldMatchTableCellByCellWhenRenderingSeed002AsCsv() {
    assertTable3Csv(SeedReport.load(Seeds.resource(Seeds.LIANCHENG_2024)).toTable3("liancheng"));
  }

  @Test
  void shouldMatchTableCellByCellWhenRenderingRandomTablesAsCsv() {
    final Random random = new Random(7L);
    for (int i = 0; i < 20; i++) {
      assertTable3Csv(Tables.randomTable3(random, "r", 2023));
    }
  }

  private static List<List<String>> read(final byte[] bytes) {
    assertArrayEquals(BOM, Arrays.copyOf(bytes, 3));
    return CsvReader.parse(new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8));
  }

  private static void assertTable3Csv(final Table3 table) {
    final List<List<String>> records = read(new Table3Csv().render(table));
    assertEquals(2 + TAXONOMY.rows().size(), records.size());
    final List<String> groups = new ArrayList<>();
    final List<String> labels = new ArrayList<>();
    TAXONOMY
        .columns()
        .forEach(
            c -> {
              groups.add(c.group() == null ? c.label() : c.group());
              labels.add(c.group() == null ? "" : c.label());
            });
    assertEquals(groups, records.get(0).subList(3, 10));
    assertEquals(labels, records.get(1).subList(3, 10));
    assertEquals(
        5, java.util.Collections.frequency(records.get(0), "法人或其他组织"), "the two-level header");
    for (int i = 0; i < TAXONOMY.rows().size(); i++) {
      final Taxonomy.Row row = TAXONOMY.rows().get(i);
      final List<String> record = records.get(i + 2);
      assertEquals(10, record.size(), row.code());
      assertEquals(row.label(), record.get(2), row.code());
      assertEquals(row.section() == null ? "" : row.section(), record.get(0), row.code());
      for (int c = 0; c < TAXONOMY.columns().size(); c++) {
        assertEquals(
            String.valueOf(table.cell(row.code(), TAXONOMY.columns().get(c).code())),
            record.get(3 + c),
            row.code() + "/" + c);
      }
    }
    assertEquals(TAXONOMY.row("WITHHELD_STATE_SECRET").group(), records.get(6).get(1));
    assertEquals("", records.get(4).get(1));
  }

  @Test
  void shouldPutEachGroupOnOneLineWhenRenderingTable4AsCsv() {
    final Table4 table = Tables.randomTable4(new Random(3L), "a", 2024);
    final List<List<String>> records = read(new Table4Csv().render(table));
    final Table4Layout layout = new Table4Layout();
    assertEquals(4, records.size());
    assertEquals(
        List.of(
            layout.label("UPHELD"),
            layout.label("CORRECTED"),
            layout.label("OTHER"),
            layout.label("PENDING"),
            layout.label("TOTAL")),
        records.get(0).subList(1, 6));
    final List<String> codes = TAXONOMY.table4Columns();
    int k = 0;
    for (int r = 1; r <= 3; r++) {
      assertEquals(6, records.get(r).size());
      for (int c = 1; c <= 5; c++) {
        assertEquals(
            String.valueOf(table.cells().get(codes.get(k))), records.get(r).get(c), codes.get(k));
        k++;
      }
    }
    assertEquals(
        List.of(
            layout.label("REVIEW"),
            layout.label("LITIGATION_DIRECT"),
            layout.label("LITIGATION_AFTER_REVIEW")),
        List.of(records.get(1).get(0), records.get(2).get(0), records.get(3).get(0)));
  }

  @Test
  void shouldPrefixApostropheWhenTextStartsLikeAFormula() {
    assertEquals("'=HYPERLINK(\"x\")", Csv.formulaSafe("=HYPERLINK(\"x\")"));
    assertEquals("'+1", Csv.formulaSafe("+1"));
    assertEquals("'-1", Csv.formulaSafe("-1"));
    assertEquals("'@SUM(A1)", Csv.formulaSafe("@SUM(A1)"));
    assertEquals("'\tx", Csv.formulaSafe("\tx"));
    assertEquals("a=b", Csv.formulaSafe("a=b"));
    assertEquals("", Csv.formulaSafe(null));
  }

  @Test
  void shouldQuoteAndDoubleQuotesWhenFieldNeedsIt() {
    final Csv csv =
        new Csv().record(List.of("a,b", "say \"hi\"", "line\nbreak", "=1+1", 42L, -3L, "plain"));
    final String text = new String(csv.bytes(), 3, csv.bytes().length - 3, StandardCharsets.UTF_8);
    assertEquals("\"a,b\",\"say \"\"hi\"\"\",\"line\nbreak\",'=1+1,42,-3,plain\r\n", text);
    assertEquals(
        List.of(List.of("a,b", "say \"hi\"", "line\nbreak", "'=1+1", "42", "-3", "plain")),
        CsvReader.parse(text));
  }

  @Test
  void shouldKeepFormulaSafetyWhenQuotingIsAlsoNeeded() {
    final Csv csv = new Csv().record(List.of("=cmd|' /C calc'!A0,x"));
    assertEquals(
        Map.of(0, "'=cmd|' /C calc'!A0,x"),
        Map.of(
            0,
            CsvReader.parse(
                    new String(csv.bytes(), 3, csv.bytes().length - 3, StandardCharsets.UTF_8))
                .get(0)
                .get(0)));
  }
}
