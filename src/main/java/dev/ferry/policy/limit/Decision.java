package dev.ferry.policy.limit;

public enum Decision { ALLOW, DENY, NONE }
