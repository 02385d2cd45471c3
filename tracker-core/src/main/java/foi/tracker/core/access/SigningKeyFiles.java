package foi.tracker.core.access;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the record-signing keys live and their file formats (docs/domain-rules.md "Keys").
 *
 * <ul>
 *   <li>private key ({@code TRACKER_SIGNING_KEY_FILE}, default {@code <data
 *       dir>/record-signing.key}): the ingest's alone; base64 PKCS#8, created with mode 0600 (the
 *       permissions are set when the file is created, before the key is written, and the file
 *       appears by an atomic rename);
 *   <li>public key set ({@code TRACKER_SIGNING_PUBLIC_KEYS_FILE}, default {@code <data
 *       dir>/record-signing.pub}): written by the ingest, read by every reader; lines {@code key
 *       <id> <base64 X.509>} (the current key first, then at most one previous), {@code cluster
 *       <id>} (the Kafka cluster the marks below belong to) and {@code unsigned-before <topic>
 *       <partition> <offset>} (records below that offset were written before signing began and are
 *       accepted unsigned).
 * </ul>
 */
public final class SigningKeyFiles {
  private static final FileAttribute<?> OWNER_ONLY =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
  private static final FileAttribute<?> WORLD_READABLE =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--"));

  private SigningKeyFiles() {}

  /** The two files' paths. */
  public record Locations(Path privateKey, Path publicKeys) {
    /**
     * From {@code TRACKER_SIGNING_KEY_FILE} / {@code TRACKER_SIGNING_PUBLIC_KEYS_FILE}, else under
     * the data dir.
     */
    public static Locations from(final Map<String, String> env, final Path dataDir) {
      return new Locations(
          path(env.get("TRACKER_SIGNING_KEY_FILE"), dataDir.resolve("record-signing.key")),
          path(env.get("TRACKER_SIGNING_PUBLIC_KEYS_FILE"), dataDir.resolve("record-signing.pub")));
    }

    private static Path path(final String v, final Path dflt) {
      return v == null || v.isBlank() ? dflt : Path.of(v.trim()).toAbsolutePath().normalize();
    }
  }

  /**
   * The published public keys (current first) and, per {@code topic-partition}, the offset below
   * which records predate signing.
   */
  public record PublicKeySet(
      List<PublicKey> keys, String clusterId, Map<String, Long> unsignedBefore) {
    public PublicKeySet {
      keys = List.copyOf(keys);
      unsignedBefore = Map.copyOf(unsignedBefore);
    }

    public PublicKey byId(final String keyId) {
      for (PublicKey k : keys) {
        if (RecordSignatures.keyId(k).equals(keyId)) {
          return k;
        }
      }
      return null;
    }

    public static String partitionKey(final String topic, final int partition) {
      return topic + "-" + partition;
    }

    /** The text of the file. */
    String text() {
      final StringBuilder b =
          new StringBuilder(
              "# FOI tracker: public keys of the records on foi.tokens and foi.agencies (current first)\n");
      for (PublicKey k : keys) {
        b.append("key ")
            .append(RecordSignatures.keyId(k))
            .append(' ')
            .append(Base64.getEncoder().encodeToString(k.getEncoded()))
            .append('\n');
      }
      if (clusterId != null) {
        b.append("cluster ").append(clusterId).append('\n');
      }
      unsignedBefore.entrySet().stream()
          .sorted(Map.Entry.comparingByKey())
          .forEach(
              e -> {
                final int dash = e.getKey().lastIndexOf('-');
                b.append("unsigned-before ")
                    .append(e.getKey(), 0, dash)
                    .append(' ')
                    .append(e.getKey().substring(dash + 1))
                    .append(' ')
                    .append(e.getValue())
                    .append('\n');
              });
      return b.toString();
    }

    static PublicKeySet parse(final String text) {
      final List<PublicKey> keys = new ArrayList<>();
      final Map<String, Long> before = new LinkedHashMap<>();
      String cluster = null;
      for (String line : text.split("\n")) {
        final String l = line.trim();
        if (l.isEmpty() || l.startsWith("#")) {
          continue;
        }
        final String[] f = l.split("\\s+");
        if (f[0].equals("key") && f.length == 3) {
          final PublicKey k = publicKey(f[2]);
          if (!RecordSignatures.keyId(k).equals(f[1])) {
            throw new IllegalArgumentException(
                "public key file: key id " + f[1] + " does not match its key");
          }
          keys.add(k);
        } else if (f[0].equals("cluster") && f.length == 2) {
          cluster = f[1];
        } else if (f[0].equals("unsigned-before") && f.length == 4) {
          before.put(partitionKey(f[1], Integer.parseInt(f[2])), Long.parseLong(f[3]));
        } else {
          throw new IllegalArgumentException("public key file: unreadable line: " + f[0] + " …");
        }
      }
      return new PublicKeySet(keys, cluster, before);
    }
  }

