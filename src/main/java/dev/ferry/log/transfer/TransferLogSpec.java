package dev.ferry.log.transfer;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A transfer log to write: Pure-FTPd's {@code -O FORMAT:FILE} ({@code AltLog}), ProFTPD's
 * {@code TransferLog FILE} (xferlog).
 *
 * @param format the layout of its lines
 * @param file   the file, made absolute; it is appended to, and created (mode 0640) if missing
 */
public record TransferLogSpec(TransferLogFormat format, Path file) {

    public TransferLogSpec {
        Objects.requireNonNull(format);
        file = file.toAbsolutePath().normalize();
    }

    /**
     * {@code FORMAT:FILE}, as {@code -O} takes it: {@code xferlog:/var/log/xferlog}.
     *
     * @throws IllegalArgumentException for a missing part or an unknown format
     */
    public static TransferLogSpec parse(String spec) {
        int colon = spec.indexOf(':');
        if (colon <= 0 || colon == spec.length() - 1) {
            throw new IllegalArgumentException("takes FORMAT:FILE, such as xferlog:/var/log/xferlog, not '"
                    + spec + "'");
        }
        return new TransferLogSpec(TransferLogFormat.named(spec.substring(0, colon).strip()),
                Path.of(spec.substring(colon + 1).strip()));
    }
}
