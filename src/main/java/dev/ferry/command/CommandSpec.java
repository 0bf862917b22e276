package dev.ferry.command;

import java.util.List;
import java.util.Objects;

/**
 * Everything the server knows about one verb. The {@link CommandTable} of these drives dispatch,
 * HELP, FEAT and the table-driven tests.
 *
 * @param verb                  the verb as sent (upper case)
 * @param aliasOf               for RFC 775 X-verbs (XCWD...), the verb they stand for; else null
 * @param argument              whether it takes an argument
 * @param requiresLogin         530 before login when true
 * @param group                 the {@code <Limit>} group
 * @param allowedDuringTransfer handled at once while a transfer runs (ABOR, STAT, NOOP)
 * @param syntax                shown by {@code HELP verb}
 * @param features              FEAT lines this verb contributes
 * @param handler               the implementation
 */
public record CommandSpec(String verb, String aliasOf, ArgRule argument, boolean requiresLogin, CommandGroup group,
                          boolean allowedDuringTransfer, String syntax, List<FeatureLine> features,
                          CommandHandler handler) {

    public CommandSpec {
        Objects.requireNonNull(verb);
        Objects.requireNonNull(argument);
        Objects.requireNonNull(group);
        Objects.requireNonNull(syntax);
        features = List.copyOf(features);
        Objects.requireNonNull(handler);
    }
}
