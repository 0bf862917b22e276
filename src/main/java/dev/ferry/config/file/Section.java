package dev.ferry.config.file;

import java.util.List;
import java.util.Objects;

/**
 * {@code <Name args...> children </Name>}: a configuration context such as {@code <Global>},
 * {@code <VirtualHost 10.0.0.1>}, {@code <Anonymous ~ftp>}, {@code <Directory /srv/ftp/incoming>},
 * {@code <Limit READ WRITE>}, {@code <Class internal>} or the runtime conditions {@code <IfClass>},
 * {@code <IfUser>} and {@code <IfGroup>}. The name is stored without angle brackets.
 */
public record Section(String name, List<String> args, List<ConfigNode> children, SourceLocation at)
        implements ConfigNode {

    public Section {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a section needs a name");
        }
        args = List.copyOf(args);
        children = List.copyOf(children);
        Objects.requireNonNull(at, "at");
    }
}
