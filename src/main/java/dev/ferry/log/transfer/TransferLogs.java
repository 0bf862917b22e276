package dev.ferry.log.transfer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The transfer logs the server writes, one open file each, shared by every server and session
 * and kept across reloads. A reload opens every file again by name, which is what a log
 * rotation ({@code logrotate}, then {@code ferry reload}) needs; a file no longer configured is
 * closed, and sessions of the old configuration stop writing to it.
 */
public final class TransferLogs {
    private final ReentrantLock lock = new ReentrantLock();
    private volatile Map<Path, TransferLogFile> open = Map.of();

    /**
     * Opens (or opens again) the files {@code specs} name and closes the others. Nothing
     * changes unless every file can be opened.
     *
     * @throws IOException naming a file that cannot be opened, or one named with two formats
     */
    public void configure(Collection<TransferLogSpec> specs) throws IOException {
        Map<Path, TransferLogFormat> wanted = new LinkedHashMap<>();
        for (TransferLogSpec spec : specs) {
            TransferLogFormat before = wanted.putIfAbsent(spec.file(), spec.format());
            if (before != null && before != spec.format()) {
                throw new IOException("the transfer log " + spec.file() + " is given two formats, " + before.label()
                        + " and " + spec.format().label());
            }
        }
        lock.lock();
        try {
            Map<Path, TransferLogFile> next = new HashMap<>();
            List<TransferLogFile> opened = new ArrayList<>();
            try {
                for (Map.Entry<Path, TransferLogFormat> e : wanted.entrySet()) {
                    TransferLogFile current = open.get(e.getKey());
                    if (current != null && current.format() == e.getValue()) {
                        current.reopen(); // the same file and format: follow a rotation
                        next.put(e.getKey(), current);
                    } else {
                        TransferLogFile file = TransferLogFile.open(e.getKey(), e.getValue());
                        opened.add(file);
                        next.put(e.getKey(), file);
                    }
                }
            } catch (IOException e) {
                opened.forEach(TransferLogFile::close);
                throw e;
            }
            for (Map.Entry<Path, TransferLogFile> e : open.entrySet()) {
                if (next.get(e.getKey()) != e.getValue()) {
                    e.getValue().close();
                }
            }
            open = Map.copyOf(next);
        } finally {
            lock.unlock();
        }
    }

    /** Writes {@code record} to each of {@code logs} that is open. */
    public void write(List<TransferLogSpec> logs, TransferRecord record) {
        Map<Path, TransferLogFile> files = open;
        for (TransferLogSpec spec : logs) {
            TransferLogFile file = files.get(spec.file());
            if (file != null && file.format() == spec.format()) {
                file.write(record);
            }
        }
    }

    /** Closes every file; later writes go nowhere. */
    public void close() {
        lock.lock();
        try {
            open.values().forEach(TransferLogFile::close);
            open = Map.of();
        } finally {
            lock.unlock();
        }
    }
}
