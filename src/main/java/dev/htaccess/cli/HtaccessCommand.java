package dev.htaccess.cli;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top command: {@code htaccess <subcommand>}. */
@Command(
    name = "htaccess",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description =
        "Lint, dry-run and serve Apache .htaccess files exactly as Apache httpd 2.4 does.",
    commandListHeading = "%nCommands:%n",
    synopsisSubcommandLabel = "COMMAND",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:nothing to report",
      "1:errors or findings in the input",
      "2:usage error",
      "3:an input could not be read",
      "70:internal error (a bug: please report it)"
    })
class HtaccessCommand {

  /**
   * The command with every subcommand: for help, completion and the manual page. Picocli reads each
   * subcommand's options when it builds a command line (a cold JVM's quarter of a second for all of
   * them), so a run that names its subcommand builds the bare command with that one instead.
   */
  @Command(
      subcommands = {
        LintCommand.class,
        ServeCommand.class,
        TestCommand.class,
        DiffCommand.class,
        CoverageCommand.class,
        ConvertCommand.class,
        LspCommand.class,
        ParseCommand.class,
        CommandLine.HelpCommand.class,
        AutoComplete.GenerateCompletion.class
      })
  static final class Full extends HtaccessCommand {}

  /** The command line for {@code args}: the bare command and its subcommand when it names one. */
  static CommandLine forArguments(String[] args) {
    Object sub = args.length == 0 ? null : subcommand(args[0]);
    if (sub == null) {
      return new CommandLine(new Full());
    }
    CommandLine cli = new CommandLine(new HtaccessCommand());
    cli.addSubcommand(sub);
    return cli;
  }

  private static Object subcommand(String name) {
    return switch (name) {
      case "lint" -> new LintCommand();
      case "serve" -> new ServeCommand();
      case "test" -> new TestCommand();
      case "parse" -> new ParseCommand();
      case "diff" -> new DiffCommand();
      case "coverage" -> new CoverageCommand();
      case "convert" -> new ConvertCommand();
      case "lsp" -> new LspCommand();
      default -> null;
    };
  }
}
