package dev.ferry.fs;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemoryLayout.PathElement;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Reads a directory and {@code lstat()}s its entries with libc calls through the FFM API, on
 * Linux x86_64 and aarch64 with glibc 2.33 or newer: one {@code open(O_DIRECTORY)}, then
 * {@code getdents64(2)} in 64 KiB batches, then {@code fstatat(2)} relative to that descriptor
 * with {@code AT_SYMLINK_NOFOLLOW} for each name, straight from the batch buffer. The JDK instead
 * resolves each entry's full path again and builds an attribute map per entry, which on a large
 * directory costs as much as the system calls themselves.
 *
 * <p>{@link #load()} is empty on any other OS or architecture, when a symbol is missing (older
 * glibc, musl), or when native access is not enabled; callers then use the JDK. A directory whose
 * names do not all decode exactly in the JDK's file-name charset ({@code sun.jnu.encoding}) is
 * left to the JDK as well, so names always read the same whichever way they were listed.
 *
 * <p>Layouts: Linux {@code struct stat} as glibc defines it for x86_64
 * ({@code sysdeps/unix/sysv/linux/x86/bits/struct_stat.h}) and for aarch64 (the generic
 * {@code bits/struct_stat.h}); {@code struct linux_dirent64} from getdents64(2), the same on both.
 */
final class LinuxDirectoryReader {
    private static final int AT_SYMLINK_NOFOLLOW = 0x100;
    private static final int O_CLOEXEC = 02000000;
    private static final int BATCH_BYTES = 64 * 1024;
    /** From this many entries on, idle cores may help with the lstat calls. */
    private static final int PARALLEL_MIN = 1_024;
    /** Names per claim: about half a millisecond of lstat calls. */
    private static final int BLOCK = 256;
    private static final int MAX_HELPERS = 3;
    // struct linux_dirent64: d_ino (8), d_off (8), d_reclen (2), d_type (1), d_name (NUL-terminated)
    private static final int DIRENT_RECLEN = 16;
    private static final int DIRENT_NAME = 19;

    /** x86_64: nlink is 64-bit and comes before mode. */
    static final StructLayout STAT_X86_64 = MemoryLayout.structLayout(
            ValueLayout.JAVA_LONG.withName("st_dev"),
            ValueLayout.JAVA_LONG.withName("st_ino"),
            ValueLayout.JAVA_LONG.withName("st_nlink"),
            ValueLayout.JAVA_INT.withName("st_mode"),
            ValueLayout.JAVA_INT.withName("st_uid"),
            ValueLayout.JAVA_INT.withName("st_gid"),
            MemoryLayout.paddingLayout(4),
            ValueLayout.JAVA_LONG.withName("st_rdev"),
            ValueLayout.JAVA_LONG.withName("st_size"),
            ValueLayout.JAVA_LONG.withName("st_blksize"),
            ValueLayout.JAVA_LONG.withName("st_blocks"),
            ValueLayout.JAVA_LONG.withName("st_atime"),
            ValueLayout.JAVA_LONG.withName("st_atime_nsec"),
            ValueLayout.JAVA_LONG.withName("st_mtime"),
            ValueLayout.JAVA_LONG.withName("st_mtime_nsec"),
            ValueLayout.JAVA_LONG.withName("st_ctime"),
            ValueLayout.JAVA_LONG.withName("st_ctime_nsec"),
            MemoryLayout.sequenceLayout(3, ValueLayout.JAVA_LONG).withName("reserved"));

