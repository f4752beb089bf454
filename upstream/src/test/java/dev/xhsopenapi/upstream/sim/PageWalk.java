package dev.xhsopenapi.upstream.sim;

import static dev.xhsopenapi.upstream.sim.Outcomes.response;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Walks a user's notes page by page through the simulator core, as a client does. */
final class PageWalk {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What a client sees of one page. */
  record Page(String cursor, boolean hasMore, List<String> ids, List<Boolean> sticky) {}

  private PageWalk() {}

  /** Every page of the user, from the first to the one with {@code has_more:false}. */
  static List<Page> walk(Simulator simulator, String userId, int num) {
    List<Page> pages = new ArrayList<>();
    String cursor = "";
    while (pages.size() < 10_000) {
      SimResponse response = response(simulator.userPosted(userId, cursor, num));
      assertThat(response.status()).isEqualTo(200);
      Page page = parse(response.body());
      pages.add(page);
      if (!page.hasMore()) {
        return pages;
      }
      cursor = page.cursor();
    }
    return fail("the walk of " + userId + " did not end");
  }

  /** Reads a page body, checking the App wrapper on the way. */
  static Page parse(byte[] body) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertThat(root.path("code").asInt(-1)).isZero();
    assertThat(root.path("success").asBoolean()).isTrue();
    assertThat(root.path("msg").asText()).isEqualTo("成功");
    JsonNode data = root.path("data");
    List<String> ids = new ArrayList<>();
    List<Boolean> sticky = new ArrayList<>();
    for (JsonNode note : data.path("notes")) {
      ids.add(note.path("id").asText());
      sticky.add(note.path("sticky").asBoolean());
    }
    return new Page(data.path("cursor").asText(), data.path("has_more").asBoolean(), ids, sticky);
  }

  /**
   * Checks what a walk must show: every note of the user exactly once; the pinned ones first on
   * page 1, in pinned order, and never again; then strictly descending ids; full pages until the
   * last; {@code has_more} true exactly until the last page; each cursor the page's last id.
   */
  static void assertFaithful(SimUser user, List<Page> pages, int num) {
    List<String> pinned = user.notes().stream().filter(SimNote::sticky).map(SimNote::id).toList();
    Set<String> all = new HashSet<>(user.notes().stream().map(SimNote::id).toList());
    List<String> seen = new ArrayList<>();
    String previous = null;
    for (int p = 0; p < pages.size(); p++) {
      Page page = pages.get(p);
      boolean last = p == pages.size() - 1;
      assertThat(page.hasMore()).as("has_more of page %d", p + 1).isEqualTo(!last);
      assertThat(page.cursor())
          .as("cursor of page %d", p + 1)
          .isEqualTo(page.ids().isEmpty() ? "" : page.ids().getLast());
      int full = p == 0 ? Math.max(num, pinned.size()) : num;
      if (!last) {
        assertThat(page.ids()).as("page %d is full", p + 1).hasSize(full);
      } else {
        assertThat(page.ids().size()).as("last page %d", p + 1).isBetween(p == 0 ? 0 : 1, full);
      }
      for (int i = 0; i < page.ids().size(); i++) {
        String id = page.ids().get(i);
        boolean pin = p == 0 && i < pinned.size();
        assertThat(page.sticky().get(i)).as("sticky of %s", id).isEqualTo(pin);
        if (pin) {
          assertThat(id).isEqualTo(pinned.get(i));
        } else {
          assertThat(previous == null || id.compareTo(previous) < 0)
              .as("%s comes after %s, so it must be older", id, previous)
              .isTrue();
          previous = id;
        }
        seen.add(id);
      }
    }
    assertThat(seen).doesNotHaveDuplicates().hasSize(all.size());
    assertThat(new HashSet<>(seen)).isEqualTo(all);
  }
}
