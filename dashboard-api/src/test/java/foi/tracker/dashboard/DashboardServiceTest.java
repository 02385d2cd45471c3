package foi.tracker.dashboard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import foi.tracker.core.json.Json;
import foi.tracker.core.table.Table3;
import foi.tracker.core.table.Table3Checks;
import foi.tracker.core.taxonomy.Taxonomy;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The JSON shapes the page relies on (imbalances, layouts), the per-request CSV and the median,
 * without a broker.
 */
class DashboardServiceTest {
  private static final Taxonomy TAXONOMY = Taxonomy.get();

  private static Map<String, long[]> zero() {
    final Map<String, long[]> rows = new LinkedHashMap<>();
    TAXONOMY.rows().forEach(r -> rows.put(r.code(), new long[7]));
    return rows;
  }

  @Test
  void shouldListEachImbalanceWithRuleColumnAndMessageWhenATableDoesNotBalance() throws Exception {
    final Map<String, long[]> rows = zero();
    rows.get(Taxonomy.NEW)[0] = 2;
    rows.get(Taxonomy.NEW)[6] = 2;
    rows.get("DISCLOSED")[0] = 1;
    rows.get("DISCLOSED")[6] = 1;
    rows.get(Taxonomy.DECIDED_TOTAL)[0] = 1;
    rows.get(Taxonomy.DECIDED_TOTAL)[6] = 1;
    final Table3 t = new Table3Checks().table3("town", 2024, "agency", rows);
    final JsonNode json = Json.MAPPER.readTree(Json.write(TableReads.table3Json(t)));
    assertFalse(json.get("balanced").asBoolean());
    final JsonNode imbalances = json.get("imbalances");
    assertEquals(2, imbalances.size(), imbalances.toString());
    for (JsonNode i : imbalances) {
      assertEquals(Table3Checks.BALANCE, i.get("rule").asText());
      assertTrue(
          List.of("NATURAL_PERSON", "TOTAL").contains(i.get("column").asText()), i.toString());
      assertFalse(i.get("message").asText().isBlank());
    }
    rows.get(Taxonomy.CARRIED_OVER_OUT)[0] = 1;
    rows.get(Taxonomy.CARRIED_OVER_OUT)[6] = 1;
    final JsonNode fixed =
        Json.MAPPER.readTree(
            Json.write(
                TableReads.table3Json(new Table3Checks().table3("town", 2024, "agency", rows))));
    assertTrue(fixed.get("balanced").asBoolean());
    assertEquals(0, fixed.get("imbalances").size());
    assertEquals(
        List.of("agencyId", "year", "scope", "columns", "rows", "balanced", "imbalances"),
        List.copyOf(iterable(fixed.fieldNames())));
  }

  private static <T> List<T> iterable(final java.util.Iterator<T> it) {
    final List<T> out = new java.util.ArrayList<>();
    it.forEachRemaining(out::add);
    return out;
  }

  @Test
  void shouldPlaceEveryNumberCellOfTheLayoutWhenTheTableIsDrawnFromJson() {
    final Map<String, Object> t3 = Layouts.table3();
    assertEquals(28, t3.get("rows"));
    assertEquals(10, t3.get("columns"));
    @SuppressWarnings("unchecked")
    final List<Map<String, Object>> cells = (List<Map<String, Object>>) t3.get("cells");
    assertEquals(25 * 7, cells.stream().filter(c -> c.containsKey("rowCode")).count());
    assertTrue(
        cells.stream()
            .anyMatch(c -> "申请人情况".equals(c.get("text")) && c.get("columnSpan").equals(7)));
    assertTrue(
        cells.stream()
            .anyMatch(c -> "法人或其他组织".equals(c.get("text")) && c.get("columnSpan").equals(5)));
    assertTrue(
        cells.stream()
            .anyMatch(c -> "NEW".equals(c.get("rowCode")) && "TOTAL".equals(c.get("columnCode"))));
    @SuppressWarnings("unchecked")
    final List<Map<String, Object>> t4 = (List<Map<String, Object>>) Layouts.table4().get("cells");
    assertEquals(
        TAXONOMY.table4Columns(),
        t4.stream().filter(c -> c.containsKey("code")).map(c -> c.get("code")).toList());
  }

  @Test
  void shouldNeutraliseFormulasAndQuoteWhenWritingTheRequestCsv() {
    final byte[] bytes =
        RequestCsv.render(
            List.of(
                new RequestCsv.Line(
                    "-1",
                    "a,b",
                    "NATURAL_PERSON",
                    "ONLINE",
                    java.time.LocalDate.of(2024, 1, 2),
                    null,
                    null,
                    "=SUM(A1)",
                    "ON_TRACK",
                    null)),
            id -> "=" + id);
    assertArrayEquals(
        new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, java.util.Arrays.copyOf(bytes, 3));
    final String text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
    assertEquals(
        String.join(",", RequestCsv.HEADER)
            + "\r\n'-1,\"'=a,b\",\"a,b\",自然人,网上申请,2024-01-02,,,'=SUM(A1),"
            + "正常,\r\n",
        text);
    assertEquals("法人或其他组织·其他", RequestCsv.applicantTypeLabel("OTHER_ORG"));
    assertEquals("（三）不予公开·1.属于国家秘密", RequestCsv.outcomeLabel("WITHHELD_STATE_SECRET"));
    assertEquals("（一）予以公开", RequestCsv.outcomeLabel("DISCLOSED"));
    assertEquals("'@x", foi.tracker.report.Csv.formulaSafe("@x"));
    assertEquals("'+1", foi.tracker.report.Csv.formulaSafe("+1"));
    assertEquals("x=1", foi.tracker.report.Csv.formulaSafe("x=1"));
  }

  @Test
  void shouldTakeTheMiddleOfTheHistogramWhenComputingTheMedian() {
    final TreeMap<Integer, Long> h = new TreeMap<>(Map.of(3, 1L, 10, 2L, 25, 1L));
    assertEquals(10.0, ComplianceReads.median(h));
    h.put(30, 2L);
    assertEquals(17.5, ComplianceReads.median(h));
  }
}
