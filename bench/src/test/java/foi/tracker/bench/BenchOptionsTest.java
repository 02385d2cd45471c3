package foi.tracker.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BenchOptionsTest {
  @Test
  void shouldReadValuesAndSwitches() {
    final BenchOptions o =
        BenchOptions.parse(new String[] {"--agencies", "400", "--skip-standalone", "--label", "x"});
    assertEquals(400, o.intOpt("agencies", 1));
    assertTrue(o.containsKey("skip-standalone"));
    assertEquals("x", o.get("label"));
  }

  /** A misspelt switch must not start a whole national run with that phase left in. */
  @Test
  void shouldRefuseAnOptionTheBenchDoesNotKnow() {
    final IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> BenchOptions.parse(new String[] {"--skip-standlone"}));
    assertTrue(e.getMessage().startsWith("unknown option --skip-standlone"), e.getMessage());
    assertTrue(e.getMessage().contains("--skip-standalone"), "the known names are listed");
  }

  /** Every name a phase reads is known (else the bench would refuse its own option). */
  @Test
  void shouldKnowEveryOptionThePhasesRead() throws Exception {
    final java.util.regex.Pattern read =
        java.util.regex.Pattern.compile(
            "opt\\.(?:intOpt|containsKey|get|getOrDefault|envOption|flags)\\(\"([a-z0-9-]+)\"");
    final java.util.Set<String> used = new java.util.TreeSet<>();
    try (var files = java.nio.file.Files.walk(java.nio.file.Path.of("src/main/java"))) {
      for (java.nio.file.Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        final java.util.regex.Matcher m = read.matcher(java.nio.file.Files.readString(f));
        while (m.find()) {
          used.add(m.group(1));
        }
      }
    }
    assertTrue(used.size() > 30, "the phases' options were found: " + used);
    final java.util.Set<String> unknown = new java.util.TreeSet<>(used);
    unknown.removeAll(BenchOptions.KNOWN);
    assertTrue(unknown.isEmpty(), "read but not in BenchOptions.KNOWN: " + unknown);
  }

  @Test
  void shouldAnswerHelpWithTheOptionNames() {
    final BenchOptions.HelpRequested h =
        assertThrows(
            BenchOptions.HelpRequested.class, () -> BenchOptions.parse(new String[] {"--help"}));
    assertTrue(h.getMessage().contains("--probes"), h.getMessage());
  }
}
