package foi.tracker.ingest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A Prometheus text scrape, read back: series by name and labels. */
record Scrape(List<Series> series) {
  record Series(String name, Map<String, String> labels, double value) {}

  static Scrape parse(final String text) {
    final List<Series> out = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      final int brace = line.indexOf('{');
      final int space = line.lastIndexOf(' ');
      final Map<String, String> labels = new LinkedHashMap<>();
      final String name;
      if (brace >= 0 && brace < space) {
        name = line.substring(0, brace);
        final String body = line.substring(brace + 1, line.lastIndexOf('}'));
        for (String pair : body.split(",(?=[a-zA-Z_]+=\")")) {
          final int eq = pair.indexOf('=');
          if (eq > 0) {
            labels.put(pair.substring(0, eq), pair.substring(eq + 2, pair.length() - 1));
          }
        }
      } else {
        name = line.substring(0, space);
      }
      out.add(new Series(name, labels, Double.parseDouble(line.substring(space + 1))));
    }
    return new Scrape(out);
  }

  /**
   * The sum of the series of this name whose labels include {@code labels} (0 when there is none).
   */
  double sum(final String name, final Map<String, String> labels) {
    return series.stream()
        .filter(s -> s.name.equals(name))
        .filter(
            s ->
                labels.entrySet().stream()
                    .allMatch(e -> e.getValue().equals(s.labels.get(e.getKey()))))
        .mapToDouble(Series::value)
        .sum();
  }

  double sum(final String name) {
    return sum(name, Map.of());
  }

  boolean has(final String name) {
    return series.stream().anyMatch(s -> s.name.equals(name));
  }

  List<Series> named(final String name) {
    return series.stream().filter(s -> s.name.equals(name)).toList();
  }
}
