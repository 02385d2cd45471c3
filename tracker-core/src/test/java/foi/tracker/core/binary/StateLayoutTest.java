package foi.tracker.core.binary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import foi.tracker.core.request.DeadlineStatusAlerted;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The declared layouts hold every component of their records, in component order, and are read as
 * declared.
 */
class StateLayoutTest {
  private static final List<RecordLayout<?>> LAYOUTS =
      List.of(
          StateLayout.CLOCK_EVENT,
          StateLayout.APPEAL_CASE,
          StateLayout.HISTORY_ENTRY,
          StateLayout.REJECTION,
          StateLayout.EXCLUDED_DAY,
          StateLayout.LAPSE,
          StateLayout.DEADLINE,
          StateLayout.FEE_PAYMENT,
          StateLayout.COUNTED_ANSWER,
          StateLayout.REANSWER_ORDER,
          StateLayout.VOID_MARK,
          StateLayout.REQUEST,
          StateLayout.TOTALS);

  /**
   * A record's constructor takes its components in component order, so a layout in component order
   * reads each component into its own parameter; a component added to a record without a layout
   * line fails here first.
   */
  @Test
  void shouldDeclareEveryComponentOfEachRecordInComponentOrder() {
    for (RecordLayout<?> layout : LAYOUTS) {
      final List<String> components =
          Arrays.stream(layout.type.getRecordComponents()).map(RecordComponent::getName).toList();
      assertEquals(
          components,
          layout.componentNames(),
          layout.name
              + " changed: update StateLayout (and add a new"
              + " format version, with its golden file, if stored data has the old layout)");
    }
    // the alert mark is a codec of its own (status, then presence) over this one component
    assertEquals(
        1,
        DeadlineStatusAlerted.class.getRecordComponents().length,
        "DeadlineStatusAlerted changed");
  }

  /**
   * CellTally and CellCounts write and read totals records by hand, at this version: a new one must
   * update them.
   */
  @Test
  void shouldKeepTheHandTunedTotalsPathsOnTheCurrentTotalsVersion() {
    assertEquals(
        1,
        StateLayout.TOTALS_FORMAT.currentVersion(),
        "a new totals version: update CellTally.toRecord and CellCounts.read, then this test");
    assertEquals(StateCodec.TOTALS_V1, StateLayout.TOTALS_FORMAT.formatByte(1));
  }

  /**
   * Request and totals records share the format-byte space: each byte names one kind and version
   * only.
   */
  @Test
  void shouldGiveEveryKindAndVersionItsOwnFormatByte() {
    final RecordFormat<?>[] formats = {StateLayout.REQUEST_FORMAT, StateLayout.TOTALS_FORMAT};
    final boolean[] seen = new boolean[256];
    for (RecordFormat<?> f : formats) {
      for (int v = 1; v <= f.currentVersion(); v++) {
        final int b = f.formatByte(v) & 0xff;
        assertTrue(!seen[b] && b != '{', "format byte " + b + " used twice or mistaken for JSON");
        seen[b] = true;
      }
    }
  }

  private record Pair(String a, String b) {}

  /**
   * A constructor that takes fewer components than its layout declares fails on its first read, by
   * name.
   */
  @Test
  void shouldRefuseAConstructorThatDoesNotTakeEveryDeclaredComponent() {
    final RecordLayout<Pair> tooFew =
        RecordLayout.of(Pair.class)
            .field("a", Pair::a, FieldCodec.STRING)
            .field("b", Pair::b, FieldCodec.STRING)
            .build(c -> new Pair(c.next(), null));
    final BinaryWriter w = new BinaryWriter(8);
    tooFew.write(w, new Pair("x", "y"));
    final byte[] bytes = w.toByteArray();
    final IllegalStateException few =
        assertThrows(IllegalStateException.class, () -> tooFew.read(tooFew.open(bytes, 0, 1)));
    assertEquals("Pair's constructor took 1 of its 2 declared components", few.getMessage());

    final RecordLayout<Pair> tooMany =
        RecordLayout.of(Pair.class)
            .field("a", Pair::a, FieldCodec.STRING)
            .build(c -> new Pair(c.next(), c.next()));
    final IllegalStateException many =
        assertThrows(IllegalStateException.class, () -> tooMany.read(tooMany.open(bytes, 0, 1)));
    assertEquals("Pair's constructor takes more than its 1 declared components", many.getMessage());
  }

  /**
   * A component added in a later version is not read from an older record, and reads as its absent
   * value.
   */
  @Test
  void shouldReadAComponentAddedLaterAsAbsentFromAnOlderRecord() {
    final RecordLayout<Pair> layout =
        RecordLayout.of(Pair.class)
            .field("a", Pair::a, FieldCodec.STRING)
            .field("b", Pair::b, FieldCodec.STRING)
            .since(2, "none")
            .build(c -> new Pair(c.next(), c.next()));
    final BinaryWriter w = new BinaryWriter(8);
    w.writeString("x");
    final byte[] version1 = w.toByteArray();
    assertEquals(new Pair("x", "none"), layout.read(layout.open(version1, 0, 1)));
    final RecordReader r = layout.open(version1, 0, 1);
    layout.skip(r);
    assertTrue(r.atEnd());
  }
}
