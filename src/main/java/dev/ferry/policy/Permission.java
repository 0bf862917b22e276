package dev.ferry.policy;

/** What a command wants to do to a path; {@link AccessPolicy} says yes or no. */
public enum Permission {
    /** See a directory's contents or an object's facts (LIST, NLST, MLSD, MLST, STAT, SIZE, MDTM, CWD). */
    LIST,
    /** Download a file (RETR). */
    READ,
    /** Create a new file (STOR, STOU, APPE to a new name). */
    STORE,
    /** Replace or resume an existing file (STOR over it, REST + STOR). */
    OVERWRITE,
    /** Append to an existing file (APPE). */
    APPEND,
    DELETE,
    RENAME,
    MKDIR,
    RMDIR,
    /** Change modification time (MFMT, MDTM set form). */
    SET_TIME,
    /** Change permission bits (SITE CHMOD). */
    CHMOD;

    /** Whether this changes storage (anything but looking and reading). */
    public boolean isWrite() {
        return this != LIST && this != READ;
    }
}
