package dev.ferry.cli;

import picocli.CommandLine.Command;

/** {@code ferry version}. */
@Command(name = "version", mixinStandardHelpOptions = true, versionProvider = FerryVersion.class,
        description = "Print the version and exit.")
public final class VersionCommand implements Runnable {
    @Override
    public void run() {
        System.out.println(new FerryVersion().getVersion()[0]);
    }
}
