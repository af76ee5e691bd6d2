package io.chorus.web.api;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class BundleTests {

	@Test
	void aBundleWithoutIndexHtmlFailsStartUpWithAHint() {
		assertThatIllegalStateException().isThrownBy(() -> Bundle.load("classpath:/bundle-without-index/"))
			.withMessageContaining("No index.html")
			.withMessageContaining("was the frontend built?");
	}

	@Test
	void filesAreKeyedByTheirPathWithTypeAndContentTag() {
		Bundle bundle = Bundle.load("classpath:/web");
		assertThat(bundle.file("/favicon.svg")).hasValueSatisfying((file) -> {
			assertThat(file.type().toString()).isEqualTo("image/svg+xml");
			assertThat(file.etag()).matches("\"[0-9a-f]{32}\"");
		});
		assertThat(bundle.file("/nope.js")).isEmpty();
		assertThat(new String(bundle.index().bytes())).contains("<div id=\"app\"></div>");
	}

}
