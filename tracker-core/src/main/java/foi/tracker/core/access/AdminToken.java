package foi.tracker.core.access;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** The admin token: from {@code TRACKER_ADMIN_TOKEN}, else generated at first start and kept under the data dir. */
public final class AdminToken {
  private AdminToken() {
  }

  /** The token and whether it was generated just now (then, and only then, it is printed). */
  public record Resolved(String token, boolean generated) {
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
      Files.createDirectories(dataDir);
      final String token = "admin." + AccessControl.newSecret();
      Files.writeString(file, token + "\n", StandardCharsets.UTF_8);
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system
      }
      return new Resolved(token, true);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
