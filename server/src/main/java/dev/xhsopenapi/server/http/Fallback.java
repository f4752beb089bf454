package dev.xhsopenapi.server.http;

import dev.xhsopenapi.server.api.ApiError;
import dev.xhsopenapi.server.api.ErrorCode;
import dev.xhsopenapi.server.api.Responses;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Optional;

/**
 * The last route: what no service answered. A known path with another method is 405 {@code
 * method_not_allowed}; {@code /admin/…} while the admin API is off is 404 saying how to turn it on;
 * anything else is 404 {@code not_found}.
 */
public final class Fallback implements Handler {
  private final Responses responses;
  private final boolean adminEnabled;

  /**
   * Creates the route.
   *
   * @param adminEnabled whether the admin API is served (an admin token is configured)
   */
  public Fallback(Responses responses, boolean adminEnabled) {
    this.responses = responses;
    this.adminEnabled = adminEnabled;
  }

  @Override
  public void handle(ServerRequest req, ServerResponse res) {
    String path = req.path().path();
    ApiError error;
    Optional<String> allowed = KnownPaths.allowed(path);
    if (allowed.isPresent()) {
      error =
          new ApiError(
              ErrorCode.METHOD_NOT_ALLOWED,
              req.prologue().method().text()
                  + " is not allowed on "
                  + path
                  + "; use "
                  + allowed.get().replace(", ", " or "));
      res.header("Allow", allowed.get());
    } else if (path.startsWith("/admin/") && !adminEnabled) {
      error =
          ApiError.notFound(
              "the admin API is off on this server; start it with --admin-token or"
                  + " XHS_OPENAPI_ADMIN_TOKEN");
    } else {
      error = ApiError.notFound("there is no endpoint at " + path);
    }
    responses.error(res, RequestIds.of(res), error);
  }
}
