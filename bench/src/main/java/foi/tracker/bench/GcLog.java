package foi.tracker.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The stop-the-world pauses in a JVM's GC log, written with {@link #flag}: {@code
 * -Xlog:gc:file=...:time}, one line per pause such as {@code [2026-12-01T19:20:01.123+0000] GC(5)
 * Pause Young (Normal) (G1 Evacuation Pause) 51M->12M(256M) 3.456ms}. The time is when the pause
 * ended.
 */
final class GcLog {
  private static final Pattern PAUSE = Pattern.compile("^\\[([^\\]]+)\\].* Pause .* ([0-9.]+)ms$");
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSxx");

  /** A pause from {@code startMs} (epoch) lasting {@code ms}. */
  record Pause(long startMs, double ms) {
    long endMs() {
      return startMs + Math.round(ms);
    }

    boolean overlaps(final long fromMs, final long toMs) {
      return startMs <= toMs && endMs() >= fromMs;
    }
  }

  private GcLog() {}

  static String flag(final Path file) {
    return "-Xlog:gc:file=" + file + ":time";
  }

  static List<Pause> read(final Path file) {
    final List<Pause> out = new ArrayList<>();
    if (!Files.exists(file)) {
      return out;
    }
    try {
      for (String line : Files.readAllLines(file)) {
        final Pause p = parse(line);
        if (p != null) {
          out.add(p);
        }
      }
    } catch (IOException e) {
      return out;
    }
    return out;
  }

  static Pause parse(final String line) {
    final Matcher m = PAUSE.matcher(line.trim());
    if (!m.matches()) {
      return null;
    }
    final long end = OffsetDateTime.parse(m.group(1), TIME).toInstant().toEpochMilli();
    final double ms = Double.parseDouble(m.group(2));
    return new Pause(end - Math.round(ms), ms);
  }

  /**
   * A collection's heap occupancy before and after it, in MB, ending at {@code endMs} (a {@code
   * -Xlog:gc} line).
   */
  record Heap(long endMs, long beforeMb, long afterMb) {}

  private static final Pattern HEAP =
      Pattern.compile(
          "^\\[([^\\]]+)\\] GC\\(\\d+\\) .* (\\d+)M->(\\d+)M\\(\\d+M\\)" + " [0-9.]+ms$");

  /** The heap figures of a {@code -Xlog:gc} line, or null when it is not a collection with them. */
  static Heap parseHeap(final String line) {
    final Matcher m = HEAP.matcher(line.trim());
    if (!m.matches()) {
      return null;
    }
    return new Heap(
        OffsetDateTime.parse(m.group(1), TIME).toInstant().toEpochMilli(),
        Long.parseLong(m.group(2)),
        Long.parseLong(m.group(3)));
  }

  /**
   * The heap during a window from the collections in it: {@code gcCount}, {@code peakHeapMb} (the
   * most in use when a collection began: the heap's high-water mark as the log sees it) and {@code
   * peakLiveMb} (the most left after one: what the window held on to). Nulls when no collection
   * fell in the window.
   */
  static Map<String, Object> heapDuring(final Path file, final long fromMs, final long toMs) {
    long count = 0;
    Long peak = null;
    Long live = null;
    try {
      if (Files.exists(file)) {
        for (String line : Files.readAllLines(file)) {
          final Heap h = parseHeap(line);
          if (h != null && h.endMs() >= fromMs && h.endMs() <= toMs) {
            count++;
            peak = peak == null ? h.beforeMb() : Math.max(peak, h.beforeMb());
            live = live == null ? h.afterMb() : Math.max(live, h.afterMb());
          }
        }
      }
    } catch (IOException e) {
      // no figures
    }
    final Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("gcCount", count);
    m.put("peakHeapMb", peak);
    m.put("peakLiveMb", live);
    return m;
  }

  /** Count, total, p50 and max of the pauses that overlap the window. */
  static Map<String, Object> summary(final List<Pause> pauses, final long fromMs, final long toMs) {
    final List<Double> in = new ArrayList<>();
    for (Pause p : pauses) {
      if (p.overlaps(fromMs, toMs)) {
        in.add(p.ms());
      }
    }
    in.sort(null);
    final Map<String, Object> m = new LinkedHashMap<>();
    m.put("count", in.size());
    m.put("totalMs", Math.round(in.stream().mapToDouble(Double::doubleValue).sum()));
    m.put("p50Ms", in.isEmpty() ? null : in.get(in.size() / 2));
    m.put("maxMs", in.isEmpty() ? null : in.get(in.size() - 1));
    return m;
  }

  /**
   * The share of the windows ({@code [from, to]} epoch ms) during which at least one of the pauses
   * happened.
   */
  static double shareOverlapping(final List<long[]> windows, final List<Pause> pauses) {
    if (windows.isEmpty()) {
      return 0;
    }
    int hit = 0;
    for (long[] w : windows) {
      for (Pause p : pauses) {
        if (p.overlaps(w[0], w[1])) {
          hit++;
          break;
        }
      }
    }
    return Math.round(1000.0 * hit / windows.size()) / 1000.0;
  }
}
