package dev.ferry.config.file;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Reads a configuration file in ProFTPD's syntax ("Configuration file syntax" in the ProFTPD documentation,
 * proftpd.conf(5)) into a tree of {@link Directive}s and {@link Section}s, each with its file and line.
 *
 * <p>Syntax only: the parser knows no directive except those ProFTPD itself evaluates while reading, namely
 * {@code Include}, {@code Define}, {@code <IfDefine>} and {@code <IfModule>} (see {@link TreeExpander}). Every
 * line it cannot understand is an error; all errors of the file and its includes are collected and thrown
 * together. Files are UTF-8, at most 4 MiB each, and one parse yields at most 100,000 nodes.
 */
public final class ConfigFileParser {

    private ConfigFileParser() {
    }

    /** Parses {@code file} and everything it includes; node locations name {@code file} as given. */
    public static List<ConfigNode> parse(Path file, ParseOptions options) throws ConfigSyntaxException {
        return parse(file, options, System::getenv);
    }

    /**
     * Parses {@code text} as if it were the content of {@code pretendFile}, which names the nodes and anchors
     * relative Include paths; the file itself is not read.
     */
    public static List<ConfigNode> parse(String text, Path pretendFile, ParseOptions options)
            throws ConfigSyntaxException {
        return parse(text, pretendFile, options, System::getenv);
    }

    static List<ConfigNode> parse(Path file, ParseOptions options, Function<String, String> environment)
            throws ConfigSyntaxException {
        Objects.requireNonNull(file, "file");
        return run(file, null, options, environment, NodeBudget.DEFAULT_LIMIT);
    }

    static List<ConfigNode> parse(String text, Path pretendFile, ParseOptions options,
            Function<String, String> environment) throws ConfigSyntaxException {
        return parse(text, pretendFile, options, environment, NodeBudget.DEFAULT_LIMIT);
    }

    static List<ConfigNode> parse(String text, Path pretendFile, ParseOptions options,
            Function<String, String> environment, int nodeLimit) throws ConfigSyntaxException {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(pretendFile, "pretendFile");
        return run(pretendFile, text, options, environment, nodeLimit);
    }

    private static List<ConfigNode> run(Path file, String text, ParseOptions options,
            Function<String, String> environment, int nodeLimit) throws ConfigSyntaxException {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(environment, "environment");
        ErrorList errors = new ErrorList();
        TreeExpander expander = new TreeExpander(options, new LineTokenizer(environment), new NodeBudget(nodeLimit),
                errors);
        List<ConfigNode> nodes;
        try {
            nodes = expander.top(file, text);
        } catch (NodeBudget.Exhausted e) {
            nodes = List.of();
        }
        if (!errors.isEmpty()) {
            throw new ConfigSyntaxException(errors.sorted());
        }
        return List.copyOf(nodes);
    }
}
