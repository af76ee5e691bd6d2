package io.chorus.member.domain;

import java.security.SecureRandom;
import java.util.Base64;

import io.chorus.member.domain.KeyEncryption.KeyDecryptionException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeyEncryptionTests {

	private final SecureRandom random = new SecureRandom();

	@Test
	void sealsAndOpensBoundToTheKeyId() {
		KeyEncryption kek = new KeyEncryption(key(), this.random);
		String sealed = kek.seal("kid-1", "{\"d\":\"secret\"}");
		assertThat(sealed).doesNotContain("secret");
		assertThat(kek.seal("kid-1", "{\"d\":\"secret\"}")).isNotEqualTo(sealed);
		assertThat(kek.open("kid-1", sealed)).isEqualTo("{\"d\":\"secret\"}");
		assertThatThrownBy(() -> kek.open("kid-2", sealed)).isInstanceOf(KeyDecryptionException.class);
	}

	@Test
	void anotherKeyOrTamperingFails() {
		String sealed = new KeyEncryption(key(), this.random).seal("k", "payload");
		assertThatThrownBy(() -> new KeyEncryption(key(), this.random).open("k", sealed))
			.isInstanceOf(KeyDecryptionException.class);
		byte[] bytes = Base64.getDecoder().decode(sealed);
		bytes[bytes.length - 1] ^= 1;
		KeyEncryption kek = new KeyEncryption(key(), this.random);
		assertThatThrownBy(() -> kek.open("k", Base64.getEncoder().encodeToString(bytes)))
			.isInstanceOf(KeyDecryptionException.class);
	}

	@Test
	void parsesBase64OfExactly32Bytes() {
		byte[] key = key();
		assertThat(KeyEncryption.parseKey(Base64.getEncoder().encodeToString(key))).isEqualTo(key);
		assertThat(KeyEncryption.parseKey(Base64.getUrlEncoder().withoutPadding().encodeToString(key))).isEqualTo(key);
		assertThatIllegalArgumentException().isThrownBy(() -> KeyEncryption.parseKey("c2hvcnQ="));
	}

	private byte[] key() {
		byte[] key = new byte[32];
		this.random.nextBytes(key);
		return key;
	}

}
