package foi.tracker.core.table;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import foi.tracker.core.deadline.DeadlineStatus;
import foi.tracker.core.taxonomy.Taxonomy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Table 三 from counter cells: each rule of the layout arithmetic alone. */
class Table3BuilderTest {
  private static final String P = "NATURAL_PERSON";
  private static final String FIRM = "COMMERCIAL_ENTERPRISE";

  private static Table3 build(final int year, final Map<String, Long> cells) {
    return Table3Builder.build("a", "agency", year, cells);
  }

  private static Map<String, Long> cells(final Object... keyValue) {
    final Map<String, Long> out = new HashMap<>();
    for (int i = 0; i < keyValue.length; i += 2) {
      out.put((String) keyValue[i], ((Number) keyValue[i + 1]).longValue());
    }
    return out;
  }

  @Test
  void shouldLayOutAll25RowsAndSevenColumnsInTheOfficialOrder() {
    final Table3 t = build(2024, Map.of());
    assertEquals(
        Taxonomy.get().rows().stream().map(Taxonomy.Row::code).toList(),
        List.copyOf(t.rows().keySet()));
    assertEquals(7, t.columns().size());
    assertEquals(Taxonomy.TOTAL, t.columns().get(6));
    t.rows().values().forEach(r -> assertArrayEquals(new long[7], r));
    assertTrue(t.balanced());
  }

  @Test
  void shouldCountRowOneFromTheReceiptsOfTheYearOnly() {
    final Table3 t =
        build(
            2024,
            cells(
                Cells.t3(2024, "NEW", P),
                3,
                Cells.t3(2023, "NEW", P),
                5,
                Cells.t3(2025, "NEW", P),
                7));
    assertEquals(3, t.cell("NEW", P));
  }

  @Test
  void shouldCarryInWhatWasReceivedAndNotDecidedBeforeTheYear() {
    // 二 of 2024 = received up to 2023 − decided up to 2023 = (5 + 2) − (4) = 3
    final Table3 t =
        build(
            2024,
            cells(
                Cells.t3(2022, "NEW", P),
                5,
                Cells.t3(2023, "NEW", P),
                2,
                Cells.t3(2022, "DISCLOSED", P),
                1,
                Cells.t3(2023, "WITHHELD_STATE_SECRET", P),
                3));
    assertEquals(3, t.cell(Taxonomy.CARRIED_OVER_IN, P));
    assertEquals(
        0, t.cell("DISCLOSED", P), "an answer of an earlier year is not in 三 of this year");
  }

  @Test
  void shouldSumTheOutcomeRowsIntoTheDecidedTotal() {
    final Table3 t =
        build(
            2024,
            cells(
                Cells.t3(2024, "NEW", P),
                6,
                Cells.t3(2024, "DISCLOSED", P),
                2,
                Cells.t3(2024, "UNAVAILABLE_NOT_HELD", P),
                1,
                Cells.t3(2024, Taxonomy.WITHDRAWN_OUTCOME, P),
                1));
    assertEquals(4, t.cell(Taxonomy.DECIDED_TOTAL, P));
  }

  @Test
  void shouldCarryOutWhatIsStillOpenAtTheYearEnd() {
    // 四 = 一 + 二 − （七）总计 = 6 + 3 − 4 = 5
    final Table3 t =
        build(
            2024,
            cells(
                Cells.t3(2023, "NEW", P),
                3,
                Cells.t3(2024, "NEW", P),
                6,
                Cells.t3(2024, "DISCLOSED", P),
                4));
    assertEquals(5, t.cell(Taxonomy.CARRIED_OVER_OUT, P));
    assertEquals(
        5,
        build(
                2025,
                cells(
                    Cells.t3(2023, "NEW", P),
                    3,
                    Cells.t3(2024, "NEW", P),
                    6,
                    Cells.t3(2024, "DISCLOSED", P),
                    4))
            .cell(Taxonomy.CARRIED_OVER_IN, P),
        "二 of 2025 = 四 of 2024");
  }

  @Test
  void shouldTotalEveryRowAcrossTheSixApplicantTypes() {
    final Table3 t =
        build(
            2024,
            cells(
                Cells.t3(2024, "NEW", P),
                2,
                Cells.t3(2024, "NEW", FIRM),
                5,
                Cells.t3(2024, "NEW", "OTHER_ORG"),
                1));
    assertEquals(8, t.cell("NEW", Taxonomy.TOTAL));
    assertEquals(5, t.cell("NEW", FIRM));
  }

  @Test
  void shouldIgnoreCellsThatAreNotTable3() {
    final Table3 t =
        build(
            2024,
            cells(
                Cells.t4(2024, "REVIEW_UPHELD"),
                4,
                Cells.t4Filed(2024, "REVIEW"),
                4,
                Cells.compliance(2024, "ON_TIME"),
                9,
                Cells.workingDays(2024, 3),
                9,
                Cells.feeFen(2024),
                1000,
                Cells.now(DeadlineStatus.OVERDUE),
                2,
                Cells.t3(2024, "NEW", "NOT_A_TYPE"),
                5,
                Cells.t3(2024, "NOT_A_ROW", P),
                5,
                "meta",
                1));
    t.rows().values().forEach(r -> assertArrayEquals(new long[7], r));
  }

  @Test
  void shouldReportAnImbalanceWhenTheCellsContradictEachOther() {
    // more decided in 2024 than ever received: 四 goes negative, which the checks name
    final Table3 t = build(2024, cells(Cells.t3(2024, "DISCLOSED", P), 1));
    assertEquals(-1, t.cell(Taxonomy.CARRIED_OVER_OUT, P));
    assertFalse(t.balanced());
    assertTrue(
        t.imbalances().stream().anyMatch(i -> "NEGATIVE".equals(i.rule())),
        t.imbalances().toString());
  }
}
