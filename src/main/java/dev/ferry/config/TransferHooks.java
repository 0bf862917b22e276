package dev.ferry.config;

import dev.ferry.log.transfer.TransferLogSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the server does once a transfer has ended, besides replying.
 *
 * @param logs         the transfer logs (Pure-FTPd {@code -O}, ProFTPD {@code TransferLog}); empty: none
 * @param uploadScript a program run for each file uploaded in full ({@code --upload-script},
 *                     what Pure-FTPd's {@code -o} hands to pure-uploadscript); empty: none
 */
public record TransferHooks(List<TransferLogSpec> logs, Optional<Path> uploadScript) {
    public static final TransferHooks NONE = new TransferHooks(List.of(), Optional.empty());

    public TransferHooks {
        logs = List.copyOf(logs);
        Objects.requireNonNull(uploadScript);
    }

    /** Whether a transfer's end needs its user and file recorded. */
    public boolean any() {
        return !logs.isEmpty() || uploadScript.isPresent();
    }
}
