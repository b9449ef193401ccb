namespace MlCgMd.Systems;

/// <summary>
/// One bond type (every bond of the chain uses it). LJ units: K in epsilon/sigma^2, lengths in sigma.
/// For FENE: K, MaxExtension (R0), Epsilon and Sigma of the WCA core. For harmonic: K and RestLength.
/// </summary>
public sealed record BondParameters(BondStyle Style, double K, double MaxExtension, double Epsilon, double Sigma, double RestLength);
