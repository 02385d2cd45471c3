package foi.tracker.core.access;

import java.security.KeyPair;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.common.header.Headers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest's record-signing key: loaded from {@link SigningKeyFiles.Locations#privateKey},
 * created at first start, published (with the migration's {@code unsigned-before} marks) in the
 * public key file, and rotated on demand.
 */
public final class RecordSigner {
  private static final Logger LOG = LoggerFactory.getLogger(RecordSigner.class);
  private final SigningKeyFiles.Locations files;
  private volatile RecordSignatures.SigningKey current;

  private RecordSigner(
      final SigningKeyFiles.Locations files, final RecordSignatures.SigningKey current) {
    this.files = files;
    this.current = current;
  }

  /**
   * Loads the key (creating it if there is none) and makes sure the public key file lists it and
   * marks, for the cluster {@code clusterId}, where signing began: the partitions' end offsets now
   * ({@code endOffsets}, keys {@code topic-partition}) unless marked already. Records below a mark
   * predate signing and are accepted unsigned.
   */
  public static RecordSigner loadOrCreate(
      final SigningKeyFiles.Locations files,
      final String clusterId,
      final Supplier<Map<String, Long>> endOffsets) {
    RecordSignatures.SigningKey key = SigningKeyFiles.readPrivate(files.privateKey());
    if (key == null) {
      SigningKeyFiles.writePrivate(files.privateKey(), RecordSignatures.newKeyPair(), false);
      key = SigningKeyFiles.readPrivate(files.privateKey());
      LOG.info("created the record-signing key {} in {}", key.keyId(), files.privateKey());
    }
    final SigningKeyFiles.PublicKeySet was = SigningKeyFiles.readPublic(files.publicKeys());
    final List<PublicKey> keys = new ArrayList<>();
    final Map<String, Long> marks = new HashMap<>();
    final boolean sameCluster =
        was != null && (clusterId == null || clusterId.equals(was.clusterId()));
    if (was != null && was.byId(key.keyId()) != null) {
      keys.addAll(
          was.keys()); // its order kept: after a rotation cut short, the new key may stand first
    } else {
      keys.add(key.publicKey());
      if (was != null && !was.keys().isEmpty()) {
        keys.add(was.keys().get(0));
      }
    }
    if (sameCluster) {
      marks.putAll(was.unsignedBefore());
    }
    final Map<String, Long> ends = endOffsets.get();
    final boolean changed =
        !sameCluster || was.byId(key.keyId()) == null || !marks.keySet().containsAll(ends.keySet());
    ends.forEach(marks::putIfAbsent);
    if (changed) {
      SigningKeyFiles.writePublic(
          files.publicKeys(), new SigningKeyFiles.PublicKeySet(keys, clusterId, marks));
      LOG.info(
          "published the record-signing key {} in {}; unsigned records accepted below {}",
          key.keyId(),
          files.publicKeys(),
          marks);
    }
    return new RecordSigner(files, key);
  }

  public RecordSignatures.SigningKey current() {
    return current;
  }

  /** Adds the current key's signature headers for a record to be written. */
  public void sign(
      final String topic, final byte[] key, final byte[] value, final Headers headers) {
    current.sign(topic, key, value, headers);
  }

  /**
   * A new key: published first (the key set becomes the new key and the one it replaces, which
   * stays accepted until the next rotation), then stored as the private key and used from now on.
   * The caller re-signs the live records.
   */
  public synchronized RecordSignatures.SigningKey rotate() {
    final RecordSignatures.SigningKey old = current;
    final KeyPair pair = RecordSignatures.newKeyPair();
    final RecordSignatures.SigningKey next = RecordSignatures.SigningKey.of(pair);
    final SigningKeyFiles.PublicKeySet was = SigningKeyFiles.readPublic(files.publicKeys());
    SigningKeyFiles.writePublic(
        files.publicKeys(),
        new SigningKeyFiles.PublicKeySet(
            List.of(next.publicKey(), old.publicKey()),
            was == null ? null : was.clusterId(),
            was == null ? Map.of() : was.unsignedBefore()));
    SigningKeyFiles.writePrivate(files.privateKey(), pair, true);
    current = next;
    LOG.info("rotated the record-signing key: {} replaces {}", next.keyId(), old.keyId());
    return next;
  }
}
