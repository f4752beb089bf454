package dev.xhsopenapi.server.ops.metrics;

import dev.xhsopenapi.server.billing.CreditLedger;
import dev.xhsopenapi.server.billing.Debit;
import dev.xhsopenapi.server.billing.Spend;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A ledger that counts the credits of the requests it charges and releases. It remembers each open
 * reservation's amount in memory only while its request is served (commit and release take request
 * ids), so the counters add up credits, not calls.
 */
final class MeteredLedger implements CreditLedger {
  private final CreditLedger ledger;
  private final Map<String, Long> open = new ConcurrentHashMap<>();
  private final Counter charged;
  private final Counter released;

  MeteredLedger(CreditLedger ledger, MeterRegistry registry) {
    this.ledger = ledger;
    this.charged =
        Counter.builder("xhs_openapi.credits.charged")
            .description("Credits charged for calls answered with 200")
            .register(registry);
    this.released =
        Counter.builder("xhs_openapi.credits.released")
            .description("Credits reserved for calls and given back because they did not succeed")
            .register(registry);
  }

  @Override
  public Debit reserve(String requestId, Spend spend) {
    return startReserve(requestId, spend).held();
  }

  @Override
  public Reservation startReserve(String requestId, Spend spend) {
    Reservation started = ledger.startReserve(requestId, spend);
    return () -> {
      Debit held = started.held();
      if (held.debited()) {
        open.put(requestId, spend.amount());
      }
      return held;
    };
  }

  @Override
  public Debit charge(String requestId, Spend spend) {
    Debit chargedNow = ledger.charge(requestId, spend);
    if (chargedNow.debited()) {
      charged.increment((double) spend.amount());
    }
    return chargedNow;
  }

  @Override
  public boolean commit(String requestId) {
    boolean committed = ledger.commit(requestId);
    Long amount = open.remove(requestId);
    if (committed && amount != null) {
      charged.increment(amount);
    }
    return committed;
  }

  @Override
  public boolean release(String requestId) {
    boolean releasedNow = ledger.release(requestId);
    Long amount = open.remove(requestId);
    if (releasedNow && amount != null) {
      released.increment(amount);
    }
    return releasedNow;
  }

  @Override
  public int releaseAllOpen() {
    return ledger.releaseAllOpen();
  }

  @Override
  public int releaseOlderThan(long epochMs) {
    return ledger.releaseOlderThan(epochMs);
  }

  @Override
  public long adjust(String accountId, String requestId, long amount, String reason) {
    return ledger.adjust(accountId, requestId, amount, reason);
  }

  @Override
  public List<Charged> chargedBy(String accountId, LocalDate from, LocalDate to) {
    return ledger.chargedBy(accountId, from, to);
  }
}
