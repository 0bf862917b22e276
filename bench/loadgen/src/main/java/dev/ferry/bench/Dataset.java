package dev.ferry.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32C;

/**
 * The files every server serves, in one directory that is every test user's root:
 *
 * <pre>
 * big.bin           scenario 1 (1 GiB)
 * medium.bin        scenario 4 (100 MiB)
 * small/f0000.bin   scenario 2 (2,000 files of 4 KiB)
 * many/e00000       scenario 6 (10,000 empty files)
 * upload/           scenario 1's STOR target (writable by the test user)
 * </pre>
 */
final class Dataset {
    static final String BIG = "big.bin";
    static final String MEDIUM = "medium.bin";
    static final String UPLOAD_DIR = "upload";
    static final String MANY_DIR = "many";

    private final Path root;
    private final Map<String, Long> crcs = new ConcurrentHashMap<>();

    Dataset(Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    static String small(int i) {
        return String.format("small/f%04d.bin", i);
    }

    static String many(int i) {
        return String.format("many/e%05d", i);
    }

    /** Creates whatever is missing or has the wrong size; quick when all is there. */
    void prepare(long bigSize, long mediumSize, int smallCount, int smallSize, int listCount) throws IOException {
        Files.createDirectories(root.resolve("small"));
        Files.createDirectories(root.resolve(MANY_DIR));
        Files.createDirectories(root.resolve(UPLOAD_DIR));
        writeBlocks(root.resolve(BIG), bigSize, 1);
        writeBlocks(root.resolve(MEDIUM), mediumSize, 2);
        for (int i = 0; i < smallCount; i++) {
            Path p = root.resolve(small(i));
            if (!Files.exists(p) || Files.size(p) != smallSize) {
                byte[] b = new byte[smallSize];
                new Random(1000 + i).nextBytes(b);
                Files.write(p, b);
            }
        }
        // Exactly listCount entries in many/: remove extras left by a run with other sizes.
        try (var s = Files.list(root.resolve(MANY_DIR))) {
            for (Path p : (Iterable<Path>) s::iterator) {
                String name = p.getFileName().toString();
                int i = name.startsWith("e") ? parseOr(name.substring(1), -1) : -1;
                if (i < 0 || i >= listCount || !name.equals(many(i).substring(MANY_DIR.length() + 1))) {
                    Files.delete(p);
                }
            }
        }
        for (int i = 0; i < listCount; i++) {
            Path p = root.resolve(many(i));
            if (!Files.exists(p)) {
                Files.createFile(p);
            }
        }
        try (var s = Files.list(root.resolve(UPLOAD_DIR))) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static int parseOr(String s, int fallback) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** Pseudo-random 1 MiB blocks, each stamped with its index so that misordered data shows. */
    private static void writeBlocks(Path file, long size, long seed) throws IOException {
        if (Files.exists(file) && Files.size(file) == size) {
            return;
        }
        ByteBuffer block = pattern(seed);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            long left = size;
            long index = 0;
            while (left > 0) {
                block.clear();
                block.putLong(0, index++);
                if (left < block.capacity()) {
                    block.limit((int) left);
                }
                while (block.hasRemaining()) {
                    left -= ch.write(block);
                }
            }
        }
    }

    /** A direct 1 MiB buffer of pseudo-random bytes. */
    static ByteBuffer pattern(long seed) {
        byte[] b = new byte[FtpClient.DATA_BUFFER];
        new Random(seed).nextBytes(b);
        ByteBuffer buffer = ByteBuffer.allocateDirect(b.length);
        buffer.put(b).clear();
        return buffer;
    }

    /** CRC-32C of {@code size} bytes of {@code pattern} repeated, as {@link FtpClient#store} sends them. */
    static long patternCrc(ByteBuffer pattern, long size) {
        CRC32C crc = new CRC32C();
        ByteBuffer src = pattern.duplicate();
        long left = size;
        while (left > 0) {
            src.clear();
            if (left < src.capacity()) {
                src.limit((int) left);
            }
            left -= src.remaining();
            crc.update(src);
        }
        return crc.getValue();
    }

    long size(String path) throws IOException {
        return Files.size(root.resolve(path));
    }

    /** CRC-32C of a served file, read from the disk (cached). */
    long crc(String path) throws IOException {
        Long known = crcs.get(path);
        if (known != null) {
            return known;
        }
        CRC32C crc = new CRC32C();
        ByteBuffer buffer = ByteBuffer.allocateDirect(FtpClient.DATA_BUFFER);
        try (FileChannel ch = FileChannel.open(root.resolve(path))) {
            while (true) {
                buffer.clear();
                if (ch.read(buffer) < 0) {
                    break;
                }
                buffer.flip();
                crc.update(buffer);
            }
        }
        crcs.put(path, crc.getValue());
        return crc.getValue();
    }
}
