package dev.ferry.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.fs.SymlinkPolicy;
import dev.ferry.security.Jail.Exchange;
import dev.ferry.testkit.RawFtpClient;
import dev.ferry.testkit.RawFtpClient.RawReply;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SEC-LINK-01..05 (catalogue §D): links placed in alice's home by someone with shell access.
 * A link whose target is outside the root is neither followed nor shown; acting on the link
 * itself (DELE, RNFR) touches only the link; links that stay inside work; and
 * {@link SymlinkPolicy#ANYWHERE} is the switch that deliberately follows them.
 */
class SymlinkConfinementTest {
    @TempDir
    Path temp;
    Jail jail;

    @AfterEach
    void stop() {
        if (jail != null) {
            jail.close();
        }
    }

    private Jail startWithLinks(SymlinkPolicy policy) throws IOException {
        jail = Jail.start(temp, b -> b.symlinks(policy));
        Path home = jail.home();
        Path outside = jail.outside();
        Files.createSymbolicLink(home.resolve("abs_out"), outside.resolve("canary.txt"));
        Files.createSymbolicLink(home.resolve("dir_out"), outside);
        // home is temp/ferry-data/home/alice: three levels up is temp.
        Files.createSymbolicLink(home.resolve("rel_out"), Path.of("../../../outside"));
        Files.createSymbolicLink(home.resolve("dangling_out"), outside.resolve("new.txt"));
        Files.createSymbolicLink(home.resolve("dangling_dir_out"), outside.resolve("newdir"));
        Files.createSymbolicLink(home.resolve("to_sib"), home.resolveSibling("alice2"));
        Files.createSymbolicLink(home.resolve("in_link"), Path.of("sub/file.txt"));
        Files.createSymbolicLink(home.resolve("in_dir_link"), Path.of("sub"));
        return jail;
    }

    @Test
    void linksLeadingOutsideAreNeverFollowed() throws IOException {
        startWithLinks(SymlinkPolicy.INSIDE_ROOT);
        Map<String, String> outside = jail.outsideSnapshot();
        try (RawFtpClient c = jail.alice()) {
            for (String path : List.of("abs_out", "dir_out/canary.txt", "rel_out/canary.txt", "to_sib/secret.txt")) {
                Exchange retr = Jail.run(c, "RETR " + path);
                assertThat(retr.code()).as("RETR " + path).isEqualTo(550);
                assertThat(retr.data()).isEmpty();
                assertThat(c.command("SIZE " + path).code()).as("SIZE " + path).isEqualTo(550);
                assertThat(c.command("MDTM " + path).code()).as("MDTM " + path).isEqualTo(550);
                assertThat(c.command("MLST " + path).code()).as("MLST " + path).isEqualTo(550);
                assertThat(c.command("STAT " + path).code()).as("STAT " + path).isEqualTo(550);
                assertThat(c.command("SITE CHMOD 777 " + path).code()).as("CHMOD " + path).isEqualTo(550);
                assertThat(c.command("MFMT 20010203040506 " + path).code()).as("MFMT " + path).isEqualTo(550);
            }
            for (String dir : List.of("dir_out", "rel_out", "to_sib")) {
                assertThat(c.command("CWD " + dir).code()).as("CWD " + dir).isEqualTo(550);
                assertThat(c.command("PWD").all()).startsWith("257 \"/\"");
                assertThat(Jail.run(c, "LIST " + dir).code()).as("LIST " + dir).isEqualTo(550);
                assertThat(Jail.run(c, "NLST " + dir).code()).as("NLST " + dir).isEqualTo(550);
                assertThat(Jail.run(c, "MLSD " + dir).code()).as("MLSD " + dir).isEqualTo(550);
                assertThat(c.command("AVBL " + dir).code()).as("AVBL " + dir).isEqualTo(550);
                assertThat(Jail.run(c, "STOR " + dir + "/new.txt").code()).as("STOR into " + dir).isEqualTo(550);
                assertThat(Jail.run(c, "APPE " + dir + "/canary.txt").code()).as("APPE into " + dir).isEqualTo(550);
                assertThat(Jail.run(c, "STOU " + dir + "/u").code()).as("STOU into " + dir).isEqualTo(550);
                assertThat(c.command("MKD " + dir + "/d").code()).as("MKD through " + dir).isEqualTo(550);
                assertThat(c.command("DELE " + dir + "/canary.txt").code()).as("DELE through " + dir).isEqualTo(550);
                assertThat(c.command("RNFR " + dir + "/canary.txt").code()).as("RNFR through " + dir).isEqualTo(550);
                assertThat(c.command("RNFR keep.txt").code()).isEqualTo(350);
                assertThat(c.command("RNTO " + dir + "/x").code()).as("RNTO into " + dir).isEqualTo(550);
            }
            // Writing through a leaf link to an outside file.
            assertThat(Jail.run(c, "STOR abs_out", "overwritten".getBytes(StandardCharsets.UTF_8)).code())
                    .isEqualTo(550);
            assertThat(Jail.run(c, "APPE abs_out", "appended".getBytes(StandardCharsets.UTF_8)).code())
                    .isEqualTo(550);
            // RNTO onto the outside leaf link must never replace what it points to.
            assertThat(c.command("RNFR keep.txt").code()).isEqualTo(350);
            int rnto = c.command("RNTO abs_out").code();
            assertThat(rnto).isIn(250, 550);
            if (rnto == 250) {
                assertThat(jail.home().resolve("abs_out")).isRegularFile().hasContent("keep");
            }
        }
        assertThat(jail.outsideSnapshot()).isEqualTo(outside);
        assertThat(jail.outside().resolve("canary.txt")).hasContent(Jail.CANARY);
    }

    @Test
    void listingsHideLinksLeadingOutside() throws IOException {
        startWithLinks(SymlinkPolicy.INSIDE_ROOT);
        List<String> hidden = List.of("abs_out", "dir_out", "rel_out", "dangling_out", "dangling_dir_out", "to_sib");
        try (RawFtpClient c = jail.alice()) {
            for (String command : List.of("LIST", "LIST -a", "NLST", "NLST -a", "MLSD")) {
                Exchange x = Jail.run(c, command);
                assertThat(x.code()).as(command).isEqualTo(226);
                assertThat(x.dataText()).as(command).contains("in_link", "in_dir_link", "keep.txt");
                for (String name : hidden) {
                    assertThat(x.dataText()).as(command).doesNotContain(name);
                }
                assertThat(x.dataText()).doesNotContain(Jail.CANARY);
            }
            String stat = c.command("STAT -a /").all();
            assertThat(stat).contains("in_link");
            hidden.forEach(name -> assertThat(stat).doesNotContain(name));
            String glob = Jail.run(c, "NLST *_out").dataText();
            hidden.forEach(name -> assertThat(glob).doesNotContain(name));
        }
    }

    @Test
    void deletingOrRenamingALinkActsOnTheLinkOnly() throws IOException {
        startWithLinks(SymlinkPolicy.INSIDE_ROOT);
        Path home = jail.home();
        try (RawFtpClient c = jail.alice()) {
            assertThat(c.command("DELE abs_out").code()).isEqualTo(250);
            assertThat(c.command("DELE dir_out").code()).isEqualTo(250);
            assertThat(c.command("RMD rel_out").code()).isEqualTo(550);
            // Renaming a link that leads outside: refused (it is invisible, like DELE's "not found"
            // would be for a stranger), or done on the link itself; never on the directory it names.
            int rnfr = c.command("RNFR rel_out").code();
            assertThat(rnfr).isIn(350, 550);
            if (rnfr == 350) {
                assertThat(c.command("RNTO moved_link").code()).isEqualTo(250);
                assertThat(Jail.run(c, "RETR moved_link/canary.txt").code()).isEqualTo(550);
                assertThat(c.command("CWD moved_link").code()).isEqualTo(550);
                assertThat(Files.readSymbolicLink(home.resolve("moved_link"))).isEqualTo(Path.of("../../../outside"));
            } else {
                assertThat(Files.readSymbolicLink(home.resolve("rel_out"))).isEqualTo(Path.of("../../../outside"));
            }
        }
        assertThat(home.resolve("abs_out")).doesNotExist();
        assertThat(home.resolve("dir_out")).doesNotExist();
        assertThat(jail.outside()).isDirectory();
        assertThat(jail.outside().resolve("canary.txt")).hasContent(Jail.CANARY);
    }

    @Test
    void danglingLinksCannotCreateFilesOutside() throws IOException {
        startWithLinks(SymlinkPolicy.INSIDE_ROOT);
        Map<String, String> outside = jail.outsideSnapshot();
        try (RawFtpClient c = jail.alice()) {
            assertThat(Jail.run(c, "STOR dangling_out").code()).isIn(550, 553);
            assertThat(Jail.run(c, "APPE dangling_out").code()).isIn(550, 553);
            assertThat(c.command("REST 0").code()).isEqualTo(350);
            assertThat(Jail.run(c, "STOR dangling_out").code()).isIn(550, 553);
            assertThat(c.command("MKD dangling_dir_out").code()).isIn(550, 553);
            assertThat(c.command("MKD dangling_dir_out/x").code()).isIn(550, 553);
            assertThat(Jail.run(c, "STOR dangling_dir_out/x").code()).isIn(550, 553);
            assertThat(c.command("RNFR keep.txt").code()).isEqualTo(350);
            assertThat(c.command("RNTO dangling_out").code()).isIn(550, 553);
        }
        assertThat(jail.outside().resolve("new.txt")).doesNotExist();
        assertThat(jail.outside().resolve("newdir")).doesNotExist();
        assertThat(jail.outsideSnapshot()).isEqualTo(outside);
    }

    @Test
    void linksThatStayInsideWork() throws IOException {
        startWithLinks(SymlinkPolicy.INSIDE_ROOT);
        try (RawFtpClient c = jail.alice()) {
            Exchange retr = Jail.run(c, "RETR in_link");
            assertThat(retr.code()).isEqualTo(226);
            assertThat(retr.data()).isEqualTo(Jail.SUB_FILE);
            assertThat(Jail.run(c, "RETR in_dir_link/file.txt").data()).isEqualTo(Jail.SUB_FILE);
            assertThat(c.command("CWD in_dir_link").code()).isEqualTo(250);
            assertThat(c.command("CWD /").code()).isEqualTo(250);
            assertThat(Jail.run(c, "STOR in_dir_link/new.txt").code()).isEqualTo(226);
        }
        assertThat(jail.home().resolve("sub/new.txt")).hasContent("x");
    }

    /** SEC-LINK-06: self loops resolve (to inside); mutual loops are refused, not chased. */
    @Test
    void linkLoopsAreBounded() throws IOException {
        startWithLinks(SymlinkPolicy.INSIDE_ROOT);
        Path home = jail.home();
        Files.createSymbolicLink(home.resolve("loop"), Path.of("."));
        Files.createSymbolicLink(home.resolve("ping"), Path.of("pong"));
        Files.createSymbolicLink(home.resolve("pong"), Path.of("ping"));
        try (RawFtpClient c = jail.alice()) {
            String deep = "loop/".repeat(40);
            assertThat(c.command("CWD " + deep).code()).isIn(250, 550);
            assertThat(c.command("CWD /").code()).isEqualTo(250);
            Exchange retr = Jail.run(c, "RETR loop/loop/keep.txt");
            assertThat(retr.code()).isEqualTo(226);
            assertThat(retr.dataText()).isEqualTo("keep\n");
            assertThat(Jail.run(c, "RETR ping").code()).isEqualTo(550);
            assertThat(c.command("CWD ping").code()).isEqualTo(550);
            assertThat(Jail.run(c, "STOR ping").code()).isIn(550, 553);
            assertThat(c.command("MKD ping/x").code()).isEqualTo(550);
            Exchange list = Jail.run(c, "LIST -a");
            assertThat(list.code()).isEqualTo(226);
            assertThat(list.dataText()).doesNotContain("ping", "pong");
            assertThat(c.command("DELE ping").code()).isEqualTo(250);
        }
        assertThat(Files.isSymbolicLink(home.resolve("pong"))).isTrue();
    }

    /** SEC-LINK-07: clients cannot create links at all. */
    @Test
    void clientsCannotCreateLinks() throws IOException {
        startWithLinks(SymlinkPolicy.INSIDE_ROOT);
        Map<String, String> home = jail.homeSnapshot();
        try (RawFtpClient c = jail.alice()) {
            for (String command : List.of("SITE SYMLINK " + jail.outside().resolve("canary.txt") + " x",
                    "SITE SYMLINK ../../../outside y", "SITE LINK keep.txt z", "SITE LN -s / w")) {
                RawReply reply = c.command(command);
                assertThat(reply.code()).as(command).isIn(500, 502, 504, 550);
                jail.assertNoLeak(command, List.of(reply));
            }
        }
        assertThat(jail.homeSnapshot()).isEqualTo(home);
    }

    /** The policy switch is real: with ANYWHERE the same links are followed (trusted hosts only). */
    @Test
    void anywherePolicyFollowsOutsideLinks() throws IOException {
        startWithLinks(SymlinkPolicy.ANYWHERE);
        try (RawFtpClient c = jail.alice()) {
            Exchange retr = Jail.run(c, "RETR abs_out");
            assertThat(retr.code()).isEqualTo(226);
            assertThat(retr.dataText()).isEqualTo(Jail.CANARY);
            assertThat(c.command("CWD dir_out").code()).isEqualTo(250);
            assertThat(Jail.run(c, "NLST").dataText()).contains("canary.txt");
            assertThat(c.command("CWD /").code()).isEqualTo(250);
            assertThat(Jail.run(c, "NLST").dataText()).contains("abs_out", "dir_out");
        }
    }
}
