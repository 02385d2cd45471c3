package foi.tracker.core.view;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Map;
import org.apache.kafka.common.GroupState;
import org.junit.jupiter.api.Test;

class ProcessorProbeTest {
  @Test
  void shouldBeRunningOnlyWhenTheGroupIsStableWithMembers() {
    assertEquals(ProcessorProbe.State.RUNNING, ProcessorProbe.stateOf(GroupState.STABLE, 1));
    assertEquals(ProcessorProbe.State.RUNNING, ProcessorProbe.stateOf(GroupState.STABLE, 3));
    assertEquals(ProcessorProbe.State.NOT_RUNNING, ProcessorProbe.stateOf(GroupState.STABLE, 0));
  }

  @Test
  void shouldBeRebalancingWhileMembersJoinOrLeave() {
    for (GroupState s :
        new GroupState[] {
          GroupState.PREPARING_REBALANCE,
          GroupState.COMPLETING_REBALANCE,
          GroupState.ASSIGNING,
          GroupState.RECONCILING
        }) {
      assertEquals(ProcessorProbe.State.REBALANCING, ProcessorProbe.stateOf(s, 1), s.name());
    }
  }

  @Test
  void shouldBeNotRunningWhenTheGroupIsEmptyOrGoneAndUnknownOtherwise() {
    assertEquals(ProcessorProbe.State.NOT_RUNNING, ProcessorProbe.stateOf(GroupState.EMPTY, 0));
    assertEquals(ProcessorProbe.State.NOT_RUNNING, ProcessorProbe.stateOf(GroupState.DEAD, 0));
    assertEquals(ProcessorProbe.State.UNKNOWN, ProcessorProbe.stateOf(GroupState.UNKNOWN, 1));
    assertEquals(ProcessorProbe.State.UNKNOWN, ProcessorProbe.stateOf(GroupState.NOT_READY, 1));
  }

  @Test
  void shouldCountLagFromTheCommittedOffsetOrFromTheFirstOffsetWhenNeverCommitted() {
    assertEquals(40, ProcessorProbe.lag(140, 100L, 0));
    assertEquals(0, ProcessorProbe.lag(140, 140L, 0));
    assertEquals(
        0,
        ProcessorProbe.lag(140, 141L, 0),
        "past the last stable offset (an open transaction): no lag");
    assertEquals(
        90, ProcessorProbe.lag(140, null, 50), "never committed: everything from the first offset");
  }

  @Test
  void shouldWriteTheProcessorObjectWithNullsWhenNothingIsKnown() {
    assertEquals(
        "{state=UNKNOWN, members=0, lagRecords=null, asOf=null}",
        ProcessorProbe.Snapshot.NOT_YET.json().toString());
    assertEquals(
        "{state=RUNNING, members=1, lagRecords=7, asOf=2026-01-05T08:00:00Z}",
        new ProcessorProbe.Snapshot(
                ProcessorProbe.State.RUNNING,
                1,
                7L,
                Map.of(0, 7L),
                Instant.parse("2026-01-05T08:00:00Z"))
            .json()
            .toString());
  }
}
