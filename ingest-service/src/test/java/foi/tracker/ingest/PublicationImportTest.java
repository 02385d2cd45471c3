package foi.tracker.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import foi.tracker.core.api.ApiException;
import foi.tracker.core.json.Json;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/**
 * The {@code imported} part of a publication body: each part that is not an object is refused
 * naming it.
 */
class PublicationImportTest {
  private final PublicationService publications =
      new PublicationService(null, null, Clock.systemUTC(), 1, null);

  private ApiException refusal(final String imported) {
    return assertThrows(
        ApiException.class, () -> publications.imported(Json.MAPPER.readTree(imported)));
  }

  @Test
  void shouldNameImportedWhenItIsNotAnObject() {
    final ApiException e = refusal("\"2026-3-1\"");
    assertEquals(400, e.status());
    assertEquals("INVALID_FIELD", e.code());
    assertEquals("imported", e.field());
  }

  @Test
  void shouldNameTheTableWhenATableIsNotAnObject() {
    assertEquals(
        "imported.table3",
        refusal("{\"table3\":\"2026-13-01\",\"table4\":{\"cells\":{}}}").field());
    assertEquals(
        "imported.table4",
        refusal("{\"table3\":{\"rows\":" + rows() + "},\"table4\":[0]}").field());
  }

  /** Every Table 三 row with seven zeros. */
  private static String rows() {
    final StringBuilder out = new StringBuilder("{");
    foi.tracker.core.taxonomy.Taxonomy.get()
        .rows()
        .forEach(
            r ->
                out.append(out.length() > 1 ? "," : "")
                    .append('"')
                    .append(r.code())
                    .append("\":[0,0,0,0,0,0,0]"));
    return out.append('}').toString();
  }
}
