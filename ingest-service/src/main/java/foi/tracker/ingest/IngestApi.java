package foi.tracker.ingest;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

/**
 * The head of the ingest's OpenAPI description, generated from {@link IngestController} at build
 * time into {@value #OPENAPI_RESOURCE} and served at {@code GET /openapi.yml}. The error body and
 * the token are described once (components); docs/api.md is the contract in words.
 */
@OpenAPIDefinition(
    info =
        @Info(
            title = "foi-tracker-ingest",
            version = "1",
            description =
                "依申请公开 tracker: 受理与登记 (the request desk's writes). Errors: {\"error\", \"message\", \"field\"} "
                    + "(components.schemas.Error); 4xx names the field. Token: Authorization: Bearer <admin or desk token>."),
    security = @SecurityRequirement(name = IngestApi.TOKEN))
@SecurityScheme(
    name = IngestApi.TOKEN,
    type = SecuritySchemeType.HTTP,
    scheme = "bearer",
    description = "管理员令牌或受理窗口令牌 (desk.<id>.<secret>) (the admin token or a desk token)")
final class IngestApi {
  static final String TOKEN = "bearerToken";
  static final String OPENAPI_RESOURCE = "META-INF/swagger/foi-tracker-ingest-1.yml";

  private IngestApi() {}
}
