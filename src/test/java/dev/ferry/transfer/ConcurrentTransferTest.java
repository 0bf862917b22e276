package dev.ferry.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testkit.TestServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Many sessions transferring at once do not mix up their data. */
class ConcurrentTransferTest {
    private static final int CLIENTS = 20;
    private static final int SIZE = 256 << 10;

    @TempDir
    Path temp;

    @Test
    void twentyClientsUploadAndDownloadDistinctFilesAtOnce() throws Exception {
        try (TestServer server = TestServer.start(temp)) {
            ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
            CountDownLatch ready = new CountDownLatch(CLIENTS);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<byte[]>> results = new ArrayList<>();
            try {
                for (int i = 0; i < CLIENTS; i++) {
                    int client = i;
                    results.add(pool.submit(() -> {
                        byte[] data = TransferSupport.randomBytes(SIZE, 1000 + client);
                        String name = "client-" + client + ".bin";
                        FTPClient ftp = server.login();
                        try {
                            if (client % 2 == 1) {
                                ftp.enterLocalActiveMode();
                            }
                            ready.countDown();
                            go.await();
                            assertThat(ftp.storeFile(name, new ByteArrayInputStream(data)))
                                    .as("client %d STOR: %s", client, ftp.getReplyString()).isTrue();
                            ByteArrayOutputStream back = new ByteArrayOutputStream();
                            assertThat(ftp.retrieveFile(name, back))
                                    .as("client %d RETR: %s", client, ftp.getReplyString()).isTrue();
                            ftp.logout();
                            return back.toByteArray();
                        } finally {
                            ftp.disconnect();
                        }
                    }));
                }
                assertThat(ready.await(60, TimeUnit.SECONDS)).isTrue();
                go.countDown();
                for (int i = 0; i < CLIENTS; i++) {
                    byte[] expected = TransferSupport.randomBytes(SIZE, 1000 + i);
                    assertThat(results.get(i).get(60, TimeUnit.SECONDS)).as("client %d download", i).isEqualTo(expected);
                    assertThat(Files.readAllBytes(server.home().resolve("client-" + i + ".bin")))
                            .as("client %d file on disk", i).isEqualTo(expected);
                }
            } finally {
                go.countDown();
                pool.shutdownNow();
            }
        }
    }
}
