package dev.xhsopenapi.cli.watch;

import static dev.xhsopenapi.cli.watch.WatchApi.USER;
import static dev.xhsopenapi.cli.watch.WatchApi.error;
import static dev.xhsopenapi.cli.watch.WatchApi.ok;
import static dev.xhsopenapi.cli.watch.WatchApi.watch;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xhsopenapi.cli.testing.Cli;
import dev.xhsopenapi.cli.testing.Dataset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code watch add}, {@code watch list}, {@code watch rm} and {@code watch roll-secret} against a
 * scripted gateway.
 */
class WatchManageTest {
  private static final String HOOK = "https://hooks.example.com/xhs";

  private final WatchApi api = new WatchApi();

  @AfterEach
  void stop() {
    api.close();
  }

  private Cli.Result cli(String... args) {
    List<String> all = new ArrayList<>(List.of("watch"));
    all.addAll(List.of(args));
    all.addAll(List.of("--base-url", api.baseUrl(), "--key", "sk_live_t"));
    return Cli.run(all.toArray(String[]::new));
  }

  private static String created(String id) {
    return ok(201, watch(id, HOOK, null, null).replace("}", ",\"secret\":\"whsec_s3cr3t\"}"));
  }

  @Test
  void add_postsTheSettings_andPrintsTheWatchAndTheSecret_once() {
    api.then(201, created("wch_1"));

    Cli.Result r =
        cli(
            "add",
            "https://www.xiaohongshu.com/user/profile/" + USER + "?xsec_token=x",
            "--url",
            HOOK,
            "--interval-s",
            "5400",
            "--max-pages",
            "3",
            "--emit-existing");

    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(api.lines()).containsExactly("POST /openapi/v1/watches");
    WatchApi.Request sent = api.requests().get(0);
    assertThat(sent.authorization()).isEqualTo("Bearer sk_live_t");
    assertThat(Dataset.read(sent.body()))
        .isEqualTo(
            Dataset.read(
                "{\"user_id\":\""
                    + USER
                    + "\",\"url\":\""
                    + HOOK
                    + "\",\"interval_s\":5400,\"max_pages_per_poll\":3,\"emit_existing\":true}"));
    assertThat(r.out())
        .containsPattern("(?m)^watch_id +wch_1$")
        .containsPattern("(?m)^user_id +" + USER + "$")
        .containsPattern("(?m)^url +" + HOOK + "$")
        .containsPattern("(?m)^last_poll_at +-$")
        .containsPattern("(?m)^secret +whsec_s3cr3t$")
        .contains("shown only once");
  }

  @Test
  void add_json_printsOneObject_withTheSecret() {
    api.then(201, created("wch_2"));

    Cli.Result r = cli("add", USER, "--json");

    assertThat(r.exit()).as(r.toString()).isZero();
    JsonNode printed = Dataset.read(r.out());
    assertThat(printed.get("watch_id").asText()).isEqualTo("wch_2");
    assertThat(printed.get("secret").asText()).isEqualTo("whsec_s3cr3t");
    assertThat(Dataset.read(api.requests().get(0).body()))
        .isEqualTo(Dataset.read("{\"user_id\":\"" + USER + "\",\"emit_existing\":false}"));
  }

  @Test
  void add_aBadIntervalUserOrUrl_isAUsageError_beforeAnyCall() {
    Cli.Result interval = cli("add", USER, "--interval-s", "30");
    Cli.Result redId = cli("add", "26161234");
    Cli.Result url = cli("add", USER, "--url", "ftp://x.example.com/");

    assertThat(interval.exit()).isEqualTo(2);
    assertThat(interval.err()).contains("60 s to 7 days").contains("30 s");
    assertThat(redId.exit()).isEqualTo(2);
    assertThat(redId.err()).contains("小红书号");
    assertThat(url.exit()).isEqualTo(2);
    assertThat(url.err()).contains("http(s)");
    assertThat(api.requests()).isEmpty();
  }

