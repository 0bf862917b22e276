package dev.ferry.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.config.ListOptions.Command;
import dev.ferry.config.ListOptions.Scope;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ProFTPD's {@code ListOptions} as read, and the flags a listing ends up with. */
class ListOptionsTest {

    @Test
    void optionsAndKeywordsAreRead() {
        ListOptions o = ListOptions.parse(List.of("-a", "strict", "maxfiles", "2000", "MaxDepth", "3", "maxdirs", "10",
                "LISTOnly", "SortedNLST"));
        assertThat(o).isEqualTo(new ListOptions(new ListFlags(true, false), true, Scope.LIST_ONLY, 2000, 3, 10));
        assertThat(ListOptions.parse(List.of("-a +R"))).isEqualTo(new ListOptions(new ListFlags(true, false), false,
                Scope.ALL, ListOptions.DEFAULT.maxFiles(), ListOptions.DEFAULT.maxDepth(), Integer.MAX_VALUE));
        assertThat(ListOptions.parse(List.of("-laR", "NLSTOnly")).flags()).isEqualTo(new ListFlags(true, true));
        assertThat(ListOptions.parse(List.of("", "maxfiles", "5")).flags()).isEqualTo(ListFlags.NONE);
        assertThat(ListOptions.parse(List.of("-1")).flags()).isEqualTo(ListFlags.NONE);
    }

    @Test
    void whatFerryDoesNotDoIsRefusedNotIgnored() {
        assertThatThrownBy(() -> ListOptions.parse(List.of("-t"))).hasMessageContaining("the flag t is not supported yet");
        assertThatThrownBy(() -> ListOptions.parse(List.of("-a", "NoErrorIfAbsent")))
                .hasMessageContaining("'NoErrorIfAbsent' is not supported yet");
        assertThatThrownBy(() -> ListOptions.parse(List.of("-a", "maxfiles"))).hasMessageContaining("maxfiles takes a number");
        assertThatThrownBy(() -> ListOptions.parse(List.of("-a", "maxfiles", "0"))).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> ListOptions.parse(List.of("-a", "maxdepth", "deep"))).hasMessageContaining("takes a number");
        assertThatThrownBy(() -> ListOptions.parse(List.of("a"))).hasMessageContaining("not a word of flags");
        assertThatThrownBy(() -> ListOptions.parse(List.of())).hasMessageContaining("takes the options");
    }

    @Test
    void theClientsFlagsAddUpUnlessStrictAndOnlyWhereTheScopeSays() {
        ListFlags client = new ListFlags(false, true);
        ListOptions a = ListOptions.parse(List.of("-a"));
        assertThat(a.effective(client, Command.LIST)).isEqualTo(new ListFlags(true, true));
        assertThat(ListOptions.parse(List.of("-a", "strict")).effective(client, Command.NLST))
                .isEqualTo(new ListFlags(true, false));
        ListOptions listOnly = ListOptions.parse(List.of("-a", "strict", "LISTOnly"));
        assertThat(listOnly.effective(client, Command.LIST)).isEqualTo(new ListFlags(true, false));
        assertThat(listOnly.effective(client, Command.NLST)).isEqualTo(client);
        assertThat(ListOptions.DEFAULT.effective(client, Command.NLST)).isEqualTo(client);
    }

    @Test
    void pureFtpdsSwitchesAreTheSameSettings() {
        assertThat(ListOptions.DEFAULT.withDotFiles().flags().all()).isTrue();
        ListOptions limited = ListOptions.DEFAULT.withLimits("10000:8");
        assertThat(limited.maxFiles()).isEqualTo(10000);
        assertThat(limited.maxDepth()).isEqualTo(8);
        assertThatThrownBy(() -> ListOptions.DEFAULT.withLimits("10000")).hasMessageStartingWith("-L (--limitrecursion)");
    }
}
