package dev.xhsopenapi.server.watch;

/**
 * Where the watch worker reports what it does (Prometheus meters in production). Outcomes come from
 * fixed lists; nothing is labelled by account, watch or creator.
 */
public interface WatchMetrics {

  /** A poll ended: {@code ok}, {@code failed} or {@code lease_lost}. */
  void poll(String outcome);

  /** A poll found {@code count} notes that became events. */
  void newNotes(int count);

  /** A delivery attempt ended: {@code delivered}, {@code retry}, {@code failed}. */
  void delivery(String outcome);

  /** Metrics that count nothing (tests, tools). */
  WatchMetrics NONE =
      new WatchMetrics() {
        @Override
        public void poll(String outcome) {}

        @Override
        public void newNotes(int count) {}

        @Override
        public void delivery(String outcome) {}
      };
}
