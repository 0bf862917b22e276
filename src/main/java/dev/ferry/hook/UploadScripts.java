package dev.ferry.hook;

import dev.ferry.log.LogText;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the upload script for each file uploaded in full, as Pure-FTPd's pure-uploadscript does
 * for {@code -o}: one run at a time, in upload order, on a thread of its own, so that neither the
 * client nor other uploads wait for it. The file's absolute path is the only argument (it starts
 * with '/', so a name like {@code -rf} is never read as an option), no shell is involved, and the
 * environment is the server's {@code PATH} plus pure-uploadscript's variables:
 * {@code UPLOAD_SIZE}, {@code UPLOAD_PERMS} (octal), {@code UPLOAD_UID}, {@code UPLOAD_GID},
 * {@code UPLOAD_USER}, {@code UPLOAD_GROUP} (the file's owner) and {@code UPLOAD_VUSER} (the
 * login name). What the script prints is logged, one line per line.
 *
 * <p>A script that runs longer than {@link #TIME_LIMIT} is killed, so one stuck run cannot hold
 * up the rest for ever. At most {@link #QUEUE} runs wait; beyond that an upload's run is dropped
 * with a warning rather than letting a flood of uploads hold unbounded memory.
 */
public final class UploadScripts implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(UploadScripts.class);
    static final long TIME_LIMIT_SECONDS = 600;
    private static final String TIME_LIMIT = "10 minutes";
    static final int QUEUE = 10_000;

    private final ThreadPoolExecutor runner = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(QUEUE), Thread.ofPlatform().name("upload-script").daemon(true).factory());

    /**
     * Queues a run of {@code script} for {@code file}.
     *
     * @param login the login name that uploaded it ({@code UPLOAD_VUSER})
     */
    public void uploaded(Path script, Path file, String login) {
        try {
            runner.execute(() -> run(script, file, login));
        } catch (RejectedExecutionException e) {
            LOG.warn("upload script: {} runs are waiting already; not run for {}", QUEUE,
                    LogText.escape(file.toString()));
        }
    }

    private static void run(Path script, Path file, String login) {
        ProcessBuilder builder = new ProcessBuilder(script.toString(), file.toString());
        Map<String, String> env = builder.environment();
        String path = env.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.clear();
        env.put("PATH", path);
        env.put("UPLOAD_VUSER", login);
        try {
            Map<String, Object> a = Files.readAttributes(file, "unix:size,mode,uid,gid,owner,group",
                    LinkOption.NOFOLLOW_LINKS);
            env.put("UPLOAD_SIZE", a.get("size").toString());
            env.put("UPLOAD_PERMS", Integer.toOctalString((Integer) a.get("mode") & 07777));
            env.put("UPLOAD_UID", a.get("uid").toString());
            env.put("UPLOAD_GID", a.get("gid").toString());
            env.put("UPLOAD_USER", ((java.nio.file.attribute.UserPrincipal) a.get("owner")).getName());
            env.put("UPLOAD_GROUP", ((java.nio.file.attribute.GroupPrincipal) a.get("group")).getName());
        } catch (IOException | UnsupportedOperationException e) {
            // gone already (moved or deleted since): the script still hears of it, without the facts
            LOG.debug("upload script: cannot stat {}: {}", file, e.toString());
        }
        builder.redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            LOG.warn("upload script {} cannot be run: {}", script, e.getMessage());
            return;
        }
        Thread output = Thread.ofVirtual().start(() -> logOutput(process, script));
        try {
            if (!process.waitFor(TIME_LIMIT_SECONDS, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                LOG.warn("upload script {} ran longer than {} for {}: killed", script, TIME_LIMIT,
                        LogText.escape(file.toString()));
                return;
            }
            output.join(TimeUnit.SECONDS.toMillis(5));
            if (process.exitValue() != 0) {
                LOG.warn("upload script {} exited with status {} for {}", script, process.exitValue(),
                        LogText.escape(file.toString()));
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static void logOutput(Process process, Path script) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                LOG.info("upload script {}: {}", script.getFileName(), LogText.escape(line));
            }
        } catch (IOException e) {
            LOG.debug("upload script output: {}", e.toString());
        }
    }

    /**
     * Drops the waiting runs and lets the one under way finish (if the process exits first, the
     * script goes on by itself); the server is stopping.
     */
    @Override
    public void close() {
        runner.getQueue().clear();
        runner.shutdown();
    }
}