  /** The public key set, or null when the file does not exist (no key was ever published there). */
  public static PublicKeySet readPublic(final Path file) {
    try {
      return Files.exists(file)
          ? PublicKeySet.parse(Files.readString(file, StandardCharsets.UTF_8))
          : null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Replaces the public key file at once (readers see the old or the new one, never a part). */
  public static void writePublic(final Path file, final PublicKeySet set) {
    writeAtomically(file, set.text(), WORLD_READABLE, true);
  }

  /** The private key (with its public key and id), or null when the file does not exist. */
  public static RecordSignatures.SigningKey readPrivate(final Path file) {
    try {
      if (!Files.exists(file)) {
        return null;
      }
      java.security.PrivateKey priv = null;
      PublicKey pub = null;
      for (String line : Files.readString(file, StandardCharsets.US_ASCII).split("\n")) {
        final String[] f = line.trim().split("\\s+");
        if (f.length == 2 && f[0].equals("private")) {
          priv =
              KeyFactory.getInstance("Ed25519")
                  .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(f[1])));
        } else if (f.length == 2 && f[0].equals("public")) {
          pub = publicKey(f[1]);
        }
      }
      if (priv == null || pub == null) {
        throw new IllegalStateException(
            "record-signing key file " + file + " lacks its private or public line");
      }
      return new RecordSignatures.SigningKey(priv, pub, RecordSignatures.keyId(pub));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalStateException(
          "record-signing key file " + file + " is not an Ed25519 key pair", e);
    }
  }

  /**
   * Writes a private key file (lines {@code private <base64 PKCS#8>} and {@code public <base64
   * X.509>}), mode 0600 from its creation. Without {@code replace} an existing file is kept
   * (another instance created it first).
   */
  public static void writePrivate(
      final Path file, final java.security.KeyPair pair, final boolean replace) {
    writeAtomically(
        file,
        "private "
            + Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded())
            + "\n"
            + "public "
            + Base64.getEncoder().encodeToString(pair.getPublic().getEncoded())
            + "\n",
        OWNER_ONLY,
        replace);
  }

  static PublicKey publicKey(final String base64) {
    try {
      return KeyFactory.getInstance("Ed25519")
          .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("public key file: not an Ed25519 public key", e);
    }
  }

  private static void writeAtomically(
      final Path file, final String text, final FileAttribute<?> perms, final boolean replace) {
    try {
      final Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path tmp;
      try {
        tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp", perms);
      } catch (UnsupportedOperationException e) {
        tmp =
            Files.createTempFile(dir, "." + file.getFileName(), ".tmp"); // not a POSIX file system
      }
      try {
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        if (replace) {
          moveAtomically(tmp, file);
        } else {
          Files.createLink(file, tmp); // fails if another process created it meanwhile
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (FileAlreadyExistsException e) {
      // created by another instance at the same moment: its key is used
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void moveAtomically(final Path from, final Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
