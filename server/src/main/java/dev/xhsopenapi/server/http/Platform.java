package dev.xhsopenapi.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xhsopenapi.server.account.AccountStore;
import dev.xhsopenapi.server.admin.AccountActions;
import dev.xhsopenapi.server.api.Responses;
import dev.xhsopenapi.server.auth.KeyStore;
import dev.xhsopenapi.server.auth.RandomIds;
import dev.xhsopenapi.server.billing.CreditLedger;
import dev.xhsopenapi.server.requestlog.RequestLog;
import dev.xhsopenapi.server.requestlog.RequestLogStore;
import dev.xhsopenapi.server.usage.Usage;
import java.time.Clock;

/**
 * What the HTTP surfaces (public API, admin API, console) share, built once per node and passed
 * whole: the clock, JSON rendering and the error mapping, and the stores over accounts, keys,
 * credits and the request log.
 *
 * @param clock the node's clock (UTC)
 * @param json the node's JSON mapper
 * @param responses the renderer of every JSON body
 * @param errors the one failure-to-envelope mapping
 * @param ids random ids for accounts, users and sessions (not request ids: see {@link RequestIds})
 * @param accounts the accounts
 * @param keys the API keys
 * @param ledger the credit ledger (metered)
 * @param actions the audited changes to accounts, keys and credits
 * @param usage the usage reports
 * @param requestLog the queue of request log rows
 * @param requestLogStore the stored request log rows
 */
public record Platform(
    Clock clock,
    ObjectMapper json,
    Responses responses,
    ErrorMapper errors,
    RandomIds ids,
    AccountStore accounts,
    KeyStore keys,
    CreditLedger ledger,
    AccountActions actions,
    Usage usage,
    RequestLog requestLog,
    RequestLogStore requestLogStore) {}
