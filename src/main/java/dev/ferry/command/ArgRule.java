package dev.ferry.command;

/** Whether a verb takes an argument; the dispatcher answers 501 on a mismatch. */
public enum ArgRule {
    NONE, OPTIONAL, REQUIRED
}
