package foi.tracker.core.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import foi.tracker.core.deadline.DeadlineStatus;
import org.junit.jupiter.api.Test;

class CellKeyTest {

  @Test
  void shouldReadBackEveryKeyCellsBuilds() {
    for (String text :
        new String[] {
          Cells.t3(2024, "NEW", "NATURAL_PERSON"),
          Cells.t4(2024, "REVIEW_UPHELD"),
          Cells.t4Filed(2023, "REVIEW"),
          Cells.feeFen(2025),
          Cells.compliance(2024, "ON_TIME"),
          Cells.workingDays(2024, 17),
          Cells.now(DeadlineStatus.OVERDUE)
        }) {
      assertEquals(text, CellKey.parse(text).text(), text);
    }
  }

  @Test
  void shouldSplitYearFamilyAndCode() {
    assertEquals(
        new CellKey(2024, "DISCLOSED", "OTHER_ORG"), CellKey.parse("2024|DISCLOSED|OTHER_ORG"));
    assertEquals(new CellKey(2024, "C", "WD|17"), CellKey.parse(Cells.workingDays(2024, 17)));
    assertEquals(new CellKey(CellKey.NO_YEAR, "NOW", "OVERDUE"), CellKey.parse("NOW|OVERDUE"));
  }

  @Test
  void shouldRefuseTextThatIsNoKey() {
    assertNull(CellKey.parse("meta"));
    assertNull(CellKey.parse("2024|NEW"));
    assertNull(CellKey.parse("2024||NATURAL_PERSON"));
    assertNull(CellKey.parse("2024|NEW|"));
    assertNull(CellKey.parse("20x4|NEW|NATURAL_PERSON"));
    assertNull(CellKey.parse("|NEW|NATURAL_PERSON"));
    assertEquals(-1, CellKey.yearOf("NOW|OVERDUE"));
    assertEquals(-1, CellKey.yearOf("123456|NEW|X"), "more than four digits is no year");
  }

  @Test
  void shouldTellTable3CellsFromTheOthers() {
    assertTrue(CellKey.parse(Cells.t3(2024, "NEW", "NATURAL_PERSON")).isTable3());
    assertFalse(CellKey.parse(Cells.t4(2024, "REVIEW_UPHELD")).isTable3());
    assertFalse(CellKey.parse(Cells.t4Filed(2024, "REVIEW")).isTable3());
    assertFalse(CellKey.parse(Cells.compliance(2024, "LATE")).isTable3());
    assertFalse(CellKey.parse(Cells.feeFen(2024)).isTable3());
    assertFalse(CellKey.parse(Cells.now(DeadlineStatus.DUE_SOON)).isTable3());
  }

  @Test
  void shouldKeepComplianceAndFeesToTheirOwnYear() {
    assertTrue(CellKey.parse(Cells.compliance(2024, "LATE")).ownYearOnly());
    assertTrue(CellKey.parse(Cells.feeFen(2024)).ownYearOnly());
    assertFalse(CellKey.parse(Cells.t3(2024, "NEW", "NATURAL_PERSON")).ownYearOnly());
    assertFalse(CellKey.parse(Cells.t4Filed(2024, "REVIEW")).ownYearOnly());
    assertEquals(
        "2023|NEW|NATURAL_PERSON", CellKey.parse("2024|NEW|NATURAL_PERSON").inYear(2023).text());
  }
}
