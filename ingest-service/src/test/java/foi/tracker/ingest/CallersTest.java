package foi.tracker.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import foi.tracker.core.access.AccessControl;
import foi.tracker.core.agency.Agency;
import foi.tracker.core.api.ApiException;
import foi.tracker.core.topic.DeskToken;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CallersTest {
  private static final String ADMIN = "Bearer admin-token-for-tests";
  private final AccessControl access = new AccessControl("admin-token-for-tests");
  private final IngestLedger ledger = new IngestLedger("127.0.0.1:1", access);
  private final Callers callers = new Callers(access, ledger);

  CallersTest() {
    ledger.putAgency(new Agency("city", "市政府", null, null));
    ledger.putAgency(new Agency("town", "镇政府", "city", null));
    ledger.putAgency(new Agency("other", "他市政府", null, null));
  }

  @AfterEach
  void close() {
    ledger.close();
  }

  private String deskOf(final String agencyId) {
    final String secret = AccessControl.newSecret();
    ledger.applyToken(
        new DeskToken(
            "t-" + agencyId,
            agencyId,
            null,
            AccessControl.hashForStorage(secret),
            Instant.parse("2026-12-01T02:00:00Z"),
            false));
    return "Bearer desk.t-" + agencyId + "." + secret;
  }

  private static void assertRefused(
      final int status, final String code, final String field, final ApiException e) {
    assertEquals(status, e.status());
    assertEquals(code, e.code());
    assertEquals(field, e.field());
  }

  @Test
  void shouldAnswer401WhenTheTokenIsMissingOrNotValid() {
    assertRefused(
        401,
        "UNAUTHORIZED",
        null,
        assertThrows(ApiException.class, () -> callers.authenticate(null)));
    assertRefused(
        401,
        "UNAUTHORIZED",
        null,
        assertThrows(ApiException.class, () -> callers.authorize("Bearer nope", "city")));
    assertRefused(
        401,
        "UNAUTHORIZED",
        null,
        assertThrows(ApiException.class, () -> callers.requireAdmin("x")));
  }

  @Test
  void shouldLetADeskTokenActForItsAgencyAndThoseUnderItOnly() {
    final String desk = deskOf("city");
    assertInstanceOf(AccessControl.Caller.Desk.class, callers.authorize(desk, "city"));
    assertInstanceOf(AccessControl.Caller.Desk.class, callers.authorize(desk, "town"));
    assertRefused(
        403,
        "FORBIDDEN",
        "agencyId",
        assertThrows(ApiException.class, () -> callers.authorize(desk, "other")));
    assertRefused(
        403,
        "FORBIDDEN",
        "agencyId",
        assertThrows(ApiException.class, () -> callers.authorize(deskOf("town"), "city")));
  }

  @Test
  void shouldAnswer404WhenTheAgencyIsNotRegistered() {
    assertRefused(
        404,
        "UNKNOWN_AGENCY",
        "agencyId",
        assertThrows(ApiException.class, () -> callers.authorize(ADMIN, "nowhere")));
    assertRefused(
        404,
        "UNKNOWN_AGENCY",
        "agencyId",
        assertThrows(ApiException.class, () -> callers.requireAgency("nowhere")));
  }

  @Test
  void shouldKeepTheAdminRoutesForTheAdminToken() {
    callers.requireAdmin(ADMIN);
    assertInstanceOf(AccessControl.Caller.Admin.class, callers.authorize(ADMIN, "other"));
    assertRefused(
        403,
        "FORBIDDEN",
        null,
        assertThrows(ApiException.class, () -> callers.requireAdmin(deskOf("city"))));
  }
}
