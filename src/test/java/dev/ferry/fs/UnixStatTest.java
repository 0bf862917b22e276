package dev.ferry.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class UnixStatTest {
    private static UnixStat stat(int mode, long device, long inode) {
        return new UnixStat(mode, device, inode, 1, 0, 0, 0, Instant.EPOCH);
    }

    @Test
    void uniqueIsHexDeviceGHexInode() {
        assertThat(stat(0100644, 0xfd00, 0x1a2b).unique()).isEqualTo("fd00g1a2b");
        assertThat(stat(0100644, 0, 0).unique()).isEqualTo("0g0");
        assertThat(stat(0100644, -1, Long.MIN_VALUE).unique()).isEqualTo("ffffffffffffffffg8000000000000000");
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 10_000; i++) {
            long device = random.nextLong() >>> random.nextInt(64);
            long inode = random.nextLong() >>> random.nextInt(64);
            assertThat(stat(0100644, device, inode).unique())
                    .isEqualTo(Long.toHexString(device) + "g" + Long.toHexString(inode));
        }
    }

    @Test
    void kindAndLinkComeFromTheTypeBits() {
        assertThat(stat(0040755, 1, 1).kind()).isEqualTo(FileKind.DIRECTORY);
        assertThat(stat(0100600, 1, 1).kind()).isEqualTo(FileKind.FILE);
        assertThat(stat(0010644, 1, 1).kind()).isEqualTo(FileKind.OTHER);
        assertThat(stat(0120777, 1, 1).isLink()).isTrue();
        assertThat(stat(0100777, 1, 1).isLink()).isFalse();
    }

    @Test
    void modificationTimeIsRequired() {
        assertThatThrownBy(() -> new UnixStat(0100644, 1, 1, 1, 0, 0, 0, null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
