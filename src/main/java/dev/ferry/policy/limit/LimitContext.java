package dev.ferry.policy.limit;

import java.util.List;
import java.util.Objects;

/**
 * The {@code <Limit>} blocks of one configuration context, in file order: the server (with
 * {@code <Global>} merged in), one {@code <VirtualHost>}, one {@code <Anonymous>} or one
 * {@code <Directory>}.
 *
 * <p>Within a context, for one target name ({@link #decideFor}), ProFTPD walks the blocks that
 * list that name in file order and the first one that says ALLOW or DENY decides
 * ({@code check_limits} in ProFTPD's dirtree.c); blocks that say NONE are skipped. {@code LOGIN} is
 * the exception: every {@code <Limit LOGIN>} of the context must agree, so one DENY among them
 * denies (the login check ANDs them; the Limit howto advises keeping one such block per context
 * for that reason).
 */
public record LimitContext(List<LimitSection> sections) {

    /** A context without any {@code <Limit>}. */
    public static final LimitContext EMPTY = new LimitContext(List.of());

    public LimitContext {
        sections = List.copyOf(Objects.requireNonNull(sections, "sections"));
    }

    /** What the blocks of this context that list {@code target} say, ignoring every other block. */
    public Decision decideFor(String target, Requester requester) {
        Objects.requireNonNull(requester, "requester");
        String name = LimitTargets.canonical(target);
        if (name.equals(LimitTargets.LOGIN)) {
            return decideLogin(requester);
        }
        for (LimitSection section : sections) {
            if (section.names(name)) {
                Decision decision = section.evaluate(requester);
                if (decision != Decision.NONE) {
                    return decision;
                }
            }
        }
        return Decision.NONE;
    }

    /**
     * This context on its own: blocks naming the command first, then its group, then {@code ALL};
     * the first of these passes that decides wins. Across several contexts use
     * {@link LimitChain}, which runs each pass over the whole chain before moving to the next
     * pass, as ProFTPD does.
     */
    public Decision decide(String verb, String group, Requester requester) {
        for (String target : LimitTargets.passes(verb, group)) {
            Decision decision = decideFor(target, requester);
            if (decision != Decision.NONE) {
                return decision;
            }
        }
        return Decision.NONE;
    }

    private Decision decideLogin(Requester requester) {
        Decision result = Decision.NONE;
        for (LimitSection section : sections) {
            if (section.names(LimitTargets.LOGIN)) {
                Decision decision = section.evaluate(requester);
                if (decision == Decision.DENY) {
                    return Decision.DENY;
                }
                if (decision == Decision.ALLOW) {
                    result = Decision.ALLOW;
                }
            }
        }
        return result;
    }
}
