namespace MlCgMd.SystemKinds;

/// <summary>A comparison of a rollout with its reference that a system kind calls for.</summary>
public enum EvaluationMetric
{
    /// <summary>CG Rg² series and distributions, and the mean Rg across polymers.</summary>
    RadiusOfGyration,

    /// <summary>Relaxation times of the CG Rg² autocorrelation.</summary>
    Rg2RelaxationTime,

    /// <summary>CG contact maps.</summary>
    ContactMap,

    /// <summary>CG bond-length distributions.</summary>
    CgBondLengths,

    /// <summary>Frames with non-bonded CG beads closer than the collision distance.</summary>
    Collisions,
}
