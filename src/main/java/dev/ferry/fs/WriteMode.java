package dev.ferry.fs;

/** How an upload opens its target. */
public enum WriteMode {
    /** STOR: create or truncate. */
    REPLACE,
    /** STOU, or STOR when overwriting is not allowed: the file must not exist. */
    CREATE_NEW,
    /** APPE: create or append at the end. */
    APPEND,
    /** STOR/APPE after REST: write from the restart offset, keeping what is before it. */
    RESUME
}
