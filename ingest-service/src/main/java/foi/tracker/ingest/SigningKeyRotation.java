package foi.tracker.ingest;

import static foi.tracker.ingest.Answers.guard;

import foi.tracker.core.api.ApiException;
import foi.tracker.core.api.Reply;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * 签名密钥轮换: a new record-signing key, and every live token and agency record re-signed with it
 * (admin).
 */
final class SigningKeyRotation {
  private final Callers callers;

  /** Signs every token and agency record written (docs/domain-rules.md "Keys"). */
  private final foi.tracker.core.access.RecordSigner signer;

  private final RecordResigner resigner;

  SigningKeyRotation(
      final Callers callers,
      final foi.tracker.core.access.RecordSigner signer,
      final RecordResigner resigner) {
    this.callers = callers;
    this.signer = signer;
    this.resigner = resigner;
  }

  /**
   * POST /api/v1/signing-key/rotation (admin): a new record-signing key; every live token and
   * agency record is re-signed with it. Records still signed with an older key (a rotation cut
   * short) are re-signed first, so the key this rotation retires is the only one still accepted
   * besides the new one.
   */
  Reply rotateSigningKey(final String authorization) {
    return guard(
        () -> {
          callers.requireAdmin(authorization);
          try {
            synchronized (resigner) {
              resigner.resign();
              final String previous = signer.current().keyId();
              final String next = signer.rotate().keyId();
              final Map<String, Object> out = new LinkedHashMap<>();
              out.put("keyId", next);
              out.put("previousKeyId", previous);
              out.put("resigned", resigner.resign());
              return Reply.of(200, out);
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw IngestService.unavailable(e);
          } catch (ApiException e) {
            throw e;
          } catch (Exception e) {
            throw IngestService.unavailable(e);
          }
        });
  }
}
