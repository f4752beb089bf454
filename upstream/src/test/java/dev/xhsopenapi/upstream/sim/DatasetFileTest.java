package dev.xhsopenapi.upstream.sim;

import static dev.xhsopenapi.upstream.sim.Outcomes.response;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dataset files: the save/load round trip, verbatim notes, and errors that say where. */
class DatasetFileTest {
  private static final String USER = "5efdeba4000000000101e7e6";
  private static final String PINNED = "64533a53000000001203ef7d";
  private static final String OLD = "607578f6000000000102b606";
  private static final String NEW = "65000000000000000102b606";

  @TempDir Path dir;

  @Test
  void load_afterSave_servesByteIdenticalPages() throws IOException {
    SimDataset generated = SimDataset.generate(3);
    Path file = dir.resolve("dataset.json");
    generated.save(file);

    SimDataset loaded = SimDataset.load(file);

    assertThat(loaded.users()).hasSameSizeAs(generated.users());
    Simulator before = simulator(generated);
    Simulator after = simulator(loaded);
    for (SimUser user : generated.users()) {
      assertThat(loaded.user(user.userId()).orElseThrow().nickname()).isEqualTo(user.nickname());
      for (int num : new int[] {1, 10, 20}) {
        String cursor = "";
        boolean more = true;
        while (more) {
          byte[] expected = response(before.userPosted(user.userId(), cursor, num)).body();
          assertThat(response(after.userPosted(user.userId(), cursor, num)).body())
              .isEqualTo(expected);
          PageWalk.Page page = PageWalk.parse(expected);
          cursor = page.cursor();
          more = page.hasMore();
        }
      }
    }
  }

  @Test
  void load_servesNoteObjectsVerbatimPinnedFirstThenNewestFirst() throws IOException {
    String pinned =
        "{\"id\": \""
            + PINNED
            + "\",\n  \"sticky\": true, \"liked_count\": \"9.7万\", \"x\": {\"y\": [1e3, null]}}";
    Path file =
        write(
            "{\"version\": 1, \"users\": [{\"user_id\": \""
                + USER
                + "\", \"nickname\": \"蓝无机\", \"notes\": ["
                + note(OLD, false)
                + ", "
                + pinned
                + ", "
                + note(NEW, false)
                + "]}]}");

    SimDataset dataset = SimDataset.load(file);
    String body = response(simulator(dataset).userPosted(USER, "", 10)).bodyText();

    assertThat(body)
        .isEqualTo(
            "{\"code\":0,\"success\":true,\"msg\":\"成功\",\"data\":{\"cursor\":\""
                + OLD
                + "\",\"has_more\":false,\"notes\":["
                + pinned
                + ","
                + note(NEW, false)
                + ","
                + note(OLD, false)
                + "]}}");
    assertThat(dataset.users().getFirst().avatar()).contains(USER);
  }

  @Test
  void load_whenNoteIdIsMalformed_saysWhereAndWhy() throws IOException {
    Path file = write(document(note(OLD, false) + "," + note("ABC", false)));

    assertThatThrownBy(() -> SimDataset.load(file))
        .isInstanceOf(InvalidDatasetException.class)
        .hasMessageStartingWith(file.toString())
        .hasMessageContaining("users[0].notes[1].id must be 24 lowercase hex characters")
        .hasMessageContaining("got \"ABC\"");
  }

  @Test
  void load_whenStickyIsMissingOrNotBoolean_saysWhere() throws IOException {
    Path missing = write(document("{\"id\":\"" + OLD + "\"}"));
    Path text = write(document("{\"id\":\"" + OLD + "\",\"sticky\":\"yes\"}"));

    assertThatThrownBy(() -> SimDataset.load(missing))
        .hasMessageContaining("users[0].notes[0].sticky must be true or false, got nothing");
    assertThatThrownBy(() -> SimDataset.load(text))
        .hasMessageContaining("users[0].notes[0].sticky must be true or false, got \"yes\"");
  }

  @Test
  void load_whenANoteIdRepeats_namesBothPlaces() throws IOException {
    Path file = write(document(note(OLD, false) + "," + note(OLD, true)));

    assertThatThrownBy(() -> SimDataset.load(file))
        .hasMessageContaining(
            "users[0].notes[1].id " + OLD + " is already the id of users[0].notes[0]");
  }

  @Test
  void load_whenTheFileIsNotTheFormat_saysWhatIsExpected() throws IOException {
    assertThatThrownBy(() -> SimDataset.load(write("{\"users\": [1, 2")))
        .isInstanceOf(InvalidDatasetException.class)
        .hasMessageContaining("users[0] must be an object");
    assertThatThrownBy(() -> SimDataset.load(write("{\"people\": []}")))
        .hasMessageContaining("$ has no \"users\" array");
    assertThatThrownBy(
            () -> SimDataset.load(write("{\"users\": [{\"user_id\": \"" + USER + "\"}]}")))
        .hasMessageContaining("users[0] needs a non-empty \"nickname\"");
    assertThatThrownBy(() -> SimDataset.load(write("{\"users\": [{\"user_id\": 5}]}")))
        .hasMessageContaining("users[0].user_id must be a string, got a number");
    assertThatThrownBy(() -> SimDataset.load(write("{\"users\": [}")))
        .isInstanceOf(InvalidDatasetException.class)
        .hasMessageContaining("is not valid JSON at line 1, column");
  }

  private static String note(String id, boolean sticky) {
    return "{\"id\":\""
        + id
        + "\",\"type\":\"normal\",\"display_title\":\"标题, \\\"引号\\\" 😀\",\"sticky\":"
        + sticky
        + "}";
  }

  private static String document(String notes) {
    return "{\"users\":[{\"user_id\":\""
        + USER
        + "\",\"nickname\":\"蓝无机\",\"notes\":["
        + notes
        + "]}]}";
  }

  private Path write(String json) throws IOException {
    Path file = Files.createTempFile(dir, "dataset", ".json");
    Files.writeString(file, json, UTF_8);
    return file;
  }

  private static Simulator simulator(SimDataset dataset) {
    return new Simulator(dataset, SimSigner.withDefaultSecret(), SimFaults.NONE, Clock.systemUTC());
  }
}
