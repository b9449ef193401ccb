using System.Text.Json.Serialization;
using MlCgMd.Systems;

namespace MlCgMd.Analysis;

/// <summary>
/// The transport and structure of one electrolyte trajectory (LJ units): self-diffusion of Li+,
/// of the charged anion bead and of the polymer beads from the MSD (<see cref="DiffusionCoefficient"/>,
/// default window), and the Li-O (solvating bead) and Li-An radial distributions with their
/// coordination numbers (Li-O null in a box without solvating beads). Written as properties.json beside each trajectory.
/// </summary>
public sealed record ElectrolyteProperties(
    [property: JsonPropertyName("composition")] ElectrolyteComposition Composition,
    [property: JsonPropertyName("frames")] int Frames,
    [property: JsonPropertyName("frame_interval")] double FrameInterval,
    [property: JsonPropertyName("box_length")] double BoxLength,
    [property: JsonPropertyName("diffusivity_li")] DiffusionCoefficient Lithium,
    [property: JsonPropertyName("diffusivity_anion")] DiffusionCoefficient Anion,
    [property: JsonPropertyName("diffusivity_polymer")] DiffusionCoefficient Polymer,
    [property: JsonPropertyName("rdf_li_o")] RadialDistribution? LithiumSolvating,
    [property: JsonPropertyName("rdf_li_anion")] RadialDistribution LithiumAnion)
{
    /// <summary>Unit of the diffusion coefficients.</summary>
    [JsonPropertyName("diffusivity_units")] public string DiffusivityUnits => "sigma^2/tau";

    public const double RdfBinWidth = 0.02;

    /// <param name="positions">[frames, particles, 3] unwrapped</param>
    public static ElectrolyteProperties Of(ElectrolyteComposition composition, MolecularSystem system, ForceField forceField,
                                           double[] positions, int frames, double frameInterval, double boxLength)
    {
        int[] li = IndicesOf(system, forceField, "Li"), anion = IndicesOf(system, forceField, "An"), solvating = IndicesOf(system, forceField, composition.SolvatingType);
        int[] polymer = Enumerable.Range(0, composition.PolymerBeads).ToArray();
        DiffusionCoefficient Diffusion(int[] set) =>
            DiffusionCoefficient.FitDefaultWindow(MeanSquaredDisplacement.PerParticle(positions, frames, system.BeadCount, set, frames - 1),
                frameInterval, frames);
        double[] boxes = Enumerable.Repeat(boxLength, frames).ToArray();
        return new ElectrolyteProperties(composition, frames, frameInterval, boxLength, Diffusion(li), Diffusion(anion), Diffusion(polymer),
            solvating.Length > 0 ? RadialDistribution.Compute(positions, frames, system.BeadCount, boxes, li, solvating, RdfBinWidth) : null,
            RadialDistribution.Compute(positions, frames, system.BeadCount, boxes, li, anion, RdfBinWidth));
    }

    /// <summary>
    /// The official battery label (graphwm diffusivity.h5): Li MSD from the first frame over 6t at
    /// every later frame, D(t_k) = &lt;|x(t_k) - x(t_0)|^2&gt;_Li / (6 k dt): [frames - 1].
    /// </summary>
    public static double[] EndPointDiffusivity(MolecularSystem system, ForceField forceField, double[] positions, int frames, double frameInterval)
    {
        int[] li = IndicesOf(system, forceField, "Li");
        int n = system.BeadCount;
        var label = new double[frames - 1];
        for (int k = 1; k < frames; k++)
        {
            double sum = 0;
            foreach (int i in li)
                for (int d = 0; d < 3; d++)
                {
                    double delta = positions[((long)k * n + i) * 3 + d] - positions[(long)i * 3 + d];
                    sum += delta * delta;
                }
            label[k - 1] = sum / li.Length / (6.0 * k * frameInterval);
        }
        return label;
    }

    private static int[] IndicesOf(MolecularSystem system, ForceField forceField, string type)
    {
        int id = forceField.TypeId(type);
        return Enumerable.Range(0, system.BeadCount).Where(i => system.Types[i] == id).ToArray();
    }
}
