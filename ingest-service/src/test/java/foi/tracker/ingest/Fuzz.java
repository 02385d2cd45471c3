package foi.tracker.ingest;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;

/**
 * A small seeded generator for the write-route fuzz, and the loop that runs a property's tries:
 * each try draws its inputs from its own seed, derived from the property's fixed seed, so a failure
 * names the one seed that replays it.
 *
 * <p>Values lean toward their edges the way a property-testing library's do: numbers are often 0,
 * ±1 or a type's limit, strings are often empty or full length, and characters are often NUL, a
 * lone surrogate, a quote or a backslash. Nothing is shrunk.
 *
 * <p>Overrides for exploring locally (Maven passes {@code -D} settings on to the test JVM): {@code
 * -Dfuzz.seed=N} starts every property from seed N instead of its fixed one, {@code -Dfuzz.tries=N}
 * runs N tries, and {@code -Dfuzz.replay=S} runs exactly one try from the try seed S a failure
 * reported.
 */
final class Fuzz {
  /**
   * Characters that break parsers, escapers and encoders more often than a uniform draw reaches
   * them.
   */
  private static final char[] EDGE_CHARS = {
    '\u0000', '\u001F', ' ', '"', '\\', '/', '\n', '\u007F', '\u00A0', '\u2028', '\u202E', '\uD800',
    '\uDBFF', '\uDC00', '\uDFFF', '\uFEFF', '\uFFFE', '\uFFFF'
  };

  private static final int[] EDGE_INTS = {
    0,
    1,
    -1,
    2,
    -2,
    Integer.MAX_VALUE,
    Integer.MIN_VALUE,
    Integer.MAX_VALUE - 1,
    Integer.MIN_VALUE + 1
  };
  private static final long[] EDGE_LONGS = {
    0L,
    1L,
    -1L,
    Long.MAX_VALUE,
    Long.MIN_VALUE,
    Integer.MAX_VALUE,
    Integer.MIN_VALUE,
    Long.MAX_VALUE - 1,
    Long.MIN_VALUE + 1
  };

  private final long seed;
  private final SplittableRandom random;

  /** The inputs the try drew, by name, for the failure report. */
  private final Map<String, String> shown = new LinkedHashMap<>();

  Fuzz(final long seed) {
    this.seed = seed;
    this.random = new SplittableRandom(seed);
  }

  /** The seed this try was drawn from. */
  long seed() {
    return seed;
  }

  /** A choice with its weight, for {@link #frequency}. */
  record Weighted<T>(int weight, T value) {
    Weighted {
      if (weight <= 0) {
        throw new IllegalArgumentException("weight must be positive: " + weight);
      }
    }
  }

  static <T> Weighted<T> w(final int weight, final T value) {
    return new Weighted<>(weight, value);
  }

  /** One of the values, each as likely as its weight says. */
  @SafeVarargs
  final <T> T frequency(final Weighted<T>... choices) {
    final int[] weights = new int[choices.length];
    for (int i = 0; i < choices.length; i++) {
      weights[i] = choices[i].weight();
    }
    return choices[weighted(weights)].value();
  }

  /** The index of one of the weights, each as likely as its value says. */
  int weighted(final int... weights) {
    int total = 0;
    for (int w : weights) {
      if (w <= 0) {
        throw new IllegalArgumentException("weights must be positive: " + w);
      }
      total += w;
    }
    int pick = random.nextInt(total);
    for (int i = 0; i < weights.length; i++) {
      pick -= weights[i];
      if (pick < 0) {
        return i;
      }
    }
    throw new IllegalStateException("unreachable");
  }

  /** One of the values, all equally likely. */
  <T> T of(final List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  /** One of the enum's constants, all equally likely. */
  <E extends Enum<E>> E of(final Class<E> type) {
    final E[] values = type.getEnumConstants();
    return values[random.nextInt(values.length)];
  }

  boolean bool() {
    return random.nextBoolean();
  }

  /** Uniform in [min, max], both included. */
  int between(final int min, final int max) {
    if (min > max) {
      throw new IllegalArgumentException("min " + min + " > max " + max);
    }
    return min + random.nextInt(max - min + 1);
  }

  /**
   * An int biased to its edges: one in eight an edge value, three in eight small, the rest over the
   * whole range.
   */
  int anyInt() {
    return switch (weighted(1, 3, 4)) {
      case 0 -> EDGE_INTS[random.nextInt(EDGE_INTS.length)];
      case 1 -> between(-1000, 1000);
      default -> random.nextInt();
    };
  }

  /** A long biased like {@link #anyInt()}. */
  long anyLong() {
    return switch (weighted(1, 3, 4)) {
      case 0 -> EDGE_LONGS[random.nextInt(EDGE_LONGS.length)];
      case 1 -> random.nextLong(-1000, 1001);
      default -> random.nextLong();
    };
  }

  /** A size in [min, max]: one in eight the least, one in eight the most, else uniform. */
  int size(final int min, final int max) {
    return switch (weighted(1, 1, 6)) {
      case 0 -> min;
      case 1 -> max;
      default -> between(min, max);
    };
  }

  /**
   * Any UTF-16 code unit (lone surrogates and NUL included): one in eight an edge character, else
   * uniform.
   */
  char anyChar() {
    return random.nextInt(8) == 0
        ? EDGE_CHARS[random.nextInt(EDGE_CHARS.length)]
        : (char) random.nextInt(Character.MAX_VALUE + 1);
  }

  /** A string of any code units, up to {@code maxLength} of them. */
  String string(final int maxLength) {
    final int n = size(0, maxLength);
    final StringBuilder s = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      s.append(anyChar());
    }
    return s.toString();
  }

