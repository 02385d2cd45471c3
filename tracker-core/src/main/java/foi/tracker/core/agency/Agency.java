package foi.tracker.core.agency;

/** 行政机关: an agency (township, county department, county government, …); {@code parentId} null for a root. */
@com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.ALWAYS)
public record Agency(String agencyId, String name, String parentId) {
}
