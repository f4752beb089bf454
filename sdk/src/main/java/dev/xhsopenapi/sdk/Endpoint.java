package dev.xhsopenapi.sdk;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The data endpoints of the SpiderHubs Xiaohongshu catalogue the client calls (DESIGN §2a;
 * SOURCES-FACTS B.3): each one's operation id, path and query parameters, in one place. Every one
 * is a {@code GET} under {@value #PREFIX}, answered with the envelope {@code
 * {"code":200,"request_id":…,"data":<the source's body>}} and priced per call.
 */
public enum Endpoint {
  /** A user's posted notes, App series, paged by {@code cursor} (the seed's endpoint). */
  USER_NOTES("xhs-get-user-notes", "app/get_user_notes", List.of("user_id"), List.of("cursor")),
  /** A user's posted notes, web series, up to {@code num} (1–30, default 30) per page. */
  USER_NOTES_WEB(
      "xhs-user-notes-web-v3",
      "web_v3/fetch_user_notes",
      List.of("user_id"),
      List.of("cursor", "num")),
  /** One note in the App note-feed shape, {@code data:[{note_list:[…]}]}. */
  NOTE_INFO("xhs-get-note-info", "app/get_note_info", List.of("note_id"), List.of()),
  /** One note's web detail, {@code data.items[0].note_card}; needs the note's token. */
  NOTE_DETAIL_WEB(
      "xhs-note-detail-web-v3",
      "web_v3/fetch_note_detail",
      List.of("note_id", "xsec_token"),
      List.of()),
  /** Users found by name or red id, a page (1–100) at a time. */
  SEARCH_USERS(
      "xhs-search-users", "web_v2/fetch_search_users", List.of("keywords"), List.of("page")),
  /** A page of the web home feed, paged by {@code cursor_score}. */
  HOMEFEED(
      "xhs-homefeed-web-v3",
      "web_v3/fetch_homefeed",
      List.of(),
      List.of("num", "cursor_score", "category", "need_filter_image")),
  /** A page of the creator hot-inspiration feed, paged by {@code cursor} until {@code end_flag}. */
  HOT_INSPIRATION(
      "xhs-hot-inspiration",
      "app_v2/get_creator_hot_inspiration_feed",
      List.of(),
      List.of("cursor"));

  /** What every path starts with. */
  public static final String PREFIX = "/openapi/v1/contentcreator/xiaohongshu/";

  private final String opId;
  private final String path;

  // Lists made by List.of, which cannot change.
  @SuppressWarnings("ImmutableEnumChecker")
  private final List<String> required;

  @SuppressWarnings("ImmutableEnumChecker")
  private final List<String> optional;

  Endpoint(String opId, String relativePath, List<String> required, List<String> optional) {
    this.opId = opId;
    this.path = PREFIX + relativePath;
    this.required = required;
    this.optional = optional;
  }

  /**
   * The operation id SpiderHubs names the endpoint by.
   *
   * @return such as {@code xhs-get-user-notes}
   */
  public String opId() {
    return opId;
  }

  /**
   * The full path.
   *
   * @return such as {@code /openapi/v1/contentcreator/xiaohongshu/app/get_user_notes}
   */
  public String path() {
    return path;
  }

  /**
   * The query parameters a call must carry.
   *
   * @return their names, in the catalogue's order; empty when none is required
   */
  public List<String> required() {
    return required;
  }

  /**
   * Every query parameter the endpoint reads, required ones first.
   *
   * @return their names
   */
  public List<String> params() {
    return Stream.concat(required.stream(), optional.stream()).toList();
  }

  /**
   * The endpoint with an operation id.
   *
   * @param opId such as {@code xhs-search-users}; case and surrounding spaces are ignored
   * @return the endpoint, or empty when the catalogue has none by that id
   */
  public static Optional<Endpoint> byOpId(String opId) {
    String wanted = opId.strip().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(e -> e.opId.equals(wanted)).findFirst();
  }

  /**
   * Every operation id, in the catalogue's order, for messages that list them.
   *
   * @return such as {@code [xhs-get-user-notes, xhs-user-notes-web-v3, …]}
   */
  public static List<String> opIds() {
    return Arrays.stream(values()).map(Endpoint::opId).toList();
  }
}