  /** A string of the given characters only, {@code minLength} to {@code maxLength} long. */
  String string(final int minLength, final int maxLength, final char... chars) {
    final int n = size(minLength, maxLength);
    final StringBuilder s = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      s.append(chars[random.nextInt(chars.length)]);
    }
    return s.toString();
  }

  /** Random bytes, up to {@code maxSize} of them. */
  byte[] bytes(final int maxSize) {
    final byte[] out = new byte[size(0, maxSize)];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) random.nextInt(256);
    }
    return out;
  }

  /**
   * Records an input under its name for the failure report; returns the value, so a draw can be
   * shown inline.
   */
  <T> T show(final String name, final T value) {
    shown.put(name, value instanceof byte[] b ? preview(b) : preview(String.valueOf(value)));
    return value;
  }

  /** The inputs shown so far, one per line. */
  String inputs() {
    final StringBuilder out = new StringBuilder();
    shown.forEach((name, value) -> out.append("\n  ").append(name).append(" = ").append(value));
    return out.toString();
  }

  /** A property's body: one try, drawing its inputs from {@code fuzz}. */
  @FunctionalInterface
  interface Try {
    void run(Fuzz fuzz) throws Exception;
  }

  /**
   * The seed of each try of a property that starts from {@code seed}: the same seeds in the same
   * order every run.
   */
  static long[] trySeeds(final long seed, final int tries) {
    final SplittableRandom seeds = new SplittableRandom(seed);
    final long[] out = new long[tries];
    for (int i = 0; i < tries; i++) {
      out[i] = seeds.nextLong();
    }
    return out;
  }

  /**
   * Runs {@code tries} tries of {@code property} ({@code Class#method}) from {@code seed} (or the
   * overrides the class Javadoc names), each from its own seed; stops at the first failure with the
   * try number, its seed, how to replay it and its inputs.
   */
  static void forAll(final String property, final long seed, final int tries, final Try body) {
    forAll(property, seed, tries, System::getProperty, body);
  }

  /**
   * {@link #forAll(String, long, int, Try)} with the overrides read from {@code settings} (null
   * when not set).
   */
  static void forAll(
      final String property,
      final long seed,
      final int tries,
      final UnaryOperator<String> settings,
      final Try body) {
    final String replay = setting(settings, "fuzz.replay", "");
    final long from = Long.parseLong(setting(settings, "fuzz.seed", String.valueOf(seed)));
    final int count = Integer.parseInt(setting(settings, "fuzz.tries", String.valueOf(tries)));
    final long[] seeds =
        replay.isEmpty() ? trySeeds(from, count) : new long[] {Long.parseLong(replay)};
    for (int i = 0; i < seeds.length; i++) {
      final Fuzz fuzz = new Fuzz(seeds[i]);
      try {
        body.run(fuzz);
      } catch (VirtualMachineError e) {
        throw e;
      } catch (Throwable e) {
        throw new AssertionError(
            property
                + ": try "
                + (i + 1)
                + " of "
                + seeds.length
                + (replay.isEmpty() ? " from seed " + from : " (replayed)")
                + " failed; its seed is "
                + seeds[i]
                + " (replay it alone: -Dit.test="
                + property
                + " -Dfuzz.replay="
                + seeds[i]
                + "); its inputs:"
                + fuzz.inputs()
                + "\n"
                + e.getMessage(),
            e);
      }
    }
  }

  private static String setting(
      final UnaryOperator<String> settings, final String name, final String otherwise) {
    final String value = settings.apply(name);
    return value == null || value.isBlank() ? otherwise : value.trim();
  }

  /** UTF-8 text as a Java string (invalid bytes become U+FFFD), abbreviated. */
  static String preview(final byte[] bytes) {
    return bytes.length + " bytes: " + preview(new String(bytes, StandardCharsets.UTF_8));
  }

  /**
   * The first 300 characters, control characters and lone surrogates escaped so the report prints
   * cleanly.
   */
  static String preview(final String s) {
    final StringBuilder out = new StringBuilder();
    for (int i = 0; i < Math.min(s.length(), 300); i++) {
      final char c = s.charAt(i);
      final boolean pair =
          Character.isHighSurrogate(c)
              && i + 1 < s.length()
              && Character.isLowSurrogate(s.charAt(i + 1));
      if (pair) {
        out.append(c).append(s.charAt(++i));
      } else if (c < 0x20 || Character.isSurrogate(c) || c == 0x7F) {
        out.append(String.format("\\u%04X", (int) c));
      } else {
        out.append(c);
      }
    }
    return s.length() > 300 ? out + "…(" + s.length() + " chars)" : out.toString();
  }
}
