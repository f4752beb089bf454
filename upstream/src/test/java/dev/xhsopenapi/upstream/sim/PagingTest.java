package dev.xhsopenapi.upstream.sim;

import static dev.xhsopenapi.upstream.sim.Outcomes.response;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Paging through the core, page by page, as XHS-PROTOCOL.md describes it. */
class PagingTest {
  private static final SimDataset DATASET = SimDataset.generate(1);
  private static final Simulator SIMULATOR =
      new Simulator(DATASET, SimSigner.withDefaultSecret(), SimFaults.NONE, Clock.systemUTC());

  @Test
  void walk_overEveryUserOfTheDataset_showsEachNoteOncePinnedFirstThenNewestFirst() {
    for (SimUser user : DATASET.users()) {
      PageWalk.assertFaithful(user, PageWalk.walk(SIMULATOR, user.userId(), 10), 10);
    }
  }

  @Test
  void page_whenCursorIsLastNoteOfPage_continuesWithOlderNotes() {
    SimUser user = withNotes(200);
    PageWalk.Page first = page(user, "", 10);

    PageWalk.Page second = page(user, first.cursor(), 10);

    assertThat(first.cursor()).isEqualTo(first.ids().getLast());
    assertThat(second.ids()).hasSize(10).doesNotContainAnyElementsOf(first.ids());
    assertThat(second.ids()).allMatch(id -> id.compareTo(first.cursor()) < 0);
    assertThat(second.sticky()).containsOnly(false);
  }

  @Test
  void page_forUserWhoseNotesFillTwoPages_endsWithHasMoreFalseOnTheSecondFullPage() {
    SimUser user = withNotes(20);

    List<PageWalk.Page> pages = PageWalk.walk(SIMULATOR, user.userId(), 10);

    assertThat(pages).hasSize(2);
    assertThat(pages.get(0).ids()).hasSize(10);
    assertThat(pages.get(0).sticky().getFirst()).isTrue();
    assertThat(pages.get(0).hasMore()).isTrue();
    assertThat(pages.get(1).ids()).hasSize(10);
    assertThat(pages.get(1).hasMore()).isFalse();
  }

  @Test
  void page_forUserWithoutNotes_isEmptyWithoutMore() {
    String body = response(SIMULATOR.userPosted(withNotes(0).userId(), "", 10)).bodyText();

    assertThat(body)
        .isEqualTo(
            "{\"code\":0,\"success\":true,\"msg\":\"成功\",\"data\":"
                + "{\"cursor\":\"\",\"has_more\":false,\"notes\":[]}}");
  }

  @Test
  void page_forUsersAroundOnePage_endsWhereTheNotesEnd() {
    assertThat(PageWalk.walk(SIMULATOR, withNotes(1).userId(), 10)).hasSize(1);
    assertThat(PageWalk.walk(SIMULATOR, withNotes(9).userId(), 10)).hasSize(1);
    assertThat(PageWalk.walk(SIMULATOR, withNotes(10).userId(), 10)).hasSize(1);
    List<PageWalk.Page> eleven = PageWalk.walk(SIMULATOR, withNotes(11).userId(), 10);
    assertThat(eleven).hasSize(2);
    assertThat(eleven.get(1).ids()).hasSize(1);
  }

  @Test
  void page_withOutOfRangeNum_isClampedToOneAndTwenty() {
    SimUser user = withNotes(1000);

    assertThat(page(user, "", 0).ids()).hasSize(1);
    assertThat(page(user, "", -5).ids()).hasSize(1);
    assertThat(page(user, "", 500).ids()).hasSize(20);
  }

  @Test
  void page_whenFewerSlotsThanPins_keepsEveryPinOnPageOneAndLosesNoNote() {
    SimUser user = withNotes(200);

    List<PageWalk.Page> pages = PageWalk.walk(SIMULATOR, user.userId(), 2);

    assertThat(pages.get(0).ids()).hasSize(3);
    assertThat(pages.get(0).sticky()).containsOnly(true);
    PageWalk.assertFaithful(user, pages, 2);
  }

  @Test
  void page_bodyIsTheAppWrapperInUtf8WithKeysInFixedOrder() {
    String body = response(SIMULATOR.userPosted(withNotes(57).userId(), "", 10)).bodyText();

    assertThat(body)
        .startsWith("{\"code\":0,\"success\":true,\"msg\":\"成功\",\"data\":{\"cursor\":\"");
    assertThat(body.indexOf("\"has_more\"")).isLessThan(body.indexOf("\"notes\""));
    assertThat(body).as("Chinese and emoji as UTF-8, not escapes").doesNotContain("\\u");
  }

  @Test
  void page_forWellFormedUnknownUser_answersUserNotFound() {
    SimResponse response = response(SIMULATOR.userPosted("0123456789abcdef01234567", "", 10));

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.bodyText())
        .isEqualTo("{\"code\":-10000,\"success\":false,\"msg\":\"用户不存在\",\"data\":{}}");
  }

  @Test
  void page_withMalformedUserIdOrCursor_answers400() {
    String bad = "{\"code\":-1,\"success\":false,\"msg\":\"参数错误\"}";
    String user = withNotes(57).userId();

    assertThat(response(SIMULATOR.userPosted("abc", "", 10)).status()).isEqualTo(400);
    assertThat(response(SIMULATOR.userPosted(user.toUpperCase(Locale.ROOT), "", 10)).bodyText())
        .isEqualTo(bad);
    assertThat(response(SIMULATOR.userPosted(user, "not-a-note-id", 10)).bodyText()).isEqualTo(bad);
  }

  private static PageWalk.Page page(SimUser user, String cursor, int num) {
    return PageWalk.parse(response(SIMULATOR.userPosted(user.userId(), cursor, num)).body());
  }

  private static SimUser withNotes(int count) {
    return DATASET.users().stream()
        .filter(u -> u.notes().size() == count)
        .findFirst()
        .orElseThrow();
  }
}
