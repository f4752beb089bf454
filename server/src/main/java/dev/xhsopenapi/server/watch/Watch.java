package dev.xhsopenapi.server.watch;

/**
 * A creator watch (DESIGN §12): one account following one creator's notes. Times are epoch
 * milliseconds (UTC).
 *
 * @param watchId {@code wch_} + 20 base62
 * @param accountId the account that pays the polls
 * @param userId the creator's user id (24 hex digits)
 * @param url where events are delivered ({@code http(s)}), or null when they are only pulled
 * @param intervalS seconds between polls
 * @param maxPagesPerPoll the most pages one poll walks
 * @param emitExisting whether the first poll reports the notes it finds (otherwise they are the
 *     baseline)
 * @param status active (polled) or paused (after too many failures in a row)
 * @param createdAtMs when the watch was created
 * @param baselineAtMs when the first successful poll recorded the baseline, null before
 * @param nextPollAtMs when the watch is next due
 * @param lastPollAtMs when the last poll ended (successful or not), null before the first
 * @param lastError the error code and message of the last poll when it failed, else null
 * @param failuresInARow failed polls since the last successful one
 * @param notesSeen how many note ids the watch has recorded
 */
public record Watch(
    String watchId,
    String accountId,
    String userId,
    String url,
    int intervalS,
    int maxPagesPerPoll,
    boolean emitExisting,
    WatchStatus status,
    long createdAtMs,
    Long baselineAtMs,
    long nextPollAtMs,
    Long lastPollAtMs,
    String lastError,
    int failuresInARow,
    long notesSeen) {

  /** The prefix of every watch id. */
  public static final String ID_PREFIX = "wch_";
}
