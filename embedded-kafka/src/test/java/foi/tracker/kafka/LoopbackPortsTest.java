package foi.tracker.kafka;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LoopbackPortsTest {

  @Test
  void shouldHandOutDistinctBindablePortsOutsideTheEphemeralRange() throws Exception {
    final int[] ephemeral = LoopbackPorts.ephemeralRange();
    final Set<Integer> seen = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      final int port = LoopbackPorts.reserve();
      assertTrue(
          port >= 1024 && (port < ephemeral[0] || port > ephemeral[1]),
          port + " is not outside the ephemeral range " + Arrays.toString(ephemeral));
      assertTrue(seen.add(port), port + " handed out twice");
    }
    final int port = LoopbackPorts.reserve();
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      assertEquals(port, socket.getLocalPort());
    }
  }

  @Test
  void shouldChooseBelowTheEphemeralRangeAboveItWhenNoRoomBelowAndAnywhereWhenNoRoomAtAll() {
    assertArrayEquals(new int[] {22768, 32767}, LoopbackPorts.window(new int[] {32768, 60999}));
    assertArrayEquals(new int[] {1024, 4999}, LoopbackPorts.window(new int[] {5000, 60999}));
    assertArrayEquals(new int[] {50001, 60000}, LoopbackPorts.window(new int[] {1024, 50000}));
    assertArrayEquals(new int[] {61000, 65535}, LoopbackPorts.window(new int[] {1500, 60999}));
    assertArrayEquals(new int[] {1024, 65535}, LoopbackPorts.window(new int[] {1024, 65535}));
  }

  @Test
  void shouldNotHandOutAPortAServerListensOn() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      final int port = taken.getLocalPort();
      assertThrows(IllegalStateException.class, () -> LoopbackPorts.reserve(port, port));
    }
  }

  @Test
  void shouldNotHandOutThePortItHandedOutBefore() {
    final int port = LoopbackPorts.reserve();
    assertThrows(IllegalStateException.class, () -> LoopbackPorts.reserve(port, port));
  }
}
