package dev.xhsopenapi.upstream.xhsapp;

import java.time.Duration;

/**
 * How long a session rests after each kind of refusal. The defaults follow what operators of
 * Xiaohongshu tools report: captchas clear in minutes, frequency limits last up to an hour.
 */
public record CoolDowns(
    Duration captcha, Duration softBlock, Duration rateLimited, Duration ipBlocked) {

  /** The defaults: 10 min, 5 min, 60 min, 30 min. */
  public static CoolDowns defaults() {
    return new CoolDowns(
        Duration.ofMinutes(10),
        Duration.ofMinutes(5),
        Duration.ofMinutes(60),
        Duration.ofMinutes(30));
  }
}
