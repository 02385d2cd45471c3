package foi.tracker.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI descriptions the build generates from the controllers (ingest, dashboard) and the
 * processor's own agree with docs/api.md both ways: every route the descriptions hold is documented
 * there, and every route documented there is in one of them. The error body and the Bearer token
 * are described once (components).
 */
class OpenApiRoutesTest {
  private static final String[] DESCRIPTIONS = {
    "META-INF/swagger/foi-tracker-ingest-1.yml",
    "META-INF/swagger/foi-tracker-dashboard-1.yml",
    "openapi/stream-processor.yml"
  };

  /** Documented routes that are no API: the pages' static files. */
  private static final Set<String> PAGES = Set.of("GET /");

  private static final Pattern ROUTE =
      Pattern.compile(
          "`(GET|POST|PUT|DELETE) (\\{dashboard\\}|\\{ingest\\})?(/[^`\\s?]*|\\.\\.\\./[^`\\s?]*)");

  @Test
  void everyRouteInTheDescriptionsIsDocumentedAndEveryDocumentedRouteIsInThem() throws IOException {
    final Set<String> documented = documented();
    final Set<String> described = new TreeSet<>();
    for (String resource : DESCRIPTIONS) {
      described.addAll(routes(read(resource)));
    }
    final Set<String> undocumented = new TreeSet<>(described);
    undocumented.removeIf(r -> documented.stream().anyMatch(d -> matches(d, r)));
    assertEquals(
        Set.of(),
        undocumented,
        "routes in the OpenAPI descriptions that docs/api.md does not document");
    final Set<String> missing = new TreeSet<>(documented);
    missing.removeIf(d -> described.stream().anyMatch(r -> matches(d, r)));
    missing.removeAll(PAGES);
    assertEquals(
        Set.of(), missing, "routes docs/api.md documents that no OpenAPI description holds");
    assertTrue(described.size() >= 30, "both services' routes: " + described);
  }

  @Test
  void theErrorBodyAndTheBearerTokenAreDescribedOnce() throws IOException {
    for (String resource : new String[] {DESCRIPTIONS[0], DESCRIPTIONS[1]}) {
      final JsonNode doc = read(resource);
      final JsonNode error = doc.at("/components/schemas/Error/properties");
      assertEquals(Set.of("error", "message", "field"), names(error), resource);
      assertEquals(
          "bearer", doc.at("/components/securitySchemes/bearerToken/scheme").asText(), resource);
      assertEquals(
          "http", doc.at("/components/securitySchemes/bearerToken/type").asText(), resource);
      assertTrue(doc.get("security").toString().contains("bearerToken"), resource);
      assertTrue(
          doc.at("/paths/~1metrics/get/security").isArray()
              && doc.at("/paths/~1metrics/get/security").isEmpty(),
          resource + ": /metrics needs no token");
    }
  }

  /**
   * Whether a documented route names this described one: the same, or (docs/api.md's ".../x", short
   * for a route under an agency) the same method and a route under /api/v1/agencies/{agencyId}
   * ending in /x.
   */
  private static boolean matches(final String documented, final String described) {
    if (documented.equals(described)) {
      return true;
    }
    final int dots = documented.indexOf(" .../");
    if (dots < 0) {
      return false;
    }
    final String method = documented.substring(0, dots);
    final String tail = documented.substring(dots + 4);
    return described.startsWith(method + " /api/v1/agencies/{}") && described.endsWith(tail);
  }

  /** "METHOD /path" with every path parameter written {}, from the descriptions' paths. */
  private static Set<String> routes(final JsonNode doc) {
    final Set<String> out = new TreeSet<>();
    final Iterator<Map.Entry<String, JsonNode>> paths = doc.get("paths").fields();
    while (paths.hasNext()) {
      final Map.Entry<String, JsonNode> p = paths.next();
      for (String method : names(p.getValue())) {
        out.add(method.toUpperCase(java.util.Locale.ROOT) + " " + normal(p.getKey()));
      }
    }
    return out;
  }

  /** The routes docs/api.md names in code spans (".../x": see {@link #matches}). */
  private static Set<String> documented() throws IOException {
    final String text = Files.readString(repoRoot().resolve("docs/api.md"), StandardCharsets.UTF_8);
    final Set<String> out = new TreeSet<>();
    final Matcher m = ROUTE.matcher(text);
    while (m.find()) {
      out.add(m.group(1) + " " + normal(m.group(3)));
    }
    return out;
  }

  private static String normal(final String path) {
    final String p = path.replaceAll("\\{[^}]*}", "{}");
    return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
  }

  private static Set<String> names(final JsonNode node) {
    final Set<String> out = new TreeSet<>();
    node.fieldNames().forEachRemaining(out::add);
    return out;
  }

  private static JsonNode read(final String resource) throws IOException {
    try (InputStream in = OpenApiRoutesTest.class.getClassLoader().getResourceAsStream(resource)) {
      assertNotNull(in, resource + " is on the class path (generated at build time)");
      final Object doc =
          new org.yaml.snakeyaml.Yaml(
                  new org.yaml.snakeyaml.constructor.SafeConstructor(
                      new org.yaml.snakeyaml.LoaderOptions()))
              .load(in);
      return foi.tracker.core.json.Json.MAPPER.valueToTree(doc);
    }
  }

  private static Path repoRoot() {
    Path d = Path.of("").toAbsolutePath();
    while (d != null && !Files.isRegularFile(d.resolve("docs/api.md"))) {
      d = d.getParent();
    }
    assertNotNull(d, "docs/api.md above " + Path.of("").toAbsolutePath());
    return d;
  }
}
