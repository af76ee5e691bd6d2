package io.chorus.bench;

import java.io.ByteArrayInputStream;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioSystem;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WavTests {

	@Test
	void generatedToneIsAWavFileTheJdkReadsWithTheRightLength() throws Exception {
		byte[] wav = Wav.tone(4, 8000, 440);
		AudioFileFormat format = AudioSystem.getAudioFileFormat(new ByteArrayInputStream(wav));
		assertThat(format.getType()).isEqualTo(AudioFileFormat.Type.WAVE);
		assertThat(format.getFormat().getSampleRate()).isEqualTo(8000f);
		assertThat(format.getFrameLength()).isEqualTo(4 * 8000);
		assertThat(wav).hasSize(44 + 4 * 8000 * 2);
	}

}
