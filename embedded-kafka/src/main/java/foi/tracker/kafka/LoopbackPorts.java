package foi.tracker.kafka;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports on 127.0.0.1 for a server whose number must be known before it binds: a test or a bench
 * that tells one service another's address, or starts a child process on a given port.
 *
 * <p>A port from {@code new ServerSocket(0)} comes from the kernel's ephemeral range, the same
 * range every outgoing connection (each Kafka client's) and every other port-0 bind draws from, so
 * between the choice and the bind it can be taken: a broker in a child process once bound the port
 * a test had chosen for the ingest. The ports handed out here lie below that range, are free when
 * handed out, and are never handed out twice by one JVM.
 */
public final class LoopbackPorts {
  private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");

  /** Linux's default start of the ephemeral range, when the kernel's setting cannot be read. */
  private static final int DEFAULT_EPHEMERAL_LOW = 32768;

  private static final int SPAN = 10_000;
  private static final int TRIES = 500;
  private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

  private LoopbackPorts() {}

  /** A port below the ephemeral range, free on 127.0.0.1 now and not handed out before. */
  public static int reserve() {
    final int high = ephemeralLow() - 1;
    return reserve(Math.max(1024, high - SPAN + 1), high);
  }

  /** A port in {@code [from, to]}, free on 127.0.0.1 now and not handed out before. */
  static int reserve(final int from, final int to) {
    for (int i = 0; i < TRIES; i++) {
      final int port = ThreadLocalRandom.current().nextInt(from, to + 1);
      if (!HANDED_OUT.contains(port) && bindable(port) && HANDED_OUT.add(port)) {
        return port;
      }
    }
    throw new IllegalStateException(
        "no free port in " + from + ".." + to + " on 127.0.0.1 after " + TRIES + " tries");
  }

  /** The first port of the kernel's ephemeral range (Linux), or 32768 when it cannot be read. */
  static int ephemeralLow() {
    try {
      // readAllLines, not readString: /proc reports a size of 0 and readString returns a fragment
      final String[] range = Files.readAllLines(EPHEMERAL_RANGE).get(0).trim().split("\\s+");
      return Integer.parseInt(range[0]);
    } catch (final IOException | RuntimeException e) {
      return DEFAULT_EPHEMERAL_LOW;
    }
  }

  private static boolean bindable(final int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      return true;
    } catch (final IOException e) {
      return false;
    }
  }
}
