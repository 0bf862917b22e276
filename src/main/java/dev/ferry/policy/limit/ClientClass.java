package dev.ferry.policy.limit;

import java.util.List;

public record ClientClass(String name, List<AddressPattern> from, boolean satisfyAll) {
}
