package foi.tracker.dashboard;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

/** A test-only route that fails unexpectedly, with a message that must not reach the client. */
@Controller
@Requires(property = "tracker.service", value = "dashboard")
@Requires(property = "tracker.test.fault-route", value = "true")
public class FaultRoute {
  static final String SECRET_DETAIL = "jdbc:secret-host/credentials-in-message";

  @Get("/api/v1/test-fault")
  public String fail() {
    throw new IllegalStateException(SECRET_DETAIL);
  }
}
