package dev.ferry.policy.limit;

public enum Order { ALLOW_DENY, DENY_ALLOW }
