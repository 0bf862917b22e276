package dev.ferry.data;

import dev.ferry.fs.VirtualPath;
import dev.ferry.log.transfer.TransferRecord;
import java.util.Objects;

/**
 * The file a transfer moves, as the transfer logs record it.
 *
 * @param path      the file as the user named it (for an upload under HiddenStores, the final name)
 * @param direction upload or download
 * @param ascii     TYPE A
 */
public record LoggedFile(VirtualPath path, TransferRecord.Direction direction, boolean ascii) {
    public LoggedFile {
        Objects.requireNonNull(path);
        Objects.requireNonNull(direction);
    }
}
