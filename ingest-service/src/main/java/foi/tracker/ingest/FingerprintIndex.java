package foi.tracker.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * What has been written: a 64-bit hash of each request or event key → a 64-bit fingerprint of its
 * content, in one open-addressing table of primitive longs (16 bytes an entry, so a national year
 * of 3×10^6 events fits in ~100 MB). Two different keys share a hash with probability ~n²/2^65
 * (≈2.4×10^-7 at 3×10^6): then the second would be answered as a duplicate or conflict of the
 * first; the processor's own exact check still decides what counts.
 */
final class FingerprintIndex {
  private static final long EMPTY = 0L;
  private long[] keys;
  private long[] values;
  private int size;

  FingerprintIndex(final int expected) {
    int cap = Integer.highestOneBit(Math.max(16, expected * 2) - 1) << 1;
    keys = new long[cap];
    values = new long[cap];
  }

  /** The fingerprint stored for {@code key}, or 0 when none. */
  synchronized long get(final String key) {
    final long h = hash(key);
    int i = slot(h, keys.length);
    while (keys[i] != EMPTY) {
      if (keys[i] == h) {
        return values[i];
      }
      i = (i + 1) & (keys.length - 1);
    }
    return 0L;
  }

  /**
   * Stores {@code fingerprint} for {@code key} unless one is there already; returns the stored one.
   */
  synchronized long putIfAbsent(final String key, final long fingerprint) {
    if (size * 2 >= keys.length) {
      grow();
    }
    final long h = hash(key);
    int i = slot(h, keys.length);
    while (keys[i] != EMPTY) {
      if (keys[i] == h) {
        return values[i];
      }
      i = (i + 1) & (keys.length - 1);
    }
    keys[i] = h;
    values[i] = fingerprint;
    size++;
    return fingerprint;
  }

  synchronized int size() {
    return size;
  }

  private void grow() {
    final long[] oldKeys = keys;
    final long[] oldValues = values;
    keys = new long[oldKeys.length * 2];
    values = new long[oldKeys.length * 2];
    for (int j = 0; j < oldKeys.length; j++) {
      if (oldKeys[j] != EMPTY) {
        int i = slot(oldKeys[j], keys.length);
        while (keys[i] != EMPTY) {
          i = (i + 1) & (keys.length - 1);
        }
        keys[i] = oldKeys[j];
        values[i] = oldValues[j];
      }
    }
  }

  private static int slot(final long h, final int length) {
    return (int) (h ^ (h >>> 32)) & (length - 1);
  }

  /** First 8 bytes of SHA-256, never 0. */
  static long hash(final String s) {
    try {
      final byte[] d =
          MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      long h = 0;
      for (int i = 0; i < 8; i++) {
        h = (h << 8) | (d[i] & 0xff);
      }
      return h == EMPTY ? 1L : h;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The first 16 hex digits of an {@link foi.tracker.core.request.EventFingerprint} as a long,
   * never 0.
   */
  static long fingerprint(final String hex) {
    final long v = Long.parseUnsignedLong(hex.substring(0, 16), 16);
    return v == 0 ? 1L : v;
  }
}
