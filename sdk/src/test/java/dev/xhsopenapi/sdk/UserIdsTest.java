package dev.xhsopenapi.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;

/** User ids from what people paste: ids, profile links, share text, and what is none of these. */
class UserIdsTest {
  private static final String ID = "5b0ed1a4e8ac2b5a8f2b6c1d";
  private static final String NOTE = "64533a53000000001203ef7d";

  @Provide
  Arbitrary<String> ids() {
    return Arbitraries.bytes().array(byte[].class).ofSize(12).map(b -> HexFormat.of().formatHex(b));
  }

  @Provide
  Arbitrary<String> blanks() {
    return Arbitraries.of(" ", "\t", "\n", "\r\n", "\u3000", "\u00A0", "\u200B", "\uFEFF", "")
        .list()
        .ofMaxSize(4)
        .map(l -> String.join("", l));
  }

  @Provide
  Arbitrary<String> hosts() {
    return Arbitraries.of(
        "https://www.xiaohongshu.com",
        "http://www.xiaohongshu.com",
        "https://xiaohongshu.com",
        "www.xiaohongshu.com",
        "xiaohongshu.com",
        "https://www.rednote.com",
        "rednote.com",
        "HTTPS://WWW.XIAOHONGSHU.COM");
  }

  @Provide
  Arbitrary<String> tails() {
    return Arbitraries.of(
        "",
        "/",
        "?xsec_token=ABbcDEf12345=&xsec_source=pc_note",
        "?xhsshare=CopyLink&appuid=5b0ed1a4e8ac2b5a8f2b6c1e&apptime=1700000000&share_id=abc",
        "#notes",
        "?a=1#frag",
        "/" + NOTE,
        "/" + NOTE + "?xsec_token=AB%3D%3D&xsec_source=pc_user");
  }

  @Property
  void theId_withAnyWhitespaceAround_isItself(
      @ForAll("ids") String id, @ForAll("blanks") String before, @ForAll("blanks") String after) {
    assertThat(UserIds.parse(before + id + after)).isEqualTo(id);
  }

  @Property
  void upperCaseHex_isLowerCased(@ForAll("ids") String id) {
    assertThat(UserIds.parse(id.toUpperCase(Locale.ROOT))).isEqualTo(id);
  }

  @Property
  void aProfileLink_onAnyHost_withAnyQueryFragmentOrNote_isItsUser(
      @ForAll("ids") String id,
      @ForAll("hosts") String host,
      @ForAll("tails") String tail,
      @ForAll("blanks") String around) {
    String link = host + "/user/profile/" + id + tail;

    assertThat(UserIds.parse(around + link + around)).isEqualTo(id);
  }

  @Property
  void shareText_withTheLinkInside_isTheLinksUser(@ForAll("ids") String id) {
    String text =
        "看看这个宝藏博主 https://www.xiaohongshu.com/user/profile/"
            + id
            + "?xhsshare=CopyLink&appuid=abc 复制本条信息，打开【小红书】App查看精彩内容！";

    assertThat(UserIds.parse(text)).isEqualTo(id);
  }

  @Property
  void digitsOnly_areARedId_namedAsSuch(@ForAll @IntRange(min = 5, max = 20) int length) {
    String redId = "9".repeat(length);

    InvalidUserIdException e =
        catchThrowableOfType(InvalidUserIdException.class, () -> UserIds.parse(" " + redId));

    assertThat(e.kind()).isEqualTo(InvalidUserIdException.Kind.RED_ID);
    assertThat(e.input()).isEqualTo(" " + redId);
    assertThat(e.getMessage())
        .contains("'" + redId + "'")
        .contains("小红书号")
        .contains("red id")
        .contains("Share → Copy link")
        .contains("24-character user id");
  }

  @Property
  void garbage_isRefused_namingWhatWasGiven(@ForAll @StringLength(min = 1, max = 30) String text) {
    String given = "no id " + text.replace("'", "");
    InvalidUserIdException e =
        catchThrowableOfType(InvalidUserIdException.class, () -> UserIds.parse(given));

    assertThat(e).isNotNull();
    assertThat(e).isInstanceOf(IllegalArgumentException.class);
    assertThat(e.getMessage()).isNotBlank();
  }

  @Example
  void examples_ofTheForms() {
    assertThat(UserIds.parse(ID)).isEqualTo(ID);
    assertThat(
            UserIds.parse(
                "https://www.xiaohongshu.com/user/profile/"
                    + ID
                    + "?xsec_token=ABx1y2Z3==&xsec_source=pc_note"))
        .isEqualTo(ID);
    assertThat(UserIds.parse("https://www.xiaohongshu.com/user/profile/" + ID + "/" + NOTE))
        .isEqualTo(ID);
    assertThat(UserIds.parse("xiaohongshu.com/user/profile/" + ID)).isEqualTo(ID);
    assertThat(UserIds.parse("https://www.rednote.com/user/profile/" + ID)).isEqualTo(ID);
    assertThat(UserIds.parse("\u3000\u3000" + ID + "\n")).isEqualTo(ID);
    assertThat(UserIds.parse("\"" + ID + "\"")).isEqualTo(ID);
    assertThat(UserIds.parse("<https://www.xiaohongshu.com/user/profile/" + ID + ">"))
        .isEqualTo(ID);
    // A link broken over two lines by the program it was copied from.
    assertThat(UserIds.parse("https://www.xiaohongshu.com/user/pro\nfile/" + ID)).isEqualTo(ID);
  }

