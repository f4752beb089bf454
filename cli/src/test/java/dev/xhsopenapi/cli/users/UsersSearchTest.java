package dev.xhsopenapi.cli.users;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xhsopenapi.cli.testing.CatalogueApi;
import dev.xhsopenapi.cli.testing.CatalogueApi.Reply;
import dev.xhsopenapi.cli.testing.Cli;
import dev.xhsopenapi.cli.testing.CsvReader;
import dev.xhsopenapi.cli.testing.Dataset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code users search}, against a scripted gateway. */
class UsersSearchTest {
  private static final String PATH = "web_v2/fetch_search_users";

  @TempDir Path dir;

  private final CatalogueApi api = new CatalogueApi();

  @BeforeEach
  void pages() {
    // Page 1: u1, u2; page 2: u2 again and u3; page 2 is the last.
    api.on(
        PATH,
        q ->
            switch (q.get("page")) {
              case "1" -> users(true, "u1", "u2");
              case "2" -> users(false, "u2", "u3");
              default -> Reply.error(400, "invalid_param");
            });
  }

  @AfterEach
  void stop() {
    api.close();
  }

  private static Reply users(boolean hasMore, String... ids) {
    List<String> list = new ArrayList<>();
    for (String id : ids) {
      list.add(
          "{\"id\":\""
              + id
              + "\",\"name\":\"name "
              + id
              + "\",\"red_id\":\"26"
              + id
              + "\",\"fans\":\"3.9万\",\"note_count\":96,\"xsec_token\":\"X"
              + id
              + "\",\"image\":\"https://i/"
              + id
              + "\"}");
    }
    return Reply.inner(
        "{\"result\":{\"code\":1000},\"users\":["
            + String.join(",", list)
            + "],\"has_more\":"
            + hasMore
            + "}");
  }

  private Cli.Result search(String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "users", "search", "露营", "达人", "--base-url", api.baseUrl(), "--key", "sk_live_t"));
    args.addAll(List.of(more));
    return Cli.run(args.toArray(String[]::new));
  }

  @Test
  void search_walksEveryPage_writesEachUserOnce_asReceived() {
    Cli.Result r = search();

    assertThat(r.exit()).as(r.toString()).isZero();
    List<JsonNode> users = r.out().lines().map(Dataset::read).toList();
    assertThat(users).extracting(u -> u.get("id").asText()).containsExactly("u1", "u2", "u3");
    assertThat(users.get(0).get("fans").asText()).isEqualTo("3.9万");
    assertThat(api.requests(PATH))
        .containsExactly(
            "/openapi/v1/contentcreator/xiaohongshu/"
                + PATH
                + "?keywords=%E9%9C%B2%E8%90%A5+%E8%BE%BE%E4%BA%BA&page=1",
            "/openapi/v1/contentcreator/xiaohongshu/"
                + PATH
                + "?keywords=%E9%9C%B2%E8%90%A5+%E8%BE%BE%E4%BA%BA&page=2");
    assertThat(r.err()).contains("done, 3 user(s) from 2 page(s), 2 credit(s)");
  }

  @Test
  void search_maxPages_csv_writesTheColumns_fansAsANumber() throws Exception {
    Path out = dir.resolve("users.csv");

    Cli.Result r = search("--max-pages", "1", "--format", "csv", "--out", out.toString());

    assertThat(r.exit()).as(r.toString()).isZero();
    String text = Files.readString(out, UTF_8);
    assertThat(text).startsWith("\uFEFF");
    List<List<String>> rows = CsvReader.read(text.substring(1));
    assertThat(rows.get(0)).containsExactlyElementsOf(SearchCommand.CSV_HEADER);
    assertThat(rows.get(1))
        .containsExactly("u1", "name u1", "26u1", "39000", "96", "Xu1", "https://i/u1");
    assertThat(rows).hasSize(3);
    assertThat(api.requests(PATH)).hasSize(1);
  }

  @Test
  void search_json_isOneArray() throws Exception {
    Path out = dir.resolve("users.json");

    Cli.Result r = search("--format", "json", "--out", out.toString());

    assertThat(r.exit()).as(r.toString()).isZero();
    JsonNode array = Dataset.read(Files.readString(out, UTF_8));
    assertThat(array.isArray()).isTrue();
    assertThat(array).hasSize(3);
  }

  @Test
  void search_outOfCredits_exits3_keepingTheUsersWritten() {
    api.on(
        PATH,
        q ->
            "1".equals(q.get("page"))
                ? users(true, "u1")
                : Reply.error(402, "insufficient_credits"));

    Cli.Result r = search();

    assertThat(r.exit()).as(r.toString()).isEqualTo(3);
    assertThat(r.out().lines()).hasSize(1);
    assertThat(r.err())
        .contains("insufficient_credits")
        .contains("request_id req-err")
        .contains("1 user(s) from 1 page(s), 1 credit(s)");
  }

  @Test
  void search_aBadFormatOrPageCount_isAUsageError_beforeAnyCall() {
    assertThat(search("--format", "xml").exit()).isEqualTo(2);
    assertThat(search("--max-pages", "0").exit()).isEqualTo(2);
    assertThat(api.requests()).isEmpty();
  }
}
