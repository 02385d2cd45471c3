package foi.tracker.ingest;

import foi.tracker.core.access.AccessControl;
import foi.tracker.core.api.ApiException;

/**
 * Who may call (调用方核验): the bearer token authenticated, the admin-only routes, the agency registered and within
 * the token's reach. Each check throws the 401, 403 or 404 the route answers.
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

  AccessControl.Caller authorize(final String authorization, final String agencyId) {
    final AccessControl.Caller caller = access.authenticate(AccessControl.bearer(authorization));
    if (caller == null) {
      throw unauthenticated(authorization);
    }
    BodyReader.checkId("agencyId", agencyId);
    requireAgency(agencyId);
    requireMayActOn(caller, agencyId);
    return caller;
  }

  void requireMayActOn(final AccessControl.Caller caller, final String agencyId) {
    if (ledger.mayActOn(caller, agencyId) != AccessControl.Verdict.ALLOWED) {
      throw ApiException.of(403, "FORBIDDEN", "agencyId", "无权操作该机关：" + agencyId,
          "this token may not act for agency " + agencyId);
    }
  }

  void requireAdmin(final String authorization) {
    final AccessControl.Caller caller = access.authenticate(AccessControl.bearer(authorization));
    if (caller == null) {
      throw unauthenticated(authorization);
    }
    if (!AccessControl.isAdmin(caller)) {
      throw ApiException.of(403, "FORBIDDEN", null, "仅管理员可操作", "only the admin token may do this");
    }
  }

  static ApiException unauthenticated(final String authorization) {
    return new ApiException(401, "UNAUTHORIZED", null, authorization == null
        ? ApiException.text(null, "缺少令牌", "an Authorization: Bearer <token> header is required")
        : ApiException.text(null, "令牌无效", "the token is not valid"));
  }

  void requireAgency(final String agencyId) {
    BodyReader.checkId("agencyId", agencyId);
    if (ledger.agency(agencyId).isEmpty()) {
      throw ApiException.of(404, "UNKNOWN_AGENCY", "agencyId", "机关未登记：" + agencyId,
          "agency " + agencyId + " is not registered");
    }
  }
}
