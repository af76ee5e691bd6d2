package io.chorus.testkit.mariadb;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Parses and formats {@code mysql://user:pass@host:port} ({@code mariadb://} is accepted too). */
final class MariaDbUrl {

    private MariaDbUrl() {
    }

    static MariaDbServer parse(String url, MariaDbSource source) {
        URI uri = URI.create(url.strip());
        if (!"mysql".equals(uri.getScheme()) && !"mariadb".equals(uri.getScheme())) {
            throw new IllegalArgumentException("Expected mysql://user:pass@host:port, got scheme " + uri.getScheme());
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("No host in " + redact(url));
        }
        String user = "root";
        String password = "";
        String info = uri.getRawUserInfo();
        if (info != null) {
            int colon = info.indexOf(':');
            user = decode(colon < 0 ? info : info.substring(0, colon));
            password = colon < 0 ? "" : decode(info.substring(colon + 1));
        }
        int port = uri.getPort() > 0 ? uri.getPort() : 3306;
        return new MariaDbServer(uri.getHost(), port, user, password, source);
    }

    static String format(String user, String password, String host, int port) {
        return "mysql://" + encode(user) + (password.isEmpty() ? "" : ":" + encode(password)) + "@" + host + ":" + port;
    }

    static String redact(String url) {
        return url.replaceAll("//([^:@/]*):[^@/]*@", "//$1:***@");
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
