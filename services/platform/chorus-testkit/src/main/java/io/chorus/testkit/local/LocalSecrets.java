package io.chorus.testkit.local;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;

/**
 * The services' own secrets for a local run, generated once into {@code DIR/secrets.env} (mode
 * 0600) and kept, so access tokens and passports stay valid across restarts. Kubernetes gets the
 * same values from Secrets generated at install; nothing of this lives in git.
 */
final class LocalSecrets {

    static final String FILE = "secrets.env";

    private LocalSecrets() {
    }

    /** Writes {@code DIR/secrets.env} unless it exists; returns its path. */
    static Path ensure(Path dir) {
        Path file = dir.resolve(FILE);
        if (Files.exists(file)) {
            return file;
        }
        byte[] encryptionKey = new byte[32];
        new SecureRandom().nextBytes(encryptionKey);
        String content = "# Generated once by io.chorus.testkit.local.LocalInfrastructure for local runs. Keep private.\n"
                // AES-256 key that encrypts member's signing keys at rest
                + "CHORUS_MEMBER_KEY_ENCRYPTION_KEY=" + Base64.getEncoder().encodeToString(encryptionKey) + "\n"
                // the gateway's passport signing key (private EC JWK); services get only its public half
                + "CHORUS_GATEWAY_PASSPORT_KEY='" + passportKey().toJSONString() + "'\n";
        try {
            Files.createDirectories(dir);
            Path tmp = dir.resolve(FILE + ".tmp");
            Files.writeString(tmp, content);
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private static ECKey passportKey() {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID("local-" + UUID.randomUUID()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot generate the local passport key", e);
        }
    }
}
