package io.streamscope.app.dictation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A WAV file as dictation's audio (what {@code -Dstreamscope.dictation.input} names): a file that is missing,
 * or not audio is refused with a message naming the file and what is wrong.
 */
class WavFileSourceTest {
    @TempDir
    Path dir;

    @Test
    void aMissingFileIsNamedAndSaidToBeMissing() {
        Path f = dir.resolve("nowhere.wav");
        assertThatThrownBy(() -> AudioSource.wavFile(f).open())
                .isInstanceOf(DictationUnavailableException.class)
                .hasMessage("Cannot read the audio file " + f + ": there is no such file");
    }

    @Test
    void aFileThatIsNotAudioIsNamedAndSaidNotToBeAWav() throws Exception {
        Path f = Files.writeString(dir.resolve("answer.wav"), "The watermark is the maximum timestamp seen.\n");
        assertThatThrownBy(() -> AudioSource.wavFile(f).open())
                .isInstanceOf(DictationUnavailableException.class)
                .hasMessageStartingWith("Cannot read the audio file " + f + ": it is not a WAV file Java Sound can read");
    }

    @Test
    void aWavInTheModelsFormatOpensAsRawSamples() throws Exception {
        // 0.1 s at 16 kHz, 16-bit mono: 1,600 samples, 3,200 bytes after the 44-byte header
        byte[] samples = new byte[3_200];
        samples[0] = 1;
        Path f = dir.resolve("ok.wav");
        AudioSystem.write(new AudioInputStream(new ByteArrayInputStream(samples), AudioSource.FORMAT, 1_600),
                AudioFileFormat.Type.WAVE, f.toFile());
        assertThat(Files.size(f)).isEqualTo(44 + 3_200);
        try (InputStream in = AudioSource.wavFile(f).open()) {
            byte[] read = in.readAllBytes();
            assertThat(read).hasSize(3_200);
            assertThat(read[0]).isEqualTo((byte) 1);
        }
    }
}
