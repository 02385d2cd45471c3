package foi.tracker.core.access;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.EdECPrivateKey;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * Ed25519 signatures of the records that grant access (desk tokens on {@code foi.tokens}) and shape
 * the agency tree ({@code foi.agencies}). A signature covers the topic name, the key bytes and the
 * value bytes, each length-prefixed, so a token record cannot be replayed as an agency record nor
 * one key's value under another. It travels in the record headers {@link #SIG} (64 bytes) and
 * {@link #KEY_ID} (which public key verifies it).
 */
public final class RecordSignatures {
  /** Header with the raw Ed25519 signature. */
  public static final String SIG = "foi-sig";

  /** Header with the signing key's id ({@link #keyId}), ASCII. */
  public static final String KEY_ID = "foi-key-id";

  private static final byte[] DOMAIN = "foi-record-sig-v1".getBytes(StandardCharsets.US_ASCII);

  private RecordSignatures() {}

  public static KeyPair newKeyPair() {
    try {
      return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 is not available in this JVM", e);
    }
  }

  /** A public key's id: the first 8 bytes of the SHA-256 of its X.509 encoding, in hex. */
  public static String keyId(final PublicKey key) {
    try {
      final byte[] h = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
      return HexFormat.of().formatHex(h, 0, 8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The bytes signed: a domain tag, then topic, key and value, each with its length (-1 for null).
   */
  static byte[] message(final String topic, final byte[] key, final byte[] value) {
    final byte[] t = topic.getBytes(StandardCharsets.UTF_8);
    final int size =
        DOMAIN.length
            + 12
            + t.length
            + (key == null ? 0 : key.length)
            + (value == null ? 0 : value.length);
    final ByteBuffer b = ByteBuffer.allocate(size);
    b.put(DOMAIN);
    b.putInt(t.length).put(t);
    b.putInt(key == null ? -1 : key.length);
    if (key != null) {
      b.put(key);
    }
    b.putInt(value == null ? -1 : value.length);
    if (value != null) {
      b.put(value);
    }
    return b.array();
  }

  /**
   * Signs with Bouncy Castle's RFC 8032 Ed25519 (the JDK's gives the same bytes, Ed25519 being
   * deterministic, at about ten times the cost: a national agency list is 40,000 records).
   */
  public static byte[] sign(
      final PrivateKey key, final String topic, final byte[] recordKey, final byte[] value) {
    final byte[] m = message(topic, recordKey, value);
    final byte[] out = new byte[Ed25519.SIGNATURE_SIZE];
    Ed25519.sign(rawPrivate(key), 0, m, 0, m.length, out, 0);
    return out;
  }

  public static boolean verify(
      final PublicKey key,
      final String topic,
      final byte[] recordKey,
      final byte[] value,
      final byte[] signature) {
    return verify(key, message(topic, recordKey, value), signature);
  }

  /** Whether {@code signature} is {@code key}'s Ed25519 signature of {@code message}. */
  static boolean verify(final PublicKey key, final byte[] message, final byte[] signature) {
    if (signature == null || signature.length != Ed25519.SIGNATURE_SIZE) {
      return false;
    }
    final Ed25519.PublicPoint point = publicPoint(key);
    return point != null && Ed25519.verify(signature, 0, point, message, 0, message.length);
  }

  /** The X.509 prefix of an Ed25519 public key (RFC 8410): the 32 key bytes follow it. */
  private static final byte[] X509_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

  /** Decoded public keys (a key set holds one to a few): decoding costs about a verification. */
  private static final Map<PublicKey, Optional<Ed25519.PublicPoint>> POINTS =
      new ConcurrentHashMap<>();

  private static Ed25519.PublicPoint publicPoint(final PublicKey key) {
    if (POINTS.size() > 64) {
      POINTS.clear(); // rotations only add a key now and then; never grows without bound
    }
    return POINTS
        .computeIfAbsent(
            key,
            k -> {
              final byte[] enc = k.getEncoded();
              if (enc == null
                  || enc.length != X509_PREFIX.length + Ed25519.PUBLIC_KEY_SIZE
                  || !Arrays.equals(
                      enc, 0, X509_PREFIX.length, X509_PREFIX, 0, X509_PREFIX.length)) {
                return Optional.empty();
              }
              return Optional.ofNullable(
                  Ed25519.validatePublicKeyFullExport(enc, X509_PREFIX.length));
            })
        .orElse(null);
  }

  private static byte[] rawPrivate(final PrivateKey key) {
    if (key instanceof EdECPrivateKey ed) {
      final byte[] raw = ed.getBytes().orElse(null);
      if (raw != null && raw.length == Ed25519.SECRET_KEY_SIZE) {
        return raw;
      }
    }
    throw new IllegalStateException("not an Ed25519 private key: " + key.getAlgorithm());
  }

  /** The key id header's value, or null when the record carries none. */
  public static String keyIdOf(final Headers headers) {
    final Header h = headers.lastHeader(KEY_ID);
    return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.US_ASCII);
  }

  /** The signature header's value, or null. */
  public static byte[] signatureOf(final Headers headers) {
    final Header h = headers.lastHeader(SIG);
    return h == null ? null : h.value();
  }

  /** Whether the record carries either signature header (then it must verify). */
  public static boolean claimsSignature(final Headers headers) {
    return headers.lastHeader(SIG) != null || headers.lastHeader(KEY_ID) != null;
  }

  /** A private key with its id: what the ingest signs with. */
  public record SigningKey(PrivateKey privateKey, PublicKey publicKey, String keyId) {
    public static SigningKey of(final KeyPair pair) {
      return new SigningKey(
          pair.getPrivate(), pair.getPublic(), RecordSignatures.keyId(pair.getPublic()));
    }

    /** Adds (replacing any) the signature headers for this record to {@code headers}. */
    public void sign(
        final String topic, final byte[] recordKey, final byte[] value, final Headers headers) {
      headers.remove(SIG);
      headers.remove(KEY_ID);
      headers.add(SIG, RecordSignatures.sign(privateKey, topic, recordKey, value));
      headers.add(KEY_ID, keyId.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public String toString() {
      return "SigningKey[" + keyId + "]";
    }
  }
}
