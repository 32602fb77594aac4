package io.streamscope.app.dictation;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/** A WAV file, read as fast as the decoder takes it. */
final class WavFileSource implements AudioSource {
    private final Path file;

    WavFileSource(Path file) {
        this.file = file;
    }

    @Override
    public InputStream open() throws DictationUnavailableException {
        AudioInputStream in;
        try {
            in = AudioSystem.getAudioInputStream(new BufferedInputStream(Files.newInputStream(file)));
        } catch (NoSuchFileException e) {
            // its message is the bare path, which says nothing about what is wrong
            throw new DictationUnavailableException("Cannot read the audio file " + file + ": there is no such file",
                    e);
        } catch (UnsupportedAudioFileException e) {
            throw new DictationUnavailableException("Cannot read the audio file " + file + ": it is not a WAV file Java Sound can read ("
                    + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new DictationUnavailableException("Cannot read the audio file " + file + ": " + e, e);
        }
        AudioFormat f = in.getFormat();
        if (f.matches(FORMAT)) {
            return in;
        }
        try {
            return AudioSystem.getAudioInputStream(FORMAT, in);
        } catch (IllegalArgumentException e) {
            close(in);
            throw new DictationUnavailableException("The audio file " + file + " is " + f + "; dictation needs "
                    + FORMAT + " (for example: sox in.wav -r 16000 -b 16 -c 1 out.wav)", e);
        }
    }

    private static void close(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // nothing was read from it; the error that matters is the format
        }
    }

    @Override
    public String describe() {
        return file.getFileName().toString();
    }
}
