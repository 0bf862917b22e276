package dev.ferry.config.file;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;

/**
 * Nests the lines of one file into sections, matching {@code </Name>} to the innermost open {@code <Name>}
 * case-insensitively. Sections must close in the file that opens them. Errors are recorded and the build goes
 * on, so one run reports every unbalanced tag. Include, Define and the parse-time conditionals are left as
 * ordinary nodes here; {@link TreeExpander} evaluates them.
 */
final class TreeBuilder {

    private final Path file;
    private final LineTokenizer tokenizer;
    private final NodeBudget budget;
    private final ErrorList errors;

    TreeBuilder(Path file, LineTokenizer tokenizer, NodeBudget budget, ErrorList errors) {
        this.file = file;
        this.tokenizer = tokenizer;
        this.budget = budget;
        this.errors = errors;
    }

    List<ConfigNode> build(List<LogicalLine> lines) {
        List<ConfigNode> top = new ArrayList<>();
        Deque<OpenSection> open = new ArrayDeque<>();
        for (LogicalLine line : lines) {
            SourceLocation at = new SourceLocation(file, line.number());
            LineContent content = tokenizer.read(line.text());
            if (content instanceof LineContent.Malformed malformed) {
                errors.add(at, malformed.message());
                content = malformed.recovered() == null ? new LineContent.Nothing() : malformed.recovered();
            }
            switch (content) {
                case LineContent.Nothing _, LineContent.Malformed _ -> {
                    // Malformed lines were reported above and carry nothing more to nest.
                }
                case LineContent.DirectiveLine directive -> {
                    budget.spend(at, errors);
                    childrenOf(open, top).add(new Directive(directive.name(), directive.args(), at));
                }
                case LineContent.Opener opener -> {
                    budget.spend(at, errors);
                    open.push(new OpenSection(opener.name(), opener.args(), at));
                }
                case LineContent.Closer closer -> close(closer.name(), at, open, top);
            }
        }
        while (!open.isEmpty()) {
            OpenSection unclosed = open.peek();
            errors.add(unclosed.at(), "<" + unclosed.name() + "> opened here is never closed");
            closeInnermost(open, top);
        }
        return top;
    }

    private void close(String name, SourceLocation at, Deque<OpenSection> open, List<ConfigNode> top) {
        if (open.isEmpty()) {
            errors.add(at, "</" + name + "> without a matching <" + name + ">");
            return;
        }
        OpenSection innermost = open.peek();
        if (innermost.name().equalsIgnoreCase(name)) {
            closeInnermost(open, top);
            return;
        }
        OpenSection match = findOpen(name, open);
        if (match == null) {
            errors.add(at, "</" + name + "> does not match the open <" + innermost.name() + "> (line "
                    + innermost.at().line() + ")");
            return;
        }
        errors.add(at, "</" + name + "> found while <" + innermost.name() + "> (line " + innermost.at().line()
                + ") is still open");
        while (open.peek() != match) {
            closeInnermost(open, top);
        }
        closeInnermost(open, top);
    }

    private static OpenSection findOpen(String name, Deque<OpenSection> open) {
        for (Iterator<OpenSection> it = open.iterator(); it.hasNext(); ) {
            OpenSection candidate = it.next();
            if (candidate.name().equalsIgnoreCase(name)) {
                return candidate;
            }
        }
        return null;
    }

    private static void closeInnermost(Deque<OpenSection> open, List<ConfigNode> top) {
        OpenSection done = open.pop();
        childrenOf(open, top).add(new Section(done.name(), done.args(), done.children(), done.at()));
    }

    private static List<ConfigNode> childrenOf(Deque<OpenSection> open, List<ConfigNode> top) {
        return open.isEmpty() ? top : open.peek().children();
    }

    private record OpenSection(String name, List<String> args, SourceLocation at, List<ConfigNode> children) {
        OpenSection(String name, List<String> args, SourceLocation at) {
            this(name, args, at, new ArrayList<>());
        }
    }
}
