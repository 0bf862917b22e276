package dev.ferry.server.admin;

/** One command of the admin socket, e.g. {@code reload}; runs on the connection's own thread. */
@FunctionalInterface
public interface AdminCommand {
    AdminAnswer run();
}
