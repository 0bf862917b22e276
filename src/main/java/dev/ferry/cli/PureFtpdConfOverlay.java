package dev.ferry.cli;

import dev.ferry.cli.PureFtpdConf.Setting;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * Lays a pure-ftpd.conf under a parsed {@code ferry serve} command line: each setting gives its
 * switch the value the file says, unless the switch was given on the command line, which wins.
 * A switch also wins over the file's setting of the switch it excludes ({@code -a} over
 * {@code ChrootEveryone}, {@code -e} over {@code NoAnonymous}, and the reverse). Each file
 * setting that loses and disagrees is reported, so that nobody wonders why the file is not obeyed.
 */
final class PureFtpdConfOverlay {

    /** Switches that cannot both be on: giving one on the command line switches the other one's setting off. */
    private static final Map<String, String> EXCLUDES = Map.of(
            "--chrooteveryone", "--trustedgid", "--trustedgid", "--chrooteveryone",
            "--anonymousonly", "--noanonymous", "--noanonymous", "--anonymousonly");

    private PureFtpdConfOverlay() {
    }

    /**
     * Gives the options of {@code commandLine} (already parsed) the file's values where the
     * command line did not set them.
     *
     * @return one line per file setting the command line overrides, e.g.
     *         "-c 50 overrides MaxClientsNumber 20 from /etc/pure-ftpd.conf"
     */
    static List<String> apply(PureFtpdConf conf, CommandLine commandLine) {
        ParseResult given = commandLine.getParseResult();
        CommandSpec spec = commandLine.getCommandSpec();
        List<String> conflicts = new ArrayList<>();
        List<String> taken = new ArrayList<>();
        for (Setting s : conf.settings()) {
            OptionSpec same = spec.findOption(s.option());
            OptionSpec excluding = spec.findOption(EXCLUDES.getOrDefault(s.option(), s.option()));
            Object fromFile = valueOf(s.option(), s.arguments());
            if (given.hasMatchedOption(same)) {
                if (!Objects.equals(fromFile, same.getValue())) {
                    conflicts.add(overrides(same, s, conf));
                }
            } else if (excluding != same && given.hasMatchedOption(excluding)) {
                if (!Objects.equals(fromFile, valueOf(s.option(), List.of()))) {
                    conflicts.add(overrides(excluding, s, conf));
                }
            } else {
                taken.addAll(s.arguments());
            }
        }
        CommandLine fileLine = new CommandLine(new ServeSwitches());
        fileLine.parseArgs(taken.toArray(String[]::new));
        for (OptionSpec o : fileLine.getParseResult().matchedOptions()) {
            spec.findOption(o.longestName()).setValue(o.getValue());
        }
        return conflicts;
    }

    /** The value an option has after parsing just {@code arguments}. */
    private static Object valueOf(String option, List<String> arguments) {
        CommandLine line = new CommandLine(new ServeSwitches());
        line.parseArgs(arguments.toArray(String[]::new));
        return line.getCommandSpec().findOption(option).getValue();
    }

    private static String overrides(OptionSpec winner, Setting loser, PureFtpdConf conf) {
        String values = winner.arity().max() == 0 ? "" : " " + String.join(" ", winner.originalStringValues());
        return winner.shortestName() + values + " overrides " + loser.key() + " " + loser.value() + " from "
                + conf.file();
    }
}
