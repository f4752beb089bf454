package dev.xhsopenapi.server.console;

import dev.xhsopenapi.server.account.AccountStore;
import dev.xhsopenapi.server.admin.AccountActions;
import dev.xhsopenapi.server.admin.AdminToken;
import dev.xhsopenapi.server.admin.UpstreamSessions;
import dev.xhsopenapi.server.admin.UserInvites;
import dev.xhsopenapi.server.api.ApiError;
import dev.xhsopenapi.server.auth.KeyStore;
import dev.xhsopenapi.server.auth.RandomIds;
import dev.xhsopenapi.server.config.WatchSettings;
import dev.xhsopenapi.server.http.Platform;
import dev.xhsopenapi.server.http.RequestIds;
import dev.xhsopenapi.server.store.StoreException;
import dev.xhsopenapi.server.usage.Usage;
import dev.xhsopenapi.server.watch.WatchStore;
import dev.xhsopenapi.server.watch.Watches;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.RequestException;
import io.helidon.http.SetCookie;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The account center under {@code /console}: server-rendered pages where customers manage their
 * keys and creator watches and see their usage, and operators manage accounts. Every page goes
 * through {@link #serve}: request id, security headers, the session, the CSRF check of every POST,
 * and access by kind of session, before the page itself runs.
 */
public final class Console implements HttpService {
  private static final Logger log = LoggerFactory.getLogger(Console.class);

  // Scripts and styles only from our own files: an injected <script> or style= cannot run.
  private static final String CSP =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

  private final Sessions sessions;
  private final ConsoleUsers users;
  private final Templates templates = new Templates();
  private final StaticAssets assets = new StaticAssets();
  private final String operatorFingerprint;
  private final boolean secureCookies;
  private final SignInPages signIn;
  private final CustomerPages customer;
  private final OperatorPages operator;
  private final WatchPages watchPages;

  /**
   * Creates the console.
   *
   * @param platform the node's shared collaborators (accounts, keys, actions, usage, request log…)
   * @param store the console's own tables (users, sessions, sign-in attempts)
   * @param upstream the upstream's session pool, for the operator's pages
   * @param operatorToken the admin token, which operators sign in with; empty disables that
   * @param secureCookies whether cookies are always {@code Secure} (behind a TLS-terminating proxy
   *     that does not say so); they are anyway on requests that came over TLS
   * @param watches the creator watches: the store (events, attempts, the operator's view), the
   *     customer's side the public API uses too, and what wakes the node's watch worker
   */
  public Console(
      Platform platform,
      ConsoleStore store,
      UpstreamSessions upstream,
      Optional<AdminToken> operatorToken,
      boolean secureCookies,
      WatchAccess watches) {
    Clock clock = platform.clock();
    RandomIds ids = platform.ids();
    AccountStore accounts = platform.accounts();
    KeyStore keys = platform.keys();
    AccountActions actions = platform.actions();
    Usage usage = platform.usage();
    this.sessions = new Sessions(store, ids, clock);
    this.users = new ConsoleUsers(store, accounts, new Passwords(), ids, clock);
    this.operatorFingerprint = operatorToken.map(AdminToken::fingerprint).orElse(null);
    this.secureCookies = secureCookies;
    LoginThrottle throttle = new LoginThrottle(store, clock);
    this.signIn = new SignInPages(sessions, users, throttle, operatorToken);
    this.customer =
        new CustomerPages(store, accounts, keys, actions, usage, platform.requestLog(), users);
    this.operator =
        new OperatorPages(store, accounts, keys, actions, usage, upstream, users, watches.store());
    this.watchPages =
        new WatchPages(
            customer,
            watches.store(),
            watches.service(),
            watches.settings(),
            watches.wake(),
            platform.json());
  }

  /**
   * What the console needs of creator watches.
   *
   * @param store the watches with their events and delivery attempts
   * @param service the customer's side (create, poll now, delete), the same instance the public API
   *     uses
   * @param settings the watch settings (the shortest interval a watch may have)
   * @param wake wakes the node's watch worker after a change that makes a watch due now
   */
  public record WatchAccess(
      WatchStore store, Watches service, WatchSettings settings, Runnable wake) {}

  /** The console's side of the admin API's {@code POST …/users}. */
  public UserInvites invites() {
    return users;
  }

  /** Who may see a page. */
  enum Access {
    ANYONE,
    CUSTOMER,
    OPERATOR
  }

  /** One page: what it answers to a visit. */
  @FunctionalInterface
  interface Page {
    Outcome handle(Visit visit);
  }

  /** Where pages register themselves. */
  interface Routes {
    void get(String path, Access access, Page page);

    void post(String path, Access access, Page page);
  }

  /** Registers the console's routes, ending with its own 404 for anything else under it. */
  @Override
  public void routing(HttpRules rules) {
    rules.get("/console/static/{file}", assets::serve);
    Routes routes =
        new Routes() {
          @Override
          public void get(String path, Access access, Page page) {
            rules.get(path, (req, res) -> serve(req, res, access, page));
          }

          @Override
          public void post(String path, Access access, Page page) {
            rules.post(path, (req, res) -> serve(req, res, access, page));
          }
        };
    signIn.routes(routes);
    customer.routes(routes);
    watchPages.routes(routes);
    operator.routes(routes);
    Page notFound =
        v -> {
          throw PageError.notFound("没有这个页面 · There is no such page");
        };
    rules.any("/console", (req, res) -> serve(req, res, Access.ANYONE, notFound));
    rules.any("/console/*", (req, res) -> serve(req, res, Access.ANYONE, notFound));
  }

  private void serve(ServerRequest req, ServerResponse res, Access access, Page page) {
    // The page shows the request's id, the one in its X-Request-Id and its log lines.
    String requestId = RequestIds.of(res);
    res.header("Content-Security-Policy", CSP);
    res.header("X-Frame-Options", "DENY");
    res.header("Referrer-Policy", "no-referrer");
    res.header("X-Content-Type-Options", "nosniff");
    // Pages show keys, links and tokens: no cache may keep them.
    res.header(HeaderNames.CACHE_CONTROL, "no-store");
    Visit visit = new Visit(req, requestId, null, null);
    try {
      ConsoleSession session = sessions.find(cookie(req)).orElse(null);
      boolean post = Method.POST.equals(req.prologue().method());
      Form form = post ? Form.posted(req) : Form.query(req);
      visit = new Visit(req, requestId, session, form);
      if (post && (session == null || !Secrets.same(session.csrfToken(), form.get("_csrf")))) {
        throw PageError.forbidden(
            "表单已过期或不是从本控制台提交的,请刷新页面后重试 · The form expired or did not come"
                + " from this console; reload the page and try again");
      }
      Optional<Outcome> refused = refuse(access, session, post);
      send(req, res, visit, refused.isPresent() ? refused.get() : page.handle(visit));
    } catch (PageError e) {
      if (e.retryAfterSeconds() > 0) {
        res.header(HeaderNames.RETRY_AFTER, Long.toString(e.retryAfterSeconds()));
      }
      send(req, res, visit, errorPage(e.status(), e.getMessage()));
    } catch (ApiError e) {
      send(req, res, visit, errorPage(e.code().status(), e.getMessage()));
    } catch (StoreException e) {
      log.error("console: store unavailable", e);
      send(req, res, visit, errorPage(503, "存储暂不可用,请稍后再试 · The store is unavailable; retry"));
    } catch (RequestException e) {
      // Refusals of the HTTP layer met while reading the request (a body past
      // http.max-body-bytes, say) are answered by its handler, with the JSON envelope.
      throw e;
    } catch (RuntimeException e) {
      log.error("console page {} failed", req.path().path(), e);
      send(req, res, visit, errorPage(500, "服务器出错 · The server failed on this page"));
    }
  }

  /** The answer to a visitor whose session may not see the page, if it may not. */
  private Optional<Outcome> refuse(Access access, ConsoleSession session, boolean post) {
    boolean allowed =
        switch (access) {
          case ANYONE -> true;
          case CUSTOMER -> session != null && session.kind() == ConsoleSession.Kind.CUSTOMER;
          case OPERATOR ->
              session != null
                  && session.kind() == ConsoleSession.Kind.OPERATOR
                  && operatorFingerprint != null
                  && Secrets.same(operatorFingerprint, session.subject());
        };
    if (allowed) {
      return Optional.empty();
    }
    if (post) {
      throw PageError.forbidden("请先登录 · Sign in first");
    }
    return Optional.of(
        Outcome.redirect(access == Access.OPERATOR ? "/console/operator/login" : "/console/login"));
  }

  private static Outcome errorPage(int status, String message) {
    Map<String, Object> model = new HashMap<>();
    model.put("status", status);
    model.put("message", message);
    return Outcome.view(status, "error", model);
  }

  private void send(ServerRequest req, ServerResponse res, Visit visit, Outcome o) {
    if (o.started() != null) {
      // Signing in always replaces the visitor's session: an id planted before is worthless.
      if (visit.session() != null) {
        sessions.end(visit.session());
      }
      res.headers().addCookie(cookie(req, o.started().cookieValue(), false));
    } else if (o.endsSession()) {
      res.headers().addCookie(cookie(req, "", true));
    }
    if (o.location() != null) {
      res.status(Status.SEE_OTHER_303).header(HeaderNames.LOCATION, o.location()).send();
      return;
    }
    ConsoleSession session = o.started() != null ? o.started().session() : visit.session();
    if (o.endsSession()) {
      session = null;
    }
    Map<String, Object> model = new HashMap<>(o.model());
    model.put("csrf", session == null ? "" : session.csrfToken());
    model.put("customer", session != null && session.kind() == ConsoleSession.Kind.CUSTOMER);
    model.put("operator", session != null && session.kind() == ConsoleSession.Kind.OPERATOR);
    model.put("requestId", visit.requestId());
    byte[] html = templates.render(o.template(), model).getBytes(StandardCharsets.UTF_8);
    res.status(Status.create(o.status()))
        .header(HeaderNames.CONTENT_TYPE, "text/html; charset=utf-8")
        .send(html);
  }

  private SetCookie cookie(ServerRequest req, String value, boolean clear) {
    boolean secure =
        secureCookies
            || req.isSecure()
            || req.headers()
                .first(HeaderNames.create("X-Forwarded-Proto"))
                .map("https"::equalsIgnoreCase)
                .orElse(false);
    SetCookie.Builder b =
        SetCookie.builder(Sessions.COOKIE, value)
            .path("/console")
            .httpOnly(true)
            // Lax: the invitation link, opened from a mail client, still works; every change is
            // a POST with a CSRF token, which no other site can send with this cookie anyway.
            .sameSite(SetCookie.SameSite.LAX)
            .secure(secure);
    if (clear) {
      // An expiry in the past makes browsers drop the cookie (Helidon writes no Max-Age=0).
      b.expires(Instant.EPOCH);
    }
    return b.build();
  }

  private static String cookie(ServerRequest req) {
    var cookies = req.headers().cookies();
    return cookies.contains(Sessions.COOKIE) ? cookies.get(Sessions.COOKIE) : null;
  }
}
