package io.streamscope.app.dictation;

import java.io.IOException;
import java.io.InputStream;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.TargetDataLine;

/** The default microphone through Java Sound, recording in the model's format. */
final class MicrophoneSource implements AudioSource {
    private static final int BUFFER_SECONDS = 30;
    static final String NO_MICROPHONE = "No microphone is available, so dictation cannot listen";

    @Override
    public InputStream open() throws DictationUnavailableException {
        DataLine.Info info = new DataLine.Info(TargetDataLine.class, FORMAT);
        TargetDataLine line;
        try {
            if (!AudioSystem.isLineSupported(info)) {
                throw new DictationUnavailableException(NO_MICROPHONE + " (Java Sound finds no input that records "
                        + "16 kHz mono). You can still type your answer.", null);
            }
            line = (TargetDataLine) AudioSystem.getLine(info);
            // a buffer of many seconds: on a slow machine the decoder falls behind while someone speaks, and
            // the words should then come late rather than be lost to an overflowing buffer
            line.open(FORMAT, BUFFER_SECONDS * (int) FORMAT.getFrameRate() * FORMAT.getFrameSize());
        } catch (LineUnavailableException | IllegalArgumentException | SecurityException e) {
            throw new DictationUnavailableException(NO_MICROPHONE + " (" + e.getMessage()
                    + "; another program may hold it, or access was refused). You can still type your answer.", e);
        }
        TargetDataLine opened = line;
        return new InputStream() {
            private final AudioInputStream in = new AudioInputStream(opened);
            private boolean started;

            @Override
            public int read() throws IOException {
                byte[] b = new byte[1];
                int n = read(b, 0, 1);
                return n <= 0 ? -1 : b[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (!started) {
                    started = true;
                    opened.start();
                }
                return in.read(b, off, len);
            }

            @Override
            public void close() {
                opened.stop();
                opened.close();
            }
        };
    }

    @Override
    public String describe() {
        return "the microphone";
    }
}
