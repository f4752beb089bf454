package dev.xhsopenapi.upstream.sim;

import static dev.xhsopenapi.upstream.sim.Outcomes.response;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Generated datasets: deterministic, shaped as promised, realistic and bounded. */
class SimDatasetTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SimDataset SEED_1 = SimDataset.generate(1);

  @Test
  void generate_withSameSeed_givesByteIdenticalPages() {
    Simulator first = simulator(SimDataset.generate(7));
    Simulator second = simulator(SimDataset.generate(7));
    for (SimUser user : first.dataset().users()) {
      String cursor = "";
      boolean more = true;
      while (more) {
        byte[] a = response(first.userPosted(user.userId(), cursor, 10)).body();
        byte[] b = response(second.userPosted(user.userId(), cursor, 10)).body();
        assertThat(a).isEqualTo(b);
        PageWalk.Page page = PageWalk.parse(a);
        cursor = page.cursor();
        more = page.hasMore();
      }
    }
  }

  @Test
  void generate_withDifferentSeeds_givesDifferentUsersAndNotes() {
    SimDataset other = SimDataset.generate(2);

    assertThat(ids(other)).doesNotContainAnyElementsOf(ids(SEED_1));
    assertThat(other.users().stream().map(SimUser::nickname).toList())
        .isNotEqualTo(SEED_1.users().stream().map(SimUser::nickname).toList());
  }

  @Test
  void generate_startsWithTheFixedUsersThenThirtyRandomOnes() {
    List<SimUser> users = SEED_1.users();

    assertThat(users).hasSize(40);
    assertThat(users.subList(0, 10).stream().map(u -> u.notes().size()))
        .containsExactly(57, 0, 20, 1, 9, 10, 11, 200, 300, 1000);
    assertThat(users.subList(0, 10).stream().map(SimUser::pinnedCount))
        .containsExactly(2, 0, 1, 0, 0, 0, 0, 3, 0, 0);
    for (SimUser user : users.subList(10, 40)) {
      assertThat(user.notes().size()).isBetween(0, 400);
      assertThat(user.pinnedCount()).isBetween(0, Math.min(3, user.notes().size()));
    }
    assertThat(SEED_1.sampleUser()).contains(users.get(0));
  }

  @Test
  void generate_withSeedOne_givesTheSameUsersOnEveryMachine() {
    // Docs and demos quote these ids; a change here means the generator changed.
    assertThat(SEED_1.users().subList(0, 10).stream().map(SimUser::userId))
        .containsExactly(
            "6587d26000000001658eec67",
            "5c9b7ac20000000158b70fe2",
            "613203420000000385ec9c9a",
            "5df8fee200000000c76a02ae",
            "5ce9d6ae00000000455fe5ee",
            "5fc8326b00000000a4cb1322",
            "62ef681a0000000082c60e6e",
            "5fe4966900000001bb5ae8b4",
            "611f9e7800000002542ec9fb",
            "5c6a662000000001ddf978da");
    assertThat(SEED_1.noteCount()).isEqualTo(7794);
  }

  @Test
  void generate_makesUniqueIdsWhoseTimeFollowsRegistration() {
    long first = DatasetGenerator.FIRST_SECOND;
    long last = DatasetGenerator.LAST_SECOND;
    Set<String> ids = new HashSet<>();
    for (SimUser user : SEED_1.users()) {
      assertThat(user.userId()).matches("[0-9a-f]{24}");
      assertThat(ids.add(user.userId())).isTrue();
      long registered = seconds(user.userId());
      assertThat(registered).isBetween(first, last);
      for (SimNote note : user.notes()) {
        assertThat(note.id()).matches("[0-9a-f]{24}");
        assertThat(ids.add(note.id())).as("%s is unique", note.id()).isTrue();
        assertThat(seconds(note.id())).isGreaterThan(registered).isLessThanOrEqualTo(last);
      }
    }
  }

  @Test
  void generate_writesRealisticBoundedNotes() throws Exception {
    List<JsonNode> notes = new ArrayList<>();
    long bytes = 0;
    for (SimUser user : SEED_1.users().subList(0, 10)) {
      for (SimNote note : user.notes()) {
        byte[] json = SimJson.write(2048, g -> SimBodies.writeNote(g, user, note));
        assertThat(json.length).as("size of %s", note.id()).isBetween(500, 4096);
        bytes += json.length;
        notes.add(JSON.readTree(json));
      }
    }
    assertThat(bytes / notes.size()).as("average note size").isBetween(1000L, 2200L);

    List<JsonNode> videos =
        notes.stream().filter(n -> n.path("type").asText().equals("video")).toList();
    assertThat((double) videos.size() / notes.size()).isBetween(0.2, 0.4);
    assertThat(videos).anyMatch(n -> n.path("display_title").asText().isEmpty());
    assertThat(videos)
        .allMatch(n -> n.path("video_info").path("adaptive_streaming_url_set").size() > 0)
        .allMatch(n -> n.path("video_info_v2").path("media").path("video").has("biz_id"))
        .allMatch(n -> n.path("images_list").size() == 1);
    List<String> titles = notes.stream().map(n -> n.path("display_title").asText()).toList();
    assertThat(titles).anyMatch(t -> t.contains(",")).anyMatch(t -> t.contains("\""));
    assertThat(titles).anyMatch(t -> t.codePoints().anyMatch(Character::isSupplementaryCodePoint));
    assertThat(notes)
        .allMatch(n -> n.path("liked_count").isIntegralNumber())
        .allMatch(n -> n.path("liked_count").asLong() <= 200_000)
        .allMatch(n -> n.path("images_list").size() >= 1 && n.path("images_list").size() <= 9)
        .allMatch(n -> n.path("images_list").get(0).path("url").asText().contains(".xhscdn.com/"))
        .allMatch(n -> n.path("user").path("userid").asText().matches("[0-9a-f]{24}"));
  }

  private static Simulator simulator(SimDataset dataset) {
    return new Simulator(dataset, SimSigner.withDefaultSecret(), SimFaults.NONE, Clock.systemUTC());
  }

  private static Set<String> ids(SimDataset dataset) {
    Set<String> ids = new HashSet<>();
    for (SimUser user : dataset.users()) {
      ids.add(user.userId());
      user.notes().forEach(note -> ids.add(note.id()));
    }
    return ids;
  }

  private static long seconds(String id) {
    return HexFormat.fromHexDigits(id, 0, 8);
  }
}
