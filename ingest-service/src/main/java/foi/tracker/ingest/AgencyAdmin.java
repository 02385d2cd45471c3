package foi.tracker.ingest;

import static foi.tracker.ingest.Answers.guard;

import foi.tracker.core.agency.Agency;
import foi.tracker.core.api.ApiException;
import foi.tracker.core.api.Reply;
import foi.tracker.core.topic.Topics;
import java.util.Set;

/**
 * 机关登记: the agency register's writes (admin, signed records) and its reads (token, within its
 * subtree).
 */
final class AgencyAdmin {
  private final IngestLedger ledger;
  private final Callers callers;
  private final RecordWrites writes;

  AgencyAdmin(final IngestLedger ledger, final Callers callers, final RecordWrites writes) {
    this.ledger = ledger;
    this.callers = callers;
    this.writes = writes;
  }

  /** PUT /api/v1/agencies/{agencyId} (admin). */
  Reply putAgency(final String authorization, final String agencyId, final byte[] body) {
    return guard(
        () -> {
          callers.requireAdmin(authorization);
          BodyReader.checkId("agencyId", agencyId);
          final BodyReader b = BodyReader.parse(body, Set.of("name", "parentId", "reportDue"));
          final String name = b.text("name", true, 200);
          final String parentId = b.id("parentId", false);
          if (parentId != null) {
            if (parentId.equals(agencyId)) {
              throw ApiException.badField(
                  "parentId", "上级机关不能是自身", "an agency cannot be its own parent");
            }
            if (ledger.agency(parentId).isEmpty()) {
              throw ApiException.badField(
                  "parentId", "上级机关未登记：" + parentId, parentId + " is not a registered agency");
            }
            if (ledger.wouldCycle(agencyId, parentId)) {
              throw ApiException.badField(
                  "parentId",
                  "上下级关系成环：" + parentId + " 是 " + agencyId + " 的下级",
                  parentId + " is under " + agencyId + "; this would make a cycle");
            }
          }
          final String reportDue = b.code("reportDue", Agency.REPORT_DUE_DATES, false);
          final Agency agency = new Agency(agencyId, name, parentId, reportDue);
          final boolean existed = ledger.agency(agencyId).isPresent();
          writes.writeSigned(
              Topics.AGENCIES.name(),
              agencyId,
              Topics.AGENCIES.valueSerde().serializer().serialize(null, agency));
          ledger.putAgency(agency);
          return Reply.of(existed ? 200 : 201, agency);
        });
  }

  /** GET /api/v1/agencies/{agencyId} (token, within its subtree): the registered agency. */
  Reply getAgency(final String authorization, final String agencyId) {
    return guard(
        () -> {
          callers.authorize(authorization, agencyId);
          return Reply.of(200, ledger.agency(agencyId).orElseThrow());
        });
  }
}
