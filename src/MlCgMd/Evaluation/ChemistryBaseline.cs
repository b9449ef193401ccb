using MlCgMd.Analysis;
using MlCgMd.Data;
using MlCgMd.Generation;

namespace MlCgMd.Evaluation;

/// <summary>
/// The chemistry-lookup baseline of log10 D(Li+) across test compositions: each test composition is given the mean
/// log10 D(Li+) of the training split's compositions with its solvating type (from their properties.json). A family
/// whose D is set mostly by the chemistry gives this lookup a high r² without any simulation; a learned simulator's
/// across-composition agreement says more than "it recognised the chemistry" only where it beats the lookup.
/// </summary>
public static class ChemistryBaseline
{
    /// <summary>One composition: its solvating type and log10 D(Li+).</summary>
    public sealed record Composition(string Name, string SolvatingType, double Log10Diffusivity);

    /// <summary>The lookup against the references, over the compared compositions whose type the training split holds.</summary>
    /// <param name="Statistics">reference log10 D (x) against the lookup (y); null with fewer than the minimum covered</param>
    /// <param name="Covered">compared compositions whose solvating type has training compositions</param>
    /// <param name="Compared">compositions the rollout comparison covers</param>
    /// <param name="TrainingCompositions">training compositions the means are over</param>
    /// <param name="Types">distinct solvating types among the training compositions</param>
    public sealed record Result(ScatterStatistics? Statistics, int Covered, int Compared, int TrainingCompositions, int Types)
    {
        /// <summary>One sentence with its n, what was excluded and, with a single training type, why r is undefined.</summary>
        public string Statement()
        {
            string excluded = Covered < Compared ? $" ({Compared - Covered} excluded: no training composition of their solvating type)" : "";
            string source = $"the mean over the {TrainingCompositions} training compositions of the same solvating type ({Types} type{(Types == 1 ? "" : "s")})";
            if (Statistics is not { } s)
                return $"Chemistry-lookup baseline of log10 D(Li+) ({source}): too few compositions ({Covered} of {Compared}){excluded}";
            string r = double.IsNaN(s.PearsonR)
                ? "Pearson r undefined (one value for every composition)"
                : $"Pearson r {s.PearsonR:F3} (r² {s.PearsonRSquared:F3})";
            return $"Chemistry-lookup baseline of log10 D(Li+) over {s.Count} of {Compared} compositions ({source}){excluded}: " +
                   $"{r}, R² against y = x {s.IdentityRSquared:F3}, mean absolute error {s.MeanAbsoluteError:F3} decades";
        }
    }

    /// <summary>The lookup of <paramref name="compared"/> (reference values) from <paramref name="training"/>.</summary>
    public static Result Compute(IReadOnlyList<Composition> training, IReadOnlyList<Composition> compared)
    {
        Dictionary<string, double> means = training.GroupBy(c => c.SolvatingType)
            .ToDictionary(g => g.Key, g => g.Average(c => c.Log10Diffusivity));
        var covered = compared.Where(c => means.ContainsKey(c.SolvatingType)).ToList();
        ScatterStatistics? statistics = covered.Count >= EvaluationResult.MinimumPolymersForStatistics
            ? ScatterStatistics.Compute(covered.Select(c => c.Log10Diffusivity).ToList(), covered.Select(c => means[c.SolvatingType]).ToList())
            : null;
        return new Result(statistics, covered.Count, compared.Count, training.Count, means.Count);
    }

    /// <summary>The training split's compositions of an electrolyte dataset (split file and per-system properties.json).</summary>
    public static IReadOnlyList<Composition> ReadTraining(string dataDirectory)
    {
        string split = Path.Combine(dataDirectory, SplitFiles.BatteryTrain);
        if (!File.Exists(split))
            throw new FileNotFoundException($"'{split}' is missing: the chemistry-lookup baseline averages the training compositions it names", split);
        return File.ReadAllLines(split).Select(l => l.Trim()).Where(l => l.Length > 0).Select(name =>
        {
            ElectrolyteProperties properties = Read(dataDirectory, name);
            double d = properties.Lithium.Value;
            if (!(d > 0))
                throw new InvalidDataException($"'{Path.Combine(dataDirectory, name, ElectrolyteDatasetGenerator.PropertiesFile)}': " +
                                               $"field 'properties.diffusivity_li.value' must be positive (got {d})");
            return new Composition(name, properties.Composition.SolvatingType, Math.Log10(d));
        }).ToList();
    }

    /// <summary>The solvating type of one dataset system, from its properties.json.</summary>
    public static string SolvatingType(string dataDirectory, string systemName) =>
        Read(dataDirectory, systemName).Composition.SolvatingType;

    private static ElectrolyteProperties Read(string dataDirectory, string systemName) =>
        ElectrolyteSystemProperties.Read(dataDirectory, systemName, "the chemistry-lookup baseline reads each system's solvating type there").Properties;
}
