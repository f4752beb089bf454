package dev.xhsopenapi.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xhsopenapi.server.account.Account;
import dev.xhsopenapi.server.account.AccountStatus;
import dev.xhsopenapi.server.auth.ApiKey;
import dev.xhsopenapi.server.auth.ApiKeys;
import dev.xhsopenapi.server.auth.KeyOwner;
import dev.xhsopenapi.server.auth.KeyRules;
import dev.xhsopenapi.server.auth.KeyStatus;
import dev.xhsopenapi.server.auth.RandomIds;
import dev.xhsopenapi.server.requestlog.RequestLogStore.DayCount;
import dev.xhsopenapi.server.requestlog.RequestRecord;
import dev.xhsopenapi.upstream.testing.MutableClock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract of the account, key and request-log stores, run against every engine. */
abstract class StoreContract {
  final MutableClock clock = new MutableClock(Instant.parse("2026-11-01T10:00:00Z"));
  private final RandomIds ids = new RandomIds();
  private Database db;
  private JdbcAccountStore accounts;
  private JdbcKeyStore keys;
  private JdbcRequestLogStore requests;

  /** A fresh, migrated, empty store. */
  abstract Database open();

  @BeforeEach
  void openStore() {
    db = open();
    accounts = new JdbcAccountStore(db, clock, ids);
    keys = new JdbcKeyStore(db, clock);
    requests = new JdbcRequestLogStore(db);
  }

  @AfterEach
  void closeStore() {
    db.close();
  }

  @Test
  void accounts_createFindAndUpdate() {
    Account a = accounts.create("acme", 50, 300, UUID.randomUUID().toString());
    assertThat(accounts.find(a.accountId())).contains(a);
    assertThat(accounts.findByName("acme")).contains(a);
    assertThat(accounts.findByName("nobody")).isEmpty();
    Account limited = accounts.update(a.accountId(), 10, null).orElseThrow();
    assertThat(limited.rateLimitPerMinute()).isEqualTo(10);
    assertThat(limited.status()).isEqualTo(AccountStatus.ACTIVE);
    Account suspended = accounts.update(a.accountId(), null, AccountStatus.SUSPENDED).orElseThrow();
    assertThat(suspended.rateLimitPerMinute()).isEqualTo(10);
    assertThat(suspended.status()).isEqualTo(AccountStatus.SUSPENDED);
    assertThat(accounts.update("acc_none", 5, null)).isEmpty();
  }

  @Test
  void accounts_areListedByPage_inIdOrder() {
    assertThat(accounts.list(null, 10)).isEmpty();
    List<String> created = new java.util.ArrayList<>();
    for (int i = 0; i < 7; i++) {
      created.add(accounts.create("p" + i, i, 300, UUID.randomUUID().toString()).accountId());
    }
    List<String> all = accounts.list(null, 100).stream().map(Account::accountId).toList();
    assertThat(all).containsExactlyInAnyOrderElementsOf(created);
    List<String> walked = new java.util.ArrayList<>();
    String after = null;
    for (int page = 0; page < 10; page++) {
      List<Account> got = accounts.list(after, 3);
      assertThat(got).hasSizeLessThanOrEqualTo(3);
      if (got.isEmpty()) {
        break;
      }
      got.forEach(a -> walked.add(a.accountId()));
      after = got.get(got.size() - 1).accountId();
    }
    // Pages follow one order, the store's own, without a gap or a repeat.
    assertThat(walked).containsExactlyElementsOf(all);
    assertThat(accounts.list(all.get(all.size() - 1), 3)).isEmpty();
    assertThat(accounts.list(all.get(2), 100).stream().map(Account::accountId))
        .containsExactlyElementsOf(all.subList(3, all.size()));
    // An id that does not exist still marks a place in the order.
    assertThat(accounts.list("acc_", 100)).hasSize(7);
  }

