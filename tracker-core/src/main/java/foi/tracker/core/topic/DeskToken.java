package foi.tracker.core.topic;

import java.time.Instant;

/**
 * A request-desk token (受理窗口令牌) scoped to an agency and its subtree. Only the SHA-256 of the secret
 * is kept; the secret itself is shown once when issued.
 */
public record DeskToken(
    String tokenId,
    String agencyId,
    String label,
    String secretSha256,
    Instant issuedAt,
    boolean revoked) {}
