package dev.ferry.session;

import dev.ferry.data.DataChannels;
import dev.ferry.data.DataConnection;
import dev.ferry.data.DataConnectionRefused;
import dev.ferry.data.DataProtection;
import dev.ferry.data.RateLimit;
import dev.ferry.data.TransferJob;
import dev.ferry.data.TransferProgress;
import dev.ferry.fs.FsException;
import dev.ferry.policy.ratio.RatioStanding;
import dev.ferry.reply.ErrorMapper;
import dev.ferry.reply.Reply;
import dev.ferry.reply.ReplyCode;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One running data transfer on its own thread, so that the control thread stays free for
 * ABOR, STAT and QUIT (RFC 959 §4.1.3). The thread is a pooled platform thread rather than a
 * virtual one because binary downloads block in {@code sendfile}, which only a platform thread
 * can be woken from by closing the socket (see {@code TransferEngine}). The transfer thread sends the 150, opens the data
 * connection, runs the job and sends exactly one final reply.
 *
 * <p>A small download whose passive connection is already waiting is the exception: it runs on
 * the control thread, without waiting for anything (one non-blocking {@code sendfile}), and only
 * what the socket did not take at once moves on to a transfer thread. When it finishes at once,
 * its 150 goes out together with the 226, in one write: the client reads the data from the other
 * connection either way, and it is woken once instead of twice.
 */
public final class Transfer {
    private static final Logger LOG = LoggerFactory.getLogger(Transfer.class);

    private final TransferJob job;
    /** PROT P: how the data connection is secured once open (RFC 4217 §9); empty for PROT C. */
    private final Optional<DataProtection> protection;
    private final TransferProgress progress;
    /** Counted down once the 150 has gone out (or could not), so later replies follow it. */
    private final CountDownLatch preliminarySent = new CountDownLatch(1);
    private final CountDownLatch done = new CountDownLatch(1);
    private final ReentrantLock lock = new ReentrantLock();
    /** When the command started the transfer, for the transfer logs' durations. */
    private final long startNanos = System.nanoTime();
    private DataConnection connection;
    private volatile String abortReason;

    Transfer(TransferJob job, Optional<DataProtection> protection, Optional<TransferSubject> subject,
             RatioStanding ratio) {
        this.job = job;
        this.protection = protection;
        this.subject = subject;
        this.ratio = ratio;
        this.progress = new TransferProgress(job.bytesPerSecond() > 0
                ? Optional.of(new RateLimit(job.bytesPerSecond())) : Optional.empty());
    }

    /** What the transfer logs will say this transfer moved; empty when none is written. */
    private final Optional<TransferSubject> subject;

    Optional<TransferSubject> subject() {
        return subject;
    }

    /**
     * The ratio standing of the login that started the transfer, or null; fixed at the start,
     * so that a transfer ending after REIN counts for the login it belongs to.
     */
    private final RatioStanding ratio;

    RatioStanding ratio() {
        return ratio;
    }

    /** Upload or download, for a transfer that moves a file; empty for listings. */
    Optional<dev.ferry.log.transfer.TransferRecord.Direction> direction() {
        return job.loggedFile().map(dev.ferry.data.LoggedFile::direction);
    }

    /** How long since the transfer started. */
    java.time.Duration elapsed() {
        return java.time.Duration.ofNanos(System.nanoTime() - startNanos);
    }

    void start(Session session, ControlChannel control, DataChannels data, java.util.concurrent.Executor threads) {
        DataConnection waiting = null;
        if (protection.isEmpty() && job.mayFinishAtOnce() && !progress.isLimited()) {
            // A small download whose data connection is already there runs here, on the control
            // thread: it takes one system call, less than handing it to a transfer thread would.
            // Whatever does not fit in the socket buffer at once continues on a transfer thread.
            try {
                waiting = data.connectIfWaiting().orElse(null);
            } catch (IOException e) {
                waiting = null; // the transfer thread connects again, and reports what fails
            }
            if (waiting != null) {
                Optional<Reply> last = runHere(control, waiting);
                if (last.isPresent()) {
                    // the 150 is still due unless sendOpening ran and found the control connection gone
                    boolean openingDue = preliminarySent.getCount() > 0;
                    finish(session, openingDue ? Optional.of(opening()) : Optional.empty(), last.get());
                    return;
                }
            }
        }
        var context = MDC.getCopyOfContextMap();
        DataConnection opened = waiting;
        Runnable task = () -> {
            if (context != null) {
                MDC.setContextMap(context);
            }
            try {
                Reply last;
                try {
                    last = opened == null ? run(control, data) : move(opened);
                } catch (RuntimeException | Error e) {
                    finish(session, Optional.empty(), Reply.of(ReplyCode.LOCAL_ERROR, "Local error in processing"));
                    throw e;
                }
                finish(session, Optional.empty(), last);
            } finally {
                MDC.clear(); // the thread is pooled
            }
        };
        try {
            threads.execute(task);
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            Thread.ofPlatform().daemon(true).start(task); // the server is stopping; finish this one anyway
        }
    }

