package foi.tracker.ingest;

import foi.tracker.core.access.AccessControl;
import foi.tracker.core.api.ApiException;

/**
 * Who may call (调用方核验): the bearer token authenticated, the admin-only routes, the agency
 * registered and within the token's reach. Each check throws the 401, 403 or 404 the route answers.
 */
final class Callers {
  private final AccessControl access;
  private final IngestLedger ledger;

  Callers(final AccessControl access, final IngestLedger ledger) {
    this.access = access;
    this.ledger = ledger;
  }

  /** The caller of a token, else 401. */
  AccessControl.Caller authenticate(final String authorization) {
    final AccessControl.Caller caller = access.authenticate(AccessControl.bearer(authorization));
    if (caller == null) {
      throw unauthenticated(authorization);
    }
    return caller;
  }

  /**
   * The caller of a token that may act for {@code agencyId}, a registered agency; else 401, 400,
   * 404 or 403.
   */
  AccessControl.Caller authorize(final String authorization, final String agencyId) {
    final AccessControl.Caller caller = authenticate(authorization);
    BodyReader.checkId("agencyId", agencyId);
    requireAgency(agencyId);
    requireMayActOn(caller, agencyId);
    return caller;
  }

  /** 403 unless the caller may act for the agency (its own or one under it; the admin for any). */
  void requireMayActOn(final AccessControl.Caller caller, final String agencyId) {
    if (ledger.mayActOn(caller, agencyId) != AccessControl.Verdict.ALLOWED) {
      throw ApiException.of(
          403,
          "FORBIDDEN",
          "agencyId",
          "无权操作该机关：" + agencyId,
          "this token may not act for agency " + agencyId);
    }
  }

  /** The admin token, else 401 or 403. */
  void requireAdmin(final String authorization) {
    if (!AccessControl.isAdmin(authenticate(authorization))) {
      throw ApiException.of(403, "FORBIDDEN", null, "仅管理员可操作", "only the admin token may do this");
    }
  }

  /** The 401: no token, or one that is not valid. */
  static ApiException unauthenticated(final String authorization) {
    return new ApiException(
        401,
        "UNAUTHORIZED",
        null,
        authorization == null
            ? ApiException.text(null, "缺少令牌", "an Authorization: Bearer <token> header is required")
            : ApiException.text(null, "令牌无效", "the token is not valid"));
  }

  /** 404 unless the agency is registered (400 for a malformed id). */
  void requireAgency(final String agencyId) {
    BodyReader.checkId("agencyId", agencyId);
    if (ledger.agency(agencyId).isEmpty()) {
      throw ApiException.of(
          404,
          "UNKNOWN_AGENCY",
          "agencyId",
          "机关未登记：" + agencyId,
          "agency " + agencyId + " is not registered");
    }
  }
}
