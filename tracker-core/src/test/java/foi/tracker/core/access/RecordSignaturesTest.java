package foi.tracker.core.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordSignaturesTest {
  private static final String TOKENS = "foi.tokens";
  private static final String AGENCIES = "foi.agencies";

  @TempDir Path dir;

  private SigningKeyFiles.Locations files() {
    return SigningKeyFiles.Locations.from(Map.of(), dir);
  }

  private static ConsumerRecord<byte[], byte[]> record(
      final String topic,
      final long offset,
      final String key,
      final String value,
      final RecordSignatures.SigningKey by) {
    final ConsumerRecord<byte[], byte[]> r =
        new ConsumerRecord<>(
            topic,
            0,
            offset,
            key.getBytes(StandardCharsets.UTF_8),
            value.getBytes(StandardCharsets.UTF_8));
    if (by != null) {
      by.sign(topic, r.key(), r.value(), r.headers());
    }
    return r;
  }

  /**
   * A record signed for one topic, key and value, moved to another topic or given another value.
   */
  private static ConsumerRecord<byte[], byte[]> copy(
      final ConsumerRecord<byte[], byte[]> from, final String topic, final String value) {
    final ConsumerRecord<byte[], byte[]> r =
        new ConsumerRecord<>(
            topic, 0, from.offset() + 1, from.key(), value.getBytes(StandardCharsets.UTF_8));
    from.headers().forEach(h -> r.headers().add(h));
    return r;
  }

  @Test
  void aSignedRecordVerifiesAndAnyChangeOfTopicKeyOrValueBreaksIt() {
    final RecordSigner signer =
        RecordSigner.loadOrCreate(files(), "c1", () -> Map.of("foi.tokens-0", 0L));
    final RecordVerifier v = new RecordVerifier(files().publicKeys(), true);
    final ConsumerRecord<byte[], byte[]> ok =
        record(TOKENS, 0, "t1", "{\"agencyId\":\"root\"}", signer.current());
    assertEquals(RecordVerifier.Result.SIGNED, v.check(ok));
    assertEquals(
        RecordVerifier.Result.BAD_SIGNATURE,
        v.check(copy(ok, AGENCIES, "{\"agencyId\":\"root\"}")),
        "a token record replayed on the agency topic");
    assertEquals(
        RecordVerifier.Result.BAD_SIGNATURE, v.check(copy(ok, TOKENS, "{\"agencyId\":\"rooT\"}")));
    final ConsumerRecord<byte[], byte[]> otherKey =
        new ConsumerRecord<>(TOKENS, 0, 5L, "t2".getBytes(StandardCharsets.UTF_8), ok.value());
    ok.headers().forEach(h -> otherKey.headers().add(h));
    assertEquals(RecordVerifier.Result.BAD_SIGNATURE, v.check(otherKey));
    final ConsumerRecord<byte[], byte[]> garbage = record(TOKENS, 6, "t3", "{}", null);
    garbage.headers().add(RecordSignatures.SIG, new byte[64]);
    garbage
        .headers()
        .add(RecordSignatures.KEY_ID, signer.current().keyId().getBytes(StandardCharsets.US_ASCII));
    assertFalse(v.accept(garbage));
    assertEquals(1, v.refused());
  }

  /**
   * Records signed before the signatures were computed with Bouncy Castle (by the JDK's Ed25519)
   * still verify: Ed25519 is deterministic, the bytes are the same.
   */
  @Test
  void signaturesAreTheJdksBytesAndTheJdksSignaturesVerify() throws Exception {
    final java.security.KeyPair pair = RecordSignatures.newKeyPair();
    final byte[] key = "t1".getBytes(StandardCharsets.UTF_8);
    final byte[] value = "{\"agencyId\":\"root\"}".getBytes(StandardCharsets.UTF_8);
    final java.security.Signature jdk = java.security.Signature.getInstance("Ed25519");
    jdk.initSign(pair.getPrivate());
    jdk.update(RecordSignatures.message(TOKENS, key, value));
    final byte[] byJdk = jdk.sign();
    assertTrue(
        java.util.Arrays.equals(
            byJdk, RecordSignatures.sign(pair.getPrivate(), TOKENS, key, value)));
    assertTrue(RecordSignatures.verify(pair.getPublic(), TOKENS, key, value, byJdk));
    final byte[] bent = byJdk.clone();
    bent[10] ^= 1;
    assertFalse(RecordSignatures.verify(pair.getPublic(), TOKENS, key, value, bent));
    assertFalse(RecordSignatures.verify(pair.getPublic(), TOKENS, key, value, new byte[63]));
  }

  /** A record read again (the ingest's start reads the agency list twice) is not verified again. */
  @Test
  void aRecordVerifiedOnceIsAnsweredFromMemoryButAChangedOneIsVerifiedAgain() {
    final RecordSigner signer =
        RecordSigner.loadOrCreate(files(), "c1", () -> Map.of("foi.tokens-0", 0L));
    final RecordVerifier v = new RecordVerifier(files().publicKeys(), true);
    final ConsumerRecord<byte[], byte[]> ok =
        record(AGENCIES, 0, "a1", "{\"name\":\"一镇\"}", signer.current());
    assertEquals(RecordVerifier.Result.SIGNED, v.check(ok));
    assertEquals(RecordVerifier.Result.SIGNED, v.check(ok));
    assertEquals(1, v.verifications(), "the second read is answered from what was verified");
    assertEquals(
        RecordVerifier.Result.BAD_SIGNATURE,
        v.check(copy(ok, AGENCIES, "{\"name\":\"二镇\"}")),
        "the same signature on another value");
    assertEquals(2, v.verifications());
  }

  @Test
  void unsignedRecordsAreAcceptedOnlyBelowTheMarkWhereSigningBegan() {
    RecordSigner.loadOrCreate(
        files(), "c1", () -> Map.of("foi.tokens-0", 3L, "foi.agencies-0", 0L));
    final RecordVerifier v = new RecordVerifier(files().publicKeys(), false);
    assertEquals(
        RecordVerifier.Result.LEGACY_UNSIGNED, v.check(record(TOKENS, 2, "t1", "{}", null)));
    assertEquals(RecordVerifier.Result.UNSIGNED, v.check(record(TOKENS, 3, "t1", "{}", null)));
    assertEquals(RecordVerifier.Result.UNSIGNED, v.check(record(AGENCIES, 0, "a", "{}", null)));
    // the mark stays where it was on the next start; only a new cluster moves it
    RecordSigner.loadOrCreate(
        files(), "c1", () -> Map.of("foi.tokens-0", 9L, "foi.agencies-0", 4L));
    assertEquals(
        Map.of("foi.tokens-0", 3L, "foi.agencies-0", 0L),
        SigningKeyFiles.readPublic(files().publicKeys()).unsignedBefore());
    RecordSigner.loadOrCreate(
        files(), "c2", () -> Map.of("foi.tokens-0", 1L, "foi.agencies-0", 0L));
    assertEquals(
        Map.of("foi.tokens-0", 1L, "foi.agencies-0", 0L),
        SigningKeyFiles.readPublic(files().publicKeys()).unsignedBefore());
  }

  @Test
  void withNoKeyPublishedUnsignedRecordsPassUnlessSignaturesAreRequired() {
    final ConsumerRecord<byte[], byte[]> r = record(TOKENS, 0, "t1", "{}", null);
    assertEquals(
        RecordVerifier.Result.NO_KEYS_YET,
        new RecordVerifier(files().publicKeys(), false).check(r));
    assertEquals(
        RecordVerifier.Result.UNSIGNED, new RecordVerifier(files().publicKeys(), true).check(r));
    // once the ingest publishes its key (here after the reader started), the reader enforces it
    final RecordVerifier v = new RecordVerifier(files().publicKeys(), false);
    RecordSigner.loadOrCreate(files(), "c1", () -> Map.of("foi.tokens-0", 0L));
    assertEquals(RecordVerifier.Result.UNSIGNED, v.check(record(TOKENS, 0, "t1", "{}", null)));
  }

  @Test
  void afterARotationThePreviousKeyIsAcceptedAndOneTwoRotationsBackOrUnknownIsNot() {
    final RecordSigner signer =
        RecordSigner.loadOrCreate(files(), "c1", () -> Map.of("foi.tokens-0", 0L));
    final RecordVerifier v = new RecordVerifier(files().publicKeys(), true);
    final RecordSignatures.SigningKey first = signer.current();
    final ConsumerRecord<byte[], byte[]> byFirst = record(TOKENS, 0, "t1", "{\"a\":1}", first);
    assertEquals(RecordVerifier.Result.SIGNED, v.check(byFirst));
    final RecordSignatures.SigningKey second = signer.rotate();
    assertNotEquals(first.keyId(), second.keyId());
    assertEquals(
        second.keyId(),
        SigningKeyFiles.readPrivate(files().privateKey()).keyId(),
        "stored for restarts");
    assertEquals(
        RecordVerifier.Result.SIGNED,
        v.check(record(TOKENS, 1, "t1", "{\"a\":1}", second)),
        "the reader picks up the new key set from the file");
    assertEquals(
        RecordVerifier.Result.SIGNED, v.check(byFirst), "the previous key is still accepted");
    signer.rotate();
    assertEquals(RecordVerifier.Result.UNKNOWN_KEY, v.check(byFirst), "two rotations back");
    final RecordSignatures.SigningKey stranger =
        RecordSignatures.SigningKey.of(RecordSignatures.newKeyPair());
    assertEquals(
        RecordVerifier.Result.UNKNOWN_KEY, v.check(record(TOKENS, 2, "t9", "{}", stranger)));
  }

  @Test
  void thePrivateKeyFileIsOwnerOnlyAndKeptAcrossStarts() throws Exception {
    final RecordSigner a = RecordSigner.loadOrCreate(files(), "c1", () -> Map.of());
    assertEquals(
        "rw-------",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(files().privateKey())));
    assertEquals(
        a.current().keyId(), RecordSigner.loadOrCreate(files(), "c1", Map::of).current().keyId());
    final String pub = Files.readString(files().publicKeys());
    assertFalse(
        pub.contains(
            java.util.Base64.getEncoder().encodeToString(a.current().privateKey().getEncoded())),
        "the public file holds no private key");
    assertTrue(pub.contains("key " + a.current().keyId() + " "));
    try (var files = Files.list(dir)) {
      assertEquals(
          List.of("record-signing.key", "record-signing.pub"),
          files.map(p -> p.getFileName().toString()).sorted().toList(),
          "no temporary file left behind");
    }
  }
}
