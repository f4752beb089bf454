package dev.xhsopenapi.upstream.xhsapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xhsopenapi.upstream.PageRule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

/**
 * Reads one App answer (status and body) into a {@link Verdict}, following the risk-control table
 * of XHS-PROTOCOL.md. Written by hand: this mapping is the heart of how the gateway spends upstream
 * sessions, and no library knows it.
 */
final class RiskClassifier {
  private static final int SHOWN = 160;

  private final ObjectMapper json;
  private final CoolDowns coolDowns;
  private final Set<Integer> userNotFoundCodes;

  RiskClassifier(ObjectMapper json, CoolDowns coolDowns, Set<Integer> userNotFoundCodes) {
    this.json = json;
    this.coolDowns = coolDowns;
    this.userNotFoundCodes = Set.copyOf(userNotFoundCodes);
  }

  /**
   * The verdict on one answer to a request for the page after {@code requestedCursor} ({@code ""}
   * for the first page). A success-shaped body is checked with the {@link PageRule}: without a
   * notes array it is a soft block; with a cursor that cannot advance it is malformed.
   */
  Verdict classify(int status, byte[] body, String requestedCursor) {
    // A captcha wall may come with a success-shaped body: the status decides first.
    if (status == 461 || status == 471) {
      return new Verdict.CoolDown(
          FailureClass.CAPTCHA, coolDowns.captcha(), "HTTP " + status + " captcha");
    }
    if (status == 406) {
      return new Verdict.SignerFault(FailureClass.SIGNATURE, "HTTP 406: shield refused");
    }
    if (status != 200) {
      return new Verdict.RetryElsewhere(
          FailureClass.HTTP_ERROR, "HTTP " + status + ": " + shown(body));
    }
    JsonNode root;
    try {
      root = json.readTree(body);
    } catch (IOException e) {
      return new Verdict.RetryElsewhere(FailureClass.MALFORMED, "not JSON: " + shown(body));
    }
    if (root == null || !root.isObject()) {
      return new Verdict.RetryElsewhere(
          FailureClass.MALFORMED, "not a JSON object: " + shown(body));
    }
    int code = root.path("code").asInt(Integer.MIN_VALUE);
    int errCode = root.path("errCode").asInt(Integer.MIN_VALUE);
    if (code == 0 && root.path("success").asBoolean(true)) {
      Optional<PageRule.Refusal> refusal = PageRule.check(body, requestedCursor);
      if (refusal.isEmpty()) {
        return new Verdict.Notes(body);
      }
      if (refusal.get().flaw() == PageRule.Flaw.NO_NOTES) {
        // The soft block: success without notes. Never an empty page for the customer.
        return new Verdict.CoolDown(
            FailureClass.SOFT_BLOCK,
            coolDowns.softBlock(),
            refusal.get().reason() + ": " + shown(body));
      }
      return new Verdict.RetryElsewhere(
          FailureClass.MALFORMED, refusal.get().reason() + ": " + shown(body));
    }
    if (userNotFoundCodes.contains(code)) {
      return new Verdict.UserNotFound(code);
    }
    return switch (code) {
      case 300013 ->
          new Verdict.CoolDown(FailureClass.RATE_LIMITED, coolDowns.rateLimited(), shown(body));
      case 300012 ->
          new Verdict.CoolDown(FailureClass.IP_BLOCKED, coolDowns.ipBlocked(), shown(body));
      case 300011 -> new Verdict.Retire(FailureClass.ACCOUNT_RESTRICTED, shown(body));
      case 300015 -> new Verdict.SignerFault(FailureClass.SIGNATURE, shown(body));
      case -100 -> new Verdict.Retire(FailureClass.EXPIRED, shown(body));
      default ->
          errCode == -100
              ? new Verdict.Retire(FailureClass.EXPIRED, shown(body))
              : new Verdict.RetryElsewhere(FailureClass.GENERIC, shown(body));
    };
  }

  private static String shown(byte[] body) {
    String text = new String(body, 0, Math.min(body.length, SHOWN * 4), StandardCharsets.UTF_8);
    return text.length() > SHOWN ? text.substring(0, SHOWN) + "…" : text;
  }
}
