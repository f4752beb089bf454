package dev.xhsopenapi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xhsopenapi.cli.testing.CatalogueApi;
import dev.xhsopenapi.cli.testing.CatalogueApi.Reply;
import dev.xhsopenapi.cli.testing.Cli;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code call OP_ID key=value…}, against a scripted gateway. */
class CallCommandTest {
  private static final String NOTE = "64f1c2a3000000001f03b7a1";

  private final CatalogueApi api = new CatalogueApi();

  @AfterEach
  void stop() {
    api.close();
  }

  private Cli.Result call(String... args) {
    List<String> all = new ArrayList<>(List.of("call"));
    all.addAll(List.of(args));
    all.addAll(List.of("--base-url", api.baseUrl(), "--key", "sk_live_t"));
    return Cli.run(all.toArray(String[]::new));
  }

  @Test
  void call_printsTheEnvelopeAsReceived_withTheParamsSent() {
    api.on(
        "web_v3/fetch_note_detail",
        q ->
            Reply.ok(
                "{\"z\":\""
                    + q.get("note_id")
                    + "\",\"a\":2.50,\"t\":\""
                    + q.get("xsec_token")
                    + "\"}"));

    Cli.Result r = call("xhs-note-detail-web-v3", "note_id=" + NOTE, "xsec_token=AB+c=");

    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(r.out().strip())
        .isEqualTo(
            "{\"code\":200,\"request_id\":\"req\",\"data\":{\"z\":\""
                + NOTE
                + "\",\"a\":2.50,\"t\":\"AB+c=\"}}");
    assertThat(api.requests())
        .containsExactly(
            "/openapi/v1/contentcreator/xiaohongshu/web_v3/fetch_note_detail?note_id="
                + NOTE
                + "&xsec_token=AB%2Bc%3D");
  }

  @Test
  void call_withoutParams_ofAnEndpointThatNeedsNone() {
    api.on("app_v2/get_creator_hot_inspiration_feed", q -> Reply.ok("{\"items\":[]}"));

    Cli.Result r = call("xhs-hot-inspiration");

    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(r.out()).contains("\"items\":[]");
  }

  @Test
  void anUnknownOpId_exits2_listingTheOpIds_beforeAnyCall() {
    Cli.Result r = call("xhs-nope", "a=b");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err())
        .contains("unknown operation id 'xhs-nope'")
        .contains("xhs-get-user-notes")
        .contains("xhs-hot-inspiration");
    assertThat(api.requests()).isEmpty();
  }

  @Test
  void aMalformedOrUnknownParam_exits2_beforeAnyCall() {
    Cli.Result noEquals = call("xhs-get-note-info", NOTE);
    Cli.Result unknown = call("xhs-get-note-info", "note_id=" + NOTE, "colour=red");
    Cli.Result missing = call("xhs-note-detail-web-v3", "note_id=" + NOTE);

    assertThat(noEquals.exit()).isEqualTo(2);
    assertThat(noEquals.err()).contains("is not key=value").contains("takes note_id");
    assertThat(unknown.exit()).isEqualTo(2);
    assertThat(unknown.err()).contains("no parameter 'colour'");
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err()).contains("needs xsec_token");
    assertThat(api.requests()).isEmpty();
  }

  @Test
  void aGatewayError_exitsWithItsStatus_andQuotesTheRequestId() {
    api.on("app/get_note_info", q -> Reply.error(404, "note_not_found"));

    Cli.Result r = call("xhs-get-note-info", "note_id=" + NOTE);

    assertThat(r.exit()).isEqualTo(4);
    assertThat(r.err()).contains("note_not_found").contains("request_id req-err");
    assertThat(r.out()).isEmpty();
  }
}
