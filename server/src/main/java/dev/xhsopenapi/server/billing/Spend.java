package dev.xhsopenapi.server.billing;

/**
 * One debit asked of the ledger: whose credits, for which key and endpoint, how many, and the daily
 * caps it must stay within.
 *
 * @param accountId the account whose balance pays
 * @param keyId the key that made the call, or null (a watch poll, an operator's test)
 * @param operation the operation id the call was for, or null
 * @param amount credits (the endpoint's price)
 * @param accountDailyCap the account's credits per UTC day, or null for no cap
 * @param keyDailyCap the key's credits per UTC day, or null for no cap
 */
public record Spend(
    String accountId,
    String keyId,
    String operation,
    long amount,
    Long accountDailyCap,
    Long keyDailyCap) {

  /** A debit of {@code amount} from the account, for no key or endpoint in particular, uncapped. */
  public static Spend of(String accountId, long amount) {
    return new Spend(accountId, null, null, amount, null, null);
  }

  /** Whether a daily cap applies, so that the day's spend must be summed before debiting. */
  public boolean capped() {
    return accountDailyCap != null || (keyDailyCap != null && keyId != null);
  }
}