    /** aarch64 (asm-generic): nlink is 32-bit and follows mode; blksize is 32-bit. */
    static final StructLayout STAT_AARCH64 = MemoryLayout.structLayout(
            ValueLayout.JAVA_LONG.withName("st_dev"),
            ValueLayout.JAVA_LONG.withName("st_ino"),
            ValueLayout.JAVA_INT.withName("st_mode"),
            ValueLayout.JAVA_INT.withName("st_nlink"),
            ValueLayout.JAVA_INT.withName("st_uid"),
            ValueLayout.JAVA_INT.withName("st_gid"),
            ValueLayout.JAVA_LONG.withName("st_rdev"),
            MemoryLayout.paddingLayout(8),
            ValueLayout.JAVA_LONG.withName("st_size"),
            ValueLayout.JAVA_INT.withName("st_blksize"),
            MemoryLayout.paddingLayout(4),
            ValueLayout.JAVA_LONG.withName("st_blocks"),
            ValueLayout.JAVA_LONG.withName("st_atime"),
            ValueLayout.JAVA_LONG.withName("st_atime_nsec"),
            ValueLayout.JAVA_LONG.withName("st_mtime"),
            ValueLayout.JAVA_LONG.withName("st_mtime_nsec"),
            ValueLayout.JAVA_LONG.withName("st_ctime"),
            ValueLayout.JAVA_LONG.withName("st_ctime_nsec"),
            MemoryLayout.sequenceLayout(2, ValueLayout.JAVA_INT).withName("reserved"));

    private final MethodHandle open;
    private final MethodHandle getdents;
    private final MethodHandle fstatat;
    private final MethodHandle close;
    private final int openFlags;
    private final Charset nameCharset;
    private final StructLayout stat;
    private final long modeAt;
    private final long deviceAt;
    private final long inodeAt;
    private final long linksAt;
    private final boolean wideLinks;
    private final long uidAt;
    private final long gidAt;
    private final long sizeAt;
    private final long secondsAt;
    private final long nanosAt;

