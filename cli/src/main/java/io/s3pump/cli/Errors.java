package io.s3pump.cli;

import io.s3pump.client.ConfigException;
import io.s3pump.client.S3Exception;
import io.s3pump.client.transfer.FileChangedException;
import io.s3pump.client.transfer.VerificationException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.net.ssl.SSLException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IExitCodeExceptionMapper;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns every failure into one line on stderr ({@code s3pump: Code: what happened (request id …)}) and an exit
 * code from {@link ExitCodes}. A stack trace follows only under {@code --debug}. Under {@code --output json} the
 * same error is also the command's JSON document on stdout, so that a script always gets one document.
 */
final class Errors implements IExecutionExceptionHandler, IExitCodeExceptionMapper, IParameterExceptionHandler {

    /** What a failure means for the user: the exit code and the line to print. */
    record Verdict(int exitCode, String code, String message) {
        String line() {
            return code == null ? message : code + ": " + message;
        }
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        Verdict v = classify(ex, cmd.getCommand());
        OutputOptions out = outputOptions(cmd);
        report(cmd, v, out != null && out.debug() ? ex : null, out != null && out.json());
        return v.exitCode();
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        String name = cmd.getCommandSpec().qualifiedName();
        String msg = oneLine(ex.getMessage());
        if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
            msg += " (did you mean " + String.join(" or ", u.getSuggestions()) + "?)";
        }
        PrintWriter err = cmd.getErr();
        err.println(name + ": " + msg + " (see '" + name + " --help')");
        err.flush();
        if (asksForJson(args)) {
            // The options never parsed, but a script that asked for JSON still gets its one document.
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("message", msg);
            error.put("exitCode", ExitCodes.USAGE);
            cmd.getOut().println(Printer.toJson(Map.of("error", error)));
            cmd.getOut().flush();
        }
        return ExitCodes.USAGE;
    }

    /** Whether the raw arguments ask for {@code --output json}, read without the parser that just failed. */
    static boolean asksForJson(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--")) return false;
            if (args[i].equals("--output=json") || (args[i].equals("--output") && i + 1 < args.length
                    && args[i + 1].equals("json"))) return true;
        }
        return false;
    }

    @Override
    public int getExitCode(Throwable exception) {
        return classify(exception, null).exitCode();
    }

    static void report(CommandLine cmd, Verdict v, Throwable traceOf, boolean json) {
        PrintWriter err = cmd.getErr();
        err.println("s3pump: " + v.line());
        if (traceOf != null) traceOf.printStackTrace(err);
        err.flush();
        if (json) {
            Map<String, Object> error = new LinkedHashMap<>();
            if (v.code() != null) error.put("code", v.code());
            error.put("message", v.message());
            error.put("exitCode", v.exitCode());
            cmd.getOut().println(Printer.toJson(Map.of("error", error)));
            cmd.getOut().flush();
        }
    }

    /** The exit code and one-line message for {@code ex}, raised by {@code command} (may be null). */
    static Verdict classify(Throwable ex, Object command) {
        Throwable t = unwrap(ex);
        return switch (t) {
            case CliException c -> new Verdict(c.exitCode(), null, oneLine(c.getMessage()));
            case ParameterException p -> new Verdict(ExitCodes.USAGE, null, oneLine(p.getMessage()));
            case S3Exception s -> s3(s, command instanceof Targeted tg ? tg.target() : null);
            case VerificationException v -> new Verdict(ExitCodes.VERIFICATION_FAILED, "VerificationFailed",
                    oneLine(v.getMessage()));
            case FileChangedException f -> new Verdict(ExitCodes.FAILURE, "FileChanged", oneLine(f.getMessage()));
            case InterruptedException i -> interrupted();
            case java.nio.channels.ClosedByInterruptException c -> interrupted();
            case NoSuchFileException n -> new Verdict(ExitCodes.NOT_FOUND, null, "no such file or directory: " + n.getFile());
            case NotDirectoryException n -> new Verdict(ExitCodes.NOT_FOUND, null, "not a directory: " + n.getFile());
            case AccessDeniedException a -> new Verdict(ExitCodes.FAILURE, null, "permission denied: " + a.getFile());
            case FileAlreadyExistsException f ->
                    new Verdict(ExitCodes.USAGE, null, f.getFile() + " already exists; add --force to overwrite it");
            case FileSystemException f -> new Verdict(ExitCodes.FAILURE, null, oneLine(f.getMessage()));
            case IOException io when unreachable(io) instanceof SSLException tls -> tls(tls, command);
            case IOException io when unreachable(io) != null -> new Verdict(ExitCodes.UNREACHABLE, null,
                    "cannot reach the endpoint" + endpointOf(command) + ": " + describe(unreachable(io)));
            case InterruptedIOException i when !(i instanceof SocketTimeoutException) -> interrupted();
            case ConfigException c -> new Verdict(
                    c.getMessage() != null && c.getMessage().contains("credentials") ? ExitCodes.AUTH : ExitCodes.USAGE,
                    null, oneLine(c.getMessage()));
            case IllegalArgumentException i -> new Verdict(ExitCodes.USAGE, null, oneLine(i.getMessage()));
            default -> new Verdict(ExitCodes.FAILURE, t.getClass().getSimpleName(), describe(t));
        };
    }

    private static Verdict interrupted() {
        return new Verdict(ExitCodes.INTERRUPTED, null, "interrupted");
    }

    /** Maps S3's error code onto an exit code, and says what it means in our words when RGW says nothing. */
    static Verdict s3(S3Exception s, S3Url target) {
        String code = s.code() == null || s.code().isBlank() || s.is(S3Exception.UNKNOWN) ? "HTTP " + s.status() : s.code();
        int exit = switch (code) {
            // 403s that are not about who is asking: a full quota, or a bucket that refuses the write for its state
            case "QuotaExceeded", "InvalidObjectState" -> ExitCodes.FAILURE;
            case "NoSuchBucket", "NoSuchKey", "NoSuchUpload", "NotFound" -> ExitCodes.NOT_FOUND;
            case "InvalidAccessKeyId", "SignatureDoesNotMatch", "AccessDenied", "InvalidToken", "ExpiredToken",
                    "RequestTimeTooSkewed" -> ExitCodes.AUTH;
            case "BadDigest", "InvalidDigest", "XAmzContentSHA256Mismatch" -> ExitCodes.VERIFICATION_FAILED;
            default -> s.status() == 404 ? ExitCodes.NOT_FOUND
                    : s.status() == 403 ? ExitCodes.AUTH
                    : ExitCodes.FAILURE;
        };
        String bucket = target == null ? null : target.bucket();
        String key = target == null || target.key().isEmpty() ? null : target.key();
        String ours = switch (code) {
            case "NoSuchBucket" -> bucket == null ? null : "bucket '" + bucket + "' does not exist";
            case "NoSuchKey", "NotFound" -> key == null
                    ? (bucket == null ? null : "bucket '" + bucket + "' does not exist")
                    : "key '" + key + "' does not exist in bucket '" + bucket + "'";
            case "NoSuchUpload" -> "no such multipart upload (it was completed or aborted)";
            case "InvalidAccessKeyId" -> "the access key id is not known to the server (check AWS_ACCESS_KEY_ID or --profile)";
            case "SignatureDoesNotMatch" -> "the server computed a different signature: the secret key is probably wrong";
            case "AccessDenied" -> bucket == null ? "access denied" : "access denied to " + target;
            case "BucketAlreadyExists", "BucketAlreadyOwnedByYou" -> "bucket '" + bucket + "' already exists";
            case "BucketNotEmpty" -> "bucket '" + bucket + "' is not empty; remove its objects and uploads first";
            case "InvalidBucketName" -> "invalid bucket name '" + bucket + "'";
            default -> null;
        };
        String message = ours != null ? ours
                : s.s3Message() != null && !s.s3Message().isBlank() ? oneLine(s.s3Message())
                : "HTTP " + s.status() + (target == null ? "" : " for " + target);
        if (s.requestId() != null && !s.requestId().isBlank()) message += " (request id " + s.requestId() + ")";
        return new Verdict(exit, code, message);
    }

    /**
     * One line for a TLS failure: what is wrong with the endpoint's certificate, and what to do about it. The three
     * a user meets are told apart by the causes the JDK and OkHttp attach: a certificate for another name (OkHttp's
     * hostname check, or the JDK's endpoint identification), one no trusted CA signed (the JDK's PKIX path
     * building), and one out of its validity period.
     */
    static Verdict tls(SSLException e, Object command) {
        String endpoint = command instanceof Targeted t && t.endpoint() != null ? t.endpoint() : "the endpoint";
        java.nio.file.Path ca = command instanceof Targeted t ? t.caBundle() : null;
        String trusted = ca == null ? "the JDK's trusted CAs" : "the CA bundle " + ca;
        String host = hostOf(endpoint);
        for (Throwable c = e; c != null; c = c.getCause()) {
            String m = c.getMessage() == null ? "" : c.getMessage();
            if ((c instanceof javax.net.ssl.SSLPeerUnverifiedException && m.startsWith("Hostname "))
                    || (c instanceof java.security.cert.CertificateException
                            && (m.startsWith("No subject alternative") || m.startsWith("No name matching")))) {
                String names = between(m, "subjectAltNames: [", "]");
                return new Verdict(ExitCodes.UNREACHABLE, "TLS", "the certificate of " + endpoint + " is not for "
                        + host + (names == null ? "" : " (it is for " + names + ")")
                        + ": check the endpoint's name, or use --endpoint-url with a name the certificate holds");
            }
            if (c instanceof java.security.cert.CertificateExpiredException
                    || c instanceof java.security.cert.CertificateNotYetValidException) {
                return new Verdict(ExitCodes.UNREACHABLE, "TLS", "the certificate of " + endpoint
                        + " is outside its validity period (" + oneLine(m) + "): renew it, or check this machine's clock");
            }
            if (c instanceof java.security.cert.CertPathBuilderException
                    || c instanceof java.security.cert.CertPathValidatorException) {
                return new Verdict(ExitCodes.UNREACHABLE, "TLS", "the certificate of " + endpoint
                        + " is not signed by a CA in " + trusted + ": give the PEM file of its CA with --ca-bundle FILE"
                        + " or AWS_CA_BUNDLE");
            }
            if (c.getCause() == c) break;
        }
        return new Verdict(ExitCodes.UNREACHABLE, "TLS", "the TLS handshake with " + endpoint + " failed ("
                + describe(e) + "): check that it speaks https on this port");
    }

    private static String hostOf(String endpoint) {
        try {
            String h = java.net.URI.create(endpoint).getHost();
            return h != null ? h : endpoint;
        } catch (IllegalArgumentException e) {
            return endpoint;
        }
    }

    /** The text between {@code open} and the next {@code close} in {@code s}, or null. */
    private static String between(String s, String open, String close) {
        int i = s.indexOf(open);
        if (i < 0) return null;
        int j = s.indexOf(close, i + open.length());
        return j < 0 ? null : s.substring(i + open.length(), j);
    }

    /** The transport failure that means "never got through", if this is one. */
    private static Throwable unreachable(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof ConnectException || c instanceof UnknownHostException || c instanceof NoRouteToHostException
                    || c instanceof SSLException || c instanceof SocketTimeoutException) {
                return c;
            }
            if (c.getCause() == c) break;
        }
        return null;
    }

    private static String endpointOf(Object command) {
        return command instanceof Targeted t && t.endpoint() != null ? " " + t.endpoint() : "";
    }

    /** Strips the wrappers that carry no meaning of their own (ExecutionException, UncheckedIOException, …). */
    private static Throwable unwrap(Throwable ex) {
        Throwable t = ex;
        while (t.getCause() != null && t.getCause() != t
                && (t instanceof java.util.concurrent.ExecutionException
                        || t instanceof java.util.concurrent.CompletionException
                        || t instanceof java.io.UncheckedIOException
                        || t instanceof java.lang.reflect.UndeclaredThrowableException
                        || (t instanceof CommandLine.ExecutionException && !(t instanceof ParameterException)))) {
            t = t.getCause();
        }
        return t;
    }

    private static String describe(Throwable t) {
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : oneLine(DebugLog.redact(m));
    }

    static String oneLine(String s) {
        if (s == null) return "";
        return s.strip().replaceAll("\\s*\\R\\s*", "; ");
    }

    private static OutputOptions outputOptions(CommandLine cmd) {
        Object mixin = cmd.getCommandSpec().mixins().containsKey("output")
                ? cmd.getCommandSpec().mixins().get("output").userObject() : null;
        return mixin instanceof OutputOptions o ? o : null;
    }
}
