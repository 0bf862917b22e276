package dev.ferry.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Merges the result files of a run into one JSON document and prints the tables: the figures
 * (median [min-max] over the rounds), the ratios Ferry/peer, and where each server's CPU went.
 */
final class Report {
    private static final String FERRY = "ferry";
    private static final String SELF = "null";
    /** bench/floor/floorftpd.c: the least a server can do per small download (scenario 2 only). */
    private static final String FLOOR = "floor";
    private static final String CEILING = "ceiling";

    /** One metric of one target, merged over result lines. */
    static final class Metric {
        String scenario;
        String name;
        String label;
        String unit;
        String better;
        String status = "ok";
        final List<Double> values = new ArrayList<>();
        final Set<String> notes = new LinkedHashSet<>();

        double median() {
            return Stats.median(values);
        }
    }

    private final Map<String, String> meta = new LinkedHashMap<>();
    /** target → metric name → metric. */
    private final Map<String, Map<String, Metric>> targets = new LinkedHashMap<>();
    /** metric name → its first occurrence (for labels and order). */
    private final Map<String, Metric> catalog = new LinkedHashMap<>();

    void read(Path file) throws IOException {
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] f = line.split("\t", -1);
            if (f[0].equals("META") && f.length >= 3) {
                meta.put(f[1], f[2]);
            } else if (f[0].equals("RESULT") && f.length >= 10) {
                Metric m = targets.computeIfAbsent(f[1], k -> new LinkedHashMap<>()).computeIfAbsent(f[3], k -> {
                    Metric n = new Metric();
                    n.scenario = f[2];
                    n.name = f[3];
                    n.label = f[4];
                    n.unit = f[5];
                    n.better = f[6];
                    return n;
                });
                catalog.putIfAbsent(f[3], m);
                if (f[7].equals("fail")) {
                    m.status = "fail";
                } else if (f[7].equals("na") && m.values.isEmpty()) {
                    m.status = "na";
                }
                for (String v : f[8].split(",")) {
                    if (!v.isBlank() && !v.equals("nan")) {
                        m.values.add(Double.parseDouble(v));
                    }
                }
                if (!f[9].isBlank()) {
                    m.notes.add(f[9]);
                }
            }
        }
    }

    boolean failed() {
        for (Map<String, Metric> t : targets.values()) {
            for (Metric m : t.values()) {
                if (m.status.equals("fail")) {
                    return true;
                }
            }
        }
        return false;
    }

    private List<String> servers() {
        List<String> s = new ArrayList<>();
        for (String t : targets.keySet()) {
            if (!t.equals(CEILING) && !t.equals(SELF) && !t.equals(FLOOR)) {
                s.add(t);
            }
        }
        s.sort((a, b) -> a.equals(FERRY) ? -1 : b.equals(FERRY) ? 1 : 0);
        return s;
    }

    /** The columns that are not servers under test, in the order shown. */
    private List<String> references() {
        return List.of(FLOOR, SELF).stream().filter(targets::containsKey).toList();
    }

    private static String referenceTitle(String target) {
        return target.equals(FLOOR) ? "floor (minimal C server)" : "loadgen vs null server";
    }

    private List<Metric> rows(boolean info) {
        List<Metric> rows = new ArrayList<>();
        for (Metric m : catalog.values()) {
            if (m.scenario.equals(CEILING) || m.better.equals("info") != info) {
                continue;
            }
            rows.add(m);
        }
        rows.sort((a, b) -> a.scenario.compareTo(b.scenario));
        return rows;
    }

    private Metric get(String target, String metric) {
        Map<String, Metric> t = targets.get(target);
        return t == null ? null : t.get(metric);
    }

    /** The ceiling a throughput metric is compared with, or null. */
    private Metric ceilingFor(String metric) {
        return switch (metric) {
            case "retr_big", "concurrent" -> get(CEILING, "sendfile");
            case "stor_big" -> get(CEILING, "copy");
            default -> null;
        };
    }

    private static String num(double v) {
        return Results.fmt(v);
    }

    private String cell(String target, Metric row, boolean spread) {
        Metric m = get(target, row.name);
        if (m == null) {
            return "-";
        }
        if (m.status.equals("na")) {
            return "n/a";
        }
        if (m.values.isEmpty()) {
            return m.status.equals("fail") ? "FAILED" : "-";
        }
        StringBuilder s = new StringBuilder(num(m.median()));
        if (spread && m.values.size() > 1) {
            s.append(" [").append(num(Stats.min(m.values))).append("-").append(num(Stats.max(m.values))).append("]");
        }
        Metric c = ceilingFor(row.name);
        if (c != null && !c.values.isEmpty() && servers().contains(target)) {
            s.append(String.format(Locale.ROOT, " %.0f%%", 100 * m.median() / Stats.max(c.values)));
        }
        if (m.status.equals("fail")) {
            s.append(" FAILED");
        }
        return s.toString();
    }

    /** The peers' metric a Ferry-only variant row is compared with (they have no such variant). */
    private static String peerMetric(String metric) {
        return metric.startsWith("login_") && !metric.contains(".") ? "login" : metric;
    }

    private Double ratio(String peer, Metric row) {
        Metric f = get(FERRY, row.name);
        Metric p = get(peer, peerMetric(row.name));
        if (f == null || p == null || f.values.isEmpty() || p.values.isEmpty() || p.median() == 0) {
            return null;
        }
        return f.median() / p.median();
    }

    /**
     * The floor server's figure over the best peer's: the highest ratio to that peer any server
     * could show in this run (for throughput rows).
     */
    private Double floorOverBestPeer(List<String> peers, Metric row) {
        Metric f = get(FLOOR, row.name);
        if (f == null || f.values.isEmpty()) {
            return null;
        }
        Double best = null;
        for (String p : peers) {
            Metric pm = get(p, row.name);
            if (pm != null && !pm.values.isEmpty() && pm.median() > 0) {
                double v = pm.median();
                best = best == null ? v : row.better.equals("lower") ? Math.min(best, v) : Math.max(best, v);
            }
        }
        return best == null ? null : f.median() / best;
    }

    /** The tables, as plain text (markdown=false) or as Markdown. */
    String tables(boolean markdown) {
        List<String> servers = servers();
        List<String> peers = servers.stream().filter(s -> !s.equals(FERRY)).toList();
        StringBuilder out = new StringBuilder();

        List<String> head = new ArrayList<>(List.of("scenario", "unit"));
        head.addAll(servers);
        List<String> references = references();
        for (String ref : references) {
            head.add(referenceTitle(ref));
        }
        List<List<String>> body = new ArrayList<>();
        for (Metric row : rows(false)) {
            List<String> r = new ArrayList<>(List.of(row.scenario + " " + row.label,
                    row.unit + (row.better.equals("lower") ? " (lower=better)" : "")));
            for (String s : servers) {
                r.add(cell(s, row, true));
            }
            for (String ref : references) {
                r.add(cell(ref, row, !ref.equals(SELF)));
            }
            body.add(r);
        }
        for (Metric c : targets.getOrDefault(CEILING, Map.of()).values()) {
            List<String> r = new ArrayList<>(List.of("ceiling: " + c.label, c.unit));
            r.add(c.values.isEmpty() ? "FAILED" : "max " + num(Stats.max(c.values)) + " (median " + num(c.median())
                    + " [" + num(Stats.min(c.values)) + "-" + num(Stats.max(c.values)) + "])");
            for (int i = 3; i < head.size(); i++) {
                r.add("");
            }
            body.add(r);
        }
        out.append(markdown ? "" : "Figures: median [min-max] of the rounds; NN% = median as a share of the machine's "
                + "ceiling (the best ceiling measured in the run)\n");
        table(out, head, body, markdown);

        if (!peers.isEmpty() && servers.contains(FERRY)) {
            out.append("\n");
            out.append(markdown ? "" : "Ratios Ferry/peer (medians). Throughput rows: >1 = Ferry faster. "
                    + "Rows marked lower=better: <1 = Ferry better.\n");
            List<String> rhead = new ArrayList<>(List.of("scenario", "better"));
            for (String p : peers) {
                rhead.add("Ferry/" + p);
            }
            boolean floor = targets.containsKey(FLOOR);
            if (floor) {
                rhead.add("floor/best peer");
            }
            List<List<String>> rbody = new ArrayList<>();
            for (Metric row : rows(false)) {
                List<String> r = new ArrayList<>(List.of(row.scenario + " " + row.label, row.better));
                for (String p : peers) {
                    Double x = ratio(p, row);
                    Metric pm = get(p, peerMetric(row.name));
                    r.add(x != null ? String.format(Locale.ROOT, "%.2f", x)
                            : pm != null && pm.status.equals("na") ? "n/a" : "-");
                }
                if (floor) {
                    Double x = floorOverBestPeer(peers, row);
                    r.add(x != null ? String.format(Locale.ROOT, "%.2f", x) : "-");
                }
                rbody.add(r);
            }
            table(out, rhead, rbody, markdown);
        }

        List<Metric> info = rows(true);
        if (!info.isEmpty()) {
            out.append("\n");
            out.append(markdown ? "" : "Diagnostics (median): CPU of the server's processes and of the load generator, "
                    + "100% = one core (the machine has " + meta.getOrDefault("cores", "?") + ")\n");
            List<String> ihead = new ArrayList<>(List.of("measure", "unit"));
            ihead.addAll(servers);
            for (String ref : references) {
                ihead.add(referenceTitle(ref));
            }
            List<List<String>> ibody = new ArrayList<>();
            for (Metric row : info) {
                List<String> ir = new ArrayList<>(List.of(row.scenario + " " + row.label, row.unit));
                for (String s : servers) {
                    ir.add(cell(s, row, false));
                }
                for (String ref : references) {
                    ir.add(cell(ref, row, false));
                }
                ibody.add(ir);
            }
            table(out, ihead, ibody, markdown);
        }

        List<String> problems = new ArrayList<>();
        for (var t : targets.entrySet()) {
            for (Metric m : t.getValue().values()) {
                if (m.status.equals("fail")) {
                    problems.add(t.getKey() + " / " + m.label + ": " + String.join("; ", m.notes));
                }
            }
        }
        if (!problems.isEmpty()) {
            out.append("\nFAILURES:\n");
            for (String p : problems) {
                out.append(markdown ? "- " : "  ").append(p).append("\n");
            }
        }
        return out.toString();
    }

    private static void table(StringBuilder out, List<String> head, List<List<String>> body, boolean markdown) {
        int[] w = new int[head.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = head.get(i).length();
            for (List<String> r : body) {
                w[i] = Math.max(w[i], r.get(i).length());
            }
        }
        List<List<String>> all = new ArrayList<>();
        all.add(head);
        all.addAll(body);
        for (int n = 0; n < all.size(); n++) {
            List<String> r = all.get(n);
            StringBuilder line = new StringBuilder(markdown ? "| " : "");
            for (int i = 0; i < w.length; i++) {
                String c = r.get(i);
                String pad = " ".repeat(w[i] - c.length());
                line.append(i < 2 ? c + pad : pad + c);
                line.append(markdown ? " | " : "  ");
            }
            out.append(line.toString().stripTrailing()).append("\n");
            if (n == 0 && markdown) {
                StringBuilder sep = new StringBuilder("|");
                for (int i = 0; i < w.length; i++) {
                    sep.append(i < 2 ? " :" : " ").append("-".repeat(Math.max(1, w[i] - 1))).append(i < 2 ? " |" : ": |");
                }
                out.append(sep).append("\n");
            } else if (n == 0) {
                int total = 0;
                for (int x : w) {
                    total += x + 2;
                }
                out.append("-".repeat(total - 2)).append("\n");
            }
        }
    }

    // --- JSON ---------------------------------------------------------------------------------

    String json() {
        StringBuilder j = new StringBuilder("{\n");
        j.append("  \"meta\": {");
        boolean first = true;
        for (var e : meta.entrySet()) {
            j.append(first ? "\n" : ",\n").append("    ").append(str(e.getKey())).append(": ").append(str(e.getValue()));
            first = false;
        }
        j.append("\n  },\n");
        j.append("  \"ok\": ").append(!failed()).append(",\n");
        j.append("  \"results\": {");
        first = true;
        for (var t : targets.entrySet()) {
            j.append(first ? "\n" : ",\n").append("    ").append(str(t.getKey())).append(": {");
            first = false;
            boolean f2 = true;
            for (Metric m : t.getValue().values()) {
                j.append(f2 ? "\n" : ",\n").append("      ").append(str(m.name)).append(": {");
                f2 = false;
                j.append("\"scenario\": ").append(str(m.scenario));
                j.append(", \"label\": ").append(str(m.label));
                j.append(", \"unit\": ").append(str(m.unit));
                j.append(", \"better\": ").append(str(m.better));
                j.append(", \"status\": ").append(str(m.status));
                j.append(", \"median\": ").append(jnum(m.median()));
                j.append(", \"min\": ").append(jnum(Stats.min(m.values)));
                j.append(", \"max\": ").append(jnum(Stats.max(m.values)));
                j.append(", \"values\": [");
                for (int i = 0; i < m.values.size(); i++) {
                    j.append(i == 0 ? "" : ", ").append(jnum(m.values.get(i)));
                }
                j.append("]");
                Metric c = ceilingFor(m.name);
                if (c != null && !c.values.isEmpty() && !m.values.isEmpty()) {
                    j.append(", \"fraction_of_ceiling\": ").append(jnum(m.median() / Stats.max(c.values)));
                }
                if (!m.notes.isEmpty()) {
                    j.append(", \"note\": ").append(str(String.join("; ", m.notes)));
                }
                j.append("}");
            }
            j.append("\n    }");
        }
        j.append("\n  },\n");
        j.append("  \"ratios_ferry_over_peer\": {");
        first = true;
        for (String p : servers()) {
            if (p.equals(FERRY)) {
                continue;
            }
            j.append(first ? "\n" : ",\n").append("    ").append(str(p)).append(": {");
            first = false;
            boolean f2 = true;
            for (Metric row : rows(false)) {
                Double x = ratio(p, row);
                j.append(f2 ? "" : ", ").append(str(row.name)).append(": ").append(x == null ? "null" : jnum(x));
                f2 = false;
            }
            j.append("}");
        }
        j.append("\n  }\n");
        j.append("}\n");
        return j.toString();
    }

    private static String jnum(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "null";
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
    }

    private static String str(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\r' -> b.append("\\r");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
