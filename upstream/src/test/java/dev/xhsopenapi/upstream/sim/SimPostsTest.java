package dev.xhsopenapi.upstream.sim;

import static dev.xhsopenapi.upstream.sim.CatalogueCases.tree;
import static dev.xhsopenapi.upstream.sim.Outcomes.response;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xhsopenapi.upstream.Operation;
import dev.xhsopenapi.upstream.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Users who post while the simulator runs: where the post shows, its id, reset and save. */
class SimPostsTest {
  private static final Instant NOW = Instant.parse("2026-11-30T08:00:00Z");
  private static final String NOBODY = "0123456789abcdef01234567";

  @TempDir Path dir;

  private final MutableClock clock = new MutableClock(NOW);
  private final SimDataset dataset = SimDataset.generate(1);
  private final Simulator simulator =
      new Simulator(dataset, SimSigner.withDefaultSecret(), SimFaults.NONE, 7, clock);
  private final SimUser creator = dataset.sampleUser().orElseThrow();

  @Test
  void post_isTheNewestNoteAfterThePins_inTheAppPages() {
    List<String> before = PageWalk.walk(simulator, creator.userId(), 10).getFirst().ids();

    JsonNode note = tree(simulator.post(creator.userId(), "新品试色").orElseThrow().getBytes(UTF_8));

    PageWalk.Page first = PageWalk.walk(simulator, creator.userId(), 10).getFirst();
    assertThat(creator.pinnedCount()).isEqualTo(2);
    assertThat(first.ids()).hasSize(10);
    assertThat(first.ids().subList(0, 2)).isEqualTo(before.subList(0, 2));
    assertThat(first.ids().get(2)).isEqualTo(note.path("id").asText());
    assertThat(first.sticky().get(2)).isFalse();
    assertThat(first.ids().subList(3, 10)).isEqualTo(before.subList(2, 9));
    assertThat(note.path("display_title").asText()).isEqualTo("新品试色");
    assertThat(note.path("sticky").asBoolean(true)).isFalse();
    assertThat(note.path("type").asText()).isIn("normal", "video");
    assertThat(note.path("user").path("userid").asText()).isEqualTo(creator.userId());
    assertThat(note.path("images_list")).isNotEmpty();
    assertThat(note.path("liked_count").isNumber()).isTrue();
    SimUser now = dataset.user(creator.userId()).orElseThrow();
    assertThat(now.notes()).hasSize(creator.notes().size() + 1);
    assertThat(dataset.noteCount()).isEqualTo(SimDataset.generate(1).noteCount() + 1);
  }

  @Test
  void post_withoutTitle_makesOneUp_andAWalkHoldsEveryNoteOnce() {
    JsonNode note = tree(simulator.post(creator.userId(), null).orElseThrow().getBytes(UTF_8));

    SimUser now = dataset.user(creator.userId()).orElseThrow();
    PageWalk.assertFaithful(now, PageWalk.walk(simulator, creator.userId(), 7), 7);
    assertThat(note.path("desc").asText()).isNotBlank();
    assertThat(note.path("display_title").isTextual()).isTrue();
  }

  @Test
  void postId_startsWithTheClocksSecond_andRisesEvenWithinOneSecond() {
    String hexNow = String.format("%08x", NOW.getEpochSecond());
    String newest = creator.notes().stream().map(SimNote::id).max(String::compareTo).orElseThrow();

    String first = id(simulator.post(creator.userId(), null).orElseThrow());
    String second = id(simulator.post(creator.userId(), null).orElseThrow());
    clock.advance(Duration.ofSeconds(1));
    String third = id(simulator.post(creator.userId(), null).orElseThrow());

    assertThat(List.of(first, second, third)).allMatch(SimProtocol::isId);
    assertThat(first).startsWith(hexNow).isGreaterThan(newest);
    assertThat(second).startsWith(hexNow).isGreaterThan(first);
    assertThat(third)
        .startsWith(String.format("%08x", NOW.getEpochSecond() + 1))
        .isGreaterThan(second);
    assertThat(PageWalk.walk(simulator, creator.userId(), 10).getFirst().ids().subList(2, 5))
        .containsExactly(third, second, first);
  }

  @Test
  void postId_withAClockBehindTheNewestNote_staysAboveIt() {
    MutableClock past = new MutableClock(Instant.parse("2019-01-01T00:00:00Z"));
    Simulator behind =
        new Simulator(dataset, SimSigner.withDefaultSecret(), SimFaults.NONE, 7, past);
    String newest = creator.notes().stream().map(SimNote::id).max(String::compareTo).orElseThrow();

    String id = id(behind.post(creator.userId(), null).orElseThrow());

    assertThat(id).startsWith(newest.substring(0, 8)).isGreaterThan(newest);
  }

