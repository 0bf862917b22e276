package dev.ferry.policy.quota;

import java.nio.file.Path;

/**
 * A change about to be made at one host path under a quota: taken before the change, settled
 * once it is done (or has failed: settling compares what is there then with what was there).
 */
public record QuotaCharge(QuotaUsage usage, Path host, FileState before) {

    public static QuotaCharge before(QuotaUsage usage, Path host) {
        return new QuotaCharge(usage, host, FileState.of(host));
    }

    public void settle() {
        usage.changed(before, FileState.of(host));
    }
}
