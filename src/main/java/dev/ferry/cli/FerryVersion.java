package dev.ferry.cli;

import picocli.CommandLine.IVersionProvider;

/** The version string, taken from the jar manifest (falls back to "dev" when run from classes). */
public final class FerryVersion implements IVersionProvider {

    public static String current() {
        String v = FerryVersion.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"Ferry " + current() + " (Java " + Runtime.version() + ")"};
    }
}