  @Test
  void post_byAUserWithoutNotes_isItsOnlyNote() {
    SimUser empty =
        dataset.users().stream().filter(u -> u.notes().isEmpty()).findFirst().orElseThrow();

    String id = id(simulator.post(empty.userId(), null).orElseThrow());

    List<PageWalk.Page> pages = PageWalk.walk(simulator, empty.userId(), 10);
    assertThat(pages).hasSize(1);
    assertThat(pages.getFirst().ids()).containsExactly(id);
  }

  @Test
  void post_byAnUnknownOrMalformedUser_isEmpty_andChangesNothing() {
    int notes = dataset.noteCount();

    assertThat(simulator.post(NOBODY, "x")).isEmpty();
    assertThat(simulator.post("not-an-id", null)).isEmpty();
    assertThat(simulator.post(null, null)).isEmpty();
    assertThat(dataset.noteCount()).isEqualTo(notes);
  }

  @Test
  void post_isServedByTheWebSeries_andFoundByIdInNoteInfoAndDetail() {
    String id = id(simulator.post(creator.userId(), "网页也能看到").orElseThrow());

    JsonNode web =
        tree(
            response(
                    simulator.call(
                        Operation.USER_NOTES_WEB.request(
                            Map.of("user_id", creator.userId(), "num", "5"))))
                .body());
    JsonNode info =
        tree(response(simulator.call(Operation.NOTE_INFO.request(Map.of("note_id", id)))).body());
    JsonNode detail =
        tree(
            response(
                    simulator.call(
                        Operation.NOTE_DETAIL_WEB.request(
                            Map.of("note_id", id, "xsec_token", simulator.xsecToken(id)))))
                .body());

    List<String> webIds =
        StreamSupport.stream(web.path("data").path("notes").spliterator(), false)
            .map(n -> n.path("noteId").asText())
            .toList();
    assertThat(webIds.get(2)).isEqualTo(id);
    JsonNode infoNote = info.path("data").get(0).path("note_list").get(0);
    assertThat(infoNote.path("id").asText()).isEqualTo(id);
    assertThat(infoNote.path("title").asText()).isEqualTo("网页也能看到");
    assertThat(infoNote.path("time").asLong()).isEqualTo(NOW.getEpochSecond());
    JsonNode card = detail.path("data").path("items").get(0).path("noteCard");
    assertThat(card.path("noteId").asText()).isEqualTo(id);
    assertThat(card.path("user").path("userId").asText()).isEqualTo(creator.userId());
  }

  @Test
  void reset_forgetsThePosts() {
    List<String> before = PageWalk.walk(simulator, creator.userId(), 10).getFirst().ids();
    String id = id(simulator.post(creator.userId(), null).orElseThrow());

    simulator.reset();

    assertThat(PageWalk.walk(simulator, creator.userId(), 10).getFirst().ids()).isEqualTo(before);
    assertThat(dataset.user(creator.userId()).orElseThrow()).isEqualTo(creator);
    assertThat(
            tree(response(simulator.call(Operation.NOTE_INFO.request(Map.of("note_id", id))))
                    .body())
                .path("code")
                .asInt())
        .isEqualTo(SimProtocol.NOTE_NOT_FOUND_CODE);
    assertThat(simulator.post(creator.userId(), null)).isPresent();
  }

  @Test
  void save_writesThePosts_andALoadServesThemAsBefore() throws Exception {
    String json = simulator.post(creator.userId(), "存档").orElseThrow();
    Path file = dir.resolve("posted.json");

    dataset.save(file);
    SimDataset loaded = SimDataset.load(file);

    Simulator again =
        new Simulator(loaded, SimSigner.withDefaultSecret(), SimFaults.NONE, 7, clock);
    assertThat(loaded.noteCount()).isEqualTo(dataset.noteCount());
    assertThat(response(again.userPosted(creator.userId(), "", 10)).bodyText())
        .isEqualTo(response(simulator.userPosted(creator.userId(), "", 10)).bodyText())
        .contains(json);
  }

  @Test
  void postsToALoadedDataset_areMadeUpToo() throws Exception {
    Path file = dir.resolve("seed1.json");
    dataset.save(file);
    SimDataset loaded = SimDataset.load(file);

    Instant at = NOW.plusSeconds(60);
    SimNote note = loaded.post(creator.userId(), null, at).orElseThrow();

    assertThat(note.sticky()).isFalse();
    assertThat(note.id()).startsWith(String.format("%08x", at.getEpochSecond()));
    assertThat(loaded.user(creator.userId()).orElseThrow().notes()).contains(note);
  }

  @Test
  void generate_isUntouchedByPostsToAnotherDatasetOfTheSameSeed() {
    assertThat(simulator.post(creator.userId(), null)).isPresent();

    SimDataset fresh = SimDataset.generate(1);

    assertThat(fresh.users()).isEqualTo(SimDataset.generate(1).users());
    assertThat(fresh.user(creator.userId()).orElseThrow()).isEqualTo(creator);
  }

  private static String id(String noteJson) {
    return tree(noteJson.getBytes(UTF_8)).path("id").asText();
  }
}
