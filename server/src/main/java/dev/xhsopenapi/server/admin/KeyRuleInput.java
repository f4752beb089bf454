package dev.xhsopenapi.server.admin;

import dev.xhsopenapi.server.account.Limits;
import dev.xhsopenapi.server.api.ApiError;
import dev.xhsopenapi.server.api.Params;
import dev.xhsopenapi.server.auth.KeyRules;
import dev.xhsopenapi.upstream.Operation;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks the rules asked for a new or rolled key (from the admin API's JSON or a console form) and
 * turns them into {@link KeyRules}; every refusal is 400 {@code invalid_param} naming the field.
 */
public final class KeyRuleInput {
  /** The longest a rolled key may keep working beside its replacement: 7 days, in seconds. */
  public static final long MAX_OVERLAP_S = 604_800;

  private KeyRuleInput() {}

  /**
   * Every scope a key may be given: the catalogue's operation ids, {@code mcp}, {@code watches}.
   */
  public static List<String> knownScopes() {
    List<String> out = new ArrayList<>();
    Operation.all().forEach(o -> out.add(o.id()));
    out.add(KeyRules.MCP);
    out.add(KeyRules.WATCHES);
    return out;
  }

  /**
   * The rules of a key; each null argument falls back to {@code inherited}'s value.
   *
   * @param scopes a non-empty list of {@link #knownScopes()}; duplicates are dropped
   * @param expiresAt an ISO-8601 instant, such as {@code 2027-01-01T00:00:00Z} (one already past
   *     makes a key that is refused at once, as before)
   * @param rateLimitPerMinute 1 to {@link Limits#MAX_RATE_LIMIT_PER_MINUTE}
   * @param dailyCreditCap 1 to {@link Limits#MAX_CREDITS}
   * @throws ApiError 400 {@code invalid_param} naming the first field that does not fit
   */
  public static KeyRules rules(
      List<String> scopes,
      String expiresAt,
      Long rateLimitPerMinute,
      Long dailyCreditCap,
      KeyRules inherited) {
    Integer rate = inherited.rateLimitPerMinute();
    if (rateLimitPerMinute != null) {
      rate =
          Math.toIntExact(
              bounded(
                  rateLimitPerMinute,
                  "rate_limit_per_minute",
                  Limits.MIN_RATE_LIMIT_PER_MINUTE,
                  Limits.MAX_RATE_LIMIT_PER_MINUTE));
    }
    Long cap = inherited.dailyCreditCap();
    if (dailyCreditCap != null) {
      cap = bounded(dailyCreditCap, "daily_credit_cap", 1, Limits.MAX_CREDITS);
    }
    return new KeyRules(
        scopes == null ? inherited.scopes() : scopes(scopes),
        expiresAt == null ? inherited.expiresAtMs() : Long.valueOf(expiry(expiresAt)),
        rate,
        cap);
  }

  /**
   * How long a rolled key keeps working, in seconds: 0 (it stops at once) to {@link
   * #MAX_OVERLAP_S}; absent means 0.
   *
   * @throws ApiError 400 {@code invalid_param} otherwise
   */
  public static long overlapSeconds(Long expireOldInS) {
    return expireOldInS == null ? 0 : bounded(expireOldInS, "expire_old_in_s", 0, MAX_OVERLAP_S);
  }

  private static List<String> scopes(List<String> asked) {
    if (asked.isEmpty()) {
      throw ApiError.invalidParam(
          "scopes must name at least one of "
              + String.join(", ", knownScopes())
              + "; leave it out to allow every endpoint (at $.scopes)");
    }
    List<String> known = knownScopes();
    Set<String> out = new LinkedHashSet<>();
    for (int i = 0; i < asked.size(); i++) {
      String scope = asked.get(i);
      if (scope == null || !known.contains(scope)) {
        throw ApiError.invalidParam(
            "scopes must be operation ids of the catalogue, \"mcp\" or \"watches\" ("
                + String.join(", ", known)
                + "), got "
                + (scope == null ? "null" : "'" + Params.shown(scope) + "'")
                + " (at $.scopes["
                + i
                + "])");
      }
      out.add(scope);
    }
    return List.copyOf(out);
  }

  private static long expiry(String expiresAt) {
    long at;
    try {
      at = Instant.parse(expiresAt).toEpochMilli();
    } catch (DateTimeParseException e) {
      throw ApiError.invalidParam(
          "expires_at must be an ISO-8601 UTC instant such as 2027-01-01T00:00:00Z, got '"
              + Params.shown(expiresAt)
              + "' (at $.expires_at)");
    }
    return at;
  }

  private static long bounded(long value, String field, long min, long max) {
    if (value < min || value > max) {
      throw ApiError.invalidParam(
          field + " must be a whole number from " + min + " to " + max + " (at $." + field + ")");
    }
    return value;
  }
}
