package foi.tracker.core.access;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The admin token: from {@code TRACKER_ADMIN_TOKEN}, else generated at first start and kept under
 * the data dir.
 */
public final class AdminToken {
  private AdminToken() {}

  /** The token and whether it was generated just now (then, and only then, it is printed). */
  public record Resolved(String token, boolean generated) {}

  /**
   * Creates {@code dir} and any missing parents owner-only (rwx------) on a POSIX file system; an
   * existing directory is left as it is.
   */
  public static void createPrivateDirectories(final Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      Files.createDirectories(
          dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } else {
      Files.createDirectories(dir);
    }
  }

  public static Resolved resolve(final String fromEnv, final Path dataDir) {
    if (fromEnv != null && !fromEnv.isBlank()) {
      return new Resolved(fromEnv, false);
    }
    final Path file = dataDir.resolve("admin-token");
    try {
      if (Files.exists(file)) {
        return new Resolved(Files.readString(file, StandardCharsets.UTF_8).trim(), false);
      }
      createPrivateDirectories(dataDir);
      final String token = "admin." + AccessControl.newSecret();
      // created owner-only from the start (no moment when another user could open it), then written
      final boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
      if (posix) {
        Files.createFile(
            file,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } else {
        Files.createFile(file);
      }
      Files.writeString(
          file,
          token + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING);
      return new Resolved(token, true);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
