package foi.tracker.ingest;

import static foi.tracker.ingest.Answers.guard;

import foi.tracker.core.access.AccessControl;
import foi.tracker.core.agency.Agency;
import foi.tracker.core.api.Reply;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the desk page loads before any write: the taxonomy, where the dashboard is, and who its
 * token stands for.
 */
final class DeskSetup {
  private final IngestLedger ledger;
  private final Callers callers;
  private final DeskConfig deskConfig;
  private final String taxonomyJson = foi.tracker.core.json.Json.writeString(DeskInfo.taxonomy());

  DeskSetup(final IngestLedger ledger, final Callers callers, final DeskConfig deskConfig) {
    this.ledger = ledger;
    this.callers = callers;
    this.deskConfig = deskConfig;
  }

  /**
   * GET /api/v1/taxonomy (no token): codes and official Chinese labels for the desk page's forms.
   */
  Reply taxonomy() {
    return new Reply(200, taxonomyJson, Map.of());
  }

  /** GET /desk-config.json (no token): where the desk page finds the dashboard API. */
  Reply deskConfig() {
    return new Reply(
        200,
        "{\"dashboardUrl\":"
            + (deskConfig.dashboardUrl() == null
                ? "null"
                : foi.tracker.core.json.Json.writeString(deskConfig.dashboardUrl()))
            + ",\"dashboardPort\":"
            + deskConfig.dashboardPort()
            + "}",
        Map.of());
  }

  /** GET /api/v1/whoami (token): who the token stands for, so the desk page can pick its agency. */
  Reply whoami(final String authorization) {
    return guard(
        () -> {
          final AccessControl.Caller caller = callers.authenticate(authorization);
          final Map<String, Object> out = new LinkedHashMap<>();
          if (caller instanceof AccessControl.Caller.Desk d) {
            out.put("admin", false);
            out.put("tokenId", d.tokenId());
            out.put("agencyId", d.agencyId());
            out.put("agencyName", ledger.agency(d.agencyId()).map(Agency::name).orElse(null));
          } else {
            out.put("admin", true);
            out.put("tokenId", null);
            out.put("agencyId", null);
            out.put("agencyName", null);
          }
          return Reply.of(200, out);
        });
  }
}
