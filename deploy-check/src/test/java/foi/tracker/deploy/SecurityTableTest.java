package foi.tracker.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@code docs/security.md} honest: its table has one test per row (attack or fault → expected
 * answer → what is checked unchanged → test), and each named {@code Class#method} is a test method
 * that exists in the tree, in a test class that is not disabled. A row whose test is renamed or
 * deleted fails the build.
 */
class SecurityTableTest {
  private static final Pattern TEST_CELL = Pattern.compile("`([A-Z][A-Za-z0-9]*)#([a-zA-Z0-9_]+)`");

  private static Path root;
  private static final Map<String, Path> TEST_CLASSES = new HashMap<>();

  @BeforeAll
  static void findTheTree() throws IOException {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("docs/security.md"))) {
      dir = dir.getParent();
    }
    root = dir;
    assertTrue(root != null, "docs/security.md must be in the project");
    try (Stream<Path> files = Files.walk(root)) {
      files
          .filter(p -> p.toString().contains("/src/test/java/") && p.toString().endsWith(".java"))
          .filter(p -> !p.toString().contains("/target/"))
          .forEach(p -> TEST_CLASSES.put(p.getFileName().toString().replace(".java", ""), p));
    }
  }

  /**
   * The table's rows: every line of docs/security.md that starts with '|' and is neither the header
   * nor the rule.
   */
  private static List<String[]> rows() throws IOException {
    final List<String[]> rows = new ArrayList<>();
    for (String line :
        Files.readAllLines(root.resolve("docs/security.md"), StandardCharsets.UTF_8)) {
      if (!line.startsWith("|") || line.startsWith("|---") || line.startsWith("| attack")) {
        continue;
      }
      final String[] cells =
          line.substring(1, line.length() - (line.endsWith("|") ? 1 : 0)).split("\\|", -1);
      rows.add(cells);
    }
    return rows;
  }

  @Test
  void shouldHaveFourFilledColumnsInEveryRow() throws IOException {
    final List<String[]> rows = rows();
    assertTrue(rows.size() >= 20, "the table has a row per attack or fault: " + rows.size());
    for (String[] cells : rows) {
      assertEquals(4, cells.length, String.join("|", cells));
      for (String c : cells) {
        assertFalse(c.isBlank(), "an empty cell in: " + String.join("|", cells));
      }
    }
  }

  @Test
  void shouldNameAnExistingEnabledTestMethodInEveryRow() throws IOException {
    final List<String> missing = new ArrayList<>();
    for (String[] cells : rows()) {
      final Matcher m = TEST_CELL.matcher(cells[3]);
      if (!m.find()) {
        missing.add("no `Class#method` in: " + cells[3]);
        continue;
      }
      do {
        final Path file = TEST_CLASSES.get(m.group(1));
        if (file == null) {
          missing.add("no test class " + m.group(1));
          continue;
        }
        final String source = Files.readString(file, StandardCharsets.UTF_8);
        if (!Pattern.compile("\\bvoid\\s+" + Pattern.quote(m.group(2)) + "\\s*\\(")
            .matcher(source)
            .find()) {
          missing.add("no method " + m.group(2) + " in " + m.group(1));
        }
        if (source.contains("@Disabled")) {
          missing.add(m.group(1) + " is disabled");
        }
      } while (m.find());
    }
    assertTrue(missing.isEmpty(), String.join("\n", missing));
  }
}
