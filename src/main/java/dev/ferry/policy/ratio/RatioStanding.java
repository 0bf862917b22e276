package dev.ferry.policy.ratio;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One login's uploads and downloads against its ratio. The counts last as long as the login, as
 * in Pure-FTPd and in ProFTPD's mod_ratio without {@code SaveRatios}. An upload counts once it is
 * complete (226); a download counts every byte sent, and as a file once it is complete, so that
 * cutting a download short does not make it free.
 *
 * <p>The control thread asks before a download; the transfer thread counts at the end.
 */
public final class RatioStanding {
    private final Ratio ratio;
    private final RatioTexts texts;
    private final ReentrantLock lock = new ReentrantLock();
    private long uploadedFiles;
    private long uploadedBytes;
    private long downloadedFiles;
    private long downloadedBytes;

    public RatioStanding(Ratio ratio, RatioTexts texts) {
        this.ratio = Objects.requireNonNull(ratio);
        this.texts = Objects.requireNonNull(texts);
    }

    /**
     * Why a download of {@code bytes} from {@code name} is refused, or empty when the ratio
     * allows it.
     */
    public Optional<String> refusal(String name, long bytes) {
        lock.lock();
        try {
            if (ratio.files().isSet() && filesLeft() < 1) {
                return Optional.of(texts.fileRefusal().orElse("Upload more files first") + ": " + name
                        + " is refused by the ratio " + ratio.files() + " in files (uploaded " + uploadedFiles
                        + ", downloaded " + downloadedFiles + ")");
            }
            if (ratio.bytes().isSet() && bytesLeft() < bytes) {
                return Optional.of(texts.byteRefusal().orElse("Upload more first") + ": " + name + " needs "
                        + bytes + " bytes, the ratio " + ratio.bytes() + " in bytes leaves " + Math.max(0, bytesLeft())
                        + " (uploaded " + uploadedBytes + ", downloaded " + downloadedBytes + ")");
            }
            return Optional.empty();
        } finally {
            lock.unlock();
        }
    }

    /** Counts an upload that ended. */
    public void uploaded(long bytes, boolean complete) {
        if (!complete) {
            return;
        }
        lock.lock();
        try {
            uploadedFiles++;
            uploadedBytes = saturatedAdd(uploadedBytes, bytes);
        } finally {
            lock.unlock();
        }
    }

    /** Counts a download that ended, complete or not. */
    public void downloaded(long bytes, boolean complete) {
        lock.lock();
        try {
            if (complete) {
                downloadedFiles++;
            }
            downloadedBytes = saturatedAdd(downloadedBytes, bytes);
        } finally {
            lock.unlock();
        }
    }

    /** What a client is told of its standing: at login and for {@code SITE RATIO}. */
    public List<String> summary() {
        lock.lock();
        try {
            String counts = "Ratio " + ratio.describe() + ": uploaded " + files(uploadedFiles) + " (" + uploadedBytes
                    + " bytes), downloaded " + files(downloadedFiles) + " (" + downloadedBytes + " bytes)";
            StringBuilder left = new StringBuilder("Left to download:");
            if (ratio.files().isSet()) {
                left.append(' ').append(files(Math.max(0, filesLeft())));
            }
            if (ratio.bytes().isSet()) {
                left.append(ratio.files().isSet() ? "," : "").append(' ').append(Math.max(0, bytesLeft()))
                        .append(" bytes");
            }
            return List.of(counts, left.toString());
        } finally {
            lock.unlock();
        }
    }

    private static String files(long n) {
        return n + (n == 1 ? " file" : " files");
    }

    private long filesLeft() {
        return saturatedAdd(ratio.files().earned(uploadedFiles), ratio.fileCredit()) - downloadedFiles;
    }

    private long bytesLeft() {
        return saturatedAdd(ratio.bytes().earned(uploadedBytes), ratio.byteCredit()) - downloadedBytes;
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }
}
