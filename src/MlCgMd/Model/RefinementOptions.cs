namespace MlCgMd.Model;

/// <summary>Annealed Langevin refinement by the Score GNN at rollout time (official ld_kwargs).</summary>
/// <param name="Enabled">false runs the Dynamics GNN alone (the Score-GNN ablation)</param>
/// <param name="StepsPerSigma">Langevin steps per noise level</param>
/// <param name="StepSize">ε, constant across levels</param>
public sealed record RefinementOptions(bool Enabled, int StepsPerSigma, double StepSize)
{
    public static RefinementOptions FromConfig(ModelConfig config) => new(true, config.StepPerSigma, config.StepSize);

    public static readonly RefinementOptions Off = new(false, 0, 1e-4);
}
