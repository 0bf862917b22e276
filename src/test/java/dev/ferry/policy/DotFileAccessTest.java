package dev.ferry.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.config.DotFiles;
import dev.ferry.fs.FsException;
import dev.ferry.fs.VirtualPath;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Pure-FTPd's -x and -X as an access policy laid over another. */
class DotFileAccessTest {
    private static VirtualPath path(String p) throws FsException.InvalidName {
        return VirtualPath.ROOT.resolve(p);
    }

    @Test
    void allowedLeavesThePolicyAsItIs() {
        assertThat(DotFileAccess.over(AccessPolicy.FULL, DotFiles.ALLOWED)).isSameAs(AccessPolicy.FULL);
    }

    @Test
    void noWriteRefusesEveryChangeUnderADotComponentButNotLookingOrReading() throws Exception {
        AccessPolicy policy = DotFileAccess.over(AccessPolicy.FULL, DotFiles.NO_WRITE);
        for (Permission p : Permission.values()) {
            assertThat(policy.permits(p, path("/.profile"))).as(p.name()).isEqualTo(!p.isWrite());
            assertThat(policy.permits(p, path("/.ssh/authorized_keys"))).as(p.name()).isEqualTo(!p.isWrite());
            assertThat(policy.permits(p, path("/docs/readme.txt"))).as(p.name()).isTrue();
        }
    }

    @Test
    void noAccessRefusesEverythingUnderADotComponent() throws Exception {
        AccessPolicy policy = DotFileAccess.over(AccessPolicy.FULL, DotFiles.NO_ACCESS);
        for (Permission p : Permission.values()) {
            assertThat(policy.permits(p, path("/.config/app/settings"))).as(p.name()).isFalse();
            assertThat(policy.permits(p, path("/config/app.settings"))).as(p.name()).isTrue();
        }
    }

    @Test
    void theInnerPolicyStillDecidesTheRest() throws Exception {
        AccessPolicy readOnly = DotFileAccess.over(new AnonymousAccess(Optional.empty()), DotFiles.NO_WRITE);
        assertThat(readOnly.permits(Permission.READ, path("/pub/file"))).isTrue();
        assertThat(readOnly.permits(Permission.STORE, path("/pub/file"))).isFalse();
    }
}
