package dev.ferry.policy.limit;

import static dev.ferry.policy.limit.Fixtures.ip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClientClassTest {

    private static ClientClass any(String name, String from) {
        return ClientClass.satisfyingAny(name, AddressPattern.parseList(from));
    }

    @Test
    void natHowtoInternalClass() throws Exception {
        ClientClass internal = any("internal", "10.0.0.0/8");
        assertThat(internal.contains(ip("10.1.2.3"), Optional.empty())).isTrue();
        assertThat(internal.contains(AddressPatternTest.mapped("10.1.2.3"), Optional.empty())).isTrue();
        assertThat(internal.contains(ip("192.0.2.1"), Optional.empty())).isFalse();
    }

    @Test
    void satisfyAnyIsTheDefaultAndNegatedEntriesHoldForOthers() {
        ClientClass external = any("external", "!192.168.0.0/16");
        assertThat(external.satisfyAll()).isFalse();
        assertThat(external.contains(ip("8.8.8.8"), Optional.empty())).isTrue();
        assertThat(external.contains(ip("192.168.3.3"), Optional.empty())).isFalse();
        ClientClass test = any("test", "1.2.3.4 proxy.*.com my.example.com 5.6.7.8");
        assertThat(test.contains(ip("5.6.7.8"), Optional.empty())).isTrue();
        assertThat(test.contains(ip("9.9.9.9"), Optional.of("proxy.corp.com"))).isTrue();
        assertThat(test.contains(ip("9.9.9.9"), Optional.of("other.corp.com"))).isFalse();
    }

    @Test
    void satisfyAllExpressesExceptions() {
        ClientClass customers = new ClientClass("customers",
                AddressPattern.parseList(".domain.com !host1.domain.com !host2.domain.com"), true);
        assertThat(customers.contains(ip("198.51.100.1"), Optional.of("host3.domain.com"))).isTrue();
        assertThat(customers.contains(ip("198.51.100.1"), Optional.of("HOST1.domain.com"))).isFalse();
        assertThat(customers.contains(ip("198.51.100.1"), Optional.of("host3.other.com"))).isFalse();
        ClientClass anyCustomers = any("loose", ".domain.com !host1.domain.com");
        assertThat(anyCustomers.contains(ip("198.51.100.1"), Optional.of("host1.domain.com"))).isTrue();
        ClientClass impossible = new ClientClass("impossible", AddressPattern.parseList("127.0.0.1 !127.0.0.1"), true);
        assertThat(impossible.contains(ip("127.0.0.1"), Optional.empty())).isFalse();
        assertThat(impossible.contains(ip("127.0.0.2"), Optional.empty())).isFalse();
    }

    @Test
    void firstDefinedClassWins() {
        ClientClasses classes = new ClientClasses(List.of(
                any("lab", "10.1.0.0/16"),
                any("internal", "10.0.0.0/8"),
                any("everyone-else", "all")));
        assertThat(classes.classify(ip("10.1.5.5"), Optional.empty())).contains("lab");
        assertThat(classes.classify(ip("10.2.5.5"), Optional.empty())).contains("internal");
        assertThat(classes.classify(ip("192.0.2.1"), Optional.empty())).contains("everyone-else");
        assertThat(ClientClasses.NONE.classify(ip("10.1.5.5"), Optional.empty())).isEmpty();
        assertThat(new ClientClasses(List.of(any("lab", "10.1.0.0/16"))).classify(ip("192.0.2.1"), Optional.empty())).isEmpty();
        assertThat(classes.named("internal")).map(ClientClass::name).contains("internal");
    }

    @Test
    void malformedClassesAreRejected() {
        assertThatThrownBy(() -> ClientClass.satisfyingAny("empty", List.of())).hasMessageContaining("no From entries");
        assertThatThrownBy(() -> any("two words", "10.0.0.0/8")).hasMessageContaining("not a class name");
        assertThatThrownBy(() -> any("!neg", "10.0.0.0/8")).hasMessageContaining("not a class name");
        assertThatThrownBy(() -> new ClientClasses(List.of(any("a", "10.0.0.0/8"), any("a", "all"))))
                .hasMessageContaining("defined twice");
    }
}
