package dev.xhsopenapi.server.ops.logging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.Context;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import dev.xhsopenapi.server.config.GatewayConfig;
import java.util.Iterator;
import org.slf4j.LoggerFactory;

/**
 * Chooses how the process writes its log lines: the plain text pattern it starts with, or one JSON
 * object per line with logback's own {@link JsonEncoder}. Lines from every library (Helidon's
 * arrive through the JUL bridge) go through the same appenders, so all of them change together and
 * all carry the MDC, {@code request_id} included.
 */
public final class LogSetup {
  private LogSetup() {}

  /**
   * Writes every later line of the root logger's stream appenders in {@code format}. Text keeps the
   * configured pattern. Does nothing when SLF4J is not bound to logback (an embedding application
   * then owns its logging).
   */
  public static void apply(GatewayConfig.LogFormat format) {
    if (format != GatewayConfig.LogFormat.JSON
        || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return;
    }
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
      if (it.next() instanceof OutputStreamAppender<ILoggingEvent> stream) {
        // Swapped in place rather than stopped and replaced: stopping a console appender would
        // close the process's stderr.
        stream.setEncoder(jsonEncoder(context));
      }
    }
  }

  /**
   * The JSON encoder: time (epoch ms), level, thread, logger, the MDC ({@code request_id}, {@code
   * account}, {@code key_prefix}), the event's key-value pairs, the formatted message and any
   * exception with its stack.
   */
  public static Encoder<ILoggingEvent> jsonEncoder(Context context) {
    JsonEncoder encoder = new JsonEncoder();
    encoder.setContext(context);
    // Left out: the raw message template and its arguments (the formatted message says it all),
    // the logger context's name and birth time, and sequence numbers (the same on every line).
    encoder.setWithSequenceNumber(false);
    encoder.setWithNanoseconds(false);
    encoder.setWithContext(false);
    encoder.setWithMessage(false);
    encoder.setWithArguments(false);
    encoder.setWithFormattedMessage(true);
    encoder.start();
    return encoder;
  }
}
