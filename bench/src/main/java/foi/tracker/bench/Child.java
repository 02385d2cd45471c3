package foi.tracker.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One service as its own JVM (so its memory is its own): started with the bench's classpath, its
 * output in a log file, its peak resident set read from {@code /proc/<pid>/status} (VmHWM) before
 * it is stopped.
 */
final class Child implements AutoCloseable {
  final String name;
  final List<String> jvmFlags;
  private final Process process;
  private final Path log;
  private long peakRssKb;
  private long lastRssKb;

  private Child(
      final String name, final List<String> jvmFlags, final Process process, final Path log) {
    this.name = name;
    this.jvmFlags = jvmFlags;
    this.process = process;
    this.log = log;
  }

  static Child start(
      final String name,
      final List<String> jvmFlags,
      final String mainClass,
      final List<String> args,
      final Map<String, String> env,
      final Path logDir)
      throws IOException {
    final List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmFlags);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(mainClass);
    cmd.addAll(args);
    return start(name, jvmFlags, cmd, env, logDir);
  }

  static Child start(
      final String name,
      final List<String> jvmFlags,
      final List<String> cmd,
      final Map<String, String> env,
      final Path logDir)
      throws IOException {
    final Path log = logDir.resolve(name + ".log");
    final ProcessBuilder pb =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().putAll(env);
    return new Child(name, jvmFlags, pb.start(), log);
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  Path log() {
    return log;
  }

  /** Waits until the log contains {@code marker}; fails if the process dies first. */
  void awaitLog(final String marker, final long timeoutMs) throws Exception {
    final long deadline = System.currentTimeMillis() + timeoutMs;
    while (System.currentTimeMillis() < deadline) {
      if (Files.exists(log) && Files.readString(log).contains(marker)) {
        return;
      }
      if (!process.isAlive()) {
        throw new IllegalStateException(
            name + " exited with " + process.exitValue() + "; see " + log);
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException(
        name + " did not print '" + marker + "' within " + timeoutMs + " ms; see " + log);
  }

  /** Peak RSS (VmHWM) in KiB so far; remembered so it is still known after the process stopped. */
  long peakRssKb() {
    sample();
    return peakRssKb;
  }

  long rssKb() {
    sample();
    return lastRssKb;
  }

  void sample() {
    if (!process.isAlive()) {
      return;
    }
    try {
      for (String line :
          Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
        if (line.startsWith("VmHWM:")) {
          peakRssKb = Math.max(peakRssKb, kb(line));
        } else if (line.startsWith("VmRSS:")) {
          lastRssKb = kb(line);
        }
      }
    } catch (IOException e) {
      // the process ended between isAlive and the read
    }
  }

  private static long kb(final String line) {
    return Long.parseLong(line.replaceAll("[^0-9]", ""));
  }

  /**
   * Runs {@code jcmd <pid> args...} and returns its output (for GC.heap_info, Thread.print,
   * JFR.dump).
   */
  String jcmd(final String... args) throws Exception {
    final List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
    cmd.add(String.valueOf(process.pid()));
    cmd.addAll(List.of(args));
    final Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    final String out = new String(p.getInputStream().readAllBytes());
    p.waitFor(60, TimeUnit.SECONDS);
    return out;
  }

  /**
   * SIGKILL, as a crash or the OOM killer would: no shutdown hook runs. Returns when the process is
   * gone.
   */
  void kill() throws InterruptedException {
    sample();
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws Exception {
    sample();
    if (process.isAlive()) {
      process.destroy(); // SIGTERM: the services' shutdown hooks close cleanly
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    }
  }
}
