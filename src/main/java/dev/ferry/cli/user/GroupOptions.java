package dev.ferry.cli.user;

import dev.ferry.auth.GroupNames;
import java.util.Set;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Picocli converters for group options: a malformed group name is a usage error. */
final class GroupOptions {

    private GroupOptions() {
    }

    /** The value of {@code --groups users,staff}: the complete set of a user's groups. */
    record GroupList(Set<String> names) {
        GroupList {
            names = Set.copyOf(names);
        }
    }

    /** {@code users,staff}; an empty value is no groups. */
    static final class ListConverter implements ITypeConverter<GroupList> {
        @Override
        public GroupList convert(String value) {
            try {
                return new GroupList(GroupNames.parseList(value));
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** One group name, as for {@code --add-group staff}. */
    static final class NameConverter implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            try {
                return GroupNames.requireValid(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
