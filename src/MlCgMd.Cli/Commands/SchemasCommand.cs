using System.CommandLine;
using MlCgMd.Configuration;

namespace MlCgMd.Cli.Commands;

/// <summary>`mlcgmd schemas --out docs/schemas`: the JSON Schemas of the config and output files, generated from their types.</summary>
internal static class SchemasCommand
{
    public static Command Create()
    {
        var output = new Option<DirectoryInfo>("--out") { Description = "folder for the *.schema.json files", DefaultValueFactory = _ => new DirectoryInfo("docs/schemas") };
        var command = new Command("schemas", "Write the JSON Schemas (draft 2020-12) of the configs and outputs, generated from the types that read them.")
        {
            output,
        };
        command.SetAction(parse => CommandAction.Run(() =>
        {
            foreach (string path in JsonSchemas.WriteAll(parse.GetValue(output)!.FullName)) Console.WriteLine(path);
            return 0;
        }));
        return command;
    }
}
