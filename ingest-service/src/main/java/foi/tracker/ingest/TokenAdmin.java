package foi.tracker.ingest;

import static foi.tracker.ingest.Answers.guard;

import foi.tracker.core.access.AccessControl;
import foi.tracker.core.api.ApiException;
import foi.tracker.core.api.Reply;
import foi.tracker.core.topic.DeskToken;
import foi.tracker.core.topic.Topics;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** 受理窗口令牌: desk tokens issued and revoked by the admin, written as signed records. */
final class TokenAdmin {
  private final IngestLedger ledger;
  private final Callers callers;
  private final RecordWrites writes;
  private final Clock clock;

  TokenAdmin(
      final IngestLedger ledger,
      final Callers callers,
      final RecordWrites writes,
      final Clock clock) {
    this.ledger = ledger;
    this.callers = callers;
    this.writes = writes;
    this.clock = clock;
  }

  /** POST /api/v1/agencies/{agencyId}/tokens (admin): a desk token, shown once. */
  Reply issueToken(final String authorization, final String agencyId, final byte[] body) {
    return guard(
        () -> {
          callers.requireAdmin(authorization);
          callers.requireAgency(agencyId);
          final String label = BodyReader.parse(body, Set.of("label")).text("label", false, 200);
          final String tokenId = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
          final String secret = AccessControl.newSecret();
          final DeskToken token =
              new DeskToken(
                  tokenId,
                  agencyId,
                  label,
                  AccessControl.hashForStorage(secret),
                  clock.instant(),
                  false);
          writes.writeSigned(
              Topics.TOKENS.name(),
              tokenId,
              Topics.TOKENS.valueSerde().serializer().serialize(null, token));
          ledger.applyToken(token);
          final Map<String, Object> out = new LinkedHashMap<>();
          out.put("token", "desk." + tokenId + "." + secret);
          out.put("tokenId", tokenId);
          out.put("agencyId", agencyId);
          out.put("label", label);
          return Reply.of(201, out);
        });
  }

  /** DELETE /api/v1/agencies/{agencyId}/tokens/{tokenId} (admin): revokes a desk token. */
  Reply revokeToken(final String authorization, final String agencyId, final String tokenId) {
    return guard(
        () -> {
          callers.requireAdmin(authorization);
          callers.requireAgency(agencyId);
          BodyReader.checkId("tokenId", tokenId);
          if (!agencyId.equals(ledger.tokenAgency(tokenId))) {
            throw ApiException.of(
                404,
                "UNKNOWN_TOKEN",
                "tokenId",
                "未找到该令牌：" + tokenId,
                "agency " + agencyId + " has no token " + tokenId);
          }
          final DeskToken token = new DeskToken(tokenId, agencyId, null, "", clock.instant(), true);
          writes.writeSigned(
              Topics.TOKENS.name(),
              tokenId,
              Topics.TOKENS.valueSerde().serializer().serialize(null, token));
          ledger.applyToken(token);
          return Reply.of(200, Map.of("tokenId", tokenId, "revoked", true));
        });
  }
}
