package foi.tracker.core.access;

import foi.tracker.core.agency.AgencyTree;
import foi.tracker.core.topic.DeskToken;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who may do what: the admin token may do everything; a desk token (受理窗口令牌) acts for one agency and
 * its sub-agencies. Secrets are kept only as SHA-256 hashes and compared in constant time. A desk
 * token reads {@code desk.<tokenId>.<secret>}.
 */
public final class AccessControl {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final byte[] adminHash;
  private final Map<String, DeskToken> tokens = new ConcurrentHashMap<>();

  /** Who is calling. */
  public sealed interface Caller {
    /** The admin token. */
    record Admin() implements Caller {}

    /** A desk token scoped to {@code agencyId}'s subtree. */
    record Desk(String tokenId, String agencyId) implements Caller {}
  }

  /** The outcome of checking a call: allowed, 401 or 403. */
  public enum Verdict {
    ALLOWED,
    UNAUTHENTICATED,
    FORBIDDEN
  }

  public AccessControl(final String adminToken) {
    this.adminHash = sha256(adminToken);
  }

  /**
   * Applies a record of the tokens topic. A revocation is final: the issuing record read again
   * later (a service that applied its own revocation at once, then reads the older issuing record
   * from the topic) never brings it back.
   */
  public void apply(final DeskToken token) {
    tokens.merge(
        token.tokenId(), token, (known, next) -> known.revoked() && !next.revoked() ? known : next);
  }

  /** The caller a bearer token stands for, or null when it is missing, unknown or revoked. */
  public Caller authenticate(final String bearer) {
    if (bearer == null || bearer.isEmpty()) {
      return null;
    }
    final byte[] hash = sha256(bearer);
    if (MessageDigest.isEqual(hash, adminHash)) {
      return new Caller.Admin();
    }
    if (!bearer.startsWith("desk.")) {
      return null;
    }
    final int dot = bearer.indexOf('.', 5);
    if (dot < 0) {
      return null;
    }
    final DeskToken t = tokens.get(bearer.substring(5, dot));
    if (t == null || t.revoked()) {
      return null;
    }
    final byte[] secretHash = sha256(bearer.substring(dot + 1));
    final byte[] stored = Base64.getDecoder().decode(t.secretSha256());
    return MessageDigest.isEqual(secretHash, stored)
        ? new Caller.Desk(t.tokenId(), t.agencyId())
        : null;
  }

  /** May {@code caller} act on {@code agencyId}'s requests? */
  public static Verdict mayActOn(
      final Caller caller, final String agencyId, final AgencyTree tree) {
    if (caller == null) {
      return Verdict.UNAUTHENTICATED;
    }
    if (caller instanceof Caller.Admin) {
      return Verdict.ALLOWED;
    }
    final Caller.Desk desk = (Caller.Desk) caller;
    return tree.isWithin(agencyId, desk.agencyId()) ? Verdict.ALLOWED : Verdict.FORBIDDEN;
  }

  public static boolean isAdmin(final Caller caller) {
    return caller instanceof Caller.Admin;
  }

  /** A fresh random secret, URL-safe. */
  public static String newSecret() {
    final byte[] b = new byte[24];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  public static String hashForStorage(final String secret) {
    return Base64.getEncoder().encodeToString(sha256(secret));
  }

  static byte[] sha256(final String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The bearer token of an Authorization header value, or null. */
  public static String bearer(final String authorization) {
    if (authorization == null) {
      return null;
    }
    final String a = authorization.trim();
    return a.regionMatches(true, 0, "Bearer ", 0, 7) ? a.substring(7).trim() : null;
  }
}
