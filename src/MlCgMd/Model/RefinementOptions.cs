namespace MlCgMd.Model;

/// <summary>Annealed Langevin refinement by the Score GNN at rollout time (official ld_kwargs).</summary>
/// <param name="Enabled">false runs the Dynamics GNN alone (the Score-GNN ablation)</param>
/// <param name="StepsPerSigma">Langevin steps per noise level</param>
/// <param name="StepSize">ε: the step at every level ("constant") or at the smallest level ("sigma_squared")</param>
/// <param name="Schedule">how the step changes across levels: <see cref="Constant"/> or <see cref="SigmaSquared"/></param>
public sealed record RefinementOptions(bool Enabled, int StepsPerSigma, double StepSize, string Schedule = RefinementOptions.Constant)
{
    /// <summary>The official scheme: the same ε at every σ level.</summary>
    public const string Constant = "constant";

    /// <summary>NCSN's scheme: α_i = ε·(σ_i/σ_min)², larger steps at larger noise levels.</summary>
    public const string SigmaSquared = "sigma_squared";

    public static bool IsKnownSchedule(string schedule) => schedule is Constant or SigmaSquared;

    /// <summary>The accepted schedule names, for error messages.</summary>
    public const string ScheduleChoices = $"'{Constant}' or '{SigmaSquared}'";

    public static RefinementOptions FromConfig(ModelConfig config) =>
        new(true, config.StepPerSigma, config.StepSize, config.StepSizeSchedule);

    public static readonly RefinementOptions Off = new(false, 0, 1e-4);

    /// <summary>The Langevin step α at noise level <paramref name="sigma"/> of a grid whose smallest level is <paramref name="smallestSigma"/>.</summary>
    public double StepAt(double sigma, double smallestSigma) => Schedule switch
    {
        Constant => StepSize,
        SigmaSquared => StepSize * (sigma / smallestSigma) * (sigma / smallestSigma),
        _ => throw new ArgumentException($"refinement: unknown step-size schedule '{Schedule}' (expected {ScheduleChoices})"),
    };
}
