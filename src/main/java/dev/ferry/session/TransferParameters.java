package dev.ferry.session;

import dev.ferry.fs.VirtualPath;
import java.util.List;
import java.util.Optional;

/**
 * What earlier commands set up for later ones: TYPE, REST, RNFR and the MLST fact selection.
 * Owned by the control thread.
 */
public final class TransferParameters {
    /** RFC 3659 §7.5 facts this server supports, in FEAT order. */
    public static final List<String> MLST_FACTS = List.of("type", "size", "modify", "perm", "unique", "unix.mode");

    private DataType type = DataType.ASCII;
    private long restOffset;
    private VirtualPath renameFrom;
    private List<String> mlstFacts = MLST_FACTS;

    public DataType type() {
        return type;
    }

    public void type(DataType type) {
        this.type = type;
    }

    /** Takes the REST offset for a transfer command; it applies once. */
    public long takeRestOffset() {
        long offset = restOffset;
        restOffset = 0;
        return offset;
    }

    public long restOffset() {
        return restOffset;
    }

    public void restOffset(long offset) {
        this.restOffset = offset;
    }

    public Optional<VirtualPath> renameFrom() {
        return Optional.ofNullable(renameFrom);
    }

    public void renameFrom(VirtualPath path) {
        this.renameFrom = path;
    }

    public List<String> mlstFacts() {
        return mlstFacts;
    }

    public void mlstFacts(List<String> facts) {
        this.mlstFacts = List.copyOf(facts);
    }

    /** REIN: back to the defaults. */
    public void reset() {
        type = DataType.ASCII;
        restOffset = 0;
        renameFrom = null;
        mlstFacts = MLST_FACTS;
    }
}
