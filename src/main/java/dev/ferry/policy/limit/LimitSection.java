package dev.ferry.policy.limit;

import java.util.List;
import java.util.Set;

public record LimitSection(Set<String> targets, Order order, List<AccessRule> rules) {
}
