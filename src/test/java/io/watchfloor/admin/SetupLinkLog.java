package io.watchfloor.admin;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the setup links a server prints, as the person who started it would read them in its log. */
final class SetupLinkLog implements AutoCloseable {
  private static final Pattern LINK = Pattern.compile("(http://\\S+)/setup#([A-Za-z0-9_-]+)");
  private final Logger logger = (Logger) LoggerFactory.getLogger(SetupLink.class);
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  SetupLinkLog() {
    appender.start();
    logger.addAppender(appender);
  }

  /** The secrets of the links printed so far, oldest first. */
  List<String> secrets() {
    return appender.list.stream().map(ILoggingEvent::getFormattedMessage).map(LINK::matcher).filter(Matcher::find)
        .map(m -> m.group(2)).toList();
  }

  @Override
  public void close() {
    logger.detachAppender(appender);
  }
}
