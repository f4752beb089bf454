package dev.xhsopenapi.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xhsopenapi.server.account.Account;
import dev.xhsopenapi.server.auth.RandomIds;
import dev.xhsopenapi.server.requestlog.RequestRecord;
import dev.xhsopenapi.server.store.Database;
import dev.xhsopenapi.server.store.JdbcAccountStore;
import dev.xhsopenapi.server.store.JdbcConsoleStore;
import dev.xhsopenapi.server.store.JdbcRequestLogStore;
import dev.xhsopenapi.upstream.testing.MutableClock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract of the console's store, run against every engine. */
abstract class ConsoleStoreContract {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-01T10:00:00Z"));
  private Database db;
  private JdbcAccountStore accounts;
  private JdbcConsoleStore store;
  private Account acme;

  /** A fresh, migrated, empty store. */
  abstract Database open();

  @BeforeEach
  void openStore() {
    db = open();
    accounts = new JdbcAccountStore(db, clock, new RandomIds());
    store = new JdbcConsoleStore(db);
    acme = accounts.create("Acme 数据", 10, 300, UUID.randomUUID().toString());
  }

  @AfterEach
  void closeStore() {
    db.close();
  }

  @Test
  void users_areCreatedFoundAndGivenPasswords() {
    store.createUser(new ConsoleUser("usr_1", acme.accountId(), "a@x.io", null, 5, null));
    assertThat(store.userByEmail("a@x.io").orElseThrow().passwordHash()).isNull();
    store.setPassword("usr_1", "$argon2id$…", 7);
    ConsoleUser u = store.user("usr_1").orElseThrow();
    assertThat(u.passwordHash()).isEqualTo("$argon2id$…");
    assertThat(u.passwordSetAtMs()).isEqualTo(7);
    assertThat(store.usersOf(acme.accountId()))
        .extracting(ConsoleUser::email)
        .containsExactly("a@x.io");
    assertThat(store.userByEmail("b@x.io")).isEmpty();
  }

  @Test
  void links_workOnce_untilTheyExpire_andANewOneReplacesTheOld() {
    store.createUser(new ConsoleUser("usr_1", acme.accountId(), "a@x.io", null, 5, null));
    store.replaceLinks("usr_1", "h1", 1_000);
    assertThat(store.linkUser("h1", 999)).contains("usr_1");
    assertThat(store.linkUser("h1", 1_000)).isEmpty();
    store.replaceLinks("usr_1", "h2", 2_000);
    assertThat(store.consumeLink("h1", 500)).isEmpty();
    assertThat(store.consumeLink("h2", 2_000)).isEmpty();
    assertThat(store.consumeLink("h2", 1_500)).isEmpty();
    store.replaceLinks("usr_1", "h3", 2_000);
    assertThat(store.consumeLink("h3", 1_500)).contains("usr_1");
    assertThat(store.consumeLink("h3", 1_500)).isEmpty();
  }

  @Test
  void sessions_areStoredTouchedAndDeleted() {
    ConsoleSession s =
        new ConsoleSession("hash1", ConsoleSession.Kind.CUSTOMER, "usr_1", "acc", "csrf", 10, 10);
    store.createSession(s);
    store.createSession(
        new ConsoleSession("hash2", ConsoleSession.Kind.ANONYMOUS, null, null, "c2", 10, 10));
    assertThat(store.session("hash1")).contains(s);
    store.touchSession("hash1", 50);
    store.touchSession("hash1", 40);
    assertThat(store.session("hash1").orElseThrow().lastSeenAtMs()).isEqualTo(50);
    assertThat(store.deleteSessionsIdleSince(20)).isEqualTo(1);
    assertThat(store.session("hash2")).isEmpty();
    assertThat(store.deleteSessionsOf("usr_1")).isEqualTo(1);
    assertThat(store.deleteSession("hash1")).isFalse();
  }

  @Test
  void failures_countWithinTheirWindow_andLockouts() {
    assertThat(store.recordFailure("email:a", 1_000, 100)).isEqualTo(1);
    assertThat(store.recordFailure("email:a", 1_050, 100)).isEqualTo(2);
    assertThat(store.recordFailure("email:a", 1_100, 100)).isEqualTo(1);
    assertThat(store.recordFailure("ip:1", 1_100, 100)).isEqualTo(1);
    assertThat(store.lockedUntil("email:a")).isZero();
    store.lock("email:a", 5_000);
    assertThat(store.lockedUntil("email:a")).isEqualTo(5_000);
    store.clearFailures("email:a");
    assertThat(store.lockedUntil("email:a")).isZero();
    assertThat(store.deleteFailuresBefore(2_000)).isEqualTo(1);
  }

  @Test
  void recentRequests_newestFirst_filteredByStatusAndRequestIdPrefix() {
    JdbcRequestLogStore log = new JdbcRequestLogStore(db);
    long at = clock.millis();
    log.append(
        List.of(
            row("aaaa0000-0000-4000-8000-000000000001", acme.accountId(), 200, at),
            row("bbbb0000-0000-4000-8000-000000000002", acme.accountId(), 429, at + 1),
            row("aaaa0000-0000-4000-8000-000000000003", acme.accountId(), 401, at + 2),
            row("cccc0000-0000-4000-8000-000000000004", "acc_other", 200, at + 3)));
    assertThat(store.recentRequests(acme.accountId(), 0, 999, null, 10))
        .extracting(RequestRecord::status)
        .containsExactly(401, 429, 200);
    assertThat(store.recentRequests(acme.accountId(), 400, 499, null, 10))
        .extracting(RequestRecord::status)
        .containsExactly(401, 429);
    assertThat(store.recentRequests(acme.accountId(), 0, 999, "aaaa", 10))
        .extracting(RequestRecord::status)
        .containsExactly(401, 200);
    assertThat(store.recentRequests(acme.accountId(), 0, 999, "%", 10)).isEmpty();
    assertThat(store.recentRequests(acme.accountId(), 0, 999, null, 1)).hasSize(1);
  }

  @Test
  void searchAccounts_byIdPrefixNameOrUserEmail() {
    clock.advance(java.time.Duration.ofSeconds(1));
    Account other = accounts.create("Other_co", 0, 300, UUID.randomUUID().toString());
    store.createUser(new ConsoleUser("usr_1", acme.accountId(), "boss@acme.io", null, 5, null));
    assertThat(store.searchAccounts(null, 10))
        .extracting(Account::accountId)
        .containsExactly(other.accountId(), acme.accountId());
    assertThat(store.searchAccounts("acme", 10))
        .extracting(Account::accountId)
        .containsExactly(acme.accountId());
    assertThat(store.searchAccounts("数据", 10)).hasSize(1);
    assertThat(store.searchAccounts("OTHER_", 10))
        .extracting(Account::accountId)
        .containsExactly(other.accountId());
    assertThat(store.searchAccounts(other.accountId().substring(0, 10), 10))
        .extracting(Account::accountId)
        .contains(other.accountId());
    assertThat(store.searchAccounts("_", 10))
        .extracting(Account::accountId)
        .containsExactly(other.accountId());
    assertThat(store.searchAccounts("nobody", 10)).isEmpty();
  }

  private static RequestRecord row(String id, String account, int status, long at) {
    return new RequestRecord(
        id,
        account,
        "key_1",
        "sk_live_abcd",
        "/p",
        null,
        null,
        status,
        null,
        0,
        null,
        null,
        1,
        at,
        0,
        null,
        null);
  }
}
