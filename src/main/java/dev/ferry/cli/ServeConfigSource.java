package dev.ferry.cli;

import dev.ferry.auth.UserStore;
import dev.ferry.config.DataDirectory;
import dev.ferry.config.FerryConfig;
import dev.ferry.config.TransferHooks;
import dev.ferry.config.file.ConfigError;
import dev.ferry.config.proftpd.ConfigException;
import dev.ferry.config.proftpd.LoadedConfig;
import dev.ferry.server.ConfigLoad;
import dev.ferry.server.ConfigSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The configuration a {@code ferry serve} command line describes, read afresh each time: at
 * start and at every reload. With {@code --config FILE} that is the file (and whatever it
 * includes); otherwise the switches, laid over {@code --pureconf FILE} as it reads now. The
 * switches themselves are the ones given at start: a reload cannot change the command line.
 */
final class ServeConfigSource implements ConfigSource {
    /** The name of the {@link ServeSwitches} mixin in {@link ServeCommand}. */
    static final String SWITCHES = "switches";

    private final DataDirectory data;
    private final Optional<Path> configFile;
    private final Optional<Path> pureConf;
    private final List<String> switches;
    private final UserStore users;
    /** {@code --upload-script} beside {@code --config}: every server of the file runs it. */
    private final Optional<Path> uploadScript;

    private ServeConfigSource(DataDirectory data, Optional<Path> configFile, Optional<Path> pureConf,
                              List<String> switches, UserStore users, Optional<Path> uploadScript) {
        this.data = data;
        this.configFile = configFile;
        this.pureConf = pureConf;
        this.switches = List.copyOf(switches);
        this.users = users;
        this.uploadScript = uploadScript;
    }

    /** The configuration {@code --config FILE} describes, {@code ~user} resolved against {@code users}. */
    static ServeConfigSource ofFile(Path file, DataDirectory data, UserStore users) {
        return ofFile(file, data, users, Optional.empty());
    }

    /** As {@link #ofFile(Path, DataDirectory, UserStore)}, each server running {@code uploadScript}. */
    static ServeConfigSource ofFile(Path file, DataDirectory data, UserStore users, Optional<Path> uploadScript) {
        return new ServeConfigSource(data, Optional.of(file), Optional.empty(), List.of(), users, uploadScript);
    }

    /**
     * The server that {@code switches} (arguments as {@link #givenSwitches} returns them)
     * describe, over {@code pureConf} when there is one.
     */
    static ServeConfigSource ofSwitches(List<String> switches, Optional<Path> pureConf, DataDirectory data) {
        return new ServeConfigSource(data, Optional.empty(), pureConf, switches, null, Optional.empty());
    }

    /**
     * The options of {@link ServeSwitches} that {@code serve} (a parsed {@code ferry serve}
     * command line) was given, as arguments that give them again: one {@code --name=value} per
     * value, {@code --name} for a flag.
     */
    static List<String> givenSwitches(CommandLine serve) {
        List<OptionSpec> switches = switchOptions(serve);
        Set<OptionSpec> valuesGiven = new HashSet<>();
        List<String> args = new ArrayList<>();
        // one entry per occurrence: a repeated flag (-dd) counts each time, an option's values all come with each entry
        for (OptionSpec option : serve.getParseResult().matchedOptions()) {
            if (!switches.contains(option)) {
                continue;
            }
            if (option.arity().max() == 0) {
                args.add(option.longestName());
            } else if (valuesGiven.add(option)) {
                option.originalStringValues().forEach(v -> args.add(option.longestName() + "=" + v));
            }
        }
        return args;
    }

    /** The options of {@link ServeSwitches} given to {@code serve}, in declaration order. */
    static List<OptionSpec> switchOptions(CommandLine serve) {
        CommandLine.ParseResult given = serve.getParseResult();
        return serve.getCommandSpec().mixins().get(SWITCHES).options().stream()
                .filter(given::hasMatchedOption).toList();
    }

    @Override
    public ConfigLoad load() {
        return configFile.isPresent() ? loadFile(configFile.get()) : loadSwitches();
    }

    private ConfigLoad loadFile(Path file) {
        try {
            LoadedConfig loaded = ConfigFiles.load(file, data, users);
            FerryConfig config = loaded.config();
            if (uploadScript.isPresent()) {
                config = new FerryConfig(config.servers().stream().map(s -> s.withAfterTransfer(
                        new TransferHooks(s.transferLogs(), uploadScript))).toList(), config.classes(), config.source(),
                        config.syslog(), config.systemLog(), config.maxInstances());
            }
            return new ConfigLoad.Loaded(config,
                    loaded.notices().stream().map(n -> "note: " + n).toList());
        } catch (ConfigException e) {
            return new ConfigLoad.Failed(e.errors().stream().map(ConfigError::toString).toList(), List.of(),
                    Optional.of(file));
        }
    }

    private ConfigLoad loadSwitches() {
        SwitchesLine holder = new SwitchesLine();
        CommandLine line = new CommandLine(holder);
        List<String> notes = new ArrayList<>();
        try {
            line.parseArgs(switches.toArray(String[]::new));
            if (pureConf.isPresent()) {
                PureFtpdConf conf = PureFtpdConf.read(pureConf.get());
                notes.addAll(PureFtpdConfOverlay.apply(conf, line));
                conf.notes().forEach(n -> notes.add("note: " + n));
            }
            ServeSwitches.Built built = holder.switches.build(data);
            built.notes().forEach(n -> notes.add("note: " + n));
            return new ConfigLoad.Loaded(FerryConfig.single(built.server()).withSyslog(holder.switches.syslog()), notes);
        } catch (PureFtpdConfException e) {
            return new ConfigLoad.Failed(e.errors(), notes, pureConf);
        } catch (IllegalArgumentException | CommandLine.ParameterException e) {
            return new ConfigLoad.Failed(List.of(e.getMessage()), notes, Optional.empty());
        }
    }

    /** A command line of the switches alone, parsed afresh for every load. */
    @Command(name = "serve")
    static final class SwitchesLine {
        @Mixin(name = SWITCHES)
        ServeSwitches switches = new ServeSwitches();
    }
}
