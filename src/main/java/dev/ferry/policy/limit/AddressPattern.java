package dev.ferry.policy.limit;

public record AddressPattern(String text) {
    public static AddressPattern parse(String text) {
        return new AddressPattern(text);
    }
}
