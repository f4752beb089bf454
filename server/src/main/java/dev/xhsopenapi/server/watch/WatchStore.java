package dev.xhsopenapi.server.watch;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * Where creator watches, the note ids they have seen, their events and the webhook deliveries of
 * those events are kept, shared by every node. Work on a watch (a poll) or on a delivery is claimed
 * by one node at a time with a lease; results are recorded only while the node still holds it.
 * Times are epoch milliseconds.
 */
public interface WatchStore {

  /** Stores a new watch with its signing secret. */
  void create(Watch watch, String secret);

  /** How many watches the account has. */
  int count(String accountId);

  /** The account's watches, oldest first. */
  List<Watch> list(String accountId);

  /** The watch with this id, whoever owns it. */
  Optional<Watch> find(String watchId);

  /**
   * Deletes the account's watch with its seen notes, events, deliveries and attempts.
   *
   * @return false when the account has no such watch
   */
  boolean delete(String accountId, String watchId);

  /**
   * Replaces the signing secret of the account's watch with {@code secret}, sealed like a new
   * watch's. With {@code oldExpiresAtMs} the secret it replaces is kept, as stored, to sign
   * deliveries alongside the new one until then; without it (null) the old secret is dropped, and
   * so is any secret kept from an earlier roll.
   *
   * @return false when the account has no such watch
   */
  boolean rollSecret(String accountId, String watchId, String secret, Long oldExpiresAtMs);

  /**
   * Makes the account's watch due now; a paused one becomes active with its failures reset.
   *
   * @return the watch after the change, or empty when the account has no such watch
   */
  Optional<Watch> pollNow(String accountId, String watchId, long nowMs);

  /**
   * Claims up to {@code limit} active watches due at {@code nowMs} whose lease is free or has run
   * out, leasing each to {@code node} until {@code nowMs + leaseMs}; the most overdue first.
   */
  List<Watch> claimDue(String node, long nowMs, long leaseMs, int limit);

  /** The ids among {@code noteIds} that the watch has already seen. */
  Set<String> seen(String watchId, Collection<String> noteIds);

  /**
   * Records a successful poll in one transaction: the note ids seen, the new events (numbered after
   * the watch's last one, each with a pending delivery when the watch has a URL), the baseline time
   * on the first success, the next due time; the failure count is reset and the lease released.
   *
   * @return false, recording nothing, when the node no longer holds the watch's lease (it ran out
   *     and another node took the watch, or the watch was deleted)
   */
  boolean finishPoll(
      String node,
      Watch watch,
      Collection<String> noteIds,
      List<WatchEvent.New> events,
      long nowMs,
      long nextPollAtMs);

  /**
   * Records a failed poll: one more failure in a row, the error, the time of the retry; at {@code
   * maxFailures} in a row the watch is paused and {@code failedEvent} (given the count) is added as
   * its event. The lease is released.
   *
   * @return the watch after the change, or empty when the node no longer holds the lease
   */
  Optional<Watch> failPoll(
      String node,
      Watch watch,
      String error,
      long nowMs,
      long retryAtMs,
      int maxFailures,
      IntFunction<WatchEvent.New> failedEvent);

  /** Releases every lease {@code node} holds (a clean stop), so that others need not wait. */
  void releaseLeases(String node);

  /** The number of the watch's event with this id, if the watch has it. */
  Optional<Long> eventSeq(String watchId, String eventId);

  /**
   * Whether retention has removed some of the watch's events ({@link #pruneEndedBefore}): it keeps
   * fewer events than it has numbered. An event id such a watch no longer knows may be one of them.
   */
  boolean eventsPruned(String watchId);

  /** Up to {@code limit} events of the watch numbered after {@code afterSeq}, in order. */
  List<WatchEvent> events(String watchId, long afterSeq, int limit);

  /** The watch's {@code limit} newest events, newest first (the console's view of a watch). */
  List<WatchEvent> latestEvents(String watchId, int limit);

  /**
   * Claims up to {@code limit} deliveries due at {@code nowMs}, each the oldest pending one of its
   * watch (deliveries stay in order), and accounts' own events due then, leasing each to {@code
   * node} until {@code nowMs + leaseMs}.
   */
  List<Delivery> claimDeliveries(String node, long nowMs, long leaseMs, int limit);

  /**
   * Records an attempt and the delivery's new state, and releases its lease.
   *
   * @return false, recording nothing, when the node no longer holds the lease
   */
  boolean recordAttempt(String node, Delivery delivery, Attempt attempt);

  /** Every recorded attempt of the event's delivery (a watch's or an account's), in order. */
  List<AttemptRow> attempts(String eventId);