    private LinuxDirectoryReader(SymbolLookup libc, Linker linker, StructLayout stat, int directoryFlag,
                                 Charset nameCharset) {
        this.open = linker.downcallHandle(symbol(libc, "open"),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT),
                Linker.Option.firstVariadicArg(2));
        this.getdents = linker.downcallHandle(symbol(libc, "getdents64"),
                FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.ADDRESS,
                        ValueLayout.JAVA_LONG));
        // The name goes as a plain 64-bit address (the same register either way on both ABIs):
        // helper threads may use it although the arena holding it is confined to the caller.
        this.fstatat = linker.downcallHandle(symbol(libc, "fstatat"),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG,
                        ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
        this.close = linker.downcallHandle(symbol(libc, "close"),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
        this.openFlags = directoryFlag | O_CLOEXEC; // O_RDONLY is 0
        this.nameCharset = nameCharset;
        this.stat = stat;
        this.modeAt = offset(stat, "st_mode");
        this.deviceAt = offset(stat, "st_dev");
        this.inodeAt = offset(stat, "st_ino");
        this.linksAt = offset(stat, "st_nlink");
        this.wideLinks = stat.select(PathElement.groupElement("st_nlink")).byteSize() == Long.BYTES;
        this.uidAt = offset(stat, "st_uid");
        this.gidAt = offset(stat, "st_gid");
        this.sizeAt = offset(stat, "st_size");
        this.secondsAt = offset(stat, "st_mtime");
        this.nanosAt = offset(stat, "st_mtime_nsec");
    }

    /** The reader for this platform, or empty where only the JDK can be used. */
    static Optional<LinuxDirectoryReader> load() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux")) {
            return Optional.empty();
        }
        String arch = System.getProperty("os.arch", "");
        StructLayout layout;
        int directoryFlag;
        switch (arch) {
            case "amd64", "x86_64" -> {
                layout = STAT_X86_64;
                directoryFlag = 0200000;
            }
            case "aarch64" -> {
                layout = STAT_AARCH64;
                directoryFlag = 040000;
            }
            default -> {
                return Optional.empty();
            }
        }
        if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) {
            return Optional.empty();
        }
        try {
            Charset names = Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"));
            if (!isAsciiCompatible(names)) {
                return Optional.empty();
            }
            Linker linker = Linker.nativeLinker();
            return Optional.of(new LinuxDirectoryReader(linker.defaultLookup(), linker, layout, directoryFlag, names));
        } catch (RuntimeException | LinkageError e) {
            // a missing symbol, native access refused (IllegalCallerException), an unknown charset
            return Optional.empty();
        }
    }

    /**
     * Lists a directory: every entry still there when its turn comes, in the order read, as
     * the maker turns its name and {@code lstat()} into a {@code T} (null leaves it out).
     * Entries gone between the read and the lstat, or that cannot be stat'ed at all, are
     * skipped, as a listing skips them. Empty when the directory cannot be opened this way or
     * holds a name the JDK would decode differently; the caller then lists it through the JDK,
     * which also reports any error properly.
     *
     * <p>In a large directory the lstat calls, each independent, are shared with idle
     * common-pool threads, which start on the first names while the rest are still being read.
     * The maker must therefore be safe to call from several threads. The calling thread never
     * waits for names nobody has started on.
     */
    <T> Optional<List<T>> list(Path directory, EntryMaker<T> maker) {
        return list(directory, maker, () -> {
        });
    }

    /** @param betweenReadAndStat runs after the names are read, before any is stat'ed, where no helper was started */
    <T> Optional<List<T>> list(Path directory, EntryMaker<T> maker, Runnable betweenReadAndStat) {
        byte[] path = encodeExactly(directory.toString());
        if (path == null) {
            return Optional.empty();
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cPath = arena.allocate(path.length + 1L);
            MemorySegment.copy(path, 0, cPath, ValueLayout.JAVA_BYTE, 0, path.length);
            int fd = (int) open.invokeExact(cPath, openFlags);
            if (fd < 0) {
                return Optional.empty();
            }
            Listing<T> listing = new Listing<>(arena, fd, maker);
            try {
                if (!listing.readAll()) {
                    return Optional.empty();
                }
                if (!listing.shared()) {
                    betweenReadAndStat.run();
                }
                return Optional.of(listing.finish());
            } finally {
                listing.close(); // after every helper has let go of the arena's memory
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("libc downcall failed", e);
        }
    }

    /** Turns one entry's name and lstat into what the caller keeps; null leaves it out. */
    @FunctionalInterface
    interface EntryMaker<T> {
        T make(String name, UnixStat stat);
    }

    /** A run of consecutive names handed to one thread, and what the maker made of them. */
    private static final class Range {
        final int from;
        final int to;
        final String[] names;
        final long[] addresses;
        final Object[] made;

        Range(int from, int to, String[] names, long[] addresses) {
            this.from = from;
            this.to = to;
            this.names = names;
            this.addresses = addresses;
            this.made = new Object[to - from];
        }
    }

    /**
     * The names read so far and who stats which: the reading thread publishes names batch by
     * batch, and any thread claims the next range of published names. Names live in arrays the
     * reader replaces as they grow; each claim takes the arrays published with those names.
     */
    private static final class Work {
        // a lock with a condition, not a monitor: claim() and awaitIdle() block, and may run on virtual threads
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition changed = lock.newCondition();
        private final List<Range> ranges = new ArrayList<>();
        private String[] names = new String[0];
        private long[] addresses = new long[0];
        private int published;
        private int claimed;
        private int running;
        private boolean complete;
        private Throwable failure;

        void publish(String[] names, long[] addresses, int upTo, boolean last) {
            lock.lock();
            try {
                this.names = names;
                this.addresses = addresses;
                published = upTo;
                complete |= last;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }

        /** No more names will come; those not yet claimed are dropped. */
        void abandon() {
            lock.lock();
            try {
                published = claimed;
                complete = true;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }

        /** The next range, or null when none is left; a helper may wait for the next batch. */
        Range claim(boolean waitForMore) throws InterruptedException {
            lock.lock();
            try {
                while (waitForMore && claimed == published && !complete) {
                    changed.await();
                }
                if (claimed == published) {
                    return null;
                }
                Range range = new Range(claimed, Math.min(published, claimed + BLOCK), names, addresses);
                claimed = range.to;
                running++;
                ranges.add(range);
                return range;
            } finally {
                lock.unlock();
            }
        }

        void finished(Throwable e) {
            lock.lock();
            try {
                if (e != null && failure == null) {
                    failure = e;
                }
                running--;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }

        /** Waits, interrupts deferred, until no claimed range is still running. */
        void awaitIdle() {
            lock.lock();
            try {
                while (running > 0) {
                    changed.awaitUninterruptibly();
                }
            } finally {
                lock.unlock();
            }
        }

        Throwable failure() {
            lock.lock();
            try {
                return failure;
            } finally {
                lock.unlock();
            }
        }

        List<Range> ranges() {
            lock.lock();
            try {
                return List.copyOf(ranges);
            } finally {
                lock.unlock();
            }
        }
    }

    /** One directory being listed: its descriptor, the batch buffers holding its names, the work. */
    private final class Listing<T> {
        private final Arena arena;
        private final int fd;
        private final EntryMaker<T> maker;
        private final Work work = new Work();
        private String[] names = new String[256];
        private long[] addresses = new long[256];
        private int count;
        private boolean helped;

        Listing(Arena arena, int fd, EntryMaker<T> maker) {
            this.arena = arena;
            this.fd = fd;
            this.maker = maker;
        }

        boolean shared() {
            return helped;
        }

        /** @return false on a read error or a name that must go through the JDK */
        boolean readAll() throws Throwable {
            // Parsed from a heap copy: one bulk copy per batch is cheaper than an access per
            // byte while this code still runs interpreted, as it does on a fresh server.
            byte[] records = new byte[BATCH_BYTES];
            while (true) {
                MemorySegment batch = arena.allocate(BATCH_BYTES, 8);
                long filled = (long) getdents.invokeExact(fd, batch, (long) BATCH_BYTES);
                if (filled <= 0) {
                    if (filled < 0) {
                        work.abandon();
                        return false;
                    }
                    work.publish(names, addresses, count, true);
                    if (count >= PARALLEL_MIN) {
                        startHelpers();
                    }
                    return true;
                }
                int end = (int) filled;
                MemorySegment.copy(batch, ValueLayout.JAVA_BYTE, 0, records, 0, end);
                for (int at = 0; at < end; ) {
                    int length = (records[at + DIRENT_RECLEN] & 0xff) | (records[at + DIRENT_RECLEN + 1] & 0xff) << 8;
                    if (length <= DIRENT_NAME || length > end - at
                            || !add(records, at + DIRENT_NAME, at + length, batch.address() + at + DIRENT_NAME)) {
                        work.abandon(); // a malformed record, or a name the JDK must handle
                        return false;
                    }
                    at += length;
                }
                work.publish(names, addresses, count, false);
                if (count >= PARALLEL_MIN) {
                    startHelpers(); // more names are likely: start on these while reading on
                }
            }
        }

        private boolean add(byte[] records, int start, int end, long address) {
            int stop = start;
            boolean ascii = true;
            while (stop < end && records[stop] != 0) {
                ascii &= records[stop] >= 0;
                stop++;
            }
            int length = stop - start;
            if (stop == end) {
                return false; // no terminator inside the record
            }
            if (length == 1 && records[start] == '.' || length == 2 && records[start] == '.' && records[start + 1] == '.') {
                return true;
            }
            String name = ascii ? new String(records, start, length, StandardCharsets.ISO_8859_1)
                    : decodeExactly(records, start, length);
            if (name == null) {
                return false;
            }
            if (count == names.length) {
                // New arrays, never a resize in place: helpers may be reading the old ones.
                names = Arrays.copyOf(names, count * 2);
                addresses = Arrays.copyOf(addresses, count * 2);
            }
            names[count] = name;
            addresses[count] = address;
            count++;
            return true;
        }

        private void startHelpers() {
            if (helped) {
                return;
            }
            helped = true;
            int helpers = Math.min(ForkJoinPool.getCommonPoolParallelism(), MAX_HELPERS);
            for (int h = 0; h < helpers; h++) {
                ForkJoinPool.commonPool().execute(() -> {
                    try (Arena own = Arena.ofConfined()) {
                        MemorySegment buffer = own.allocate(stat);
                        long[] words = new long[(int) (stat.byteSize() / Long.BYTES)];
                        for (Range range = work.claim(true); range != null; range = work.claim(true)) {
                            make(range, buffer, words);
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt(); // stop claiming; the caller does the rest
                    }
                });
            }
        }

        /** Stats whatever no helper has claimed, waits for the helpers, and collects in order. */
        List<T> finish() throws InterruptedException {
            MemorySegment buffer = arena.allocate(stat);
            long[] words = new long[(int) (stat.byteSize() / Long.BYTES)];
            for (Range range = work.claim(false); range != null; range = work.claim(false)) {
                make(range, buffer, words);
            }
            work.awaitIdle();
            Throwable failure = work.failure();
            if (failure instanceof RuntimeException e) {
                throw e;
            }
            if (failure instanceof Error e) {
                throw e;
            }
            List<T> entries = new ArrayList<>(count);
            for (Range range : work.ranges()) {
                for (Object made : range.made) {
                    if (made != null) {
                        @SuppressWarnings("unchecked") // only the maker's results are stored
                        T entry = (T) made;
                        entries.add(entry);
                    }
                }
            }
            return entries;
        }

        private void make(Range range, MemorySegment buffer, long[] words) {
            Throwable failed = null;
            try {
                for (int i = range.from; i < range.to; i++) {
                    UnixStat found = statOne(range.addresses[i], buffer, words);
                    range.made[i - range.from] = found == null ? null : maker.make(range.names[i], found);
                }
            } catch (RuntimeException | Error e) {
                failed = e;
            } finally {
                work.finished(failed);
            }
        }

        /** @param words where the stat buffer is copied to be read (one bulk copy, not a call per field) */
        private UnixStat statOne(long name, MemorySegment buffer, long[] words) {
            int rc;
            try {
                rc = (int) fstatat.invokeExact(fd, name, buffer, AT_SYMLINK_NOFOLLOW);
            } catch (Throwable e) {
                throw new IllegalStateException("fstatat downcall failed", e);
            }
            if (rc != 0) {
                return null;
            }
            MemorySegment.copy(buffer, ValueLayout.JAVA_LONG, 0, words, 0, words.length);
            long links = wideLinks ? longAt(words, linksAt) : Integer.toUnsignedLong(intAt(words, linksAt));
            return new UnixStat(intAt(words, modeAt), longAt(words, deviceAt), longAt(words, inodeAt), links,
                    intAt(words, uidAt), intAt(words, gidAt), longAt(words, sizeAt),
                    Instant.ofEpochSecond(longAt(words, secondsAt), longAt(words, nanosAt)));
        }

        /** Closes the descriptor once no helper can still be inside a range. */
        void close() {
            work.abandon();
            work.awaitIdle();
            closeQuietly(fd);
        }
    }

    private void closeQuietly(int fd) {
        try {
            int ignored = (int) close.invokeExact(fd);
        } catch (Throwable e) {
            throw new IllegalStateException("close downcall failed", e);
        }
    }

    /** The bytes the JDK would use for this path, or null if it would not round-trip. */
    private byte[] encodeExactly(String path) {
        if (path.indexOf('\uFFFD') >= 0) {
            return null; // what the JDK shows for bytes it could not decode: not the real name
        }
        try {
            ByteBuffer encoded = nameCharset.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(path));
            byte[] bytes = new byte[encoded.remaining()];
            encoded.get(bytes);
            for (byte b : bytes) {
                if (b == 0) {
                    return null;
                }
            }
            return bytes;
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** A name as the JDK would show it, or null when that would not be the same bytes. */
    private String decodeExactly(byte[] bytes, int offset, int length) {
        try {
            String name = nameCharset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, offset, length))
                    .toString();
            return Arrays.equals(name.getBytes(nameCharset), Arrays.copyOfRange(bytes, offset, offset + length)) ? name : null;
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** Little-endian: the low half of a word comes first, as on both supported architectures. */
    private static int intAt(long[] words, long offset) {
        return (int) (words[(int) (offset >>> 3)] >>> ((offset & 4) * 8));
    }

    private static long longAt(long[] words, long offset) {
        return words[(int) (offset >>> 3)];
    }

    private static boolean isAsciiCompatible(Charset charset) {
        byte[] ascii = new byte[128];
        for (int i = 0; i < ascii.length; i++) {
            ascii[i] = (byte) i;
        }
        return Arrays.equals(new String(ascii, charset).getBytes(charset), ascii)
                && new String(ascii, charset).equals(new String(ascii, StandardCharsets.ISO_8859_1));
    }

    private static MemorySegment symbol(SymbolLookup libc, String name) {
        return libc.find(name).orElseThrow(() -> new UnsatisfiedLinkError("libc has no " + name));
    }

    private static long offset(StructLayout layout, String field) {
        return layout.byteOffset(PathElement.groupElement(field));
    }
}
