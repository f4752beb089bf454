package dev.xhsopenapi.server.account;

/**
 * How an account's spending is bounded and watched (DESIGN §14); null components are unset.
 *
 * @param dailyCreditCap the credits the account may be charged per UTC day; past it calls are
 *     refused with 429 {@code spend_cap_reached}
 * @param lowBalanceThreshold the balance under which the account is warned once per crossing (an
 *     {@code account.low_balance} webhook and a console banner)
 * @param webhookUrl where the account's own events ({@code account.low_balance}) are posted
 * @param webhookSecret the {@code whsec_…} secret those events are signed with (never shown again
 *     after it was issued), as the store holds it: sealed ({@code enc:v1:…}) when it was issued
 *     with {@code webhooks.secret-key} set; a store writes a new one sealed and keeps one given
 *     back unchanged as it is
 */
public record SpendRules(
    Long dailyCreditCap, Long lowBalanceThreshold, String webhookUrl, String webhookSecret) {
  /** No cap, no warning, no webhook. */
  public static final SpendRules NONE = new SpendRules(null, null, null, null);

  /** Whether {@code balance} is under the low-balance threshold (false without one). */
  public boolean isLow(long balance) {
    return lowBalanceThreshold != null && balance < lowBalanceThreshold;
  }
}
