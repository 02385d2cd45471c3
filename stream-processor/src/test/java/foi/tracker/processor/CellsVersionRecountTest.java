package foi.tracker.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import foi.tracker.core.binary.StateCodec;
import foi.tracker.core.request.RequestState;
import foi.tracker.core.table.AgencyTotals;
import foi.tracker.core.table.Cells;
import foi.tracker.core.table.Table4;
import foi.tracker.core.table.Table4Builder;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The upgrade recount: totals stored by a release with other cell rules (Table 四 by filing year)
 * are recounted from the request states when the totals step starts. The stores must be seeded
 * before the step's {@code init}, which a TopologyTestDriver runs in its constructor (and it wipes
 * its state directory on close), so this drives the totals step ({@link AgencyTotalsProcessor})
 * with Streams' {@link MockProcessorContext} and real in-memory stores.
 */
class CellsVersionRecountTest {
  private static final String AGENCY = "guzhen-lc";
  private MockProcessorContext<String, Object> context;
  private KeyValueStore<String, byte[]> requests;
  private KeyValueStore<String, byte[]> totals;
  private KeyValueStore<String, String> meta;

  @BeforeEach
  void stores() throws Exception {
    context =
        new MockProcessorContext<>(
            new Properties(), new TaskId(0, 0), Files.createTempDirectory("recount").toFile());
    requests = store(TrackerTopology.REQUEST_STORE, Serdes.ByteArray());
    totals = store(TrackerTopology.TOTALS_STORE, Serdes.ByteArray());
    meta = store(TrackerTopology.META_STORE, Serdes.String());
    store(TrackerTopology.COVERAGE_STORE, Serdes.ByteArray());
  }

  private <V> KeyValueStore<String, V> store(
      final String name, final org.apache.kafka.common.serialization.Serde<V> values) {
    final KeyValueStore<String, V> s =
        Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.String(), values)
            .withLoggingDisabled()
            .build();
    s.init(context.getStateStoreContext(), s);
    context.addStateStore(s);
    return s;
  }

  private static byte[] version1Request() throws Exception {
    try (InputStream in =
        CellsVersionRecountTest.class.getResourceAsStream("/golden-state/request-v1.bin")) {
      return in.readAllBytes();
    }
  }

  private void init() {
    final AgencyTotalsProcessor p =
        new AgencyTotalsProcessor(new TaskShared.Registry(), new PreCommitStore.Hooks());
    p.init(context);
  }

  @Test
  void shouldRecountStaleTotalsFromTheRequestStatesWhenTheStoredCellsVersionDiffers()
      throws Exception {
    final byte[] v1 = version1Request();
    final RequestState state = StateCodec.readRequest(v1);
    requests.put(state.key(), v1);
    // as the previous release counted them: the case filed in 2025 and concluded in 2026 as 2025
    // "pending" only
    totals.put(
        AGENCY,
        StateCodec.writeTotals(
            new AgencyTotals(
                AGENCY,
                Map.of(
                    "2025|NEW|NATURAL_PERSON",
                    1L,
                    "2025|PARTIALLY_DISCLOSED|NATURAL_PERSON",
                    1L,
                    "2025|T4|REVIEW_PENDING",
                    1L,
                    "2026|T4|LITIGATION_AFTER_REVIEW_PENDING",
                    1L))));
    totals.put(
        "gone",
        StateCodec.writeTotals(new AgencyTotals("gone", Map.of("2024|T4|REVIEW_PENDING", 3L))));

    init();

    final AgencyTotals recounted = StateCodec.readTotals(totals.get(AGENCY));
    assertEquals(new AgencyTotals(AGENCY, Cells.of(state)), recounted);
    assertEquals(1L, recounted.get(Cells.t4Filed(2025, "REVIEW")));
    assertEquals(1L, recounted.get(Cells.t4(2026, "REVIEW_CORRECTED")));
    assertEquals(0L, recounted.get("2025|T4|REVIEW_PENDING"));
    final Table4 y2025 = Table4Builder.build(AGENCY, "agency", 2025, recounted.cells());
    final Table4 y2026 = Table4Builder.build(AGENCY, "agency", 2026, recounted.cells());
    assertEquals(1L, y2025.cells().get("REVIEW_PENDING"));
    assertEquals(1L, y2026.cells().get("REVIEW_CORRECTED"));
    assertEquals(0L, y2026.cells().get("REVIEW_PENDING"));
    assertEquals(1L, y2026.cells().get("LITIGATION_AFTER_REVIEW_PENDING"));
    assertEquals(Map.of(), StateCodec.readTotals(totals.get("gone")).cells());
    assertEquals(Cells.VERSION, meta.get("cells-version"));
  }

  @Test
  void shouldLeaveTotalsAloneWhenTheyWereCountedByTheseRules() throws Exception {
    final byte[] v1 = version1Request();
    requests.put(StateCodec.readRequest(v1).key(), v1);
    final byte[] stored =
        StateCodec.writeTotals(new AgencyTotals(AGENCY, Map.of("2025|NEW|NATURAL_PERSON", 1L)));
    totals.put(AGENCY, stored);
    meta.put("cells-version", Cells.VERSION);

    init();

    assertEquals(StateCodec.readTotals(stored), StateCodec.readTotals(totals.get(AGENCY)));
  }
}