  /**
   * Up to {@code limit} of the account's own events, oldest first, after the event {@code
   * afterEventId} (null: from the oldest), each with its delivery and its recorded attempts.
   *
   * @return empty when {@code afterEventId} is not an event of the account
   */
  Optional<List<AccountEvent>> accountEvents(String accountId, String afterEventId, int limit);

  /**
   * The account's newest {@code limit} own events, newest first, each with its delivery and its
   * recorded attempts (the operator console's view of them).
   */
  List<AccountEvent> latestAccountEvents(String accountId, int limit);

  /**
   * Removes the events whose delivery ended (delivered or failed) before {@code cutoffMs}, with
   * their deliveries and attempts, for watch events and accounts' own events alike, and the events
   * stored before {@code cutoffMs} of watches without a URL (which have no delivery). Pending
   * deliveries stay whatever their age, and so do the notes a watch has seen. Works in transactions
   * of at most {@code batch} events each until none is left, so that no transaction holds the store
   * long; stops between two when the thread is interrupted. Nodes may prune at the same time: each
   * removes what the others have not.
   *
   * @return how many events were removed
   */
  Pruned pruneEndedBefore(long cutoffMs, int batch);

  /** How far behind the node's work is, for metrics. */
  Backlog backlog(long nowMs);

  /**
   * A delivery claimed for an attempt.
   *
   * @param eventId the event
   * @param watchId its watch, or null for an account's own event ({@code account.low_balance},
   *     DESIGN §14), which is delivered alike to the account's webhook URL
   * @param url where it goes
   * @param secret the watch's (or account's) signing secret as stored: plain, or sealed to {@code
   *     secretOwner} ({@link SecretBox})
   * @param secretOwner the id of the row that holds the secret: the watch's, or the account's for
   *     an account's own event
   * @param body the event JSON
   * @param attempt the number of the attempt about to be made, from 1
   * @param createdAtMs when the event was stored (the retry period counts from here)
   * @param oldSecret the watch's replaced secret as stored, while it still signs deliveries after a
   *     roll (until {@code oldSecretExpiresAtMs}), else null
   * @param oldSecretExpiresAtMs when {@code oldSecret} stops signing, or null without one
   */
  record Delivery(
      String eventId,
      String watchId,
      String url,
      String secret,
      String secretOwner,
      String body,
      int attempt,
      long createdAtMs,
      String oldSecret,
      Long oldSecretExpiresAtMs) {

    /** A delivery signed with one secret. */
    public Delivery(
        String eventId,
        String watchId,
        String url,
        String secret,
        String secretOwner,
        String body,
        int attempt,
        long createdAtMs) {
      this(eventId, watchId, url, secret, secretOwner, body, attempt, createdAtMs, null, null);
    }

    /** Whether the replaced secret still signs an attempt made at {@code nowMs}. */
    public boolean oldSecretSigns(long nowMs) {
      return oldSecret != null && oldSecretExpiresAtMs != null && nowMs < oldSecretExpiresAtMs;
    }

    /** Whether this is an account's own event rather than a watch's. */
    public boolean accountEvent() {
      return watchId == null;
    }
  }

  /**
   * The result of one attempt.
   *
   * @param number the attempt's number
   * @param atMs when it started
   * @param httpStatus the receiver's status, or null when no answer came
   * @param error why it failed without a status (timeout, refused address…), else null
   * @param durationMs how long it took
   * @param outcome the delivery's state after it: delivered, pending (retried at {@code
   *     nextAttemptAtMs}) or failed
   * @param nextAttemptAtMs when to try again (when pending)
   */
  record Attempt(
      int number,
      long atMs,
      Integer httpStatus,
      String error,
      long durationMs,
      DeliveryStatus outcome,
      long nextAttemptAtMs) {}

  /** A recorded attempt, as listed (console, events). */
  record AttemptRow(
      int number, long atMs, String node, Integer httpStatus, String error, long durationMs) {}

  /**
   * What one {@link #pruneEndedBefore} removed.
   *
   * @param watchEvents creator watch events (with their deliveries and attempts)
   * @param accountEvents accounts' own events (with their attempts)
   */
  record Pruned(int watchEvents, int accountEvents) {
    /** Every event removed. */
    public int total() {
      return watchEvents + accountEvents;
    }
  }

  /**
   * How far behind the watches are.
   *
   * @param pollLagMs how long the most overdue active watch has been due (0 when none is)
   * @param pendingDeliveries deliveries not yet delivered or failed
   */
  record Backlog(long pollLagMs, long pendingDeliveries) {}
}
