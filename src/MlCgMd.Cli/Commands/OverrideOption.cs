using System.CommandLine;
using MlCgMd.Configuration;

namespace MlCgMd.Cli.Commands;

/// <summary>The repeatable <c>--set KEY=VALUE</c> option of train, generate and simulate.</summary>
internal static class OverrideOption
{
    public static Option<string[]> Create(string example, string what) => new("--set")
    {
        Description = $"override {what} (repeatable; dotted keys, JSON values, e.g. --set {example}); validated like the file, " +
                      "unknown keys refused, recorded in the output folder",
        AllowMultipleArgumentsPerToken = false,
    };

    public static IReadOnlyList<ConfigOverride> Parse(string[]? values) => (values ?? []).Select(ConfigOverride.Parse).ToList();
}
