package dev.xhsopenapi.cli.notes;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code notes --series web} and {@code notes --details}, against a scripted gateway. */
class NotesSeriesDetailsTest {
  private static final String USER = "5efdeba4000000000101e7e6";
  private static final String N1 = "6650a1b2000000001e00ab01";
  private static final String N2 = "6650a1b2000000001e00ab02";
  private static final String N3 = "6650a1b2000000001e00ab03";

  @TempDir Path dir;

  private final CatalogueApi api = new CatalogueApi();

  @AfterEach
  void stop() {
    api.close();
  }

  private Cli.Result notes(Path out, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "notes",
                USER,
                "--base-url",
                api.baseUrl(),
                "--key",
                "sk_live_test",
                "--out",
                out.toString()));
    args.addAll(List.of(more));
    return Cli.run(args.toArray(String[]::new));
  }

  private static String camel(String id, String liked, boolean sticky, boolean token) {
    return "{\"noteId\":\""
        + id
        + "\","
        + (token ? "\"xsecToken\":\"TOK_" + id + "=\"," : "")
        + "\"type\":\"normal\",\"displayTitle\":\"t "
        + id
        + "\",\"interactInfo\":{\"liked\":false,\"likedCount\":\""
        + liked
        + "\",\"sticky\":"
        + sticky
        + "},\"user\":{\"userId\":\""
        + USER
        + "\",\"nickname\":\"鹿\"}}";
  }

  private static Reply webPage(String cursor, boolean hasMore, String... notes) {
    return Reply.inner(
        "{\"notes\":["
            + String.join(",", notes)
            + "],\"cursor\":\""
            + cursor
            + "\",\"hasMore\":"
            + hasMore
            + "}");
  }

  /** Two web pages: N1 (pinned) and N2, then N3. */
  private void twoWebPages() {
    api.on(
        "web_v3/fetch_user_notes",
        q ->
            q.get("cursor").isEmpty()
                ? webPage(N2, true, camel(N1, "1.2万", true, true), camel(N2, "7", false, true))
                : webPage("", false, camel(N3, "10+", false, true)));
  }

  private static Reply webDetail(String id) {
    return Reply.inner(
        "{\"items\":[{\"id\":\""
            + id
            + "\",\"model_type\":\"note\",\"note_card\":{\"note_id\":\""
            + id
            + "\",\"desc\":\"desc of "
            + id
            + "\",\"ip_location\":\"上海\",\"interact_info\":{\"collected_count\":\"2.5万\","
            + "\"comment_count\":\"3\",\"share_count\":\"4\"}}}]}");
  }

  @Test
  void seriesWeb_writesTheRawNotes_30APage_andCountsItsCalls() throws Exception {
    twoWebPages();
    Path out = dir.resolve("web.jsonl");

    Cli.Result r = notes(out, "--series", "web");

    assertThat(r.exit()).as(r.toString()).isZero();
    List<String> lines = Files.readAllLines(out, UTF_8);
    assertThat(lines)
        .extracting(l -> Dataset.read(l).get("noteId").asText())
        .containsExactly(N1, N2, N3);
    assertThat(Dataset.read(lines.get(0)).path("interactInfo").path("likedCount").asText())
        .isEqualTo("1.2万");
    assertThat(api.requests())
        .containsExactly(
            "/openapi/v1/contentcreator/xiaohongshu/web_v3/fetch_user_notes?user_id="
                + USER
                + "&cursor=&num=30",
            "/openapi/v1/contentcreator/xiaohongshu/web_v3/fetch_user_notes?user_id="
                + USER
                + "&cursor="
                + N2
                + "&num=30");
    assertThat(r.err()).contains("2 page(s), 3 note(s), 2 credit(s)");
  }

  @Test
  void seriesWeb_csv_readsTheWebShape_countsAsNumbers_pinsFromInteractInfo() throws Exception {
    api.on(
        "web_v3/fetch_user_notes",
        q ->
            Reply.inner(
                "{\"cursor\":\"\",\"has_more\":false,\"notes\":[{\"note_id\":\""
                    + N1
                    + "\",\"xsec_token\":\"X\",\"type\":\"video\",\"display_title\":\"=snake\","
                    + "\"interact_info\":{\"liked_count\":\"9.7万\",\"sticky\":true},"
                    + "\"cover\":{\"url_default\":\"https://c\"},"
                    + "\"user\":{\"user_id\":\""
                    + USER
                    + "\",\"nick_name\":\"小鹿\"}}]}"));
    Path out = dir.resolve("web.csv");

    Cli.Result r = notes(out, "--series", "web", "--format", "csv");

    assertThat(r.exit()).as(r.toString()).isZero();
    List<Map<String, String>> rows = rows(out);
    assertThat(rows).hasSize(1);
    Map<String, String> row = rows.get(0);
    assertThat(row)
        .containsEntry("note_id", N1)
        .containsEntry("type", "video")
        .containsEntry("title", "'=snake")
        .containsEntry("liked_count", "97000")
        .containsEntry("sticky", "true")
        .containsEntry("cover_url", "https://c")
        .containsEntry("nickname", "小鹿");
    assertThat(row).doesNotContainKey("desc");
  }

  @Test
  void details_web_addsEachNotesDetail_oneCallAndCreditPerNote() throws Exception {
    twoWebPages();
    api.on("web_v3/fetch_note_detail", q -> webDetail(q.get("note_id")));
    Path out = dir.resolve("d.jsonl");

    Cli.Result r = notes(out, "--series", "web", "--details");

    assertThat(r.exit()).as(r.toString()).isZero();
    List<JsonNode> records = Files.readAllLines(out, UTF_8).stream().map(Dataset::read).toList();
    assertThat(records)
        .extracting(n -> n.path("detail").path("desc").asText())
        .containsExactly("desc of " + N1, "desc of " + N2, "desc of " + N3);
    assertThat(api.requests("web_v3/fetch_note_detail"))
        .containsExactly(detailPath(N1), detailPath(N2), detailPath(N3));
    assertThat(r.err()).contains("2 page(s), 3 note(s), 3 detail(s), 5 credit(s)");
  }

  /** The records of a CSV file written with a byte-order mark, by column name. */
  static List<Map<String, String>> rows(Path csv) throws Exception {
    String text = Files.readString(csv, UTF_8);
    assertThat(text).startsWith("\uFEFF");
    List<List<String>> records = CsvReader.read(text.substring(1));
    List<Map<String, String>> rows = new ArrayList<>();
    for (List<String> record : records.subList(1, records.size())) {
      Map<String, String> row = new LinkedHashMap<>();
      for (int i = 0; i < record.size(); i++) {
        row.put(records.get(0).get(i), record.get(i));
      }
      rows.add(row);
    }
    return rows;
  }

  private static String detailPath(String id) {
    return "/openapi/v1/contentcreator/xiaohongshu/web_v3/fetch_note_detail?note_id="
        + id
        + "&xsec_token=TOK_"
        + id
        + "%3D";
  }

  @Test
  void details_app_usesNoteInfo_andCsvGetsTheDetailColumns() throws Exception {
    api.on(
        "app/get_user_notes",
        q ->
            Reply.inner(
                "{\"notes\":[{\"id\":\""
                    + N1
                    + "\",\"type\":\"normal\",\"display_title\":\"a\",\"liked_count\":5}],"
                    + "\"cursor\":\"\",\"has_more\":false}"));
    api.on(
        "app/get_note_info",
        q ->
            Reply.inner(
                "[{\"note_list\":[{\"id\":\""
                    + q.get("note_id")
                    + "\",\"desc\":\"第一次, \\\"露营\\\"\",\"collected_count\":383,"
                    + "\"comments_count\":21,\"shared_count\":46,\"ip_location\":\"Guangxi\"}]}]"));
    Path out = dir.resolve("d.csv");

    Cli.Result r = notes(out, "--details", "--format", "csv");

    assertThat(r.exit()).as(r.toString()).isZero();
    Map<String, String> row = rows(out).get(0);
    assertThat(row)
        .containsEntry("note_id", N1)
        .containsEntry("liked_count", "5")
        .containsEntry("desc", "第一次, \"露营\"")
        .containsEntry("collected_count", "383")
        .containsEntry("comment_count", "21")
        .containsEntry("share_count", "46")
        .containsEntry("ip_location", "Guangxi");
    assertThat(api.requests("app/get_note_info"))
        .containsExactly("/openapi/v1/contentcreator/xiaohongshu/app/get_note_info?note_id=" + N1);
  }

  @Test
  void details_stoppedMidPage_resumePaysNoDetailTwice() throws Exception {
    api.on(
        "web_v3/fetch_user_notes",
        q ->
            webPage(
                "",
                false,
                camel(N1, "1", false, true),
                camel(N2, "2", false, true),
                camel(N3, "3", false, true)));
    Set<String> broke = ConcurrentHashMap.newKeySet();
    api.on(
        "web_v3/fetch_note_detail",
        q ->
            q.get("note_id").equals(N2) && broke.add(N2)
                ? Reply.error(402, "insufficient_credits")
                : webDetail(q.get("note_id")));
    Path out = dir.resolve("r.jsonl");

    Cli.Result first = notes(out, "--series", "web", "--details");

    assertThat(first.exit()).as(first.toString()).isEqualTo(3);
    assertThat(first.err()).contains("insufficient_credits").contains("--resume");
    assertThat(Files.readAllLines(out, UTF_8)).hasSize(1);
    JsonNode checkpoint = Dataset.read(Files.readString(dir.resolve("r.jsonl.checkpoint")));
    assertThat(checkpoint.path("seen").toString()).isEqualTo("[\"" + N1 + "\"]");
    assertThat(checkpoint.path("enriched").asLong()).isEqualTo(1);

    Cli.Result resumed = notes(out, "--series", "web", "--details", "--resume");

    assertThat(resumed.exit()).as(resumed.toString()).isZero();
    assertThat(Files.readAllLines(out, UTF_8))
        .extracting(l -> Dataset.read(l).path("detail").path("desc").asText())
        .containsExactly("desc of " + N1, "desc of " + N2, "desc of " + N3);
    Map<String, Long> detailCalls =
        api.requests("web_v3/fetch_note_detail").stream()
            .collect(Collectors.groupingBy(p -> p, Collectors.counting()));
    // N2's first call failed (402, free); no enriched note was asked for again.
    assertThat(detailCalls)
        .containsEntry(detailPath(N1), 1L)
        .containsEntry(detailPath(N2), 2L)
        .containsEntry(detailPath(N3), 1L);
    assertThat(api.requests("web_v3/fetch_user_notes")).hasSize(2);
    assertThat(resumed.err()).contains("1 page(s), 2 note(s), 2 detail(s), 3 credit(s)");
  }

  @Test
  void details_aNoteWithoutTokenOrGone_isWrittenWithoutDetail_andSaysSo() throws Exception {
    api.on(
        "web_v3/fetch_user_notes",
        q -> webPage("", false, camel(N1, "1", false, false), camel(N2, "2", false, true)));
    api.on("web_v3/fetch_note_detail", q -> Reply.error(404, "note_not_found"));
    Path out = dir.resolve("g.jsonl");

    Cli.Result r = notes(out, "--series", "web", "--details");

    assertThat(r.exit()).as(r.toString()).isZero();
    List<JsonNode> records = Files.readAllLines(out, UTF_8).stream().map(Dataset::read).toList();
    assertThat(records).extracting(n -> n.get("detail").isNull()).containsExactly(true, true);
    assertThat(r.err())
        .contains("note " + N1 + " has no xsec_token")
        .contains("note " + N2 + " has no detail (note_not_found");
    assertThat(api.requests("web_v3/fetch_note_detail")).hasSize(1);
  }

  @Test
  void resume_withAnotherSeriesOrWithoutDetails_isAUsageError() {
    twoWebPages();
    api.on("web_v3/fetch_note_detail", q -> webDetail(q.get("note_id")));
    Path out = dir.resolve("m.jsonl");
    assertThat(notes(out, "--series", "web", "--max-pages", "1").exit()).isZero();

    Cli.Result app = notes(out, "--resume");
    Cli.Result details = notes(out, "--series", "web", "--details", "--resume");

    assertThat(app.exit()).isEqualTo(2);
    assertThat(app.err()).contains("--series web, not app");
    assertThat(details.exit()).isEqualTo(2);
    assertThat(details.err()).contains("without --details");
  }

  @Test
  void anUnknownSeries_isAUsageError_beforeAnyCall() {
    Cli.Result r = notes(dir.resolve("x.jsonl"), "--series", "mobile");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("series must be app or web, got 'mobile'");
    assertThat(api.requests()).isEmpty();
  }
}
