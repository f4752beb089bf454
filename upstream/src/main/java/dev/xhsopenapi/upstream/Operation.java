package dev.xhsopenapi.upstream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * One operation of the SpiderHubs Xiaohongshu catalogue (DESIGN §2a), declared as data: its
 * SpiderHubs operation id, its path, its query parameters with their rules, which parameter carries
 * the paging cursor, what a definitive "not found" is about, and what makes a source's answer
 * usable. The public API serves one endpoint per operation (same path, same parameters), prices it
 * by its id ({@code prices.<id>}) and caches its answers by {@link UpstreamRequest}; a source
 * declares the operations it serves ({@link UpstreamProvider#operations()}) and the chain asks only
 * those.
 *
 * <p>Adding an endpoint is one constant here, listed in {@link #all()}, one branch in each source
 * that serves it, and its simulator data. Instances are immutable and compared by identity.
 */
public final class Operation {
  /** The path prefix of every SpiderHubs Xiaohongshu endpoint. */
  public static final String PATH_PREFIX = "/openapi/v1/contentcreator/xiaohongshu/";

  private static final Param USER_ID =
      new Param(
          "user_id",
          true,
          "",
          Param.matching(
              "user_id",
              Param.HEX24,
              "user_id must be a Xiaohongshu user id (24 lowercase hex characters)"),
          "the 24-hex-character id of a Xiaohongshu user",
          "5efdeba4000000000101e7e6");

  private static final Param NOTE_CURSOR =
      new Param(
          "cursor",
          false,
          "",
          Param.matching(
              "cursor",
              Param.HEX24,
              "cursor must be empty for the first page, or the 'cursor' value of the"
                  + " previous page (24 lowercase hex characters)"),
          "empty for the first page, else the 'cursor' value of the previous page",
          "64f1c2a3000000001f03b7a1");

  private static final Param NOTE_ID =
      new Param(
          "note_id",
          true,
          "",
          Param.matching(
              "note_id",
              Param.HEX24,
              "note_id must be a Xiaohongshu note id (24 lowercase hex characters)"),
          "the 24-hex-character id of a Xiaohongshu note",
          "64f1c2a3000000001f03b7a1");

  /**
   * {@code xhs-get-user-notes}: one page of a user's posted notes in the App series, pinned notes
   * first on the first page (DESIGN §2, the seed's endpoint). Paged by {@code cursor} (the last
   * note id of the previous page). The answer is the App API body, usable by {@link PageRule}.
   */
  public static final Operation USER_NOTES =
      new Operation(
          "xhs-get-user-notes",
          "app/get_user_notes",
          "A user's notes (App series), pinned notes first",
          List.of(USER_ID, NOTE_CURSOR),
          "cursor",
          Subject.USER,
          null,
          (request, body) -> PageRule.check(body, request.cursor()).map(PageRule::classified));

  /**
   * {@code xhs-user-notes-web-v3}: one page of a user's notes in the web series, up to {@code num}
   * (1–30, default 30) per page (DESIGN §2a; SOURCES-FACTS A.4, B.3). The notes come in the web
   * shape the source sends, camelCase ({@code noteId}, {@code hasMore}) or snake_case; paged by
   * {@code cursor}.
   */
  public static final Operation USER_NOTES_WEB =
      new Operation(
          "xhs-user-notes-web-v3",
          "web_v3/fetch_user_notes",
          "A user's notes (web series), up to 30 per page",
          List.of(
              USER_ID,
              NOTE_CURSOR,
              new Param(
                  "num", false, "30", Param.whole("num", 1, 30), "notes per page, 1 to 30", "30")),
          "cursor",
          Subject.USER,
          null,
          BodyRules.WEB_NOTES);

  /**
   * {@code xhs-get-note-info}: one note in the App note-feed shape, {@code data:[{note_list:[…]}]}
   * (DESIGN §2a; SOURCES-FACTS A.5, B.3). Not paged; kept 10 minutes in the cache.
   */
  public static final Operation NOTE_INFO =
      new Operation(
          "xhs-get-note-info",
          "app/get_note_info",
          "One note's detail (App note feed)",
          List.of(NOTE_ID),
          null,
          Subject.NOTE,
          Duration.ofMinutes(10),
          BodyRules.NOTE_FEED);

  /**
   * {@code xhs-note-detail-web-v3}: one note's web detail, {@code data.items[0].note_card}; it
   * needs the note's {@code xsec_token} from a list entry (DESIGN §2a; SOURCES-FACTS A.4, B.3,
   * D.2). Not paged; kept 10 minutes in the cache.
   */
  public static final Operation NOTE_DETAIL_WEB =
      new Operation(
          "xhs-note-detail-web-v3",
          "web_v3/fetch_note_detail",
          "One note's detail (web series), with its xsec_token",
          List.of(
              NOTE_ID,
              new Param(
                  "xsec_token",
                  true,
                  "",
                  Param.matching(
                      "xsec_token",
                      Pattern.compile("[A-Za-z0-9+/=_-]{1,256}"),
                      "xsec_token must be the note's token from its list entry: 1 to 256 of"
                          + " A-Z a-z 0-9 + / = _ -"),
                  "the note's xsec_token, from its entry in a notes list",
                  "ABkpTRlvE0AQX-JYpXq-xNnSgXq6f2GnkHh3bMOUKH6xw=")),
          null,
          Subject.NOTE,
          Duration.ofMinutes(10),
          BodyRules.NOTE_DETAIL);

  /**
   * {@code xhs-search-users}: users whose name or red id matches {@code keywords} (plural, as
   * SpiderHubs and TikHub name it), page by page (DESIGN §2a; SOURCES-FACTS A.4, B.3). Kept 30 s.
   */
  public static final Operation SEARCH_USERS =
      new Operation(
          "xhs-search-users",
          "web_v2/fetch_search_users",
          "Users found by name or red id, a page at a time",
          List.of(
              new Param(
                  "keywords",
                  true,
                  "",
                  Param.text("keywords", 1, 100),
                  "what to search for, 1 to 100 characters",
                  "露营"),
              new Param(
                  "page", false, "1", Param.whole("page", 1, 100), "the page, from 1 to 100", "1")),
          null,
          null,
          Duration.ofSeconds(30),
          BodyRules.USERS);

  /**
   * {@code xhs-homefeed-web-v3}: a page of the web home feed, {@code data.items} with the next
   * {@code cursor_score} (DESIGN §2a; SOURCES-FACTS A.4, B.3). Kept 10 s.
   */
  public static final Operation HOMEFEED =
      new Operation(
          "xhs-homefeed-web-v3",
          "web_v3/fetch_homefeed",
          "A page of the web home feed",
          List.of(
              new Param(
                  "num", false, "20", Param.whole("num", 1, 40), "notes per page, 1 to 40", "20"),
              new Param(
                  "cursor_score",
                  false,
                  "",
                  Param.matching(
                      "cursor_score",
                      Pattern.compile("[0-9A-Za-z.+-]{1,64}"),
                      "cursor_score must be empty for the first page, or the 'cursor_score' of the"
                          + " previous page"),
                  "empty for the first page, else the 'cursor_score' of the previous page",
                  "1.7364880829270022E9"),
              new Param(
                  "category",
                  false,
                  "homefeed_recommend",
                  Param.matching(
                      "category",
                      Pattern.compile("[A-Za-z0-9_.]{1,64}"),
                      "category must be a feed category such as homefeed_recommend"),
                  "the feed's category",
                  "homefeed_recommend"),
              new Param(
                  "need_filter_image",
                  false,
                  "false",
                  Param.bool("need_filter_image"),
                  "true for image notes only",
                  "false")),
          "cursor_score",
          null,
          Duration.ofSeconds(10),
          BodyRules.FEED);

  /**
   * {@code xhs-hot-inspiration}: a page of the creator hot-inspiration feed, paged by {@code
   * cursor} ("1", "2", …) until {@code end_flag} (DESIGN §2a; SOURCES-FACTS A.4, A.5, B.3). Kept 60
   * s.
   */
  public static final Operation HOT_INSPIRATION =
      new Operation(
          "xhs-hot-inspiration",
          "app_v2/get_creator_hot_inspiration_feed",
          "A page of the creator hot-inspiration feed",
          List.of(
              new Param(
                  "cursor",
                  false,
                  "",
                  Param.matching(
                      "cursor",
                      Pattern.compile("[0-9]{1,6}"),
                      "cursor must be empty for the first page, or the 'cursor' of the previous"
                          + " page (digits)"),
                  "empty for the first page, else the 'cursor' of the previous page",
                  "1")),
          "cursor",
          null,
          Duration.ofMinutes(1),
          BodyRules.HOT_INSPIRATION);

  private static final List<Operation> ALL =
      List.of(
          USER_NOTES,
          USER_NOTES_WEB,
          NOTE_INFO,
          NOTE_DETAIL_WEB,
          SEARCH_USERS,
          HOMEFEED,
          HOT_INSPIRATION);

  private final String id;
  private final String suffix;
  private final String summary;
  private final List<Param> params;
  private final String cursorParam;
  private final Subject subject;
  private final Duration cacheTtl;
  private final AnswerRule rule;

  private Operation(
      String id,
      String suffix,
      String summary,
      List<Param> params,
      String cursorParam,
      Subject subject,
      Duration cacheTtl,
      AnswerRule rule) {
    this.id = id;
    this.suffix = suffix;
    this.summary = summary;
    this.params = List.copyOf(params);
    this.cursorParam = cursorParam;
    this.subject = subject;
    this.cacheTtl = cacheTtl;
    this.rule = rule;
    if (cursorParam != null && index(cursorParam) < 0) {
      throw new IllegalArgumentException(id + " pages by " + cursorParam + ", not a parameter");
    }
    if (subject != null && index(subject.param()) < 0) {
      throw new IllegalArgumentException(id + " is about " + subject + " without its parameter");
    }
  }

  /** Every operation, in catalogue order. */
  public static List<Operation> all() {
    return ALL;
  }

  /** The operation with the given SpiderHubs operation id, if there is one. */
  public static Optional<Operation> byId(String id) {
    return ALL.stream().filter(o -> o.id.equals(id)).findFirst();
  }

  /**
   * What a definitive "not found" answer is about: the public API answers it 404 with the error
   * code of its subject.
   */
  public enum Subject {
    /** A Xiaohongshu user, named by {@code user_id}; answered 404 {@code user_not_found}. */
    USER("user", "user_id"),
    /** A Xiaohongshu note, named by {@code note_id}; answered 404 {@code note_not_found}. */
    NOTE("note", "note_id");

    private final String noun;
    private final String param;

    Subject(String noun, String param) {
      this.noun = noun;
      this.param = param;
    }

    /** The subject in words, e.g. {@code user}. */
    public String noun() {
      return noun;
    }

    /** The parameter that names the subject, e.g. {@code user_id}. */
    public String param() {
      return param;
    }
  }

  /** The SpiderHubs operation id, e.g. {@code xhs-get-user-notes}; also its price key. */
  public String id() {
    return id;
  }

  /**
   * The path after {@link #PATH_PREFIX}, {@code <series>/<op>}, e.g. {@code app/get_user_notes}:
   * the same on SpiderHubs and TikHub (after their own prefixes).
   */
  public String suffix() {
    return suffix;
  }

  /**
   * The SpiderHubs path, e.g. {@code /openapi/v1/contentcreator/xiaohongshu/app/get_user_notes}.
   */
  public String path() {
    return PATH_PREFIX + suffix;
  }

  /** One line saying what the operation returns, for documentation. */
  public String summary() {
    return summary;
  }

  /** The query parameters, in the order sources are asked with them. */
  public List<Param> params() {
    return params;
  }

  /** The parameter that carries the paging cursor, or empty when the operation does not page. */
  public Optional<String> cursorParam() {
    return Optional.ofNullable(cursorParam);
  }

  /**
   * What a definitive "not found" answer of this operation is about; empty for searches and feeds,
   * which have no subject to miss.
   */
  public Optional<Subject> subject() {
    return Optional.ofNullable(subject);
  }

  /**
   * How long an answer stays in the gateway's cache, when the operation says (details longer,
   * searches and feeds shorter); empty for the notes walks, which use {@code upstream.cache.ttl-s}.
   */
  public Optional<Duration> cacheTtl() {
    return Optional.ofNullable(cacheTtl);
  }

  /** What makes a source's answer usable. */
  public AnswerRule rule() {
    return rule;
  }

  /**
   * Reads and checks a request's parameters; parameters the operation does not have are ignored.
   *
   * @param given the value of each named parameter as given, or null when absent
   * @return the request, with each parameter in its canonical form
   * @throws InvalidParamException for the first parameter (in {@link #params()} order) that is
   *     required and absent, or malformed
   */
  public UpstreamRequest request(Function<String, String> given) {
    List<String> values = new ArrayList<>(params.size());
    for (Param param : params) {
      values.add(param.read(given.apply(param.name())));
    }
    return new UpstreamRequest(this, values);
  }

  /** {@link #request(Function)} over a map of the given values. */
  public UpstreamRequest request(Map<String, String> given) {
    return request(given::get);
  }

  /**
   * The parameter with this name.
   *
   * @throws IllegalArgumentException when the operation has no such parameter
   */
  public Param param(String name) {
    int at = index(name);
    if (at < 0) {
      throw new IllegalArgumentException(id + " has no parameter " + name);
    }
    return params.get(at);
  }

  /** The position of a parameter in {@link #params()}, or -1. */
  int index(String param) {
    for (int i = 0; i < params.size(); i++) {
      if (params.get(i).name().equals(param)) {
        return i;
      }
    }
    return -1;
  }

  /** The operation id. */
  @Override
  public String toString() {
    return id;
  }
}
