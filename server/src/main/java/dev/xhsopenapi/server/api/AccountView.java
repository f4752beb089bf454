package dev.xhsopenapi.server.api;

import dev.xhsopenapi.server.account.Account;
import dev.xhsopenapi.server.account.AccountStore;
import dev.xhsopenapi.server.usage.Usage;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The caller's own account as {@code GET /openapi/v1/account} and the MCP tool {@code xhs_account}
 * show it: {@code account_id}, {@code name}, {@code balance} (credits), {@code
 * rate_limit_per_minute}, {@code calls_today} (this call included) and {@code charged_today}
 * (credits, UTC day).
 */
final class AccountView {
  private final AccountStore accounts;
  private final Usage usage;

  AccountView(AccountStore accounts, Usage usage) {
    this.accounts = accounts;
    this.usage = usage;
  }

  /** The account's view, counting the request being answered among today's calls. */
  Map<String, Object> of(String accountId) {
    Account account =
        accounts
            .find(accountId)
            .orElseThrow(() -> new IllegalStateException("key without account"));
    LocalDate today = usage.today();
    Usage.Report report = usage.report(account.accountId(), today, today);
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("account_id", account.accountId());
    data.put("name", account.name());
    data.put("balance", account.balance());
    data.put("rate_limit_per_minute", account.rateLimitPerMinute());
    // The request being answered is not in the log yet; it is one of today's calls.
    data.put("calls_today", report.calls() + 1);
    data.put("charged_today", report.charged());
    return data;
  }
}
