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
 * a test had chosen for the ingest. The ports handed out here lie outside that range, are free when
 * handed out, and are never handed out twice by one JVM.
 */
public final class LoopbackPorts {
  private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");

  /** Linux's default ephemeral range, when the kernel's setting cannot be read. */
  private static final int[] DEFAULT_EPHEMERAL = {32768, 60999};

  private static final int FIRST_UNPRIVILEGED = 1024;
  private static final int LAST_PORT = 65535;

  /** The most ports a window outside the ephemeral range spans. */
  private static final int SPAN = 10_000;

  /** The fewest ports a window outside the ephemeral range must have to be used. */
  private static final int ROOM = 1_000;

  private static final int TRIES = 500;
  private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

  private LoopbackPorts() {}

  /**
   * A port outside the ephemeral range (below it, or above it when there is no room below), free on
   * 127.0.0.1 now and not handed out before.
   */
  public static int reserve() {
    final int[] window = window(ephemeralRange());
    return reserve(window[0], window[1]);
  }

  /**
   * Where to choose, given the ephemeral range {@code [low, high]}: up to {@link #SPAN} ports just
   * below it; just above it when fewer than {@link #ROOM} unprivileged ports lie below; anywhere
   * unprivileged when there is room on neither side (a kernel that lends nearly every port; the
   * race is back then, and only the check that the port is free stays).
   */
  static int[] window(final int[] ephemeral) {
    final int low = ephemeral[0];
    final int high = ephemeral[1];
    if (low - FIRST_UNPRIVILEGED >= ROOM) {
      return new int[] {Math.max(FIRST_UNPRIVILEGED, low - SPAN), low - 1};
    }
    if (LAST_PORT - high >= ROOM) {
      return new int[] {high + 1, Math.min(LAST_PORT, high + SPAN)};
    }
    return new int[] {FIRST_UNPRIVILEGED, LAST_PORT};
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

  /** The kernel's ephemeral range (Linux), or 32768–60999 when it cannot be read. */
  static int[] ephemeralRange() {
    try {
      // readAllLines, not readString: /proc reports a size of 0 and readString returns a fragment
      final String[] range = Files.readAllLines(EPHEMERAL_RANGE).get(0).trim().split("\\s+");
      return new int[] {Integer.parseInt(range[0]), Integer.parseInt(range[1])};
    } catch (final IOException | RuntimeException e) {
      return DEFAULT_EPHEMERAL.clone();
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
