package io.chorus.music.domain;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Decodes an uploaded image and writes a PNG thumbnail (javax.imageio: blocking and CPU-heavy,
 * so on boundedElastic). The declared dimensions are checked before decoding, so a small file
 * claiming a huge canvas (a decompression bomb) is refused without allocating it.
 */
public final class Thumbnails {

	static {
		System.setProperty("java.awt.headless", "true");
	}

	private Thumbnails() {
	}

	/** Width and height of {@code source}; writes the thumbnail to {@code thumbnail}. */
	public static Mono<Dimensions> create(Path source, Path thumbnail, int maxSide, long maxPixels) {
		return Mono.fromCallable(() -> write(source, thumbnail, maxSide, maxPixels))
			.subscribeOn(Schedulers.boundedElastic());
	}

	static Dimensions write(Path source, Path thumbnail, int maxSide, long maxPixels) throws IOException {
		BufferedImage image;
		try (ImageInputStream in = ImageIO.createImageInputStream(source.toFile())) {
			if (in == null) {
				throw new IOException("unreadable image");
			}
			Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
			if (!readers.hasNext()) {
				throw new IOException("no reader for image");
			}
			ImageReader reader = readers.next();
			try {
				reader.setInput(in, true, true);
				long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
				if (pixels <= 0 || pixels > maxPixels) {
					throw new IOException("image has " + pixels + " pixels");
				}
				image = reader.read(0);
			}
			finally {
				reader.dispose();
			}
		}
		int width = image.getWidth();
		int height = image.getHeight();
		double scale = Math.min(1.0, (double) maxSide / Math.max(width, height));
		int w = Math.max(1, (int) Math.round(width * scale));
		int h = Math.max(1, (int) Math.round(height * scale));
		BufferedImage small = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
		Graphics2D g = small.createGraphics();
		try {
			g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
			g.drawImage(image, 0, 0, w, h, null);
		}
		finally {
			g.dispose();
		}
		if (!ImageIO.write(small, "png", thumbnail.toFile())) {
			throw new IOException("no PNG writer");
		}
		return new Dimensions(width, height);
	}

	public record Dimensions(int width, int height) {
	}

}
