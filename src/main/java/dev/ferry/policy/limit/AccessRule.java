package dev.ferry.policy.limit;

import java.util.List;

/** One line of a {@code <Limit>} block. */
public sealed interface AccessRule {

    /** Whether the line allows (else denies) when it matches. */
    boolean allows();

    /** {@code Allow from PATTERN...}: any pattern matching is a match. */
    record AllowFrom(List<AddressPattern> patterns) implements AccessRule {
        public boolean allows() {
            return true;
        }
    }

    record DenyFrom(List<AddressPattern> patterns) implements AccessRule {
        public boolean allows() {
            return false;
        }
    }

    record AllowUser(NameExpression expression) implements AccessRule {
        public boolean allows() {
            return true;
        }
    }

    record DenyUser(NameExpression expression) implements AccessRule {
        public boolean allows() {
            return false;
        }
    }

    record AllowGroup(NameExpression expression) implements AccessRule {
        public boolean allows() {
            return true;
        }
    }

    record DenyGroup(NameExpression expression) implements AccessRule {
        public boolean allows() {
            return false;
        }
    }

    record AllowClass(NameExpression expression) implements AccessRule {
        public boolean allows() {
            return true;
        }
    }

    record DenyClass(NameExpression expression) implements AccessRule {
        public boolean allows() {
            return false;
        }
    }

    record AllowAll() implements AccessRule {
        public boolean allows() {
            return true;
        }
    }

    record DenyAll() implements AccessRule {
        public boolean allows() {
            return false;
        }
    }
}
