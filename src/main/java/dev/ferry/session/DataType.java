package dev.ferry.session;

/** Representation type (RFC 959 §3.1.1): what TYPE selected. */
public enum DataType {
    /** TYPE A (and A N, A T): line ends become CRLF on the wire. */
    ASCII("ASCII"),
    /** TYPE I, and TYPE L 8 which is the same on 8-bit hosts. */
    BINARY("BINARY");

    private final String label;

    DataType(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
