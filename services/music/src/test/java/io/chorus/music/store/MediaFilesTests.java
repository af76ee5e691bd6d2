package io.chorus.music.store;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class MediaFilesTests {

	@TempDir
	Path root;

	@Test
	void namesResolveDirectlyInsideTheirDirectory() {
		MediaFiles files = new MediaFiles(this.root, 0);

		assertThat(files.track("abc.wav")).isEqualTo(this.root.resolve("tracks/abc.wav"));
		assertThat(files.image("abc", "png", true)).isEqualTo(this.root.resolve("images/abc-thumb.png"));
	}

	@Test
	void anythingButAPlainNameIsRefused() {
		MediaFiles files = new MediaFiles(this.root, 0);

		for (String name : new String[] { "../x.wav", "../../etc/passwd", "sub/x.wav", "/abs.wav", "..", "." }) {
			assertThatIllegalArgumentException().as(name).isThrownBy(() -> files.track(name));
		}
	}

}
