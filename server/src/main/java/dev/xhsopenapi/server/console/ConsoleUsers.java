package dev.xhsopenapi.server.console;

import dev.xhsopenapi.server.account.AccountStore;
import dev.xhsopenapi.server.admin.UserInvites;
import dev.xhsopenapi.server.api.ApiError;
import dev.xhsopenapi.server.auth.RandomIds;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's people: invited by the operator with a one-time link, through which they set their
 * password; then they sign in with email and password.
 */
public final class ConsoleUsers implements UserInvites {
  /** How long an invitation link works. */
  static final Duration LINK_LIFETIME = Duration.ofDays(3);

  private static final Logger audit = LoggerFactory.getLogger("audit");
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
  private static final int MAX_EMAIL_LENGTH = 254;

  private final ConsoleStore store;
  private final AccountStore accounts;
  private final Passwords passwords;
  private final RandomIds ids;
  private final Clock clock;

  ConsoleUsers(
      ConsoleStore store, AccountStore accounts, Passwords passwords, RandomIds ids, Clock clock) {
    this.store = store;
    this.accounts = accounts;
    this.passwords = passwords;
    this.ids = ids;
    this.clock = clock;
  }

  @Override
  public Invite invite(String accountId, String email) {
    String normalized = normalize(email);
    if (normalized.length() > MAX_EMAIL_LENGTH || !EMAIL.matcher(normalized).matches()) {
      throw ApiError.invalidParam(
          "email must look like name@example.com (at most 254 characters), got '" + email + "'");
    }
    if (accounts.find(accountId).isEmpty()) {
      throw ApiError.notFound("there is no account " + accountId);
    }
    Optional<ConsoleUser> existing = store.userByEmail(normalized);
    if (existing.isPresent() && !existing.get().accountId().equals(accountId)) {
      throw ApiError.invalidParam(
          normalized
              + " already signs in to account "
              + existing.get().accountId()
              + "; an email belongs to one account");
    }
    long now = clock.millis();
    ConsoleUser user =
        existing.orElseGet(
            () -> {
              ConsoleUser created =
                  new ConsoleUser("usr_" + ids.base62(16), accountId, normalized, null, now, null);
              store.createUser(created);
              return created;
            });
    String token = ids.base62(Secrets.TOKEN_LENGTH);
    Instant expires = Instant.ofEpochMilli(now).plus(LINK_LIFETIME);
    store.replaceLinks(user.userId(), Secrets.sha256(token), expires.toEpochMilli());
    audit.info(
        "issued a console sign-in link for {} ({}) of account {}",
        user.userId(),
        normalized,
        accountId);
    return new Invite(
        user.userId(),
        accountId,
        normalized,
        "/console/welcome?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8),
        expires,
        existing.isEmpty());
  }

  /** The user a still-valid link is for. */
  Optional<ConsoleUser> linkUser(String token) {
    if (token == null || token.length() != Secrets.TOKEN_LENGTH) {
      return Optional.empty();
    }
    return store.linkUser(Secrets.sha256(token), clock.millis()).flatMap(store::user);
  }

  /**
   * Uses a link up to set its user's password.
   *
   * @return the user, or empty when the link is unknown, used or expired
   */
  Optional<ConsoleUser> setPassword(String token, String password) {
    passwordProblem(password)
        .ifPresent(
            p -> {
              throw PageError.badRequest(p);
            });
    if (token == null || token.length() != Secrets.TOKEN_LENGTH) {
      return Optional.empty();
    }
    Optional<ConsoleUser> user =
        store.consumeLink(Secrets.sha256(token), clock.millis()).flatMap(store::user);
    user.ifPresent(
        u -> {
          store.setPassword(u.userId(), passwords.hash(password), clock.millis());
          audit.info("console user {} set a password", u.userId());
        });
    return user;
  }

  /** The user whose email and password these are, if they are. */
  Optional<ConsoleUser> authenticate(String email, String password) {
    Optional<ConsoleUser> user = store.userByEmail(normalize(email));
    boolean ok = passwords.matches(password, user.map(ConsoleUser::passwordHash).orElse(null));
    return ok ? user : Optional.empty();
  }

  /** The user, if it exists. */
  Optional<ConsoleUser> user(String userId) {
    return store.user(userId);
  }

  /** The account's users. */
  List<ConsoleUser> usersOf(String accountId) {
    return store.usersOf(accountId);
  }

  static String normalize(String email) {
    return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
  }

  /** What is wrong with a new password, if anything. */
  static Optional<String> passwordProblem(String password) {
    if (password == null
        || password.codePointCount(0, password.length()) < Passwords.MIN_LENGTH
        || password.length() > Passwords.MAX_LENGTH) {
      return Optional.of(
          "密码需 "
              + Passwords.MIN_LENGTH
              + " 到 "
              + Passwords.MAX_LENGTH
              + " 个字符 · A password has "
              + Passwords.MIN_LENGTH
              + " to "
              + Passwords.MAX_LENGTH
              + " characters");
    }
    return Optional.empty();
  }
}
