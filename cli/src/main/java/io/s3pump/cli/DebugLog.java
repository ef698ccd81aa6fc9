package io.s3pump.cli;

import java.io.PrintWriter;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * {@code --debug}: routes the library's {@link System.Logger} output (java.util.logging behind it) at DEBUG to the
 * command's error writer for the duration of one command, then puts the logging configuration back.
 *
 * <p>The client already keeps secrets out of its messages; {@link #redact} is a second net, because a debug
 * log is exactly what users paste into bug reports.
 */
final class DebugLog implements AutoCloseable {
    /** Loggers of our own modules; OkHttp's are left alone, as they would print headers unredacted. */
    private static final String ROOT = "io.s3pump";

    private static final Pattern SECRETS = Pattern.compile(
            "(?i)((?:X-Amz-)?Signature=|x-amz-security-token[=:]\\s*|X-Amz-Security-Token=|aws_secret_access_key\\s*=\\s*"
                    + "|aws_session_token\\s*=\\s*|SecretAccessKey[=:]\\s*)([^,&\\s\"]+)");

    private final Logger logger;
    private final Level previousLevel;
    private final boolean previousUseParent;
    private final Handler handler;

    private DebugLog(PrintWriter err) {
        logger = Logger.getLogger(ROOT);
        previousLevel = logger.getLevel();
        previousUseParent = logger.getUseParentHandlers();
        handler = new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (!isLoggable(r)) return;
                synchronized (err) {
                    err.print(getFormatter().format(r));
                    err.flush();
                }
            }

            @Override
            public void flush() {
                err.flush();
            }

            @Override
            public void close() {
                err.flush();
            }
        };
        handler.setLevel(Level.ALL);
        handler.setFormatter(new Formatter() {
            @Override
            public String format(LogRecord r) {
                String msg = formatMessage(r);
                StringBuilder sb = new StringBuilder();
                for (String line : redact(msg).split("\n", -1)) {
                    sb.append("[debug ").append(shortName(r.getLoggerName())).append("] ").append(line).append('\n');
                }
                if (r.getThrown() != null) {
                    sb.append("[debug] ").append(redact(String.valueOf(r.getThrown()))).append('\n');
                }
                return sb.toString();
            }
        });
        logger.setLevel(Level.ALL);
        logger.setUseParentHandlers(false);
        logger.addHandler(handler);
    }

    /** Starts routing debug logs to {@code err} when {@code enabled}; closing restores the previous state. */
    static DebugLog start(boolean enabled, PrintWriter err) {
        return enabled ? new DebugLog(err) : null;
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
        logger.setLevel(previousLevel);
        logger.setUseParentHandlers(previousUseParent);
    }

    static String redact(String text) {
        return text == null ? "null" : SECRETS.matcher(text).replaceAll("$1****");
    }

    private static String shortName(String loggerName) {
        if (loggerName == null) return "";
        return loggerName.substring(loggerName.lastIndexOf('.') + 1);
    }
}
