package io.streamscope.app.dictation;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The audio on its way to the decoder: measures the loudness of what passes (for the level bar) and ends the
 * stream when dictation is stopped, which lets the decoder finish the utterance in progress and return.
 */
final class MeteredStream extends FilterInputStream {
    private volatile boolean ended;
    private volatile double level;

    MeteredStream(InputStream in) {
        super(in);
    }

    /** Ends the stream: the next read returns end of input, and the device is released. */
    void end() {
        ended = true;
        try {
            in.close();
        } catch (IOException e) {
            // the stream is ended either way; a device that fails to close has nothing more to give
        }
    }

    /** Loudness of the last samples read, from 0 (silence) to 1 (full scale), as RMS. */
    double level() {
        return level;
    }

    @Override
    public int read() throws IOException {
        byte[] b = new byte[1];
        int n = read(b, 0, 1);
        return n <= 0 ? -1 : b[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (ended) {
            return -1;
        }
        int n;
        try {
            n = in.read(b, off, len);
        } catch (IOException e) {
            if (ended) {
                return -1; // the device was closed under a blocked read by end()
            }
            throw e;
        }
        if (ended) {
            return -1;
        }
        if (n >= 2) {
            double sum = 0;
            int samples = n / 2;
            for (int i = 0; i < samples; i++) {
                int s = (short) ((b[off + 2 * i] & 0xff) | (b[off + 2 * i + 1] << 8)); // 16-bit little-endian
                sum += (double) s * s;
            }
            level = Math.sqrt(sum / samples) / 32768.0;
        }
        return n;
    }

    @Override
    public void close() throws IOException {
        ended = true;
        in.close();
    }
}
