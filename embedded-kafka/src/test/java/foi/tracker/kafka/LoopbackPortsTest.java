package foi.tracker.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LoopbackPortsTest {

  @Test
  void shouldHandOutDistinctBindablePortsBelowTheEphemeralRange() throws Exception {
    final int low = LoopbackPorts.ephemeralLow();
    final Set<Integer> seen = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      final int port = LoopbackPorts.reserve();
      assertTrue(port >= 1024 && port < low, port + " is not below the ephemeral range " + low);
      assertTrue(seen.add(port), port + " handed out twice");
    }
    final int port = LoopbackPorts.reserve();
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      assertEquals(port, socket.getLocalPort());
    }
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
