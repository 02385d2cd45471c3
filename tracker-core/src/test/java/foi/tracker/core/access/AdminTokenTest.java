package foi.tracker.core.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminTokenTest {
  @TempDir Path tmp;

  @Test
  void shouldCreateTheDataDirOwnerOnlyWhenItIsMissing() throws IOException {
    final Path data = tmp.resolve("a").resolve("data");
    AdminToken.createPrivateDirectories(data);
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data)));
    assertEquals(
        "rwx------",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(data.getParent())));
  }

  @Test
  void shouldCreateTheTokenFileOwnerOnlyAndTheDataDirWithIt() throws IOException {
    final Path data = tmp.resolve("data");
    final AdminToken.Resolved first = AdminToken.resolve(null, data);
    assertTrue(first.generated());
    assertTrue(first.token().startsWith("admin."), first.token());
    final Path file = data.resolve("admin-token");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data)));
    assertEquals(first.token() + "\n", Files.readString(file));
    final AdminToken.Resolved again = AdminToken.resolve(null, data);
    assertFalse(again.generated());
    assertEquals(first.token(), again.token());
  }

  @Test
  void shouldLeaveAnExistingDataDirAsItIs() throws IOException {
    final Path data =
        Files.createDirectory(
            tmp.resolve("shared"),
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-x---")));
    AdminToken.resolve(null, data);
    assertEquals("rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(data)));
    assertEquals(
        "rw-------",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("admin-token"))));
  }
}
