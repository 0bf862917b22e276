package dev.ferry.config;

import java.util.Map;
import java.util.Optional;

/**
 * Passive-mode settings.
 *
 * @param ports           the ports PASV/EPSV listen on; empty means any ephemeral port
 * @param masquerade      the address advertised in PASV replies (an IP or a host name resolved at
 *                        each PASV, so dynamic DNS works); empty means the control connection's
 *                        local address
 * @param classMasquerade per {@code <Class>}: the address advertised to clients of that class
 *                        (the NAT howto's {@code <IfClass>} case: the LAN address inside, the
 *                        public one outside); wins over {@code masquerade}
 * @param off             Pure-FTPd's {@code -N} (NAT mode): PASV and EPSV are refused with 502, so
 *                        clients use active mode, for a NAT gateway that breaks passive connections
 */
public record PassiveConfig(Optional<PortRange> ports, Optional<String> masquerade,
                            Map<String, String> classMasquerade, boolean off) {
    public static final PassiveConfig DEFAULT = new PassiveConfig(Optional.empty(), Optional.empty(), Map.of());

    public PassiveConfig {
        classMasquerade = Map.copyOf(classMasquerade);
    }

    public PassiveConfig(Optional<PortRange> ports, Optional<String> masquerade, Map<String, String> classMasquerade) {
        this(ports, masquerade, classMasquerade, false);
    }

    public PassiveConfig(Optional<PortRange> ports, Optional<String> masquerade) {
        this(ports, masquerade, Map.of());
    }

    /** These settings with passive mode refused ({@code true}) or offered. */
    public PassiveConfig withOff(boolean refused) {
        return new PassiveConfig(ports, masquerade, classMasquerade, refused);
    }

    /**
     * The refusal PASV and EPSV give under Pure-FTPd's {@code -N}; one text for both, so that a
     * client learns at the first try to use PORT or EPRT.
     */
    public static String offText() {
        return "Passive mode is off on this server (NAT mode): use active mode (PORT or EPRT)";
    }

    /** The address to advertise to a client of {@code className}. */
    public Optional<String> masqueradeFor(Optional<String> className) {
        if (className.isPresent() && classMasquerade.containsKey(className.get())) {
            return Optional.of(classMasquerade.get(className.get()));
        }
        return masquerade;
    }
}
