package dev.xhsopenapi.upstream.sim;

import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/**
 * Puts the App answer at a rung of the simulator's fault ladder on a flavour's wire: the App's own
 * ({@link #APP}), or a vendor's for one call ({@link Vendor}), which also counts what it bills.
 */
interface Wire {

  /** The App's own wire: its answers as they are; it has no balance to run out of. */
  Wire APP =
      new Wire() {
        @Override
        public SimResponse put(Rung rung, SimResponse app) {
          return app;
        }

        @Override
        public Optional<SimResponse> balanceRefusal() {
          return Optional.empty();
        }
      };

  /** The flavour's answer for {@code rung}, whose App answer is {@code app}. */
  SimResponse put(Rung rung, SimResponse app);

  /** The flavour's answer while its balance is empty, or empty if it has no balance. */
  Optional<SimResponse> balanceRefusal();

  /**
   * A vendor's wire for one call.
   *
   * @param flavor the vendor
   * @param call the request being answered
   * @param billed incremented for each answer the vendor bills
   */
  record Vendor(VendorFlavor flavor, VendorCall call, LongAdder billed) implements Wire {
    @Override
    public SimResponse put(Rung rung, SimResponse app) {
      VendorReply reply = flavor.reply(call, rung, app);
      if (reply.billed()) {
        billed.increment();
      }
      return reply.response();
    }

    @Override
    public Optional<SimResponse> balanceRefusal() {
      return Optional.of(flavor.outOfCredit(call));
    }
  }
}
