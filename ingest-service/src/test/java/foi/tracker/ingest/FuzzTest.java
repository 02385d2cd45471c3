package foi.tracker.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The fuzz's seeded generator: the same seed draws the same inputs, edges are reached, a failure
 * can be replayed.
 */
class FuzzTest {
  private static final UnaryOperator<String> NO_SETTINGS = name -> null;

  @Test
  void shouldDrawTheSameInputsFromTheSameSeed() {
    assertEquals(draws(20261207L), draws(20261207L));
    assertNotEquals(draws(20261207L), draws(20261208L));
  }

  private static List<String> draws(final long seed) {
    final Fuzz f = new Fuzz(seed);
    final List<String> out = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      out.add(
          f.string(40)
              + "|"
              + f.anyLong()
              + "|"
              + FuzzJson.value(f)
              + "|"
              + Fuzz.preview(FuzzJson.randomBody(f)));
    }
    return out;
  }

  @Test
  void shouldDrawNulLoneSurrogatesAndBothEndsOfTheLengthInStringsOfAnyCodeUnits() {
    final Fuzz f = new Fuzz(1L);
    final Set<String> seen = new HashSet<>();
    for (int i = 0; i < 2000; i++) {
      final String s = f.string(40);
      assertTrue(s.length() <= 40, s);
      seen.add(s.isEmpty() ? "empty" : s.length() == 40 ? "full" : "between");
      for (int j = 0; j < s.length(); j++) {
        final char c = s.charAt(j);
        final boolean paired =
            Character.isHighSurrogate(c)
                    && j + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(j + 1))
                || Character.isLowSurrogate(c)
                    && j > 0
                    && Character.isHighSurrogate(s.charAt(j - 1));
        if (c == '\u0000') {
          seen.add("NUL");
        } else if (Character.isHighSurrogate(c) && !paired) {
          seen.add("lone high surrogate");
        } else if (Character.isLowSurrogate(c) && !paired) {
          seen.add("lone low surrogate");
        } else if (c > 0x3000) {
          seen.add("beyond Latin");
        }
      }
    }
    assertEquals(
        Set.of(
            "empty",
            "full",
            "between",
            "NUL",
            "lone high surrogate",
            "lone low surrogate",
            "beyond Latin"),
        seen);
  }

  @Test
  void shouldPickEachChoiceAsOftenAsItsWeightSays() {
    final Fuzz f = new Fuzz(7L);
    int a = 0;
    for (int i = 0; i < 10_000; i++) {
      if (f.frequency(Fuzz.w(3, "a"), Fuzz.w(1, "b")).equals("a")) {
        a++;
      }
    }
    assertTrue(a > 7_300 && a < 7_700, "3 in 4 of 10,000 draws, not " + a);
  }

  @Test
  void shouldDrawJsonValuesFromScalarsToFourLevelsDeep() {
    final Fuzz f = new Fuzz(3L);
    final Set<Integer> depths = new HashSet<>();
    final Set<String> kinds = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      final JsonNode v = FuzzJson.value(f);
      depths.add(depth(v));
      kinds.add(v.getNodeType().name());
    }
    assertEquals(Set.of(0, 1, 2, 3, 4), depths);
    assertEquals(Set.of("NULL", "BOOLEAN", "NUMBER", "STRING", "ARRAY", "OBJECT"), kinds);
  }

  private static int depth(final JsonNode v) {
    int deepest = -1;
    for (JsonNode child : v) {
      deepest = Math.max(deepest, depth(child));
    }
    return v.isContainerNode() ? 1 + Math.max(0, deepest) : 0;
  }

  @Test
  void shouldRunEveryTryFromItsOwnSeedDerivedFromTheFixedOne() {
    final List<Long> seeds = new ArrayList<>();
    Fuzz.forAll("FuzzTest#tries", 20261209L, 100, NO_SETTINGS, f -> seeds.add(f.seed()));
    assertEquals(100, seeds.size());
    assertEquals(100, new HashSet<>(seeds).size());
    assertArrayEquals(
        Fuzz.trySeeds(20261209L, 100), seeds.stream().mapToLong(Long::longValue).toArray());
  }

  @Test
  void shouldNameTheFailingTryItsSeedAndItsInputsAndReplayItFromThatSeed() {
    final AssertionError failure =
        assertThrows(
            AssertionError.class,
            () ->
                Fuzz.forAll(
                    "FuzzTest#failing",
                    20261207L,
                    120,
                    NO_SETTINGS,
                    f -> assertNotEquals(0, f.show("digit", f.between(0, 6)), "zero drawn")));
    final String message = failure.getMessage();
    assertTrue(message.startsWith("FuzzTest#failing: try "), message);
    assertTrue(
        message.contains("\n  digit = 0\n")
            && message.endsWith("zero drawn ==> expected: not equal but was: <0>"),
        message);
    final int tryNumber =
        Integer.parseInt(message.replaceAll("(?s)^FuzzTest#failing: try (\\d+) of 120 .*", "$1"));
    final long seed = Fuzz.trySeeds(20261207L, 120)[tryNumber - 1];
    assertTrue(
        message.contains(
            "its seed is "
                + seed
                + " (replay it alone: -Dit.test=FuzzTest#failing -Dfuzz.replay="
                + seed
                + ")"),
        message);

    final List<Long> replayed = new ArrayList<>();
    final AssertionError again =
        assertThrows(
            AssertionError.class,
            () ->
                Fuzz.forAll(
                    "FuzzTest#failing",
                    20261207L,
                    120,
                    Map.of("fuzz.replay", String.valueOf(seed))::get,
                    f -> {
                      replayed.add(f.seed());
                      assertNotEquals(0, f.show("digit", f.between(0, 6)), "zero drawn");
                    }));
    assertEquals(List.of(seed), replayed);
    assertTrue(
        again
            .getMessage()
            .startsWith("FuzzTest#failing: try 1 of 1 (replayed) failed; its seed is " + seed),
        again.getMessage());
  }

  @Test
  void shouldStartFromAnotherSeedAndRunAnotherNumberOfTriesWhenTold() {
    final List<Long> seeds = new ArrayList<>();
    Fuzz.forAll(
        "FuzzTest#tries",
        20261209L,
        100,
        Map.of("fuzz.seed", "5", "fuzz.tries", "7")::get,
        f -> seeds.add(f.seed()));
    assertArrayEquals(Fuzz.trySeeds(5L, 7), seeds.stream().mapToLong(Long::longValue).toArray());
  }
}
