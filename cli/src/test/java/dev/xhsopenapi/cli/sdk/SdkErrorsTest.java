package dev.xhsopenapi.cli.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.xhsopenapi.sdk.AuthenticationException;
import dev.xhsopenapi.sdk.BadRequestException;
import dev.xhsopenapi.sdk.ForbiddenException;
import dev.xhsopenapi.sdk.InsufficientCreditsException;
import dev.xhsopenapi.sdk.NotFoundException;
import dev.xhsopenapi.sdk.RateLimitedException;
import dev.xhsopenapi.sdk.RetryPolicy;
import dev.xhsopenapi.sdk.XhsOpenApiClient;
import dev.xhsopenapi.sdk.XhsOpenApiException;
import dev.xhsopenapi.server.testing.GatewayExtension;
import dev.xhsopenapi.upstream.sim.SimDataset;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Each refusal of the gateway arrives as its own exception type, with the evidence. */
class SdkErrorsTest {
  private static final String USER = SimDataset.generate(1).users().get(0).userId();

  @RegisterExtension
  final GatewayExtension gw = GatewayExtension.builder().withoutAccount().build();

  private XhsOpenApiClient client(String key) {
    return XhsOpenApiClient.builder()
        .baseUrl(gw.baseUrl())
        .apiKey(key)
        .retryPolicy(RetryPolicy.NONE)
        .build();
  }

  private static void assertEvidence(XhsOpenApiException e, int status, String error) {
    assertThat(e.status()).isEqualTo(status);
    assertThat(e.error()).isEqualTo(error);
    assertThat(e.getMessage()).isNotBlank();
    assertThat(e.requestId()).matches("[0-9a-f-]{36}");
  }

  @Test
  void malformedUserId_isBadRequest() {
    try (XhsOpenApiClient client = client(gw.createKey(gw.createAccount("a", 10, 300)))) {
      BadRequestException e =
          catchThrowableOfType(BadRequestException.class, () -> client.page("not-an-id", ""));
      assertEvidence(e, 400, "invalid_param");
      assertThat(e.getMessage()).contains("user_id");
    }
  }

  @Test
  void unknownKey_isAuthentication() {
    try (XhsOpenApiClient client = client("sk_live_" + "0".repeat(32))) {
      AuthenticationException e =
          catchThrowableOfType(AuthenticationException.class, () -> client.page(USER, ""));
      assertEvidence(e, 401, "invalid_api_key");
    }
  }

  @Test
  void emptyBalance_isInsufficientCredits() {
    try (XhsOpenApiClient client = client(gw.createKey(gw.createAccount("broke", 0, 300)))) {
      InsufficientCreditsException e =
          catchThrowableOfType(InsufficientCreditsException.class, () -> client.page(USER, ""));
      assertEvidence(e, 402, "insufficient_credits");
    }
  }

  @Test
  void suspendedAccount_andExpiredKey_areForbidden() {
    String account = gw.createAccount("paused", 10, 300);
    String key = gw.createKey(account);
    String expired =
        gw.adminOk(
                "POST",
                "/admin/v1/accounts/" + account + "/keys",
                Map.of("expires_at", "2001-01-01T00:00:00Z"))
            .get("key")
            .asText();
    try (XhsOpenApiClient client = client(expired)) {
      assertEvidence(
          catchThrowableOfType(ForbiddenException.class, () -> client.page(USER, "")),
          403,
          "key_disabled");
    }
    gw.adminOk("PATCH", "/admin/v1/accounts/" + account, Map.of("status", "suspended"));
    try (XhsOpenApiClient client = client(key)) {
      assertEvidence(
          catchThrowableOfType(ForbiddenException.class, () -> client.account()),
          403,
          "account_suspended");
    }
  }

  @Test
  void unknownUser_isNotFound() {
    try (XhsOpenApiClient client = client(gw.createKey(gw.createAccount("a", 10, 300)))) {
      NotFoundException e =
          catchThrowableOfType(
              NotFoundException.class, () -> client.page("0123456789abcdef01234567", ""));
      assertEvidence(e, 404, "user_not_found");
    }
  }

  @Test
  void fullWindow_withoutRetries_isRateLimited_withRetryAfter() {
    String account = gw.createAccount("one", 10, 1);
    // Another key of the account takes the only slot, unknown to this client's pacing.
    assertThat(gw.get("/openapi/v1/account", gw.createKey(account)).status()).isEqualTo(200);
    try (XhsOpenApiClient client = client(gw.createKey(account))) {
      RateLimitedException e =
          catchThrowableOfType(RateLimitedException.class, () -> client.page(USER, ""));
      assertEvidence(e, 429, "rate_limited");
      assertThat(e.retryAfter()).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(60));
    }
  }
}
