package dev.xhsopenapi.server.ops.logging;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * One audit line (logger {@code audit}): who did what to which account, key or session. The actor
 * is always {@code admin}, the holder of the one admin token; keys appear by id and prefix, never
 * in full, and the token never appears.
 */
public final class Audit {
  private static final Logger log = LoggerFactory.getLogger("audit");

  private LoggingEventBuilder line;

  private Audit(String action) {
    this.line = log.atInfo().addKeyValue("actor", "admin").addKeyValue("action", action);
  }

  /** Starts the line of an action such as {@code account.create} or {@code key.revoke}. */
  public static Audit of(String action) {
    return new Audit(action);
  }

  /** The account acted on. */
  public Audit account(String accountId) {
    line = line.addKeyValue("account_id", accountId);
    return this;
  }

  /** The key acted on, by id. */
  public Audit key(String keyId) {
    line = line.addKeyValue("key_id", keyId);
    return this;
  }

  /** The upstream session acted on, by id. */
  public Audit session(String sessionId) {
    line = line.addKeyValue("session_id", sessionId);
    return this;
  }

  /** Writes the line with a message for people (SLF4J placeholders). */
  public void log(String message, Object... args) {
    line.log(message, args);
  }
}
