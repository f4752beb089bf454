package dev.xhsopenapi.sdk;

import dev.xhsopenapi.sdk.internal.Answer;
import dev.xhsopenapi.sdk.internal.Transport;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

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
  static final String NOTES_PATH = "/openapi/v1/contentcreator/xiaohongshu/app/get_user_notes";
  static final String ACCOUNT_PATH = "/openapi/v1/account";

  private final String baseUrl;
  private final Duration connectTimeout;
  private final Duration readTimeout;
  private final RetryPolicy retryPolicy;
  private final int maxEmptyPages;
  private final Transport transport;

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
    return Answers.page(userId, call(NOTES_PATH, query));
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
    NotesWalk walk = new NotesWalk(this, userId, cursor == null ? "" : cursor, maxEmptyPages);
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(walk, Spliterator.ORDERED | Spliterator.NONNULL),
        false);
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
    return Answers.account(call(ACCOUNT_PATH, Map.of()));
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

  private Answer call(String path, Map<String, String> query) {
    try {
      return transport.get(path, query);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NetworkException(
          "interrupted while calling " + baseUrl + path,
          new InterruptedIOException("interrupted"),
          true);
    } catch (IOException e) {
      throw new NetworkException(
          "no answer from "
              + baseUrl
              + path
              + " after "
              + retryPolicy.maxAttempts()
              + " attempt(s): "
              + e,
          e,
          false);
    }
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
