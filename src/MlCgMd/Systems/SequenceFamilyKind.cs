namespace MlCgMd.Systems;

/// <summary>How a family lays out its A (solvophobic) and B (solvophilic) monomers.</summary>
public enum SequenceFamilyKind
{
    /// <summary>A and B shuffled uniformly at random (the train/val family).</summary>
    Random,

    /// <summary>Alternating A and B blocks of random lengths (the distinct "class-II" test family).</summary>
    Blocky,
}
