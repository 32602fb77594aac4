package io.streamscope.cli;

import io.streamscope.calc.CommandLineException;
import io.streamscope.calc.WindowCalculator;
import java.io.PrintStream;
import java.util.List;

/**
 * {@code streamscope windows}: the window calculator on Streamscope's engine. Options, the job and the output
 * lines are the engine core's {@link WindowCalculator}, which the Flink bridge shares for {@code --engine flink}.
 */
final class WindowsCommand implements Command {
    @Override
    public String name() {
        return WindowCalculator.COMMAND;
    }

    @Override
    public String summary() {
        return WindowCalculator.SUMMARY;
    }

    @Override
    public String help() {
        return WindowCalculator.HELP;
    }

    @Override
    public int run(List<String> argList, PrintStream out, PrintStream err) {
        try {
            WindowCalculator.Options options = WindowCalculator.parse(argList);
            if (options.engine() == WindowCalculator.Engine.FLINK) {
                // Flink is kept out of this module: the launcher starts the bridge's command line instead
                throw new UsageException("windows --engine flink runs on Apache Flink, which is not on this"
                        + " program's class path; run it through the launcher, which starts the Flink bridge:"
                        + " streamscope windows ... --engine flink");
            }
            for (String line : WindowCalculator.runOnEngine(WindowCalculator.scenario(options))) {
                out.println(line);
            }
            return Main.OK;
        } catch (CommandLineException e) {
            throw UsageException.from(e);
        }
    }
}
