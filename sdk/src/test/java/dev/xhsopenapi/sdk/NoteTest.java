package dev.xhsopenapi.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xhsopenapi.sdk.internal.Json;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The typed view of a note over its raw JSON. */
class NoteTest {

  private static Note note(String json) throws Exception {
    return Note.of(Json.MAPPER.readTree(json));
  }

  @Test
  void imageNote_readsEveryField() throws Exception {
    Note n =
        note(
            """
            {"id":"64533a53000000001203ef7d","type":"normal","display_title":"宝宝衣服推荐",
             "sticky":true,"liked_count":"9.7万","view_count":35210,
             "user":{"userid":"5efdeba4000000000101e7e6","nickname":"蓝无机"},
             "images_list":[{"url":"http://a/540","url_size_large":"http://a/1080"}]}
            """);

    assertThat(n.id()).isEqualTo("64533a53000000001203ef7d");
    assertThat(n.type()).isEqualTo("normal");
    assertThat(n.title()).isEqualTo("宝宝衣服推荐");
    assertThat(n.likedCount()).hasValue(97_000);
    assertThat(n.pinned()).isTrue();
    assertThat(n.coverUrl()).contains("http://a/1080");
    assertThat(n.createdAt()).contains(Instant.ofEpochSecond(0x64533a53L));
    assertThat(n.authorId()).contains("5efdeba4000000000101e7e6");
    assertThat(n.authorNickname()).contains("蓝无机");
    assertThat(n.raw().get("view_count").asInt()).isEqualTo(35210);
  }

  @Test
  void videoNote_withoutTitleOrImages_fallsBackToTitleAndThumbnail() throws Exception {
    Note n =
        note(
            """
            {"id":"607578f6000000000102b606","type":"video","display_title":"","title":"一分钟",
             "sticky":false,"liked_count":88,
             "video_info_v2":{"image":{"thumbnail":"https://t/frame"}}}
            """);

    assertThat(n.title()).isEqualTo("一分钟");
    assertThat(n.pinned()).isFalse();
    assertThat(n.likedCount()).hasValue(88);
    assertThat(n.coverUrl()).contains("https://t/frame");
    assertThat(n.authorId()).isEmpty();
  }

  @Test
  void cover_prefersImagesThenCoverUrlThenDefault() throws Exception {
    assertThat(note("{\"id\":\"x\",\"images_list\":[{\"url\":\"u\"}]}").coverUrl()).contains("u");
    assertThat(note("{\"id\":\"x\",\"cover\":{\"url\":\"c\",\"url_default\":\"d\"}}").coverUrl())
        .contains("c");
    assertThat(note("{\"id\":\"x\",\"cover\":{\"url_default\":\"d\"}}").coverUrl()).contains("d");
    assertThat(note("{\"id\":\"x\"}").coverUrl()).isEmpty();
  }

  @Test
  void missingOrOddFields_readAsEmpty() throws Exception {
    Note n = note("{\"id\":\"zz\",\"liked_count\":\"很多\"}");

    assertThat(n.type()).isEmpty();
    assertThat(n.title()).isEmpty();
    assertThat(n.likedCount()).isEmpty();
    assertThat(n.createdAt()).isEmpty();
  }

  @Test
  void createdAt_isEmpty_whenTheIdCarriesNoTime() throws Exception {
    assertThat(note("{\"id\":\"000000000000000000000001\"}").createdAt()).isEmpty();
    assertThat(note("{\"id\":\"00000001000000000000abcd\"}").createdAt())
        .contains(Instant.ofEpochSecond(1));
  }

  @Test
  void raw_keepsDecimalsAndFieldOrderAsReceived() throws Exception {
    String json = "{\"id\":\"a\",\"z\":1,\"mos\":3.7160,\"a\":{\"b\":[1,2.50]}}";
    JsonNode raw = note(json).raw();

    assertThat(Json.MAPPER.writeValueAsString(raw)).isEqualTo(json);
  }

  @Test
  void of_rejectsAnObjectWithoutId() {
    assertThatThrownBy(() -> note("{\"type\":\"normal\"}"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
