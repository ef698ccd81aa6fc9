package io.s3pump.cli;

import java.io.PrintWriter;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Routes the library's {@link System.Logger} output (java.util.logging behind it) to the command's error writer for
 * the duration of one command, then puts the logging configuration back: everything from DEBUG up under
 * {@code --debug}, otherwise only warnings, as one {@code s3pump: warning: …} line each (not JUL's two-line format).
 *
 * <p>The client already keeps secrets out of its messages; {@link #redact} is a second net, because a debug
 * log is exactly what users paste into bug reports.
 */
final class DebugLog implements AutoCloseable {
    /** Loggers of our own modules; OkHttp's are left alone, as they would print headers unredacted. */
    private static final String ROOT = "io.s3pump";

    private static final Pattern SECRETS = Pattern.compile(
            "(?i)((?:X-Amz-)?Signature=|x-amz-security-token[=:]\\s*|X-Amz-Security-Token=|aws_secret_access_key\\s*=\\s*"
                    + "|aws_session_token\\s*=\\s*|SecretAccessKey[=:]\\s*)([^,&\\s\"\\]]+)");

    private final Logger logger;
    private final Level previousLevel;
    private final boolean previousUseParent;
    private final Handler handler;

    private DebugLog(boolean debug, PrintWriter err) {
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
        handler.setLevel(debug ? Level.ALL : Level.WARNING);
        handler.setFormatter(new Formatter() {
            @Override
            public String format(LogRecord r) {
                String msg = formatMessage(r);
                StringBuilder sb = new StringBuilder();
                if (!debug) {
                    sb.append("s3pump: warning: ").append(Errors.oneLine(redact(msg)));
                    if (r.getThrown() != null) sb.append(": ").append(Errors.oneLine(redact(String.valueOf(r.getThrown()))));
                    return sb.append('\n').toString();
                }
                for (String line : redact(msg).split("\n", -1)) {
                    sb.append("[debug ").append(shortName(r.getLoggerName())).append("] ").append(line).append('\n');
                }
                if (r.getThrown() != null) {
                    sb.append("[debug] ").append(redact(String.valueOf(r.getThrown()))).append('\n');
                }
                return sb.toString();
            }
        });
        logger.setLevel(debug ? Level.ALL : Level.WARNING);
        logger.setUseParentHandlers(false);
        logger.addHandler(handler);
    }

    /** Starts routing logs to {@code err}, debug lines only when {@code debug}; closing restores the previous state. */
    static DebugLog start(boolean debug, PrintWriter err) {
        return new DebugLog(debug, err);
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
