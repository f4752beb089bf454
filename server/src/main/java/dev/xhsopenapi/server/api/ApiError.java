package dev.xhsopenapi.server.api;

import java.util.Objects;

/**
 * A refusal to be rendered to the caller: an {@link ErrorCode} and a message in plain words saying
 * what was wrong and what to do. Thrown anywhere on a request's path and rendered in one place
 * ({@link Responses#error}).
 */
public final class ApiError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;

  /** Creates an error with a message fit for the caller. */
  public ApiError(ErrorCode code, String message) {
    super(message, null, false, false);
    this.code = Objects.requireNonNull(code, "code");
  }

  /** The error's code. */
  public ErrorCode code() {
    return code;
  }

  /** 400: a request parameter is missing or malformed. */
  public static ApiError invalidParam(String message) {
    return new ApiError(ErrorCode.INVALID_PARAM, message);
  }

  /** 404: no route at this path. */
  public static ApiError notFound(String message) {
    return new ApiError(ErrorCode.NOT_FOUND, message);
  }
}
