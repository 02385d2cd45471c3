package foi.tracker.core.binary;

import foi.tracker.core.request.RequestState;
import foi.tracker.core.request.RequestStatus;
import foi.tracker.core.table.AgencyTotals;

/**
 * The compact binary form of the two derived states, {@link RequestState} and {@link AgencyTotals}, used by the
 * processor's state stores and their changelogs, which are the tables the dashboard reads. Every event rewrites a
 * request state and every commit the agency totals it moved, so their encoding is on the processor's hot path: this
 * format is a field-by-field copy with varints, far cheaper to write and read than JSON.
 *
 * <p>Each record's layout is declared once, in {@link StateLayout}; writing, reading, stepping over and the views copy
 * follow from it. Every record starts with a format byte naming its kind and version ({@link #REQUEST_V3},
 * {@link #TOTALS_V1}; request records of {@link #REQUEST_V1} and {@link #REQUEST_V2} are still read, and golden files
 * pin each); a JSON record starts with {@code '{'}, so data written before the binary form stays readable
 * ({@link StateSerde}).
 */
public final class StateCodec {
  /** Format byte of a {@link RequestState}, version 1. */
  public static final byte REQUEST_V1 = 1;

  /** Format byte of an {@link AgencyTotals}, version 1. */
  public static final byte TOTALS_V1 = 2;

  /**
   * Format byte of a {@link RequestState}, version 2: version 1 plus each case's 案号 (after its
   * result) and, after the alert mark, the registration number, the fee payments, the counted
   * answer, the re-answer order and the void mark.
   */
  public static final byte REQUEST_V2 = 3;

  /**
   * Format byte of a {@link RequestState}, version 3: version 2 plus each refusal's {@code
   * reasonCode} (after its reason). Versions 1 and 2 read with the code null.
   */
  public static final byte REQUEST_V3 = 4;

  private StateCodec() {}

  public static byte[] writeRequest(final RequestState s) {
    return StateLayout.REQUEST_FORMAT.write(s, 512);
  }

  public static RequestState readRequest(final byte[] bytes) {
    return StateLayout.REQUEST_FORMAT.read(bytes);
  }

  /**
   * Who a request-state record is about and whether the request is open, read from its first fields
   * alone.
   */
  public record RequestHead(String agencyId, String requestId, boolean open) {}

  /**
   * Whether these bytes are a binary request-state record (else JSON of an earlier version, or not
   * a state).
   */
  public static boolean isBinaryRequest(final byte[] bytes) {
    return StateLayout.REQUEST_FORMAT.isRecord(bytes);
  }

  /**
   * The request's ids and whether it is open ({@link RequestState#isOpen()}), without decoding the
   * rest of the record: the dashboard reads one record per event and most are replaced before
   * anyone looks at them.
   */
  public static RequestHead readRequestHead(final byte[] bytes) {
    final RecordReader r = StateLayout.REQUEST_FORMAT.open(bytes);
    final RecordLayout<RequestState> layout = StateLayout.REQUEST;
    final String agencyId = layout.readComponent(r, StateLayout.AGENCY_ID);
    final String requestId = layout.readComponent(r, StateLayout.REQUEST_ID);
    final RequestStatus status = layout.readComponent(r, StateLayout.STATUS);
    return new RequestHead(agencyId, requestId, status == RequestStatus.OPEN);
  }

  /**
   * {@code writeRequest(readRequest(bytes).forViews())} without building the state: the record with
   * the processor-only parts (event fingerprints, stored deadline, last alert) left out, the rest
   * copied as it is. The whole record is walked, so a damaged one is refused here as {@link
   * #readRequest} would refuse it. The copy keeps the record's format version.
   */
  public static byte[] requestForViews(final byte[] bytes) {
    return StateLayout.FOR_VIEWS.apply(StateLayout.REQUEST_FORMAT.open(bytes), bytes);
  }

  public static byte[] writeTotals(final AgencyTotals t) {
    return StateLayout.TOTALS_FORMAT.write(t, 32 + t.cells().size() * 24);
  }

  /**
   * Whether these bytes are a binary totals record (else JSON of an earlier version, or not
   * totals).
   */
  public static boolean isBinaryTotals(final byte[] bytes) {
    return StateLayout.TOTALS_FORMAT.isRecord(bytes);
  }

  /** The agency a binary totals record is about, without reading its cells. */
  public static String readTotalsAgencyId(final byte[] bytes) {
    return StateLayout.TOTALS.readComponent(
        StateLayout.TOTALS_FORMAT.open(bytes), StateLayout.TOTALS_AGENCY_ID);
  }

  /** Refuses anything but a binary totals record, without reading it (for {@link CellCounts}). */
  static void requireTotalsFormat(final byte[] bytes) {
    if (!isBinaryTotals(bytes)) {
      StateLayout.TOTALS_FORMAT.open(bytes); // throws, naming the format byte
    }
  }

  public static AgencyTotals readTotals(final byte[] bytes) {
    return StateLayout.TOTALS_FORMAT.read(bytes);
  }
}
