package foi.tracker.core.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Table 四 across years: a case counts where it concluded, and as 尚未审结 at every year end it was open
 * across.
 */
class Table4BuilderTest {

  private static Map<String, Long> cells(final Object... keyValues) {
    final Map<String, Long> out = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      out.put((String) keyValues[i], ((Number) keyValues[i + 1]).longValue());
    }
    return out;
  }

  @Test
  void shouldCountPendingInTheFilingYearAndTheResultInTheConclusionYearWhenACaseSpansAYearEnd() {
    // filed November 2025, concluded 纠正 February 2026
    final Map<String, Long> c =
        cells(Cells.t4Filed(2025, "REVIEW"), 1, Cells.t4(2026, "REVIEW_CORRECTED"), 1);
    final Table4 y2025 = Table4Builder.build("town", "agency", 2025, c);
    assertEquals(1L, y2025.cells().get("REVIEW_PENDING"));
    assertEquals(0L, y2025.cells().get("REVIEW_CORRECTED"));
    assertEquals(1L, y2025.cells().get("REVIEW_TOTAL"));
    final Table4 y2026 = Table4Builder.build("town", "agency", 2026, c);
    assertEquals(0L, y2026.cells().get("REVIEW_PENDING"));
    assertEquals(1L, y2026.cells().get("REVIEW_CORRECTED"));
    assertEquals(1L, y2026.cells().get("REVIEW_TOTAL"));
    final Table4 y2024 = Table4Builder.build("town", "agency", 2024, c);
    assertEquals(0L, y2024.cells().get("REVIEW_TOTAL"));
    assertTrue(y2025.balanced() && y2026.balanced());
  }

  @Test
  void shouldCountPendingInEachYearWhenACaseIsOpenAcrossTwoYearEnds() {
    final Map<String, Long> c = cells(Cells.t4Filed(2024, "LITIGATION_AFTER_REVIEW"), 1);
    for (int year = 2024; year <= 2026; year++) {
      final Table4 t = Table4Builder.build("town", "agency", year, c);
      assertEquals(1L, t.cells().get("LITIGATION_AFTER_REVIEW_PENDING"), "year " + year);
      assertEquals(1L, t.cells().get("LITIGATION_AFTER_REVIEW_TOTAL"), "year " + year);
      assertEquals(0L, t.cells().get("LITIGATION_DIRECT_TOTAL"), "year " + year);
    }
    assertEquals(
        0L,
        Table4Builder.build("town", "agency", 2023, c)
            .cells()
            .get("LITIGATION_AFTER_REVIEW_PENDING"));
  }

  @Test
  void shouldAddConcludedInYearAndPendingAtItsEndWhenSeveralCasesMeet() {
    final Map<String, Long> c =
        cells(
            Cells.t4Filed(2025, "LITIGATION_DIRECT"), 3,
            Cells.t4(2025, "LITIGATION_DIRECT_UPHELD"), 1,
            Cells.t4Filed(2026, "LITIGATION_DIRECT"), 2,
            Cells.t4(2026, "LITIGATION_DIRECT_OTHER"), 2,
            Cells.t4(2026, "LITIGATION_DIRECT_UPHELD"), 1);
    final Table4 y2025 = Table4Builder.build("town", "agency", 2025, c);
    assertEquals(1L, y2025.cells().get("LITIGATION_DIRECT_UPHELD"));
    assertEquals(2L, y2025.cells().get("LITIGATION_DIRECT_PENDING"));
    assertEquals(3L, y2025.cells().get("LITIGATION_DIRECT_TOTAL"));
    final Table4 y2026 = Table4Builder.build("town", "agency", 2026, c);
    assertEquals(1L, y2026.cells().get("LITIGATION_DIRECT_UPHELD"));
    assertEquals(2L, y2026.cells().get("LITIGATION_DIRECT_OTHER"));
    assertEquals(1L, y2026.cells().get("LITIGATION_DIRECT_PENDING"));
    assertEquals(4L, y2026.cells().get("LITIGATION_DIRECT_TOTAL"));
  }

  @Test
  void shouldIgnoreCellsThatAreNotTable4() {
    final Map<String, Long> c =
        cells(
            "2025|NEW|NATURAL_PERSON",
            4,
            "2025|C|ON_TIME",
            2,
            "NOW|OVERDUE",
            1,
            Cells.feeFen(2025),
            5000);
    final Table4 t = Table4Builder.build("town", "agency", 2025, c);
    t.cells().values().forEach(v -> assertEquals(0L, v));
    assertEquals(15, t.cells().size());
  }
}
