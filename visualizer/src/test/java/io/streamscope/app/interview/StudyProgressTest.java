package io.streamscope.app.interview;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** progress.json: graded answers move the schedule on, and everything survives a save and a load. */
class StudyProgressTest {
    @TempDir
    Path dir;

    @Test
    void aMissingFileIsAnEmptyProgress() {
        StudyProgress p = StudyProgress.load(dir.resolve("nothing-here"));
        assertThat(p.states()).isEmpty();
        assertThat(p.answered()).isEmpty();
    }

    @Test
    void savesAndReloadsStatesAndHistory() throws Exception {
        StudyProgress p = StudyProgress.load(dir);
        LocalDateTime t1 = LocalDateTime.of(2026, 11, 27, 10, 0, 5);
        LocalDateTime t2 = LocalDateTime.of(2026, 11, 28, 9, 30, 0);
        p.record("C1", Grade.GOOD, 3, 7, t1);
        p.record("C1", Grade.HARD, 5, 7, t2);
        p.record("A1", Grade.AGAIN, 0, 4, t1);
        p.save();
        assertThat(p.file()).isEqualTo(dir.resolve("progress.json"));
        String json = Files.readString(p.file());
        assertThat(json).contains("\"grade\" : \"hard\"").contains("\"due\" : \"2026-11-29\"");

        StudyProgress back = StudyProgress.load(dir);
        // good on 11-27: 1 day; then hard on 11-28 with 1 repetition: 1 × 1.2 → 1 day, ease 2.35
        assertThat(back.state("C1")).isEqualTo(new QuestionState(2, 1, 2.35, LocalDate.of(2026, 11, 29)));
        assertThat(back.state("A1")).isEqualTo(new QuestionState(0, 0, 2.3, LocalDate.of(2026, 11, 27)));
        assertThat(back.answered()).containsExactly("C1", "A1");
        assertThat(back.history("C1")).containsExactly(
                new StudyProgress.Attempt(t1, Grade.GOOD, 3, 7), new StudyProgress.Attempt(t2, Grade.HARD, 5, 7));
    }

    @Test
    void theFolderComesFromTheSystemPropertyWhenSet() {
        String before = System.getProperty(StudyProgress.DIR_PROPERTY);
        try {
            System.setProperty(StudyProgress.DIR_PROPERTY, dir.toString());
            assertThat(StudyProgress.defaultDir()).isEqualTo(dir);
            System.clearProperty(StudyProgress.DIR_PROPERTY);
            assertThat(StudyProgress.defaultDir()).isEqualTo(Path.of(System.getProperty("user.home"),
                    ".streamscope"));
        } finally {
            if (before != null) {
                System.setProperty(StudyProgress.DIR_PROPERTY, before);
            }
        }
    }
}
