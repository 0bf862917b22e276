package dev.ferry.command;

/**
 * ProFTPD's command groups for {@code <Limit>}: READ, WRITE and DIRS; LOGIN-phase and other
 * commands are MISC. {@code ALL} in a Limit means every group.
 */
public enum CommandGroup {
    READ, WRITE, DIRS, LOGIN, MISC
}
