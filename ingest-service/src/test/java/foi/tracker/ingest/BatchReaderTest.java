package foi.tracker.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import foi.tracker.core.api.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The batch envelope and its items as read, before any validation of what they carry. */
class BatchReaderTest {
  @Test
  void shouldRefuseAnItemThatIsNotAnObjectNamingItems() {
    final List<BatchReader.Item> items =
        BatchReader.items(
            "{\"items\":[5,{\"requestId\":\"r1\",\"event\":{\"eventId\":\"e1\"}}]}"
                .getBytes(StandardCharsets.UTF_8));
    final ApiException refused = items.get(0).error();
    assertEquals(400, refused.status());
    assertEquals("INVALID_FIELD", refused.code());
    assertEquals("items", refused.field());
    assertNull(items.get(1).error(), "the other item is read as it is");
    assertEquals("r1", items.get(1).requestId());
  }
}
