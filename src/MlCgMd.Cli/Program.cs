using System.CommandLine;
using MlCgMd.Cli.Commands;

// mlcgmd: the command-line front end. Each verb lives in Commands/<Verb>Command.cs
// and only parses options; the work is done by the MlCgMd library.
var root = new RootCommand("MlCgMd: learned coarse-grained molecular dynamics (Fu et al., TMLR 2023) in C#.");
foreach (Command command in CommandCatalog.All())
    root.Subcommands.Add(command);
return await root.Parse(args).InvokeAsync();
