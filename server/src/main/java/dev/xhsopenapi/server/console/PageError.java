package dev.xhsopenapi.server.console;

/**
 * A refusal shown to the visitor as the console's error page, with an HTTP status and a message in
 * Chinese and English. Thrown anywhere while a page is served; {@link Console} renders it.
 */
final class PageError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final long retryAfterSeconds;

  PageError(int status, String message) {
    this(status, message, 0);
  }

  private PageError(int status, String message, long retryAfterSeconds) {
    super(message, null, false, false);
    this.status = status;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** The HTTP status of the page. */
  int status() {
    return status;
  }

  /** Seconds to send in {@code Retry-After}, 0 for none. */
  long retryAfterSeconds() {
    return retryAfterSeconds;
  }

  static PageError badRequest(String message) {
    return new PageError(400, message);
  }

  static PageError forbidden(String message) {
    return new PageError(403, message);
  }

  static PageError notFound(String message) {
    return new PageError(404, message);
  }

  static PageError tooManyAttempts(long retryAfterSeconds) {
    long minutes = Math.max(1, (retryAfterSeconds + 59) / 60);
    return new PageError(
        429,
        "登录失败次数过多,请 "
            + minutes
            + " 分钟后再试 · Too many failed sign-ins; try again in "
            + minutes
            + " min",
        Math.max(1, retryAfterSeconds));
  }

  static PageError busy() {
    return new PageError(503, "服务器繁忙,请稍后再试 · The server is busy; try again shortly", 2);
  }
}
