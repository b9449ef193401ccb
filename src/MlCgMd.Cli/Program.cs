using System.CommandLine;
using MlCgMd.Cli.Commands;

// mlcgmd: the command-line front end. Each verb lives in Commands/<Verb>Command.cs
// and only parses options; the work is done by the MlCgMd library.
var verbose = new Option<bool>("--verbose")
{
    Description = $"on an error, print the stack trace too (or set {CommandAction.VerboseVariable}=1)", Recursive = true,
};
var root = new RootCommand("MlCgMd: learned coarse-grained molecular dynamics (Fu et al., TMLR 2023) in C#.") { verbose };
foreach (Command command in CommandCatalog.All())
    root.Subcommands.Add(command);
ParseResult parsed = root.Parse(args);
CommandAction.Verbose |= parsed.GetValue(verbose);
// CommandAction reports errors and handles Ctrl-C itself.
return await parsed.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null });
