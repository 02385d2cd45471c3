package foi.tracker.core.access;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.PublicKey;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The readers' check of a {@code foi.tokens} / {@code foi.agencies} record (docs/domain-rules.md
 * "Keys"):
 *
 * <ul>
 *   <li>a record with signature headers is accepted only if it verifies with a key of the public
 *       key set (current or previous);
 *   <li>an unsigned record is accepted only if it predates signing: its offset is below the set's
 *       {@code unsigned-before} mark of its partition (the migration's cut), or no key set was ever
 *       published and signatures are not required ({@code TRACKER_SIGNING_REQUIRED}).
 * </ul>
 *
 * A refused record is logged once (WARN, where it is and why, nothing of its content) and counted.
 * The key set file is read again whenever it changed (a rotation, the ingest's first start),
 * checked before each record.
 */
public final class RecordVerifier {
  private static final Logger LOG = LoggerFactory.getLogger(RecordVerifier.class);

  /** What the check found. */
  public enum Result {
    SIGNED(true),
    LEGACY_UNSIGNED(true),
    NO_KEYS_YET(true),
    UNSIGNED(false),
    BAD_SIGNATURE(false),
    UNKNOWN_KEY(false);

    private final boolean accepted;

    Result(final boolean accepted) {
      this.accepted = accepted;
    }

    public boolean accepted() {
      return accepted;
    }
  }

  /**
   * Records already verified in this process (their key id, signed bytes and signature, hashed):
   * the ingest's start reads the agency list twice (re-signing, then its ledger), and a national
   * list is 40,000 records. What is remembered is that a signature verifies a content under a key
   * id, true for good; the key id is still looked up in the key set each time, so a retired key is
   * refused as before.
   */
  private final VerifiedDigests verified = new VerifiedDigests(1 << 18);

  private final AtomicLong verifications = new AtomicLong();

  private final Path file;
  private final boolean required;
  private final AtomicLong refused = new AtomicLong();
  private volatile SigningKeyFiles.PublicKeySet set;
  private Object seen;

  public RecordVerifier(final Path publicKeysFile, final boolean required) {
    this.file = publicKeysFile;
    this.required = required;
    reloadIfChanged();
  }

  /**
   * From the environment: the public key file of {@link SigningKeyFiles.Locations} and
   * TRACKER_SIGNING_REQUIRED.
   */
  public static RecordVerifier fromEnvironment(final Map<String, String> env, final Path dataDir) {
    return new RecordVerifier(
        SigningKeyFiles.Locations.from(env, dataDir).publicKeys(),
        "true".equalsIgnoreCase(String.valueOf(env.get("TRACKER_SIGNING_REQUIRED")).trim()));
  }

  /** Checks a record; a refused one is counted and logged. */
  public boolean accept(final ConsumerRecord<byte[], byte[]> r) {
    final Result result = check(r);
    if (!result.accepted()) {
      refused.incrementAndGet();
      LOG.warn(
          "ignored a record without a valid signature: {}-{}@{} ({}, key id {})",
          r.topic(),
          r.partition(),
          r.offset(),
          result,
          safeKeyId(r));
    }
    return result.accepted();
  }

  public Result check(final ConsumerRecord<byte[], byte[]> r) {
    reloadIfChanged(); // a rotation or the first publication takes effect at the next record (one
    // stat per record)
    if (RecordSignatures.claimsSignature(r.headers())) {
      final String keyId = RecordSignatures.keyIdOf(r.headers());
      final byte[] sig = RecordSignatures.signatureOf(r.headers());
      if (keyId == null || sig == null) {
        return Result.BAD_SIGNATURE;
      }
      final PublicKey k = key(keyId);
      if (k == null) {
        return Result.UNKNOWN_KEY;
      }
      final byte[] message = RecordSignatures.message(r.topic(), r.key(), r.value());
      final VerifiedDigest digest = VerifiedDigest.of(keyId, message, sig);
      if (verified.contains(digest)) {
        return Result.SIGNED;
      }
      verifications.incrementAndGet();
      if (!RecordSignatures.verify(k, message, sig)) {
        return Result.BAD_SIGNATURE;
      }
      verified.add(digest);
      return Result.SIGNED;
    }
    return unsigned(r);
  }

  private Result unsigned(final ConsumerRecord<byte[], byte[]> r) {
    final SigningKeyFiles.PublicKeySet s = set;
    if (s == null) {
      return required ? Result.UNSIGNED : Result.NO_KEYS_YET;
    }
    final Long before =
        s.unsignedBefore().get(SigningKeyFiles.PublicKeySet.partitionKey(r.topic(), r.partition()));
    return before != null && r.offset() < before ? Result.LEGACY_UNSIGNED : Result.UNSIGNED;
  }

  private PublicKey key(final String keyId) {
    final SigningKeyFiles.PublicKeySet s = set;
    return s == null ? null : s.byId(keyId);
  }

  /** Reads the key set file again if it appeared or changed since last read; true if it did. */
  public synchronized boolean reloadIfChanged() {
    Object now;
    try {
      final BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
      now = java.util.List.of(String.valueOf(a.fileKey()), a.lastModifiedTime(), a.size());
    } catch (NoSuchFileException e) {
      now = "absent";
    } catch (IOException e) {
      LOG.warn("cannot read the public key file {}: {}", file, e.toString());
      return false;
    }
    if (now.equals(seen)) {
      return false;
    }
    set = SigningKeyFiles.readPublic(file);
    seen = now;
    return true;
  }

  /** The key set now in use (null: none published). */
  public SigningKeyFiles.PublicKeySet keySet() {
    return set;
  }

  /** Signatures checked by computation since start (not answered from what was verified). */
  long verifications() {
    return verifications.get();
  }

  /** A SHA-256 of key id, signed bytes and signature. */
  private record VerifiedDigest(long a, long b, long c, long d) {
    static VerifiedDigest of(final String keyId, final byte[] message, final byte[] sig) {
      try {
        final java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
        md.update(keyId.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        md.update((byte) 0);
        md.update(message);
        md.update(sig);
        final java.nio.ByteBuffer h = java.nio.ByteBuffer.wrap(md.digest());
        return new VerifiedDigest(h.getLong(), h.getLong(), h.getLong(), h.getLong());
      } catch (java.security.GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** At most {@code capacity} digests, the oldest forgotten first. */
  private static final class VerifiedDigests {
    private final java.util.LinkedHashMap<VerifiedDigest, Boolean> digests;

    VerifiedDigests(final int capacity) {
      this.digests =
          new java.util.LinkedHashMap<>(1024, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(final Map.Entry<VerifiedDigest, Boolean> eldest) {
              return size() > capacity;
            }
          };
    }

    synchronized boolean contains(final VerifiedDigest d) {
      return digests.containsKey(d);
    }

    synchronized void add(final VerifiedDigest d) {
      digests.put(d, Boolean.TRUE);
    }
  }

  /** Records refused since start. */
  public long refused() {
    return refused.get();
  }

  /** The key id header, for the log: only if it looks like one (hex, 16 characters). */
  private static String safeKeyId(final ConsumerRecord<byte[], byte[]> r) {
    final String id = RecordSignatures.keyIdOf(r.headers());
    return id != null && id.matches("[0-9a-f]{16}") ? id : id == null ? "none" : "malformed";
  }
}
