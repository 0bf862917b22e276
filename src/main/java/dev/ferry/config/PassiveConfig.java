package dev.ferry.config;

import java.util.Optional;

/**
 * Passive-mode settings.
 *
 * @param ports      the ports PASV/EPSV listen on; empty means any ephemeral port
 * @param masquerade the address advertised in PASV replies (an IP or a host name resolved at each
 *                   PASV, so dynamic DNS works); empty means the control connection's local address
 */
public record PassiveConfig(Optional<PortRange> ports, Optional<String> masquerade) {
    public static final PassiveConfig DEFAULT = new PassiveConfig(Optional.empty(), Optional.empty());
}
