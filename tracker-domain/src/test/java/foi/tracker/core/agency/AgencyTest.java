package foi.tracker.core.agency;

import static org.junit.jupiter.api.Assertions.assertEquals;

import foi.tracker.core.json.Json;
import org.junit.jupiter.api.Test;

/**
 * When an agency's annual report is due (Art. 49), and agency records written before the setting
 * existed.
 */
class AgencyTest {
  @Test
  void shouldReadTheDueDateFromTheNameUnlessSet() {
    assertEquals("03-31", new Agency("gz", "固镇县人民政府", null).reportDueOrDefault());
    assertEquals("01-31", new Agency("czj", "固镇县财政局", "gz").reportDueOrDefault());
    assertEquals("01-31", new Agency("lc", "连城镇人民政府", "gz", "01-31").reportDueOrDefault());
  }

  @Test
  void shouldReadARecordWrittenBeforeTheSetting() {
    final Agency old =
        Json.read(
            "{\"agencyId\":\"lc\",\"name\":\"连城镇人民政府\",\"parentId\":\"gz\"}"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8),
            Agency.class);
    assertEquals(new Agency("lc", "连城镇人民政府", "gz"), old);
  }
}
