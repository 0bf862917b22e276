package dev.ferry.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.config.DataDirectory;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifiedPasswordCacheTest {

    @Test
    void recognisesOnlyTheSamePasswordForTheSameStoredHash() {
        VerifiedPasswordCache cache = new VerifiedPasswordCache(Duration.ofMinutes(5), 10);
        cache.remember("bob", "$hash1", "right".toCharArray());
        assertThat(cache.matches("bob", "$hash1", "right".toCharArray())).isTrue();
        assertThat(cache.matches("bob", "$hash1", "wrong".toCharArray())).isFalse();
        assertThat(cache.matches("bob", "$hash2", "right".toCharArray())).as("password changed").isFalse();
        assertThat(cache.matches("eve", "$hash1", "right".toCharArray())).isFalse();
    }

    @Test
    void entriesExpire() throws InterruptedException {
        VerifiedPasswordCache cache = new VerifiedPasswordCache(Duration.ofMillis(20), 10);
        cache.remember("bob", "$h", "pw".toCharArray());
        Thread.sleep(60);
        assertThat(cache.matches("bob", "$h", "pw".toCharArray())).isFalse();
    }

    @Test
    void staysBounded() {
        VerifiedPasswordCache cache = new VerifiedPasswordCache(Duration.ofMinutes(5), 3);
        for (int i = 0; i < 10; i++) {
            cache.remember("u" + i, "$h", "pw".toCharArray());
        }
        int remembered = 0;
        for (int i = 0; i < 10; i++) {
            remembered += cache.matches("u" + i, "$h", "pw".toCharArray()) ? 1 : 0;
        }
        assertThat(remembered).isBetween(1, 3);
    }

    @Test
    void authenticatorStillRejectsWrongPasswordsAfterACachedLogin(@TempDir Path dir) throws Exception {
        DataDirectory data = new DataDirectory(dir);
        try (SqliteUserStore store = SqliteUserStore.open(data.userDatabase())) {
            store.add(new StoredUser("bob", PasswordHasher.hash("good".toCharArray()), Optional.empty(), true,
                    UserLimits.NONE));
            var auth = new VirtualUserAuthenticator(store, data,
                    Optional.of(new VerifiedPasswordCache(Duration.ofMinutes(5), 10)));
            InetAddress client = InetAddress.getLoopbackAddress();
            assertThat(auth.authenticate("bob", "good".toCharArray(), client)).isInstanceOf(AuthResult.Success.class);
            assertThat(auth.authenticate("bob", "good".toCharArray(), client)).isInstanceOf(AuthResult.Success.class);
            assertThat(auth.authenticate("bob", "bad".toCharArray(), client)).isInstanceOf(AuthResult.Failure.class);
            // A new password invalidates what was remembered for the old one.
            StoredUser bob = store.find("bob").orElseThrow();
            store.update(new StoredUser("bob", PasswordHasher.hash("new".toCharArray()), bob.home(), true, bob.limits()));
            assertThat(auth.authenticate("bob", "good".toCharArray(), client)).isInstanceOf(AuthResult.Failure.class);
            assertThat(auth.authenticate("bob", "new".toCharArray(), client)).isInstanceOf(AuthResult.Success.class);
            // Disabling wins over a remembered password.
            store.update(new StoredUser("bob", store.find("bob").orElseThrow().passwordHash(), bob.home(), false,
                    bob.limits()));
            assertThat(auth.authenticate("bob", "new".toCharArray(), client)).isInstanceOf(AuthResult.Failure.class);
        }
    }
}