  @Test
  void add_refusedByTheGateway_exits2_quotingIt() {
    api.then(400, error(400, "invalid_param"));

    Cli.Result r = cli("add", USER, "--url", "http://10.0.0.1/hook");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err())
        .contains("watch add:")
        .contains("invalid_param")
        .contains("request_id req-err");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void list_printsATable_ofEveryWatch() {
    String paused =
        watch("wch_2", null, "2026-11-30T12:00:00Z", "upstream_unavailable")
            .replace("\"active\"", "\"paused\"")
            .replace("\"interval_s\":5400", "\"interval_s\":60");
    api.then(
        200, ok(200, "{\"watches\":[" + watch("wch_1", HOOK, null, null) + "," + paused + "]}"));

    Cli.Result r = cli("list");

    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(api.lines()).containsExactly("GET /openapi/v1/watches");
    List<String> lines = r.out().lines().toList();
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).matches("id +user +status +interval +last poll +notes seen +url");
    assertThat(lines.get(1)).matches("wch_1 +" + USER + " +active +1h30m +- +42 +" + HOOK);
    assertThat(lines.get(2))
        .matches("wch_2 +" + USER + " +paused +1m +2026-11-30T12:00:00Z +42 +-");
  }

  @Test
  void list_json_printsTheWatchesAsReceived() {
    api.then(200, ok(200, "{\"watches\":[" + watch("wch_1", HOOK, null, null) + "]}"));

    Cli.Result r = cli("list", "--json");

    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(Dataset.read(r.out()))
        .isEqualTo(Dataset.read("[" + watch("wch_1", HOOK, null, null) + "]"));
  }

  @Test
  void list_withARefusedKey_exits3() {
    api.then(401, error(401, "invalid_api_key"));

    Cli.Result r = cli("list");

    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.err()).contains("watch list:").contains("invalid_api_key");
  }

  @Test
  void rm_deletesTheWatch() {
    api.then(204, null);

    Cli.Result r = cli("rm", "wch_1");

    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(api.lines()).containsExactly("DELETE /openapi/v1/watches/wch_1");
    assertThat(r.out()).isEqualTo("deleted wch_1" + System.lineSeparator());
  }

  @Test
  void rm_ofAnUnknownWatch_exits4() {
    api.then(404, error(404, "watch_not_found"));

    Cli.Result r = cli("rm", "wch_9");

    assertThat(r.exit()).isEqualTo(4);
    assertThat(r.err()).contains("watch_not_found");
  }

  @Test
  void rm_ofSomethingThatIsNoWatchId_isAUsageError_beforeAnyCall() {
    Cli.Result r = cli("rm", USER);

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("starts with wch_");
    assertThat(api.requests()).isEmpty();
  }

  @Test
  void rollSecret_postsTheGracePeriod_andPrintsTheNewSecretAndWhenTheOldStops() {
    api.then(
        200,
        ok(
            200,
            "{\"watch_id\":\"wch_1\",\"secret\":\"whsec_n3w\","
                + "\"old_secret_expires_at\":\"2026-11-30T13:00:00Z\"}"));

    Cli.Result r = cli("roll-secret", "wch_1", "--expire-old-in", "3600");

    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(api.lines()).containsExactly("POST /openapi/v1/watches/wch_1/roll_secret");
    assertThat(Dataset.read(api.requests().get(0).body()))
        .isEqualTo(Dataset.read("{\"expire_old_in_s\":3600}"));
    assertThat(r.out())
        .containsPattern("(?m)^watch_id +wch_1$")
        .containsPattern("(?m)^secret +whsec_n3w$")
        .containsPattern("(?m)^old_secret_expires_at +2026-11-30T13:00:00Z$")
        .contains("shown only once")
        .contains("both secrets until 2026-11-30T13:00:00Z");
  }

  @Test
  void rollSecret_withoutAGracePeriod_sendsNoBody_andJsonPrintsOneObject() {
    api.then(
        200,
        ok(
            200,
            "{\"watch_id\":\"wch_1\",\"secret\":\"whsec_n3w\","
                + "\"old_secret_expires_at\":null}"));

    Cli.Result r = cli("roll-secret", "wch_1", "--json");

    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(api.requests().get(0).body()).isEmpty();
    JsonNode printed = Dataset.read(r.out());
    assertThat(printed.path("secret").asText()).isEqualTo("whsec_n3w");
    assertThat(printed.path("old_secret_expires_at").isNull()).isTrue();
  }

  @Test
  void rollSecret_ofAnUnknownWatch_exits4_andBadSecondsAreAUsageError_beforeAnyCall() {
    api.then(404, error(404, "watch_not_found"));

    Cli.Result missing = cli("roll-secret", "wch_9");
    assertThat(missing.exit()).isEqualTo(4);
    assertThat(missing.err()).contains("watch_not_found");

    Cli.Result tooLong = cli("roll-secret", "wch_1", "--expire-old-in", "86401");
    assertThat(tooLong.exit()).isEqualTo(2);
    assertThat(tooLong.err()).contains("expireOld");
    Cli.Result negative = cli("roll-secret", "wch_1", "--expire-old-in", "-1");
    assertThat(negative.exit()).isEqualTo(2);
    assertThat(cli("roll-secret", USER).exit()).isEqualTo(2);
    assertThat(api.requests()).hasSize(1);
  }
}
