package dev.xhsopenapi.sdk;

import dev.xhsopenapi.sdk.internal.Transport;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A client of the xhs-openapi gateway, or of any SpiderHubs-compatible OpenAPI. Immutable and safe
 * to share between threads; build it once with {@link #builder()} and reuse it, since all its calls
 * share one connection pool and one pacing of the account's rate limit.
 *
 * <p>Every call retries network failures and 5xx answers with exponential backoff and full jitter,
 * waits out a 429 as its {@code Retry-After} says, and paces itself from the rate-limit headers so
 * that a long walk does not meet a 429 in the first place. Failures arrive as subclasses of {@link
 * XhsOpenApiException}.
 */
public final class XhsOpenApiClient implements AutoCloseable {
  static final String NOTES_PATH = Endpoint.USER_NOTES.path();

  /** Notes per page of the web series when not said otherwise: its maximum (DESIGN §2a). */
  public static final int WEB_PAGE_SIZE = 30;

  static final String ACCOUNT_PATH = "/openapi/v1/account";

  static final String USAGE_PATH = "/openapi/v1/usage";

  private final String baseUrl;
  private final Duration connectTimeout;
  private final Duration readTimeout;
  private final RetryPolicy retryPolicy;
  private final int maxEmptyPages;
  private final Transport transport;
  private final Caller caller;
  private final Watches watches;

  private XhsOpenApiClient(Builder b) {
    this.baseUrl = b.baseUrl;
    this.connectTimeout = b.connectTimeout;
    this.readTimeout = b.readTimeout;
    this.retryPolicy = b.retryPolicy;
    this.maxEmptyPages = b.maxEmptyPages;
    this.transport =
        new Transport(
            b.baseUrl,
            b.apiKey,
            b.connectTimeout,
            b.readTimeout,
            b.retryPolicy,
            b.clock,
            b.sleeper,
            b.eventListener);
    this.caller = new Caller(transport, b.baseUrl, b.retryPolicy, b.maxEmptyPages);
    this.watches = new Watches(caller);
  }

  /**
   * Starts building a client.
   *
   * @return a builder with the defaults: 10 s to connect, 30 s to answer, {@link
   *     RetryPolicy#DEFAULT}, 3 empty pages in a row at most, the system clock
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The gateway's base URL, without a trailing slash.
   *
   * @return such as {@code http://127.0.0.1:8080}
   */
  public String baseUrl() {
    return baseUrl;
  }

  /**
   * How long to wait for a connection.
   *
   * @return the connect timeout
   */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /**
   * How long to wait for an answer once the request is sent.
   *
   * @return the read timeout
   */
  public Duration readTimeout() {
    return readTimeout;
  }

  /**
   * How calls are retried.
   *
   * @return the retry policy
   */
  public RetryPolicy retryPolicy() {
    return retryPolicy;
  }

  /**
   * How many pages in a row a walk accepts with no notes while {@code has_more} stays true.
   *
   * @return 1 or more
   */
  public int maxEmptyPages() {
    return maxEmptyPages;
  }

  /**
   * Fetches one page of the notes a user posted ({@code GET
   * /openapi/v1/contentcreator/xiaohongshu/app/get_user_notes}). Each page answered costs the
   * endpoint's price in credits; failures cost nothing.
   *
   * @param userId the Xiaohongshu user id, 24 hex characters
   * @param cursor empty (or null) for page 1, else the {@link NotesPage#cursor()} of the previous
   *     page
   * @return the page
   * @throws BadRequestException when {@code userId} or {@code cursor} is malformed
   * @throws AuthenticationException when the key is unknown or revoked
   * @throws InsufficientCreditsException when the balance is below the price
   * @throws ForbiddenException when the key expired or the account is suspended
   * @throws NotFoundException when Xiaohongshu has no such user
   * @throws RateLimitedException when the window stayed full through every retry
   * @throws ServerException when the gateway or its upstream failed through every retry
   * @throws NetworkException when no answer came, or the thread was interrupted
   */
  public NotesPage page(String userId, String cursor) {
    Objects.requireNonNull(userId, "userId");
    Map<String, String> query = new LinkedHashMap<>();
    query.put("user_id", userId);
    query.put("cursor", cursor == null ? "" : cursor);
    return Answers.page(userId, caller.get(NOTES_PATH, query));
  }

  /**
   * Walks the pages of a user's notes from page 1, lazily: each page is fetched when the stream
   * reaches it. The walk ends after the page that says {@code has_more:false}. When a page says
   * more follow but the walk cannot advance, the stream still yields that page, then throws {@link
   * IncompleteWalkException}: the page's cursor was already asked with in this walk, it has no
   * cursor, or it is the {@link Builder#maxEmptyPages(int)}th page in a row without notes. Failures
   * of calls are thrown from the stream's terminal operation as the other subclasses of {@link
   * XhsOpenApiException}.
   *
   * @param userId the Xiaohongshu user id
   * @return a sequential stream of pages
   */
  public Stream<NotesPage> pages(String userId) {
    return pages(userId, "");
  }

  /**
   * Walks the pages of a user's notes that follow {@code cursor}, lazily, as {@link #pages(String)}
   * does; use it to continue a walk that stopped, such as from {@link
   * IncompleteWalkException#cursor()}.
   *
   * @param userId the Xiaohongshu user id
   * @param cursor the {@link NotesPage#cursor()} of the last page already had, or empty for page 1
   * @return a sequential stream of pages
   */
  public Stream<NotesPage> pages(String userId, String cursor) {
    Objects.requireNonNull(userId, "userId");
    return PageWalk.stream(
        PageWalk.notes(userId, c -> page(userId, c), cursor == null ? "" : cursor, maxEmptyPages));
  }

  /**
   * Every note a user posted, lazily, page after page, each note once (by id), pinned ones first.
   *
   * <pre>{@code
   * try (Stream<Note> notes = client.notes("5efdeba4000000000101e7e6")) {
   *   notes.limit(100).forEach(n -> System.out.println(n.id() + " " + n.title()));
   * }
   * }</pre>
   *
   * <p>The stream ends, or throws {@link IncompleteWalkException} after the notes of the page that
   * could not be followed, as {@link #pages(String)} says.
   *
   * @param userId the Xiaohongshu user id
   * @return a sequential stream of notes; pages are fetched as it is consumed
   */
  public Stream<Note> notes(String userId) {
    Set<String> seen = new HashSet<>();
    return pages(userId).flatMap(page -> page.notes().stream()).filter(n -> seen.add(n.id()));
  }

  /**
   * Fetches one page of the notes a user posted, web series ({@code GET …/web_v3/fetch_user_notes},
   * {@link Endpoint#USER_NOTES_WEB}). The notes come in the web shape, camelCase or snake_case as
   * the source sends it; {@link Note} reads both (SOURCES-FACTS A.5, §D.1). Each page answered
   * costs the endpoint's price.
   *
   * @param userId the Xiaohongshu user id, 24 hex characters
   * @param cursor empty (or null) for page 1, else the {@link NotesPage#cursor()} of the previous
   *     page
   * @param num notes per page, 1 to 30
   * @return the page; its {@code hasMore} is read from {@code has_more} or {@code hasMore}
   * @throws IllegalArgumentException when {@code num} is outside 1–30
   * @throws XhsOpenApiException as {@link #page(String, String)} says
   */
  public NotesPage webPage(String userId, String cursor, int num) {
    Objects.requireNonNull(userId, "userId");
    if (num < 1 || num > WEB_PAGE_SIZE) {
      throw new IllegalArgumentException("num must be 1 to " + WEB_PAGE_SIZE + ", got " + num);
    }
    Map<String, String> query = new LinkedHashMap<>();
    query.put("user_id", userId);
    query.put("cursor", cursor == null ? "" : cursor);
    query.put("num", Integer.toString(num));
    return Answers.page(userId, caller.get(Endpoint.USER_NOTES_WEB.path(), query));
  }

  /**
   * Walks the web-series pages of a user's notes that follow {@code cursor}, lazily, with the rules
   * of {@link #pages(String)}: it ends after the page that says no more follow and throws {@link
   * IncompleteWalkException} after a page that cannot be followed.
   *
   * @param userId the Xiaohongshu user id
   * @param cursor the cursor of the last page already had, or empty for page 1
   * @param num notes per page, 1 to 30
   * @return a sequential stream of pages
   */
  public Stream<NotesPage> webPages(String userId, String cursor, int num) {
    Objects.requireNonNull(userId, "userId");
    if (num < 1 || num > WEB_PAGE_SIZE) {
      throw new IllegalArgumentException("num must be 1 to " + WEB_PAGE_SIZE + ", got " + num);
    }
    return PageWalk.stream(
        PageWalk.notes(
            userId, c -> webPage(userId, c, num), cursor == null ? "" : cursor, maxEmptyPages));
  }

  /**
   * Every note a user posted, web series, {@value #WEB_PAGE_SIZE} per page, lazily, each note once.
   *
   * @param userId the Xiaohongshu user id
   * @return a sequential stream of notes, which carry the {@link Note#xsecToken()} that {@link
   *     #noteDetail(String, String)} needs
   */
  public Stream<Note> webNotes(String userId) {
    return webNotes(userId, WEB_PAGE_SIZE);
  }

  /**
   * Every note a user posted, web series, {@code num} per page, lazily, each note once.
   *
   * @param userId the Xiaohongshu user id
   * @param num notes per page, 1 to 30
   * @return a sequential stream of notes
   */
  public Stream<Note> webNotes(String userId, int num) {
    Set<String> seen = new HashSet<>();
    return webPages(userId, "", num)
        .flatMap(page -> page.notes().stream())
        .filter(n -> seen.add(n.id()));
  }

  /**
   * One note's detail, App series ({@code GET …/app/get_note_info}, {@link Endpoint#NOTE_INFO}):
   * the first entry of {@code data.data[0].note_list}. Costs the endpoint's price.
   *
   * @param noteId the note id, 24 hex characters
   * @return the detail, such as its {@link NoteDetail#desc()}
   * @throws NotFoundException when Xiaohongshu has no such note
   * @throws XhsOpenApiException as {@link #page(String, String)} says, or {@code
   *     malformed_response} when the body holds no note
   */
  public NoteDetail note(String noteId) {
    Objects.requireNonNull(noteId, "noteId");
    return Answers.noteInfo(caller.get(Endpoint.NOTE_INFO.path(), Map.of("note_id", noteId)));
  }

  /**
   * One note's detail, web series ({@code GET …/web_v3/fetch_note_detail}, {@link
   * Endpoint#NOTE_DETAIL_WEB}): {@code data.data.items[0].note_card} (or {@code noteCard}). Costs
   * the endpoint's price.
   *
   * @param noteId the note id, 24 hex characters
   * @param xsecToken the note's token from its list entry ({@link Note#xsecToken()})
   * @return the detail
   * @throws NotFoundException when Xiaohongshu has no such note
   * @throws XhsOpenApiException as {@link #note(String)} says
   */
  public NoteDetail noteDetail(String noteId, String xsecToken) {
    Objects.requireNonNull(noteId, "noteId");
    Objects.requireNonNull(xsecToken, "xsecToken");
    Map<String, String> query = new LinkedHashMap<>();
    query.put("note_id", noteId);
    query.put("xsec_token", xsecToken);
    return Answers.noteDetail(caller.get(Endpoint.NOTE_DETAIL_WEB.path(), query));
  }

  /**
   * One page of the users a search finds ({@code GET …/web_v2/fetch_search_users}, {@link
   * Endpoint#SEARCH_USERS}). Costs the endpoint's price.
   *
   * @param keywords a name or red id, 1 to 100 characters
   * @param page the page, 1 to 100
   * @return the page; its {@link Page#cursor()} is the next page's number while {@code has_more} is
   *     true, and page 100 is always the last
   * @throws IllegalArgumentException when {@code page} is outside 1–100
   * @throws XhsOpenApiException as {@link #page(String, String)} says
   */
  public Page<User> searchUsersPage(String keywords, int page) {
    Objects.requireNonNull(keywords, "keywords");
    if (page < 1 || page > Answers.LAST_SEARCH_PAGE) {
      throw new IllegalArgumentException(
          "page must be 1 to " + Answers.LAST_SEARCH_PAGE + ", got " + page);
    }
    Map<String, String> query = new LinkedHashMap<>();
    query.put("keywords", keywords);
    query.put("page", Integer.toString(page));
    return Answers.users(caller.get(Endpoint.SEARCH_USERS.path(), query), page);
  }

  /**
   * Walks the pages of a user search from page 1, lazily, until one says {@code has_more:false} (or
   * page 100); a page that says more follow with no users, too often in a row, ends it with {@link
   * IncompleteWalkException}.
   *
   * @param keywords a name or red id
   * @return a sequential stream of pages; each one fetched costs the endpoint's price
   */
  public Stream<Page<User>> searchUsersPages(String keywords) {
    Objects.requireNonNull(keywords, "keywords");
    return PageWalk.stream(
        PageWalk.items(
            "the search for \"" + keywords + "\"",
            c -> searchUsersPage(keywords, Integer.parseInt(c)),
            "1",
            maxEmptyPages));
  }

  /**
   * Every user a search finds, lazily, page after page, each user once (by id).
   *
   * @param keywords a name or red id
   * @return a sequential stream of users
   */
  public Stream<User> searchUsers(String keywords) {
    Set<String> seen = new HashSet<>();
    return searchUsersPages(keywords)
        .flatMap(page -> page.items().stream())
        .filter(u -> seen.add(u.id()));
  }

  /**
   * One page of the web home feed with the endpoint's defaults: 20 notes, {@code
   * homefeed_recommend}, videos included. See {@link #homefeed(int, String, String, boolean)}.
   *
   * @param cursorScore empty (or null) for the first page, else the previous page's {@link
   *     Page#cursor()}
   * @return the page
   */
  public Page<Note> homefeed(String cursorScore) {
    return homefeed(20, cursorScore, "homefeed_recommend", false);
  }

  /**
   * One page of the web home feed ({@code GET …/web_v3/fetch_homefeed}, {@link Endpoint#HOMEFEED}).
   * A recommendation feed has no end, so the client fetches one page per call rather than walking
   * it: pass the page's {@link Page#cursor()} ({@code cursor_score}) to get the next. The items are
   * feed entries ({@code id}, {@code xsec_token}, {@code note_card{…}}), which {@link Note} reads.
   * Costs the endpoint's price.
   *
   * @param num notes per page, 1 to 40
   * @param cursorScore empty (or null) for the first page, else the previous page's cursor
   * @param category the feed category, such as {@code homefeed_recommend} or {@code
   *     homefeed.fashion_v3}
   * @param needFilterImage true for image notes only
   * @return the page
   * @throws IllegalArgumentException when {@code num} is outside 1–40
   * @throws XhsOpenApiException as {@link #page(String, String)} says
   */
  public Page<Note> homefeed(
      int num, String cursorScore, String category, boolean needFilterImage) {
    if (num < 1 || num > 40) {
      throw new IllegalArgumentException("num must be 1 to 40, got " + num);
    }
    Objects.requireNonNull(category, "category");
    Map<String, String> query = new LinkedHashMap<>();
    query.put("num", Integer.toString(num));
    query.put("cursor_score", cursorScore == null ? "" : cursorScore);
    query.put("category", category);
    query.put("need_filter_image", Boolean.toString(needFilterImage));
    return Answers.feed(caller.get(Endpoint.HOMEFEED.path(), query));
  }

  /**
   * One page of the creator hot-inspiration feed ({@code GET
   * …/app_v2/get_creator_hot_inspiration_feed}, {@link Endpoint#HOT_INSPIRATION}). Costs the
   * endpoint's price.
   *
   * @param cursor empty (or null) for the first page, else the previous page's {@link
   *     Page#cursor()} ({@code "1"}, {@code "2"}, …)
   * @return the page; {@code hasMore} is false once {@code end_flag} is true
   * @throws XhsOpenApiException as {@link #page(String, String)} says
   */
  public Page<Inspiration> hotInspirationPage(String cursor) {
    return Answers.inspirations(
        caller.get(
            Endpoint.HOT_INSPIRATION.path(), Map.of("cursor", cursor == null ? "" : cursor)));
  }

  /**
   * Walks the hot-inspiration feed from its first page until a page says {@code end_flag:true},
   * lazily, with the rules of {@link #pages(String)} ({@link IncompleteWalkException} when a page
   * cannot be followed).
   *
   * @return a sequential stream of pages
   */
  public Stream<Page<Inspiration>> hotInspirationPages() {
    return PageWalk.stream(
        PageWalk.items("the hot-inspiration feed", this::hotInspirationPage, "", maxEmptyPages));
  }

  /**
   * Every entry of the hot-inspiration feed, lazily, page after page.
   *
   * @return a sequential stream of entries
   */
  public Stream<Inspiration> hotInspiration() {
    return hotInspirationPages().flatMap(page -> page.items().stream());
  }

  /**
   * Calls any endpoint of the catalogue with the given query parameters and returns the envelope
   * untouched: for endpoints or parameters the typed methods do not cover. Retried and paced as
   * every call; a data call answered 200 costs the endpoint's price.
   *
   * @param endpoint the endpoint
   * @param params query parameters by name, sent in the map's order; each must be one of {@link
   *     Endpoint#params()}, and every one of {@link Endpoint#required()} must be there
   * @return the success envelope
   * @throws IllegalArgumentException when a name is not the endpoint's, or a required one is
   *     missing or blank
   * @throws XhsOpenApiException as {@link #page(String, String)} says
   */
  public Envelope call(Endpoint endpoint, Map<String, String> params) {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(params, "params");
    for (String name : params.keySet()) {
      if (!endpoint.params().contains(name)) {
        throw new IllegalArgumentException(
            endpoint.opId()
                + " has no parameter '"
                + name
                + "'; it takes "
                + String.join(", ", endpoint.params()));
      }
    }
    for (String name : endpoint.required()) {
      String value = params.get(name);
      if (value == null || value.isBlank()) {
        throw new IllegalArgumentException(endpoint.opId() + " needs " + name + "=…");
      }
    }
    return Answers.whole(caller.get(endpoint.path(), params));
  }

  /**
   * The creator watches of the calling key's account: the gateway polls a creator's notes and
   * pushes each new one to a signed webhook (verify it with {@link Webhooks#verify}). The calls
   * share this client's connections, pacing, retries and exceptions.
   *
   * @return the watches calls
   */
  public Watches watches() {
    return watches;
  }

  /**
   * Reads the calling key's account ({@code GET /openapi/v1/account}): balance, limit and today's
   * use. Free of charge, but it counts against the rate limit.
   *
   * @return the account
   * @throws AuthenticationException when the key is unknown or revoked
   * @throws ForbiddenException when the key expired or the account is suspended
   * @throws RateLimitedException when the window stayed full through every retry
   * @throws NetworkException when no answer came, or the thread was interrupted
   */
  public Account account() {
    return Answers.account(caller.get(ACCOUNT_PATH, Map.of()));
  }

  /**
   * The calling account's usage by UTC day, endpoint and key ({@code GET /openapi/v1/usage}). Free
   * of charge, but it counts against the rate limit.
   *
   * @param from the first UTC day, or null for today
   * @param to the last UTC day, inclusive, or null for today; the server allows at most 92 days
   *     after {@code from}
   * @return the usage, with its totals and rows
   * @throws BadRequestException when the server refuses the range (such as {@code to} before {@code
   *     from}, or a range too long)
   * @throws AuthenticationException when the key is unknown or revoked
   * @throws ForbiddenException when the key expired or the account is suspended
   * @throws RateLimitedException when the window stayed full through every retry
   * @throws NetworkException when no answer came, or the thread was interrupted
   */
  public Usage usage(LocalDate from, LocalDate to) {
    return Answers.usage(caller.get(USAGE_PATH, usageQuery(from, to, "json")));
  }

  /**
   * The calling account's usage as CSV ({@code GET /openapi/v1/usage?format=csv}): a header line
   * {@code day,endpoint,key_id,calls,charged}, then one line per row, as {@link #usage(LocalDate,
   * LocalDate)} reads them; {@code key_id} is empty for calls made without a key.
   *
   * @param from the first UTC day, or null for today
   * @param to the last UTC day, inclusive, or null for today
   * @return the CSV text exactly as the server sent it
   * @throws XhsOpenApiException as {@link #usage(LocalDate, LocalDate)} says
   */
  public String usageCsv(LocalDate from, LocalDate to) {
    return Answers.text(
        caller.get(USAGE_PATH, usageQuery(from, to, "csv"), "text/csv, application/json;q=0.5"));
  }

  private static Map<String, String> usageQuery(LocalDate from, LocalDate to, String format) {
    Map<String, String> query = new LinkedHashMap<>();
    if (from != null) {
      query.put("from", from.toString());
    }
    if (to != null) {
      query.put("to", to.toString());
    }
    query.put("format", format);
    return query;
  }

  /**
   * The rate-limit state the latest answer reported, as the client paces itself by it.
   *
   * @return the state, or empty before any answer reported one
   */
  public Optional<RateLimit> rateLimit() {
    return Optional.ofNullable(transport.pacer().latest());
  }

  /** Releases the connections once the calls in flight end. */
  @Override
  public void close() {
    transport.close();
  }

  @Override
  public String toString() {
    return "XhsOpenApiClient[" + baseUrl + "]";
  }

  /** Collects the settings of a client; fails fast on wrong ones. */
  public static final class Builder {
    private String baseUrl;
    private String apiKey;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration readTimeout = Duration.ofSeconds(30);
    private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
    private int maxEmptyPages = 3;
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.SYSTEM;
    private EventListener eventListener = EventListener.NONE;

    private Builder() {}

    /**
     * Sets the gateway's base URL.
     *
     * @param baseUrl an absolute {@code http} or {@code https} URL, such as {@code
     *     http://127.0.0.1:8080}; a trailing slash is dropped
     * @return this builder
     * @throws IllegalArgumentException when it is not such a URL
     */
    public Builder baseUrl(String baseUrl) {
      Objects.requireNonNull(baseUrl, "baseUrl");
      String trimmed = baseUrl.strip().replaceAll("/+$", "");
      URI uri;
      try {
        uri = URI.create(trimmed);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("base URL '" + baseUrl + "' is not a URL", e);
      }
      if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          || uri.getHost() == null
          || uri.getQuery() != null) {
        throw new IllegalArgumentException(
            "base URL must be http(s)://host[:port][/path], got '" + baseUrl + "'");
      }
      this.baseUrl = trimmed;
      return this;
    }

    /**
     * Sets the API key sent as {@code Authorization: Bearer <key>}.
     *
     * @param apiKey such as {@code sk_live_…}
     * @return this builder
     * @throws IllegalArgumentException when it is blank or holds whitespace
     */
    public Builder apiKey(String apiKey) {
      Objects.requireNonNull(apiKey, "apiKey");
      if (apiKey.isBlank() || apiKey.chars().anyMatch(Character::isWhitespace)) {
        throw new IllegalArgumentException("the API key must be one word, such as sk_live_…");
      }
      this.apiKey = apiKey;
      return this;
    }

    /**
     * Sets how long to wait for a connection.
     *
     * @param timeout positive
     * @return this builder
     */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive(timeout, "connectTimeout");
      return this;
    }

    /**
     * Sets how long to wait for an answer once a request is sent.
     *
     * @param timeout positive
     * @return this builder
     */
    public Builder readTimeout(Duration timeout) {
      this.readTimeout = positive(timeout, "readTimeout");
      return this;
    }

    /**
     * Sets how calls are retried.
     *
     * @param retryPolicy such as {@link RetryPolicy#DEFAULT} or {@link RetryPolicy#NONE}
     * @return this builder
     */
    public Builder retryPolicy(RetryPolicy retryPolicy) {
      this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
      return this;
    }

    /**
     * Sets how many pages in a row may hold no notes while {@code has_more} stays true before a
     * walk gives up with {@link IncompleteWalkException} ({@link
     * IncompleteWalkException.Reason#EMPTY_PAGES}) instead of paying for more of them.
     *
     * @param maxEmptyPages 1 or more; the default is 3
     * @return this builder
     * @throws IllegalArgumentException when it is below 1
     */
    public Builder maxEmptyPages(int maxEmptyPages) {
      if (maxEmptyPages < 1) {
        throw new IllegalArgumentException("maxEmptyPages must be 1 or more, got " + maxEmptyPages);
      }
      this.maxEmptyPages = maxEmptyPages;
      return this;
    }

    /**
     * Sets the clock pacing reads time from; tests pair a fake one with {@link #sleeper}.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets how the client waits (backoff, {@code Retry-After}, pacing).
     *
     * @param sleeper the sleeper
     * @return this builder
     */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /**
     * Sets the listener told of every answer, network failure and wait.
     *
     * @param eventListener the listener
     * @return this builder
     */
    public Builder eventListener(EventListener eventListener) {
      this.eventListener = Objects.requireNonNull(eventListener, "eventListener");
      return this;
    }

    /**
     * Builds the client.
     *
     * @return the client
     * @throws IllegalStateException when the base URL or the API key is missing
     */
    public XhsOpenApiClient build() {
      if (baseUrl == null) {
        throw new IllegalStateException("set the gateway's baseUrl");
      }
      if (apiKey == null) {
        throw new IllegalStateException("set the apiKey");
      }
      return new XhsOpenApiClient(this);
    }

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (!d.isPositive()) {
        throw new IllegalArgumentException(name + " must be positive, got " + d);
      }
      return d;
    }
  }
}
