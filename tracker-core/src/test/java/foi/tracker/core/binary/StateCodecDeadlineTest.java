package foi.tracker.core.binary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import foi.tracker.core.deadline.Deadline;
import foi.tracker.core.deadline.DeadlineStatus;
import foi.tracker.core.request.DeadlineStatusAlerted;
import foi.tracker.core.request.RequestState;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The deadline part of a request-state record: lapses and overdue year ends added behind its flag
 * byte.
 */
class StateCodecDeadlineTest {
  /**
   * {@link #state} with a DUE_SOON deadline and a late 补正 notice, as written by the codec before
   * lapses (commit 46604ea): the deadline's last boolean became a flag byte whose bit 0 is that
   * boolean.
   */
  private static final String BEFORE_LAPSES =
      "0105746f776e0372310f4e41545552414c5f504552534f4e00edba020000000000"
          + "0000000000000001a5bb0207094455455f534f4f4e00edba02010101000000";

  private static RequestState state(final Deadline deadline, final DeadlineStatusAlerted alerted) {
    return new RequestState(
        "town",
        "r1",
        "NATURAL_PERSON",
        null,
        LocalDate.of(2025, 3, 3),
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        List.of(),
        Map.of(),
        Map.of(),
        List.of(),
        List.of(),
        deadline,
        alerted);
  }

  private static final Deadline DUE_SOON =
      new Deadline(
          LocalDate.of(2025, 3, 31),
          3,
          DeadlineStatus.DUE_SOON,
          false,
          LocalDate.of(2025, 3, 3),
          List.of(),
          List.of(),
          true,
          null);

  @Test
  void shouldReadAndWriteTheSameBytesWhenARecordWasWrittenBeforeLapses() {
    final byte[] old = HexFormat.of().parseHex(BEFORE_LAPSES);
    assertEquals(state(DUE_SOON, null), StateCodec.readRequest(old));
    // written again it is a version 3 record (the request part grew), with the deadline's bytes
    // unchanged
    final byte[] again = StateCodec.writeRequest(state(DUE_SOON, null));
    assertEquals(StateCodec.REQUEST_V3, again[0]);
    assertEquals(state(DUE_SOON, null), StateCodec.readRequest(again));
  }

  @Test
  void shouldRoundTripALapseWhenTheDeadlineHasOne() {
    final Deadline lapsed =
        new Deadline(
            null,
            null,
            DeadlineStatus.LAPSED,
            false,
            LocalDate.of(2025, 3, 3),
            List.of(),
            List.of("x"),
            false,
            null,
            Deadline.Lapse.of(Deadline.Lapse.Kind.CORRECTION, LocalDate.of(2025, 3, 21)));
    final RequestState s = state(lapsed, new DeadlineStatusAlerted(DeadlineStatus.LAPSED));
    final byte[] bytes = StateCodec.writeRequest(s);
    assertEquals(s, StateCodec.readRequest(bytes));
    // the views' copy walks (skips) the deadline, lapse included, and drops it
    assertEquals(s.forViews(), StateCodec.readRequest(StateCodec.requestForViews(bytes)));
  }

  @Test
  void shouldRefuseADeadlineFlagByteWithUnknownBits() {
    final byte[] bytes = HexFormat.of().parseHex(BEFORE_LAPSES);
    // the flag byte is the 4th from the end (flags, workingDaysUsed, alerted status, alerted flag)
    final int flags = bytes.length - 4;
    assertEquals(1, bytes[flags]);
    bytes[flags] = 8;
    assertThrows(IllegalArgumentException.class, () -> StateCodec.readRequest(bytes));
  }
}
