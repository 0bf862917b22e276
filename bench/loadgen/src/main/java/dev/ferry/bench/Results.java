package dev.ferry.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Appends result lines to a TSV file, one line per measured metric, as soon as it is measured
 * (a crash or a watchdog stop keeps what was done):
 *
 * <pre>RESULT target scenario metric label unit better status values note</pre>
 *
 * better is higher, lower or info; status is ok, fail or na; values are the rounds' figures,
 * comma-separated. {@link Report} merges lines with the same target and metric.
 */
final class Results {
    private final Path file;
    private final String target;
    private int failures;

    Results(Path file, String target) {
        this.file = file;
        this.target = target;
    }

    int failures() {
        return failures;
    }

    synchronized void ok(String scenario, String metric, String label, String unit, String better, List<Double> values,
            String note) {
        write(scenario, metric, label, unit, better, "ok", values, note);
        Main.log("%s %s: %s %s (%s)%s", target, label, fmt(Stats.median(values)), unit,
                values.stream().map(Results::fmt).collect(Collectors.joining(" ")), note.isEmpty() ? "" : " " + note);
    }

    synchronized void fail(String scenario, String metric, String label, String unit, String better, List<Double> values,
            String note) {
        failures++;
        write(scenario, metric, label, unit, better, "fail", values, note);
        Main.log("%s %s: FAILED: %s", target, label, note);
    }

    synchronized void na(String scenario, String metric, String label, String unit, String better, String note) {
        write(scenario, metric, label, unit, better, "na", List.of(), note);
        Main.log("%s %s: n/a: %s", target, label, note);
    }

    private void write(String scenario, String metric, String label, String unit, String better, String status,
            List<Double> values, String note) {
        String line = String.join("\t", "RESULT", target, scenario, metric, label, unit, better, status,
                values.stream().map(Results::fmt).collect(Collectors.joining(",")), clean(note)) + "\n";
        if (file == null) {
            System.out.print(line);
            return;
        }
        try {
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String clean(String s) {
        return s.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
    }

    static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        double a = Math.abs(v);
        if (a >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
