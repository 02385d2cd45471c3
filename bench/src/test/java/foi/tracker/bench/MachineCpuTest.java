package foi.tracker.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MachineCpuTest {
  private static final String BEFORE =
      """
      cpu  1000 50 300 9000 20 5 15 40 0 0
      cpu0 500 25 150 4500 10 2 7 20 0 0
      intr 12345
      """;
  private static final String AFTER =
      """
      cpu  1150 50 350 9080 30 5 25 60 0 0
      cpu0 575 25 175 4540 15 2 12 30 0 0
      """;

  @Test
  void busyIsUserNiceSystemIrqSoftirqAndStealIsApart() {
    final MachineCpu before = MachineCpu.parse(BEFORE);
    assertEquals(new MachineCpu(1000 + 50 + 300 + 5 + 15, 9000, 20, 40), before);
  }

  @Test
  void othersAreTheBusyTimeTheBenchsProcessesDidNotUse() {
    final Map<String, Double> d = MachineCpu.parse(AFTER).since(MachineCpu.parse(BEFORE), 1.5);
    // busy: 150 user + 50 system + 10 softirq ticks = 2.1 s; ours 1.5 s
    assertEquals(
        Map.of("busy", 2.1, "othersBusy", 0.6, "steal", 0.2, "iowait", 0.1, "idle", 0.8), d);
    assertEquals(
        0.0,
        MachineCpu.parse(AFTER).since(MachineCpu.parse(BEFORE), 5.0).get("othersBusy"),
        "the processes' own accounting can run ahead of the machine's by a tick: never negative");
  }

  @Test
  void aKernelWithoutStealColumnsStillParses() {
    assertEquals(
        new MachineCpu(10 + 0 + 5 + 1 + 2, 100, 3, 0), MachineCpu.parse("cpu  10 0 5 100 3 1 2\n"));
    assertThrows(IllegalArgumentException.class, () -> MachineCpu.parse("intr 1\n"));
  }
}