  @Test
  void keys_areFoundByHash_revoked_andTouched() {
    Account a = accounts.create("k", 7, 300, UUID.randomUUID().toString());
    String key = ApiKeys.generate(ids);
    ApiKey created =
        keys.create(
            ids.keyId(), a.accountId(), ApiKeys.hash(key), ApiKeys.prefix(key), "n", KeyRules.NONE);
    KeyOwner owner = keys.findByHash(ApiKeys.hash(key)).orElseThrow();
    assertThat(owner.keyId()).isEqualTo(created.keyId());
    assertThat(owner.accountId()).isEqualTo(a.accountId());
    assertThat(owner.keyStatus()).isEqualTo(KeyStatus.ACTIVE);
    assertThat(owner.keyExpiresAtMs()).isNull();
    assertThat(owner.balance()).isEqualTo(7);
    assertThat(keys.findByHash(ApiKeys.hash(ApiKeys.generate(ids)))).isEmpty();

    keys.touch(Map.of(created.keyId(), 1_000L));
    keys.touch(Map.of(created.keyId(), 500L));
    assertThat(keys.find(created.keyId()).orElseThrow().lastUsedAtMs()).isEqualTo(1_000L);

    assertThat(keys.revoke(created.keyId())).contains(ApiKeys.hash(key));
    assertThat(keys.findByHash(ApiKeys.hash(key)).orElseThrow().keyStatus())
        .isEqualTo(KeyStatus.REVOKED);
    assertThat(keys.revoke("key_none")).isEmpty();
    assertThat(keys.listForAccount(a.accountId())).hasSize(1);
  }

  @Test
  void requestLog_appendsOnce_countsAndPrunes() {
    Account a = accounts.create("r", 0, 300, UUID.randomUUID().toString());
    long day1 = Instant.parse("2026-11-01T10:00:00Z").toEpochMilli();
    long day2 = Instant.parse("2026-11-02T10:00:00Z").toEpochMilli();
    RequestRecord ok = row(a, 200, 1, day1, 12L);
    RequestRecord bad = row(a, 400, 0, day1, null);
    RequestRecord next = row(a, 200, 1, day2, 3L);
    requests.append(List.of(ok, bad));
    requests.append(List.of(ok, next));
    RequestRecord found = requests.find(ok.requestId()).orElseThrow();
    assertThat(found.status()).isEqualTo(200);
    assertThat(found.upstreamMs()).isEqualTo(12L);
    assertThat(found.upstreamSpend()).isEqualTo(12_000L);
    assertThat(requests.find(bad.requestId()).orElseThrow().upstreamMs()).isNull();
    assertThat(
            requests.countByDay(
                a.accountId(), LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-02")))
        .containsEntry(LocalDate.parse("2026-11-01"), new DayCount(2, 1, 12_000))
        .containsEntry(LocalDate.parse("2026-11-02"), new DayCount(1, 0, 3_000));
    assertThat(
            requests.countByStatus(
                a.accountId(), LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-02")))
        .containsEntry(200, 2L)
        .containsEntry(400, 1L);
    assertThat(requests.deleteBefore(day2)).isEqualTo(2);
    assertThat(requests.find(ok.requestId())).isEmpty();
  }

  @Test
  void requestLog_countsByUtcDay_withTheDaysBoundsExact() {
    Account a = accounts.create("d", 0, 300, UUID.randomUUID().toString());
    Account other = accounts.create("o", 0, 300, UUID.randomUUID().toString());
    long midnight = Instant.parse("2026-11-02T00:00:00Z").toEpochMilli();
    requests.append(
        List.of(
            row(a, 200, 1, midnight - 1, 1L),
            row(a, 200, 1, midnight, 1L),
            row(a, 500, 0, midnight + 86_400_000L - 1, 1L),
            row(a, 200, 1, midnight + 86_400_000L, 1L),
            row(other, 200, 1, midnight, 1L)));
    LocalDate nov2 = LocalDate.parse("2026-11-02");
    assertThat(requests.countByDay(a.accountId(), nov2, nov2))
        .containsOnlyKeys(nov2)
        .containsEntry(nov2, new DayCount(2, 1, 2_000));
    assertThat(requests.countByStatus(a.accountId(), nov2, nov2))
        .containsExactlyInAnyOrderEntriesOf(Map.of(200, 1L, 500, 1L));
    assertThat(requests.countByDay(a.accountId(), nov2.minusDays(1), nov2.plusDays(1))).hasSize(3);
  }

  private static RequestRecord row(Account a, int status, long charged, long at, Long upstreamMs) {
    return new RequestRecord(
        UUID.randomUUID().toString(),
        a.accountId(),
        "key_x",
        "sk_live_abcd",
        "/p",
        "5efdeba4000000000101e7e6",
        "",
        status,
        status == 200 ? null : "invalid_param",
        charged,
        status == 200 ? "MISS" : null,
        upstreamMs,
        5,
        at,
        // What the sources billed: here 1000 millionths per upstream millisecond, for the sums.
        upstreamMs == null ? 0 : upstreamMs * 1000,
        null,
        null);
  }
}
