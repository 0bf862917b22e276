package dev.ferry.policy.limit;

import java.util.List;

public record LimitContext(List<LimitSection> sections) {
    public Decision decide(String verb, String group, Requester r) {
        return Decision.NONE;
    }
}