  @Example
  void shortLinks_mustBeOpenedInABrowserFirst() {
    for (String link :
        List.of(
            "http://xhslink.com/a/AbCdEf123",
            "https://xhslink.com/m/9xYz",
            "xhslink.com/AbCd",
            "【小红书】快来看看 http://xhslink.com/a/AbCd 复制本条信息")) {
      InvalidUserIdException e =
          catchThrowableOfType(InvalidUserIdException.class, () -> UserIds.parse(link));

      assertThat(e.kind()).as(link).isEqualTo(InvalidUserIdException.Kind.SHORT_LINK);
      assertThat(e.getMessage())
          .contains("xhslink.com short link")
          .contains("open it in a browser first")
          .contains("profile link");
    }
  }

  @Example
  void linksToNotesOrOtherPages_sayWhatTheyAre() {
    InvalidUserIdException note =
        catchThrowableOfType(
            InvalidUserIdException.class,
            () -> UserIds.parse("https://www.xiaohongshu.com/explore/" + NOTE + "?xsec_token=x"));
    InvalidUserIdException item =
        catchThrowableOfType(
            InvalidUserIdException.class,
            () -> UserIds.parse("https://www.xiaohongshu.com/discovery/item/" + NOTE));
    InvalidUserIdException other =
        catchThrowableOfType(
            InvalidUserIdException.class, () -> UserIds.parse("https://www.xiaohongshu.com/"));

    assertThat(note.kind()).isEqualTo(InvalidUserIdException.Kind.NOT_A_PROFILE_LINK);
    assertThat(note.getMessage()).contains("link to a note, not to a profile");
    assertThat(item.getMessage()).contains("link to a note, not to a profile");
    assertThat(other.kind()).isEqualTo(InvalidUserIdException.Kind.NOT_A_PROFILE_LINK);
    assertThat(other.getMessage()).contains("not to a profile");
  }

  @Example
  void profileLinksWithoutAValidId_sayWhatIsThere() {
    InvalidUserIdException empty =
        catchThrowableOfType(
            InvalidUserIdException.class,
            () -> UserIds.parse("https://www.xiaohongshu.com/user/profile/?x=1"));
    InvalidUserIdException shortId =
        catchThrowableOfType(
            InvalidUserIdException.class,
            () -> UserIds.parse("https://www.xiaohongshu.com/user/profile/5b0ed1a4"));

    assertThat(empty.kind()).isEqualTo(InvalidUserIdException.Kind.BAD_PROFILE_LINK);
    assertThat(empty.getMessage()).contains("has nothing where the 24-character user id belongs");
    assertThat(shortId.kind()).isEqualTo(InvalidUserIdException.Kind.BAD_PROFILE_LINK);
    assertThat(shortId.getMessage()).contains("'5b0ed1a4'");
  }

  @Example
  void otherText_isUnrecognised_orEmpty() {
    for (String text :
        List.of(
            "not-a-user",
            ID + "0",
            ID.substring(1),
            "5b0ed1a4e8ac2b5a8f2b6c1g",
            "https://example.com/user/profile/" + ID,
            "https://notxiaohongshu.com.evil/user/profile/" + ID,
            "1234",
            "123456789012345678901",
            "user_id=" + ID)) {
      InvalidUserIdException e =
          catchThrowableOfType(InvalidUserIdException.class, () -> UserIds.parse(text));

      assertThat(e).as(text).isNotNull();
      assertThat(e.kind()).as(text).isEqualTo(InvalidUserIdException.Kind.UNRECOGNISED);
      assertThat(e.getMessage()).as(text).contains("'" + text + "' is not a Xiaohongshu user id");
    }
    InvalidUserIdException blank =
        catchThrowableOfType(InvalidUserIdException.class, () -> UserIds.parse(" \u3000\n"));
    assertThat(blank.kind()).isEqualTo(InvalidUserIdException.Kind.EMPTY);
    assertThat(blank.getMessage()).startsWith("no user id given");
    assertThatThrownBy(() -> UserIds.parse(null)).isInstanceOf(NullPointerException.class);
  }

  @Example
  void veryLongText_isRefusedWithoutBeingSearched() {
    String text = "https://www.xiaohongshu.com/user/profile/" + ID + "?" + "a".repeat(10_000);

    InvalidUserIdException e =
        catchThrowableOfType(InvalidUserIdException.class, () -> UserIds.parse(text));

    assertThat(e.kind()).isEqualTo(InvalidUserIdException.Kind.UNRECOGNISED);
    assertThat(e.getMessage()).contains("characters) is not a user id").contains("…");
  }
}
