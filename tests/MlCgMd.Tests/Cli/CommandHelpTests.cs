using System.CommandLine;
using MlCgMd.Cli.Commands;

namespace MlCgMd.Tests.Cli;

/// <summary>Every verb's --help says what each option is, with its default; output files are --out everywhere.</summary>
public class CommandHelpTests
{
    private static IEnumerable<(string Verb, Option Option)> Options()
    {
        IEnumerable<(string, Command)> Walk(Command command, string prefix)
        {
            string name = (prefix + " " + command.Name).Trim();
            yield return (name, command);
            foreach (Command sub in command.Subcommands)
                foreach (var nested in Walk(sub, name)) yield return nested;
        }
        foreach (Command top in CommandCatalog.All())
            foreach (var (verb, command) in Walk(top, ""))
                foreach (Option option in command.Options.Where(o => !o.Hidden))     // hidden ones are internal, not in --help
                    yield return (verb, option);
    }

    [Fact]
    public void Every_option_is_described_and_every_valued_option_has_a_default_or_is_required()
    {
        var undescribed = Options().Where(o => string.IsNullOrWhiteSpace(o.Option.Description)).Select(o => $"{o.Verb} {o.Option.Name}").ToList();
        Assert.True(undescribed.Count == 0, "options without a description: " + string.Join(", ", undescribed));
        // A value option shows "[default: ...]" in --help, says what its absence means, or must be given.
        var silent = Options()
            .Where(o => o.Option.ValueType != typeof(bool) && !o.Option.Required && !o.Option.HasDefaultValue
                        && !o.Option.Description!.Contains("default", StringComparison.OrdinalIgnoreCase)
                        && !o.Option.Description!.Contains("repeatable", StringComparison.OrdinalIgnoreCase))
            .Select(o => $"{o.Verb} {o.Option.Name}").ToList();
        Assert.True(silent.Count == 0, "options whose help says nothing about their default: " + string.Join(", ", silent));
    }

    [Fact]
    public void Output_files_and_folders_are_named_with_out()
    {
        Assert.DoesNotContain(Options(), o => o.Option.Name == "--output");
        Assert.Contains(Options(), o => o.Verb == "bench md" && o.Option.Name == "--out");
        Assert.Contains(Options(), o => o.Verb == "validate-md" && o.Option.Name == "--out");
    }

    [Fact]
    public void Step_counts_say_how_much_time_a_step_is()
    {
        Option steps = Options().Single(o => o.Verb == "simulate" && o.Option.Name == "--steps").Option;
        Assert.Contains("dilation × frame interval τ", steps.Description);
    }
}
