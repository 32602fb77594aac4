package io.streamscope.app.dictation;

import java.io.InputStream;
import java.nio.file.Path;
import javax.sound.sampled.AudioFormat;

/**
 * Where dictation's audio comes from: the microphone, or a WAV file (tests, and
 * {@code -Dstreamscope.dictation.input=FILE} to dictate a recording).
 */
public interface AudioSource {
    /** The format the speech model expects: 16 kHz, 16-bit, mono, signed, little-endian PCM. */
    AudioFormat FORMAT = new AudioFormat(SpeechModel.SAMPLE_RATE, 16, 1, true, false);

    /**
     * Opens the audio as raw samples in {@link #FORMAT} (no header). Closing the stream releases the device.
     * A microphone starts recording on the first read, so nothing is recorded while the model still loads.
     */
    InputStream open() throws DictationUnavailableException;

    /** What the user is told is being listened to ("the microphone", "answer.wav"). */
    String describe();

    /** The default microphone. */
    static AudioSource microphone() {
        return new MicrophoneSource();
    }

    /** A WAV file in {@link #FORMAT} (or one that Java Sound converts to it). */
    static AudioSource wavFile(Path file) {
        return new WavFileSource(file);
    }
}
