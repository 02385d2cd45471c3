package foi.tracker.core.access;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import foi.tracker.core.topic.DeskToken;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AccessControlTest {
  private static final Instant T = Instant.parse("2026-12-07T01:00:00Z");

  @Test
  void shouldKeepARevokedTokenRevokedWhenItsIssuingRecordIsReadAgainLater() {
    final AccessControl access = new AccessControl("admin-token-for-tests-0123456789");
    final String secret = AccessControl.newSecret();
    final DeskToken issued =
        new DeskToken("t1", "town", "窗口", AccessControl.hashForStorage(secret), T, false);
    access.apply(issued);
    assertInstanceOf(AccessControl.Caller.Desk.class, access.authenticate("desk.t1." + secret));

    access.apply(new DeskToken("t1", "town", null, "", T.plusSeconds(1), true));
    assertNull(access.authenticate("desk.t1." + secret), "revoked");
    access.apply(
        issued); // the topic's older issuing record, read after the service applied its own
    // revocation
    assertNull(access.authenticate("desk.t1." + secret), "a revocation is final");
  }
}
