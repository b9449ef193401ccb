using System.Text.Json.Serialization;

namespace MlCgMd.Model.Priors;

/// <summary>
/// The CG prior of a model (<c>model.prior</c>): a physical acceleration the dynamics network's
/// mean is added to, so that the network learns a residual (as CGSchNet / mlcg priors do for
/// forces). Energies are in units of kT, lengths in the system's length unit, accelerations
/// in length per model step².
///
/// In a training config, <c>"fit": true</c> asks the trainer to fit every parameter to the
/// training split's CG statistics (<see cref="Training.PriorFit"/>); the model it saves then holds
/// the fitted values, so rollouts use exactly the prior the network was trained with.
/// </summary>
public sealed record CgPriorParameters
{
    /// <summary>Fit the parameters below to the training split at the start of training (training configs only).</summary>
    [JsonPropertyName("fit")] public bool Fit { get; init; }
    /// <summary>Quantile of the reference's non-bonded CG distances that sets the wall range (fit only).</summary>
    [JsonPropertyName("wall_quantile")] public double WallQuantile { get; init; } = 0.01;
    /// <summary>
    /// Multiplies the fitted bond stiffness before training (fit only; 1 = the fit). Beyond the paper: the network then
    /// learns its residual against the stiffer bond, the consistent version of the rollout-time <c>prior_bond_scale</c>.
    /// </summary>
    [JsonPropertyName("fit_bond_k_scale")] public double FitBondKScale { get; init; } = 1;

    /// <summary>Harmonic CG-bond stiffness k_b (kT / length²): U = ½ k_b (r − b₀)².</summary>
    [JsonPropertyName("bond_k")] public double? BondK { get; init; }
    /// <summary>CG-bond rest length b₀.</summary>
    [JsonPropertyName("bond_length")] public double? BondLength { get; init; }
    /// <summary>Range σ_w of the soft wall between non-bonded beads: U = ½ k_w (σ_w − r)² for r &lt; σ_w.</summary>
    [JsonPropertyName("repulsion_range")] public double? RepulsionRange { get; init; }
    /// <summary>Wall stiffness k_w (kT / length²).</summary>
    [JsonPropertyName("repulsion_k")] public double? RepulsionK { get; init; }
    /// <summary>λ in a_prior = −λ v + c F: the part of the last step's velocity lost per step (1 = overdamped).</summary>
    [JsonPropertyName("velocity_damping")] public double? VelocityDamping { get; init; }
    /// <summary>c in a_prior = −λ v + c F: displacement per step per unit force (length² / kT).</summary>
    [JsonPropertyName("force_scale")] public double? ForceScale { get; init; }

    /// <summary>Whether every parameter has a value (a fitted or explicit prior).</summary>
    [JsonIgnore]
    public bool IsComplete => BondK is not null && BondLength is not null && RepulsionRange is not null &&
                              RepulsionK is not null && VelocityDamping is not null && ForceScale is not null;

    /// <summary>Checks ranges; throws naming the field and the expectation.</summary>
    public void Validate(string source)
    {
        void Require(bool ok, string field, string expectation)
        {
            if (!ok) throw new InvalidDataException($"{source}: field 'prior.{field}' {expectation}");
        }
        Require(WallQuantile > 0 && WallQuantile < 0.5, "wall_quantile", "must be in (0, 0.5)");
        Require(Positive(FitBondKScale), "fit_bond_k_scale", "must be a positive finite number");
        Require(Fit || FitBondKScale == 1, "fit_bond_k_scale", "scales a fitted stiffness: it needs \"fit\": true (or give bond_k itself)");
        if (Fit && (BondK ?? BondLength ?? RepulsionRange ?? RepulsionK ?? VelocityDamping ?? ForceScale) is not null)
            throw new InvalidDataException(
                $"{source}: 'prior' has \"fit\": true and explicit parameters; give one or the other");
        if (Fit) return;
        Require(IsComplete, "bond_k/bond_length/repulsion_range/repulsion_k/velocity_damping/force_scale",
            "must all be given (or \"fit\": true in a training config)");
        Require(Positive(BondK!.Value), "bond_k", "must be a positive finite number");
        Require(Positive(BondLength!.Value), "bond_length", "must be a positive finite number");
        Require(Positive(RepulsionRange!.Value), "repulsion_range", "must be a positive finite number");
        Require(double.IsFinite(RepulsionK!.Value) && RepulsionK >= 0, "repulsion_k", "must be a finite number >= 0");
        Require(double.IsFinite(VelocityDamping!.Value) && VelocityDamping >= 0 && VelocityDamping <= 2, "velocity_damping",
            "must be in [0, 2]");
        Require(double.IsFinite(ForceScale!.Value) && ForceScale >= 0, "force_scale", "must be a finite number >= 0");
    }

    private static bool Positive(double value) => double.IsFinite(value) && value > 0;
}
