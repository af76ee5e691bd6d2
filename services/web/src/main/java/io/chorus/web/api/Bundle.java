package io.chorus.web.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.http.MediaType;
import org.springframework.http.MediaTypeFactory;

/**
 * The whole built bundle, read into memory once at start-up (about 100 KB): serving a file is a
 * map lookup, so no request ever touches the class path or the disk on an event loop.
 */
final class Bundle {

	record File(String path, byte[] bytes, MediaType type, String etag) {
	}

	private final Map<String, File> files;

	private Bundle(Map<String, File> files) {
		this.files = Map.copyOf(files);
	}

	/** Reads every file under {@code location}; fails start-up if the bundle has no index.html. */
	static Bundle load(String location) {
		String root = location.endsWith("/") ? location : location + "/";
		PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
		Map<String, File> files = new HashMap<>();
		try {
			String rootUrl = resolver.getResource(root).getURL().toString();
			for (Resource resource : resolver.getResources(root + "**")) {
				if (!resource.isReadable() || resource.getURL().toString().endsWith("/")) {
					continue;
				}
				String path = "/" + resource.getURL().toString().substring(rootUrl.length());
				byte[] bytes;
				try (InputStream in = resource.getInputStream()) {
					bytes = in.readAllBytes();
				}
				MediaType type = MediaTypeFactory.getMediaType(path).orElse(MediaType.APPLICATION_OCTET_STREAM);
				files.put(path, new File(path, bytes, type, "\"" + sha256(bytes).substring(0, 32) + "\""));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the web bundle at " + root, ex);
		}
		if (!files.containsKey("/index.html")) {
			throw new IllegalStateException("No index.html in the web bundle at " + root
					+ " (was the frontend built? ./mvnw -pl services/web package runs npm)");
		}
		return new Bundle(files);
	}

	Optional<File> file(String path) {
		return Optional.ofNullable(this.files.get(path));
	}

	File index() {
		return this.files.get("/index.html");
	}

	private static String sha256(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
