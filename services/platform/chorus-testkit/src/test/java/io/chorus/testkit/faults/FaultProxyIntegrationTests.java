package io.chorus.testkit.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chorus.testkit.ChorusInfrastructure;
import io.chorus.testkit.Infra;
import io.chorus.testkit.TestNamespace;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

@ChorusInfrastructure(Infra.REDIS)
class FaultProxyIntegrationTests {

    @Test
    void passesRefusesAndHangsTraffic(TestNamespace namespace) throws IOException {
        FaultProxy proxy = namespace.faultProxy(Infra.REDIS);
        assertThat(ping(proxy)).isEqualTo("+PONG");

        proxy.down();
        assertThatThrownBy(() -> ping(proxy)).isInstanceOf(IOException.class);

        proxy.up();
        assertThat(ping(proxy)).isEqualTo("+PONG");

        try (Socket open = connect(proxy)) {
            proxy.hang();
            open.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThatThrownBy(() -> open.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
            assertThatThrownBy(() -> ping(proxy)).isInstanceOf(SocketTimeoutException.class);
        }
        finally {
            proxy.up();
        }
        assertThat(ping(proxy)).isEqualTo("+PONG");
    }

    private static String ping(FaultProxy proxy) throws IOException {
        try (Socket socket = connect(proxy)) {
            socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            StringBuilder line = new StringBuilder();
            for (int c = in.read(); c >= 0 && c != '\r'; c = in.read()) {
                line.append((char) c);
            }
            if (line.isEmpty()) {
                throw new IOException("connection closed");
            }
            return line.toString();
        }
    }

    private static Socket connect(FaultProxy proxy) throws IOException {
        Socket socket = new Socket(proxy.host(), proxy.port());
        socket.setSoTimeout(500);
        return socket;
    }
}
