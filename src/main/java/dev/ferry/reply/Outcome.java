package dev.ferry.reply;

/**
 * What a command handler produced: either a final {@link Reply} for the control thread to send,
 * or {@link Deferred}, meaning a transfer thread now owns the command and will send the replies.
 */
public sealed interface Outcome permits Reply, Outcome.Deferred {

    /** The command's replies come from the transfer it started. */
    Deferred DEFERRED = new Deferred();

    record Deferred() implements Outcome {
    }
}
