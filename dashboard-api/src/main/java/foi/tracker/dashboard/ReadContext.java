package foi.tracker.dashboard;

import foi.tracker.core.access.AccessControl;
import foi.tracker.core.agency.Agency;
import foi.tracker.core.api.ApiException;
import foi.tracker.core.deadline.DeadlineClock;
import foi.tracker.core.deadline.DeadlineSettings;
import foi.tracker.core.request.RequestRules;
import java.time.Clock;
import java.time.LocalDate;
import java.util.regex.Pattern;

/**
 * What every read starts with: the views, today in China, and the checks of its path and query
 * (token, agency, year, scope, ids); {@link #guard} turns a refusal into its answer.
 */
final class ReadContext {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private final DashboardViews views;
  private final Clock clock;
  private final DeadlineSettings settings;

  ReadContext(final DashboardViews views, final Clock clock, final DeadlineSettings settings) {
    this.views = views;
    this.clock = clock;
    this.settings = settings;
  }

  LocalDate today() {
    return LocalDate.now(clock.withZone(RequestRules.CHINA));
  }

  /** The wall-clock instant (a live download's heading says "as of"). */
  java.time.Instant now() {
    return clock.instant();
  }

  DashboardViews views() {
    return views;
  }

  DeadlineSettings settings() {
    return settings;
  }

  DeadlineClock clock() {
    return new DeadlineClock(views.calendar(), settings);
  }

  Agency agency(final String agencyId) {
    checkId("agencyId", agencyId);
    return views
        .agency(agencyId)
        .orElseThrow(
            () ->
                ApiException.of(
                    404,
                    "UNKNOWN_AGENCY",
                    "agencyId",
                    "机关未登记：" + agencyId,
                    "agency " + agencyId + " is not registered"));
  }

  void authorize(final String authorization, final String agencyId) {
    final AccessControl.Caller caller =
        views.access().authenticate(AccessControl.bearer(authorization));
    if (caller == null) {
      throw new ApiException(
          401,
          "UNAUTHORIZED",
          null,
          authorization == null
              ? ApiException.text(
                  null, "缺少令牌", "an Authorization: Bearer <token> header is required")
              : ApiException.text(null, "令牌无效", "the token is not valid"));
    }
    agency(agencyId);
    if (views.mayActOn(caller, agencyId) != AccessControl.Verdict.ALLOWED) {
      throw ApiException.of(
          403,
          "FORBIDDEN",
          "agencyId",
          "无权查看该机关：" + agencyId,
          "this token may not read agency " + agencyId);
    }
  }

  int year(final String text) {
    final int year;
    try {
      year = Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw ApiException.badField("year", "年份无效：" + text, "'" + text + "' is not a year");
    }
    final int current = today().getYear();
    if (year > current) {
      throw ApiException.badField(
          "year",
          "年份不能晚于今年（" + current + "）：" + year,
          year + " has not begun; the latest is " + current);
    }
    if (year < 2008) {
      throw ApiException.badField(
          "year", "年份过早：" + year + " 年早于条例施行", year + " is before the regulations");
    }
    return year;
  }

  static boolean subtree(final String scope) {
    if (scope == null || scope.isBlank() || "agency".equals(scope)) {
      return false;
    }
    if ("subtree".equals(scope)) {
      return true;
    }
    throw ApiException.badField(
        "scope", "范围无效：" + scope, "'" + scope + "' is not agency or subtree");
  }

  static void checkId(final String field, final String id) {
    if (id == null || !ID.matcher(id).matches() || id.chars().allMatch(c -> c == '.')) {
      throw ApiException.of(400, "INVALID_ID", field, "编号格式错误", "not a valid identifier");
    }
  }

  interface Call {
    Answer get() throws Exception;
  }

  static Answer guard(final Call call) {
    try {
      return call.get();
    } catch (ApiException e) {
      return Answer.error(e);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  boolean mayRead(final String authorization, final String agencyId) {
    if (authorization == null) {
      return false;
    }
    final AccessControl.Caller caller =
        views.access().authenticate(AccessControl.bearer(authorization));
    return caller != null && views.mayActOn(caller, agencyId) == AccessControl.Verdict.ALLOWED;
  }
}
