package dev.ferry.config;

/** An inclusive range of TCP ports, as {@code -p 30000:30999} or {@code PassivePorts 30000 30999}. */
public record PortRange(int low, int high) {

    public PortRange {
        if (low < 1 || high > 65535 || low > high) {
            throw new IllegalArgumentException("port range must be within 1-65535 with low <= high: " + low + ":" + high);
        }
    }

    public static PortRange parse(String text) {
        String[] parts = text.trim().split("[:\\-]", -1);
        if (parts.length != 2) {
            throw new IllegalArgumentException("expected LOW:HIGH, got '" + text + "'");
        }
        try {
            return new PortRange(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected LOW:HIGH with numbers, got '" + text + "'");
        }
    }

    public int size() {
        return high - low + 1;
    }

    @Override
    public String toString() {
        return low + ":" + high;
    }
}
