package dev.xhsopenapi.server.ops.health;

import java.util.Map;

/** One thing a node needs to serve, checked on every readiness probe. */
interface Check {

  /** The check's key in the readiness body ({@code store}, {@code rate_limiter}, …). */
  String name();

  /** Runs the check; a check that throws counts as down. */
  Result run();

  /**
   * What a check found.
   *
   * @param up whether the node can rely on it
   * @param details what an operator would want to see, without secrets
   */
  record Result(boolean up, Map<String, Object> details) {}
}
