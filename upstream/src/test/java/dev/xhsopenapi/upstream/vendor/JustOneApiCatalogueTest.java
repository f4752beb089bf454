package dev.xhsopenapi.upstream.vendor;

import static dev.xhsopenapi.upstream.UpstreamException.Kind.UNUSABLE;
import static dev.xhsopenapi.upstream.vendor.JustOneApiProviderTest.envelope;
import static dev.xhsopenapi.upstream.vendor.VendorFixture.KEY;
import static dev.xhsopenapi.upstream.vendor.VendorFixture.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.xhsopenapi.upstream.Operation;
import dev.xhsopenapi.upstream.UpstreamAnswer;
import dev.xhsopenapi.upstream.UpstreamException;
import dev.xhsopenapi.upstream.UpstreamRequest;
import java.util.Map;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The JustOneAPI equivalents of the note detail and the user search [C.4, C.5]. */
class JustOneApiCatalogueTest {
  private static final String NOTE = "6650a1b2000000001e00abcd";
  private static final String WRAPPER = "{\"code\":0,\"success\":true,\"msg\":\"成功\",\"data\":";

  /** The detail v1 data [C.5]: the App note feed array. */
  private static final String FEED =
      "[{\"comment_list\":[],\"model_type\":\"note\",\"note_list\":[{\"id\":\""
          + NOTE
          + "\",\"title\":\"周末露营\",\"liked_count\":12}],\"track_id\":\"\",\"user\":{}}]";

  /** The search v2 data [C.5]: filters and users, no has_more. */
  private static final String USERS =
      "{\"filters\":[],\"users\":[{\"id\":\"5f00c0ffee000000010abc12\",\"name\":\"测试用户小鹿\","
          + "\"red_id\":\"26000000001\",\"desc\":\"小红书号：26000000001\"}]}";

  private VendorFixture vendor;
  private VendorProvider provider;

  @BeforeEach
  void start() throws Exception {
    vendor = new VendorFixture(VendorKind.JUSTONEAPI);
    provider = vendor.provider(Map.of());
  }

  @AfterEach
  void stop() {
    provider.close();
    vendor.close();
  }

  private static UpstreamRequest noteInfo(String noteId) {
    return Operation.NOTE_INFO.request(Map.of("note_id", noteId));
  }

  private static UpstreamRequest search(String keywords, String page) {
    return Operation.SEARCH_USERS.request(Map.of("keywords", keywords, "page", page));
  }

  @Test
  void noteInfo_asksDetailV1WithNoteId() throws Exception {
    vendor.answer(200, envelope("0", FEED));

    provider.fetch(noteInfo(NOTE), VendorFixture.call());

    assertThat(vendor.request().getTarget())
        .isEqualTo("/api/xiaohongshu/get-note-detail/v1?token=" + KEY + "&noteId=" + NOTE);
  }

  @Test
  void noteInfo_ok_isTheFeedArrayInTheAppWrapper_usableByTheRule_andBilled() throws Exception {
    vendor.answer(200, envelope("0", FEED));

    UpstreamAnswer answer = provider.fetch(noteInfo(NOTE), VendorFixture.call());

    assertThat(text(answer)).isEqualTo(WRAPPER + FEED + "}");
    byte[] body = ((UpstreamAnswer.Data) answer).body();
    assertThat(Operation.NOTE_INFO.rule().refusal(noteInfo(NOTE), body)).isEmpty();
    assertThat(vendor.billed).hasSize(1);
  }

  @Test
  void noteInfo_doesNotExist_isNotFound_andBilled() throws Exception {
    vendor.answer(200, JustOneApiProviderTest.failure(201, "No Content Available"));

    UpstreamAnswer answer = provider.fetch(noteInfo(NOTE), VendorFixture.call());

    assertThat(answer).isInstanceOf(UpstreamAnswer.NotFound.class);
    assertThat(vendor.billed).hasSize(1);
  }

  @Test
  void noteInfo_withEmptyData_isUnusable_andNotBilled() {
    vendor.answer(200, envelope("0", "[]"));

    assertThatThrownBy(() -> provider.fetch(noteInfo(NOTE), VendorFixture.call()))
        .isInstanceOfSatisfying(
            UpstreamException.class, e -> assertThat(e.kind()).isEqualTo(UNUSABLE));
    assertThat(vendor.billed).isEmpty();
  }

  @Test
  void noteInfo_withAFeedWithoutNotes_isRefusedByTheRule() throws Exception {
    String noNotes = "[{\"note_list\":[],\"model_type\":\"note\"}]";
    vendor.answer(200, envelope("0", noNotes));

    UpstreamAnswer answer = provider.fetch(noteInfo(NOTE), VendorFixture.call());

    assertThat(
            Operation.NOTE_INFO
                .rule()
                .refusal(noteInfo(NOTE), ((UpstreamAnswer.Data) answer).body()))
        .hasValueSatisfying(r -> assertThat(r.failureClass()).isEqualTo("soft_block"));
  }

  @Test
  void searchUsers_asksSearchUserV2WithTheSingularKeywordAndThePage() throws Exception {
    vendor.answer(200, envelope("0", USERS));

    provider.fetch(search("露营 girl", "2"), VendorFixture.call());

    RecordedRequest request = vendor.request();
    assertThat(request.getUrl().queryParameter("keyword")).isEqualTo("露营 girl");
    assertThat(request.getUrl().queryParameter("keywords")).isNull();
    assertThat(request.getUrl().queryParameter("page")).isEqualTo("2");
    assertThat(request.getTarget()).startsWith("/api/xiaohongshu/search-user/v2?token=");
  }

  @Test
  void searchUsers_sendsTokenKeywordAndPageInThatOrder() throws Exception {
    vendor.answer(200, envelope("0", USERS));

    provider.fetch(search("abc", "3"), VendorFixture.call());

    assertThat(vendor.request().getTarget())
        .isEqualTo("/api/xiaohongshu/search-user/v2?token=" + KEY + "&keyword=abc&page=3");
  }

  @Test
  void searchUsers_ok_isTheDataInTheAppWrapper_withNothingAdded_usableByTheRule() throws Exception {
    vendor.answer(200, envelope("0", USERS));

    UpstreamAnswer answer = provider.fetch(search("小鹿", "1"), VendorFixture.call());

    assertThat(text(answer)).isEqualTo(WRAPPER + USERS + "}");
    assertThat(
            Operation.SEARCH_USERS
                .rule()
                .refusal(search("小鹿", "1"), ((UpstreamAnswer.Data) answer).body()))
        .isEmpty();
    assertThat(vendor.billed).hasSize(1);
  }

  @Test
  void searchUsers_withoutAUsersArray_isRefusedByTheRule() throws Exception {
    vendor.answer(200, envelope("0", "{\"filters\":[]}"));

    UpstreamAnswer answer = provider.fetch(search("小鹿", "1"), VendorFixture.call());

    assertThat(
            Operation.SEARCH_USERS
                .rule()
                .refusal(search("小鹿", "1"), ((UpstreamAnswer.Data) answer).body()))
        .hasValueSatisfying(r -> assertThat(r.failureClass()).isEqualTo("soft_block"));
  }

  @Test
  void operationsWithoutAnEquivalent_areRefusedWithoutACall() {
    UpstreamRequest feed = Operation.HOMEFEED.request(Map.of());

    assertThatThrownBy(() -> provider.fetch(feed, VendorFixture.call()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("does not serve xhs-homefeed-web-v3");
    assertThat(vendor.server.getRequestCount()).isZero();
  }
}
