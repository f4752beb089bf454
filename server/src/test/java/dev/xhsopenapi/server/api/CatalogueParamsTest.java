package dev.xhsopenapi.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xhsopenapi.server.testing.GatewayExtension;
import dev.xhsopenapi.server.testing.TestGateway.Reply;
import dev.xhsopenapi.upstream.Operation;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every endpoint of the catalogue refuses each malformed or missing parameter with 400 {@code
 * invalid_param}, a message naming the parameter, and no charge (DESIGN §2a).
 */
class CatalogueParamsTest {
  private static final String USER = "5efdeba4000000000101e7e6";
  private static final String NOTE = "64f1c2a3000000001f03b7a1";

  @RegisterExtension
  static final GatewayExtension gw =
      GatewayExtension.builder().credits(1_000).ratePerMinute(100_000).build();

  @ParameterizedTest(name = "{0}?{1} → {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "xhs-user-notes-web-v3 | cursor= | user_id is required",
        "xhs-user-notes-web-v3 | user_id="
            + USER
            + "&num=0 | num must be a whole number from 1 to 30",
        "xhs-user-notes-web-v3 | user_id="
            + USER
            + "&num=31 | num must be a whole number from 1 to 30",
        "xhs-user-notes-web-v3 | user_id=" + USER + "&num=ten | num must be a whole number",
        "xhs-user-notes-web-v3 | user_id=" + USER + "&cursor=zz | cursor must be empty",
        "xhs-get-note-info | | note_id is required",
        "xhs-get-note-info | note_id=abc | note_id must be a Xiaohongshu note id",
        "xhs-note-detail-web-v3 | note_id=" + NOTE + " | xsec_token is required",
        "xhs-note-detail-web-v3 | note_id=" + NOTE + "&xsec_token=a%20b | xsec_token must be",
        "xhs-note-detail-web-v3 | xsec_token=abc | note_id is required",
        "xhs-search-users | page=1 | keywords is required",
        "xhs-search-users | keywords=%20%20%20 | keywords must be 1 to 100 characters",
        "xhs-search-users | keywords=a&page=0 | page must be a whole number from 1 to 100",
        "xhs-search-users | keywords=a&page=a&page=b | page is given 2 times",
        "xhs-homefeed-web-v3 | num=41 | num must be a whole number from 1 to 40",
        "xhs-homefeed-web-v3 | need_filter_image=maybe | need_filter_image must be true or false",
        "xhs-homefeed-web-v3 | category=a%20b | category must be a feed category",
        "xhs-homefeed-web-v3 | cursor_score=%3Cscript%3E | cursor_score must be empty",
        "xhs-hot-inspiration | cursor=abc | cursor must be empty for the first page",
      })
  void aBadParameter_is400_free_andNamesIt(String op, String query, String message) {
    Operation operation = Operation.byId(op).orElseThrow();
    long before = gw.balance();
    Reply r = gw.get(operation.path() + "?" + (query == null ? "" : query), gw.key());
    assertThat(r.status()).as(r.text()).isEqualTo(400);
    assertThat(r.json().get("error").asText()).isEqualTo("invalid_param");
    assertThat(r.json().get("message").asText()).startsWith(message);
    assertThat(r.json().get("request_id").asText()).isEqualTo(r.header("X-Request-Id"));
    assertThat(gw.balance()).isEqualTo(before);
  }
}
