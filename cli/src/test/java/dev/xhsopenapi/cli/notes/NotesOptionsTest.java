package dev.xhsopenapi.cli.notes;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xhsopenapi.cli.testing.Cli;
import dev.xhsopenapi.cli.testing.Dataset;
import dev.xhsopenapi.server.testing.TestGateway;
import dev.xhsopenapi.upstream.sim.SimDataset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --since}, {@code --users-file} and the usage errors of {@code notes}. */
class NotesOptionsTest {
  private static final SimDataset DATASET = SimDataset.generate(1);

  @TempDir Path dir;

  @Test
  void since_stopsAtTheFirstOlderUnpinnedNote_skipsOldPins_andStopsPaying() throws Exception {
    String user = "5efdeba4000000000101e7e6";
    List<Map<String, Object>> notes = new ArrayList<>();
    String newPin = id(0x67000000, 1);
    String oldPin = id(0x50000000, 2);
    notes.add(note(newPin, true));
    notes.add(note(oldPin, true));
    List<String> posts = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      posts.add(id(0x66000000 - i * 86_400, 100 + i));
      notes.add(note(posts.get(i), false));
    }
    Path dataset = dir.resolve("dataset.json");
    new ObjectMapper()
        .writeValue(
            dataset.toFile(),
            Map.of("users", List.of(Map.of("user_id", user, "nickname", "n", "notes", notes))));
    try (TestGateway gw =
        TestGateway.start(
            dir.resolve("data"), Map.of("upstream.sim.dataset", dataset.toString()))) {
      String account = gw.createAccount("since", 100, 300);
      Path out = dir.resolve("new.jsonl");

      Cli.Result r =
          Cli.run(
              "notes",
              user,
              "--base-url",
              gw.baseUrl(),
              "--key",
              gw.createKey(account),
              "--since",
              posts.get(11),
              "--out",
              out.toString());

      assertThat(r.exit()).as(r.toString()).isZero();
      List<String> ids =
          Files.readAllLines(out).stream().map(l -> Dataset.read(l).get("id").asText()).toList();
      List<String> expected = new ArrayList<>(List.of(newPin));
      expected.addAll(posts.subList(0, 11));
      assertThat(ids).containsExactlyElementsOf(expected);
      // Page 1 (2 pins + 8 posts) and page 2 (posts 9-18, the 12th is the --since note).
      assertThat(gw.balance(account)).isEqualTo(98);
    }
  }

  @Test
  void usersFile_walksEachUser_tagsRecords_andReportsMissingUsersWithExit4() throws Exception {
    String first = DATASET.users().get(0).userId();
    String second = DATASET.users().get(2).userId();
    String missing = "0123456789abcdef01234567";
    Path users = dir.resolve("users.txt");
    Files.writeString(
        users,
        "# creators to export\n"
            + first
            + "\n\n"
            + missing
            + "   # gone\n"
            + second
            + "\n"
            + first
            + "\n");
    try (TestGateway gw = TestGateway.start(dir.resolve("data"), Map.of())) {
      String key = gw.createKey(gw.createAccount("many", 1_000, 300));
      Path out = dir.resolve("all.jsonl");

      Cli.Result r =
          Cli.run(
              "notes",
              "--users-file",
              users.toString(),
              "--base-url",
              gw.baseUrl(),
              "--key",
              key,
              "--out",
              out.toString());

      assertThat(r.exit()).as(r.toString()).isEqualTo(4);
      assertThat(r.err()).contains("user " + missing + " does not exist");
      List<String> expected = new ArrayList<>();
      List<String> expectedUsers = new ArrayList<>();
      for (String u : List.of(first, second)) {
        for (String line : Dataset.noteLines(DATASET, u)) {
          expected.add(line);
          expectedUsers.add(u);
        }
      }
      List<String> lines = Files.readAllLines(out, UTF_8);
      assertThat(lines).hasSize(expected.size());
      for (int i = 0; i < lines.size(); i++) {
        JsonNode record = Dataset.read(lines.get(i));
        assertThat(record.get("user_id").asText()).isEqualTo(expectedUsers.get(i));
        ((ObjectNode) record).remove("user_id");
        assertThat(Dataset.write(record)).isEqualTo(expected.get(i));
      }
      JsonNode checkpoint = Dataset.read(Files.readString(dir.resolve("all.jsonl.checkpoint")));
      assertThat(checkpoint.get("not_found").get(0).asText()).isEqualTo(missing);
      assertThat(checkpoint.get("done").asBoolean()).isTrue();
    }
  }

  @Test
  void usersFile_csv_carriesEachRowsUser() throws Exception {
    Path users = dir.resolve("users.txt");
    String a = DATASET.users().get(3).userId();
    String b = DATASET.users().get(4).userId();
    Files.writeString(users, a + "\n" + b + "\n");
    try (TestGateway gw = TestGateway.start(dir.resolve("data"), Map.of())) {
      String key = gw.createKey(gw.createAccount("csv", 1_000, 300));
      Path out = dir.resolve("all.csv");

      Cli.Result r =
          Cli.run(
              "notes",
              "--users-file",
              users.toString(),
              "--format",
              "csv",
              "--base-url",
              gw.baseUrl(),
              "--key",
              key,
              "--out",
              out.toString());

      assertThat(r.exit()).as(r.toString()).isZero();
      List<String> rows = Files.readAllLines(out, UTF_8);
      assertThat(rows).hasSize(1 + 1 + 9);
      assertThat(rows.subList(1, 2)).allMatch(row -> row.contains("," + a + ","));
      assertThat(rows.subList(2, 11)).allMatch(row -> row.contains("," + b + ","));
    }
  }

  @Test
  void wrongCommandLines_exit2_withoutCallingAnything() {
    String user = DATASET.users().get(0).userId();
    String url = "http://127.0.0.1:9";
    List<List<String>> cases =
        List.of(
            List.of("notes", user, "--base-url", url),
            List.of("notes", user, "--users-file", "u.txt", "--base-url", url, "--key", "k"),
            List.of("notes", "--base-url", url, "--key", "k"),
            List.of("notes", user, "--resume", "--base-url", url, "--key", "k"),
            List.of("notes", user, "--format", "xml", "--base-url", url, "--key", "k"),
            List.of("notes", user, "--since", "yesterday", "--base-url", url, "--key", "k"),
            List.of("notes", user, "--max-pages", "0", "--base-url", url, "--key", "k"),
            List.of("notes", user, "--base-url", "ftp://x", "--key", "k"),
            List.of("notes", user, "--force", "--base-url", url, "--key", "k"),
            List.of(
                "notes",
                user,
                "--out",
                "o",
                "--force",
                "--resume",
                "--base-url",
                url,
                "--key",
                "k"));
    for (List<String> args : cases) {
      Cli.Result r = Cli.run(args.toArray(String[]::new));
      assertThat(r.exit()).as("%s: %s", args, r).isEqualTo(2);
      assertThat(r.err()).as("%s", args).contains("Usage: xhs-openapi notes");
    }
  }

  @Test
  void usersThatCannotBeRead_exit2_withOneLineSayingWhatToPaste() throws Exception {
    String url = "http://127.0.0.1:9";
    Path users = dir.resolve("users.txt");
    Files.writeString(
        users, DATASET.users().get(0).userId() + "\n# next one is a red id\n  95071234  \n");
    List<List<String>> cases =
        List.of(
            List.of("notes", "not-a-user", "--base-url", url, "--key", "k"),
            List.of("notes", "95071234", "--base-url", url, "--key", "k"),
            List.of("notes", "http://xhslink.com/a/AbCd", "--base-url", url, "--key", "k"),
            List.of("notes", "--users-file", users.toString(), "--base-url", url, "--key", "k"),
            List.of("notes", "--users-file", "missing.txt", "--base-url", url, "--key", "k"));
    List<String> says =
        List.of(
            "notes: 'not-a-user' is not a Xiaohongshu user id: paste the profile link",
            "notes: '95071234' looks like a 小红书号 (red id), the number shown on the profile",
            "notes: 'http://xhslink.com/a/AbCd' is an xhslink.com short link, which only a browser"
                + " can follow: open it in a browser first",
            "notes: " + users + " line 3: '95071234' looks like a 小红书号 (red id)",
            "notes: --users-file missing.txt does not exist");
    for (int i = 0; i < cases.size(); i++) {
      Cli.Result r = Cli.run(cases.get(i).toArray(String[]::new));

      assertThat(r.exit()).as("%s: %s", cases.get(i), r).isEqualTo(2);
      assertThat(r.err()).as("%s", cases.get(i)).startsWith(says.get(i));
      assertThat(r.err().strip().lines()).as("%s", cases.get(i)).hasSize(1);
      assertThat(r.err()).doesNotContain("Usage:");
    }
  }

  @Test
  void aProfileLinkWithItsQuery_exportsThatUser() throws Exception {
    String user = DATASET.users().get(0).userId();
    try (TestGateway gw = TestGateway.start(dir.resolve("data"), Map.of())) {
      String key = gw.createKey(gw.createAccount("link", 1_000, 300));
      Path out = dir.resolve("linked.jsonl");

      Cli.Result r =
          Cli.run(
              "notes",
              " https://www.xiaohongshu.com/user/profile/"
                  + user
                  + "?xsec_token=ABcD1234efGH5678=&xsec_source=pc_note\n",
              "--base-url",
              gw.baseUrl(),
              "--key",
              key,
              "--out",
              out.toString());

      assertThat(r.exit()).as(r.toString()).isZero();
      assertThat(Files.readAllLines(out, UTF_8))
          .containsExactlyElementsOf(Dataset.noteLines(DATASET, user));
    }
  }

  @Test
  void usersFile_takesProfileLinks_andIds_eachUserOnce() throws Exception {
    String a = DATASET.users().get(3).userId();
    String b = DATASET.users().get(4).userId();
    Path users = dir.resolve("users.txt");
    Files.writeString(
        users,
        "\uFEFFhttps://www.xiaohongshu.com/user/profile/"
            + a
            + "?xsec_token=x&xsec_source=pc_note\n"
            + "\u3000\n"
            + "xiaohongshu.com/user/profile/"
            + b.toUpperCase(java.util.Locale.ROOT)
            + "   # upper-case, no scheme\n"
            + a
            + "\n");
    try (TestGateway gw = TestGateway.start(dir.resolve("data"), Map.of())) {
      String key = gw.createKey(gw.createAccount("links", 1_000, 300));
      Path out = dir.resolve("links.jsonl");

      Cli.Result r =
          Cli.run(
              "notes",
              "--users-file",
              users.toString(),
              "--base-url",
              gw.baseUrl(),
              "--key",
              key,
              "--out",
              out.toString());

      assertThat(r.exit()).as(r.toString()).isZero();
      List<String> walked =
          Files.readAllLines(out, UTF_8).stream()
              .map(l -> Dataset.read(l).get("user_id").asText())
              .distinct()
              .toList();
      assertThat(walked).containsExactly(a, b);
    }
  }

  @Test
  void unreachableGateway_exits5_afterRetries() {
    Cli.Result r =
        Cli.run(
            "notes",
            DATASET.users().get(0).userId(),
            "--base-url",
            "http://127.0.0.1:9",
            "--key",
            "sk_live_x",
            "--max-pages",
            "1");

    assertThat(r.exit()).as(r.toString()).isEqualTo(5);
    assertThat(r.err()).contains("no answer from http://127.0.0.1:9");
  }

  @Test
  void help_documentsTheExitCodesAndTheBom() {
    Cli.Result r = Cli.run("notes", "--help");

    assertThat(r.exit()).isZero();
    assertThat(r.out().replaceAll("\\s+", " "))
        .contains("byte-order mark")
        .contains("3 key/token refused, out of credits or suspended")
        .contains("6 incomplete")
        .contains("run again later with --resume")
        .contains("a spreadsheet would run as a formula (starting with =, +, -, @, a tab or a")
        .contains("gets a ' in front")
        .contains("--force")
        .contains("profile link")
        .contains("130 interrupted");
  }

  private static String id(long seconds, int n) {
    return String.format("%08x%016x", seconds, n);
  }

  private static Map<String, Object> note(String id, boolean sticky) {
    Map<String, Object> note = new LinkedHashMap<>();
    note.put("id", id);
    note.put("type", "normal");
    note.put("display_title", "note " + id);
    note.put("sticky", sticky);
    note.put("liked_count", 1);
    return note;
  }
}
