package foi.tracker.core.access;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.HexFormat;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

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

  public static byte[] sign(
      final PrivateKey key, final String topic, final byte[] recordKey, final byte[] value) {
    try {
      final Signature s = Signature.getInstance("Ed25519");
      s.initSign(key);
      s.update(message(topic, recordKey, value));
      return s.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public static boolean verify(
      final PublicKey key,
      final String topic,
      final byte[] recordKey,
      final byte[] value,
      final byte[] signature) {
    try {
      final Signature s = Signature.getInstance("Ed25519");
      s.initVerify(key);
      s.update(message(topic, recordKey, value));
      return s.verify(signature);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
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
