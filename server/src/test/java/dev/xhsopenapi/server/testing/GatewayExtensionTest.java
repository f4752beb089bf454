package dev.xhsopenapi.server.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The gateway fixture: an account and key ready, options applied, a fresh store per test. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GatewayExtensionTest {
  @RegisterExtension
  final GatewayExtension gw =
      GatewayExtension.builder()
          .accountName("fixture")
          .credits(7)
          .ratePerMinute(60)
          .setting("upstream.cache.ttl-s", "0")
          .build();

  @RegisterExtension
  final GatewayExtension empty = GatewayExtension.builder().withoutAccount().build();

  @Test
  @Order(2)
  void theAccountHasItsCreditsAndItsKeyAnswers() {
    assertThat(gw.balance()).isEqualTo(7);
    assertThat(gw.get("/openapi/v1/account", gw.key()).status()).isEqualTo(200);
    assertThat(gw.adminOk("GET", "/admin/v1/accounts/" + gw.accountId(), null).get("name").asText())
        .isEqualTo("fixture");
    assertThat(gw.gateway().config().upstream().cacheTtl()).isZero();
  }

  @Test
  @Order(1)
  void eachTestGetsAFreshStore() {
    // This test runs first and spends a credit; the next one finds 7 again only on a fresh store.
    assertThat(gw.notes(gw.sampleUser().userId(), null).status()).isEqualTo(200);
    assertThat(gw.balance()).isEqualTo(6);
  }

  @Test
  @Order(3)
  void withoutAccount_hasNoKey_andRefusalsAreNamed() {
    assertThat(empty.baseUrl()).isNotEqualTo(gw.baseUrl());
    assertThatThrownBy(empty::key)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("without an account");
    assertThat(empty.get("/openapi/v1/account", null).status()).isEqualTo(401);
    assertThatThrownBy(() -> empty.adminOk("GET", "/admin/v1/accounts/acc_nope", Map.of()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("404");
  }
}
