package dev.ferry.config.file;

import java.util.List;

/** One item of a parsed ProFTPD-style configuration file: a directive line or a {@code <Section>}. */
public sealed interface ConfigNode permits Directive, Section {

    SourceLocation at();

    /** The name as written; the directive layer compares it case-insensitively. */
    String name();

    /** Arguments, unquoted and unescaped, with {@code %{env:NAME}} already replaced. */
    List<String> args();
}
