package dev.xhsopenapi.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import org.slf4j.Logger;

/**
 * The command line's logging, set up in code: every line to stderr (stdout stays for what commands
 * print: keys, tables, exports), Helidon's own lines from WARN up, the rest from {@code
 * XHS_OPENAPI_LOG_LEVEL} (INFO by default). {@code serve} swaps the encoder for JSON unless {@code
 * log.format} is text. Done in code rather than in a {@code logback.xml} because reading XML
 * configuration loads an XML parser, a few hundred classes, at every start. A {@code
 * logback-test.xml} on the class path still wins, for tests.
 */
public final class LogConfigurator extends ContextAwareBase implements Configurator {
  /**
   * The pattern of a text line: UTC time, level, logger, request id, message, then the event's
   * key-value pairs (a request line's status, cache, timings…).
   */
  static final String PATTERN =
      "%d{yyyy-MM-dd'T'HH:mm:ss.SSSX,UTC} %-5level %logger{0} [%X{request_id:--}] %msg"
          + "%replace( %kvp){'^ $', ''}%n";

  /** Creates the configurator; logback calls it through the service loader. */
  public LogConfigurator() {}

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (LogConfigurator.class.getClassLoader().getResource("logback-test.xml") != null) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(PATTERN);
    encoder.start();
    ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
    stderr.setContext(context);
    stderr.setName("STDERR");
    stderr.setTarget("System.err");
    stderr.setEncoder(encoder);
    stderr.start();
    context.getLogger("io.helidon").setLevel(Level.WARN);
    // Its only warnings are a listener that failed to start, with a stack trace; serve reports
    // that itself in one line naming the port, and exits.
    context.getLogger("io.helidon.webserver.LoomServer").setLevel(Level.OFF);
    // The pool's INFO lines say it starts and stops; its warnings (connections lost) are kept.
    context.getLogger("com.zaxxer.hikari").setLevel(Level.WARN);
    ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.toLevel(System.getenv("XHS_OPENAPI_LOG_LEVEL"), Level.INFO));
    root.addAppender(stderr);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }
}
