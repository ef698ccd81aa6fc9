package io.s3pump.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Lets shared options come before the command, as AWS CLI users type them ({@code s3pump --endpoint-url URL ls}):
 * leading options that the chosen command accepts are moved after the command's name. Anything else is left as
 * typed, so that picocli reports it.
 */
final class LeadingOptions {
    private LeadingOptions() {}

    static String[] reorder(CommandLine root, String[] args) {
        List<String> leading = new ArrayList<>();
        int i = 0;
        while (i < args.length && args[i].startsWith("-") && !args[i].equals("-") && !args[i].equals("--")) {
            String name = args[i].contains("=") ? args[i].substring(0, args[i].indexOf('=')) : args[i];
            if (root.getCommandSpec().findOption(name) != null) return args;   // the root's own: -h, -V
            OptionSpec template = sharedOption(root, name);
            if (template == null) return args;
            leading.add(args[i++]);
            if (!args[i - 1].contains("=") && template.arity().max() > 0 && i < args.length) leading.add(args[i++]);
        }
        if (leading.isEmpty()) return args;
        CommandLine leaf = root;
        List<String> path = new ArrayList<>();
        while (i < args.length && leaf.getSubcommands().containsKey(args[i])) {
            leaf = leaf.getSubcommands().get(args[i]);
            path.add(args[i++]);
        }
        if (leaf == root) return args;
        for (String token : leading) {
            if (token.startsWith("-") && leaf.getCommandSpec().findOption(token.split("=", 2)[0]) == null) return args;
        }
        List<String> out = new ArrayList<>(path);
        out.addAll(leading);
        out.addAll(Arrays.asList(args).subList(i, args.length));
        return out.toArray(String[]::new);
    }

    /**
     * The option if the S3 commands' shared mixins ({@code connection}, {@code output}) declare it, or null. Any S3
     * command will do: the root may hold only the commands the arguments name.
     */
    private static OptionSpec sharedOption(CommandLine root, String name) {
        for (CommandLine sub : root.getSubcommands().values()) {
            if (sub.getCommandSpec().userObject() instanceof S3Command) {
                for (String mixin : new String[] {"connection", "output"}) {
                    OptionSpec option = sub.getCommandSpec().mixins().get(mixin).findOption(name);
                    if (option != null) return option;
                }
                return null;
            }
            OptionSpec nested = sharedOption(sub, name);   // uploads ls|abort
            if (nested != null) return nested;
        }
        return null;
    }
}
