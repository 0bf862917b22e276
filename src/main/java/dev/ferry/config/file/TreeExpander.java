package dev.ferry.config.file;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Evaluates what ProFTPD decides while reading its configuration, in file order: {@code Include} is replaced
 * by the nodes of the included files, {@code Define NAME} adds a define for the rest of the parse, and
 * {@code <IfDefine [!]NAME>} and {@code <IfModule [!]mod_name.c>} are replaced by their children when their
 * test holds and dropped otherwise (an Include or Define inside a dropped block is never carried out). Runtime
 * conditions such as {@code <IfClass>}, {@code <IfUser>} and {@code <IfGroup>} stay sections.
 */
final class TreeExpander {

    static final int MAX_INCLUDE_DEPTH = 16;
    static final int MAX_FILE_BYTES = 4 * 1024 * 1024;

    private final ParseOptions options;
    private final Set<String> defines;
    private final LineTokenizer tokenizer;
    private final NodeBudget budget;
    private final ErrorList errors;
    /** The files being read, outermost first, to name the chain when an Include loops back. */
    private final Deque<OpenFile> chain = new ArrayDeque<>();

    private record OpenFile(Path shownAs, Path identity) {
    }

    TreeExpander(ParseOptions options, LineTokenizer tokenizer, NodeBudget budget, ErrorList errors) {
        this.options = options;
        this.defines = new HashSet<>(options.defines());
        this.tokenizer = tokenizer;
        this.budget = budget;
        this.errors = errors;
    }

    /** Parses the top file; {@code null} content means read it from disk. */
    List<ConfigNode> top(Path file, String content) {
        errors.noteFile(file);
        List<LogicalLine> lines;
        if (content != null) {
            if (content.length() > MAX_FILE_BYTES) {
                errors.add(new SourceLocation(file, 1), "configuration text is larger than the 4 MiB limit");
                return List.of();
            }
            lines = LineSplitter.split(content, file, errors);
        } else {
            byte[] bytes = readTop(file);
            if (bytes == null) {
                return List.of();
            }
            lines = LineSplitter.split(bytes, file, errors);
        }
        budget.spend(new SourceLocation(file, 1), errors);
        return parseFile(file, identityOf(file), lines, 0);
    }

    private byte[] readTop(Path file) {
        if (!Files.exists(file)) {
            errors.add(null, "configuration file " + file + " does not exist");
            return null;
        }
        SourceLocation whole = new SourceLocation(file, 1);
        if (!Files.isRegularFile(file)) {
            errors.add(whole, "configuration file " + file + " is not a regular file");
            return null;
        }
        return readBounded(file, whole, "configuration file " + file);
    }

    private byte[] readBounded(Path file, SourceLocation reportAt, String description) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(MAX_FILE_BYTES + 1);
            if (bytes.length > MAX_FILE_BYTES) {
                errors.add(reportAt, description + " is larger than the 4 MiB limit");
                return null;
            }
            return bytes;
        } catch (IOException e) {
            errors.add(reportAt, "cannot read " + description + ": " + IncludeResolver.describe(e));
            return null;
        }
    }

    private List<ConfigNode> parseFile(Path shownAs, Path identity, List<LogicalLine> lines, int depth) {
        List<ConfigNode> raw = new TreeBuilder(shownAs, tokenizer, budget, errors).build(lines);
        chain.addLast(new OpenFile(shownAs, identity));
        try {
            return expand(raw, shownAs.toAbsolutePath().getParent(), depth);
        } finally {
            chain.removeLast();
        }
    }

    private List<ConfigNode> expand(List<ConfigNode> nodes, Path directory, int depth) {
        List<ConfigNode> out = new ArrayList<>();
        for (ConfigNode node : nodes) {
            switch (node) {
                case Directive directive when is(directive, "Include") ->
                        out.addAll(include(directive, directory, depth));
                case Directive directive when is(directive, "Define") -> define(directive);
                case Directive directive -> out.add(directive);
                case Section section when is(section, "IfDefine") -> {
                    if (holds(section, defines::contains)) {
                        out.addAll(expand(section.children(), directory, depth));
                    }
                }
                case Section section when is(section, "IfModule") -> {
                    if (holds(section, options::hasModule)) {
                        out.addAll(expand(section.children(), directory, depth));
                    }
                }
                case Section section -> out.add(new Section(section.name(), section.args(),
                        expand(section.children(), directory, depth), section.at()));
            }
        }
        return out;
    }

    private static boolean is(ConfigNode node, String name) {
        return node.name().equalsIgnoreCase(name);
    }

    private void define(Directive directive) {
        if (directive.args().size() != 1) {
            errors.add(directive.at(), "expected exactly one name after Define, got " + directive.args().size());
            return;
        }
        String name = directive.args().getFirst();
        if (name.isBlank() || name.startsWith("!")) {
            errors.add(directive.at(), "the name after Define must not be empty or start with '!'");
            return;
        }
        defines.add(name);
    }

    private boolean holds(Section conditional, Predicate<String> test) {
        String tag = "<" + conditional.name() + ">";
        if (conditional.args().size() != 1) {
            errors.add(conditional.at(),
                    "expected exactly one argument in " + tag + ", got " + conditional.args().size());
            return false;
        }
        String argument = conditional.args().getFirst();
        boolean negated = argument.startsWith("!");
        String name = negated ? argument.substring(1) : argument;
        if (name.isBlank()) {
            errors.add(conditional.at(), "missing name to test in " + tag);
            return false;
        }
        return test.test(name) != negated;
    }

    private List<ConfigNode> include(Directive directive, Path directory, int depth) {
        SourceLocation at = directive.at();
        if (directive.args().size() != 1) {
            errors.add(at, "expected exactly one path after Include, got " + directive.args().size()
                    + " (quote a path that contains spaces)");
            return List.of();
        }
        List<Path> files = switch (IncludeResolver.resolve(directive.args().getFirst(), directory)) {
            case IncludeResolver.Failed failed -> {
                errors.add(at, failed.message());
                yield List.of();
            }
            case IncludeResolver.Found found -> found.files();
        };
        List<ConfigNode> out = new ArrayList<>();
        for (Path file : files) {
            Path identity = identityOf(file);
            if (chain.stream().anyMatch(open -> open.identity().equals(identity))) {
                String cycle = Stream.concat(chain.stream().map(OpenFile::shownAs), Stream.of(file))
                        .map(Path::toString)
                        .collect(Collectors.joining(" -> "));
                errors.add(at, "include cycle: " + cycle);
                continue;
            }
            if (depth + 1 > MAX_INCLUDE_DEPTH) {
                errors.add(at, "cannot include " + file + ": includes are nested more than " + MAX_INCLUDE_DEPTH
                        + " levels deep");
                return out;
            }
            budget.spend(at, errors);
            byte[] bytes = readBounded(file, at, "included file " + file);
            if (bytes == null) {
                continue;
            }
            errors.noteFile(file);
            out.addAll(parseFile(file, identity, LineSplitter.split(bytes, file, errors), depth + 1));
        }
        return out;
    }

    private static Path identityOf(Path file) {
        try {
            return file.toRealPath();
        } catch (IOException e) {
            return file.toAbsolutePath().normalize();
        }
    }
}