    /**
     * Ends the transfer: releases what it holds, sends the final reply, after the 150 when that
     * has not gone out yet. Whatever happened, the control thread must not wait for this
     * transfer afterwards.
     */
    private void finish(Session session, Optional<Reply> opening, Reply last) {
        try {
            try {
                job.release();
                closeConnection();
            } finally {
                session.transferFinished(this, opening, last); // sends the final reply
            }
        } finally {
            preliminarySent.countDown();
            done.countDown();
        }
    }

    /**
     * What the job can move at once, on the calling thread. The final reply when it is done, and
     * then the 150 has not been sent (the caller sends both); otherwise the 150 has been sent.
     */
    private Optional<Reply> runHere(ControlChannel control, DataConnection opened) {
        lock.lock();
        try {
            connection = opened;
        } finally {
            lock.unlock();
        }
        Optional<Reply> last;
        try {
            last = job.runAtOnce(opened, progress);
        } catch (FsException e) {
            last = Optional.of(ErrorMapper.toReply(e));
        } catch (IOException e) {
            last = Optional.of(failed(e));
        } catch (RuntimeException e) {
            LOG.error("transfer failed unexpectedly", e);
            last = Optional.of(Reply.of(ReplyCode.LOCAL_ERROR, "Local error in processing"));
        }
        return last.isPresent() ? last : sendOpening(control);
    }

    private Reply opening() {
        return Reply.of(ReplyCode.OPENING_DATA, job.openingText());
    }

    /** The 150; the final reply instead when the control connection is gone. */
    private Optional<Reply> sendOpening(ControlChannel control) {
        try {
            control.send(opening());
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(Reply.of(ReplyCode.TRANSFER_ABORTED, "Control connection lost"));
        } finally {
            preliminarySent.countDown();
        }
    }

    private Reply run(ControlChannel control, DataChannels data) {
        Optional<Reply> lost = sendOpening(control);
        if (lost.isPresent()) {
            return lost.get();
        }
        DataConnection opened;
        try {
            opened = data.connect();
        } catch (IOException e) {
            if (abortReason != null) {
                return aborted();
            }
            LOG.info("data connection failed: {}", e.getMessage());
            return Reply.of(ReplyCode.CANT_OPEN_DATA, "Can't open data connection");
        }
        lock.lock();
        try {
            connection = opened;
        } finally {
            lock.unlock();
        }
        if (abortReason != null) {
            return aborted();
        }
        if (protection.isPresent()) {
            // the handshake runs on the connection the abort path already knows, so ABOR ends it too
            try {
                opened = opened.protect(protection.get());
            } catch (DataConnectionRefused e) {
                return abortReason != null ? aborted() : e.reply();
            } catch (IOException e) {
                return aborted();
            }
            lock.lock();
            try {
                connection = opened;
            } finally {
                lock.unlock();
            }
            if (abortReason != null) {
                return aborted();
            }
        }
        return move(opened);
    }

    /** Runs the job on an open (and, under PROT P, protected) connection. */
    private Reply move(DataConnection opened) {
        try {
            return job.run(opened, progress);
        } catch (FsException e) {
            return ErrorMapper.toReply(e);
        } catch (IOException e) {
            return failed(e);
        } catch (RuntimeException e) {
            LOG.error("transfer failed unexpectedly", e);
            return Reply.of(ReplyCode.LOCAL_ERROR, "Local error in processing");
        }
    }

    private Reply failed(IOException e) {
        if (abortReason == null) {
            LOG.info("transfer failed after {} bytes: {}", progress.bytes(), e.toString());
        }
        return aborted();
    }

    private Reply aborted() {
        return Reply.of(ReplyCode.TRANSFER_ABORTED, abortReason != null
                ? "Transfer aborted: " + abortReason : "Connection closed; transfer aborted");
    }

    /** Stops the transfer: closes the data connection (or the listener it waits on). */
    public void abort(String reason, DataChannels data) {
        abortReason = reason;
        data.reset();
        closeConnection();
    }

    private void closeConnection() {
        lock.lock();
        try {
            if (connection != null) {
                connection.close();
            }
        } catch (IOException ignored) {
            // closing is all we wanted
        } finally {
            lock.unlock();
        }
    }

    public TransferProgress progress() {
        return progress;
    }

    /**
     * Waits until the transfer's 150 has been sent. A command the client sent after the transfer
     * command is answered after this, even one answered while the transfer runs (STAT, ABOR):
     * replies follow the order of the commands (RFC 959 §4.2).
     */
    public void awaitPreliminaryReply() {
        awaitUninterruptibly(preliminarySent);
    }

    /** Waits until the final reply has been sent. */
    public void awaitCompletion() {
        awaitUninterruptibly(done);
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    public boolean awaitCompletion(java.time.Duration timeout) throws InterruptedException {
        return done.await(timeout.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
    }
}
