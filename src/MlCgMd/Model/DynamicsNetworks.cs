namespace MlCgMd.Model;

/// <summary>The dynamics networks a config can name in <c>dynamics_network</c>.</summary>
public static class DynamicsNetworks
{
    public static readonly IReadOnlyList<string> Names = [GnsDynamics.Name];

    public static string Choices => string.Join(", ", Names.Select(n => $"'{n}'"));

    public static IDynamicsNetwork Create(ModelConfig config, DynamicsNetworkSizes sizes) => config.DynamicsNetwork switch
    {
        GnsDynamics.Name => new GnsDynamics(sizes, config.DynamicsGn),
        _ => throw new InvalidDataException(
            $"model config: field 'dynamics_network' is '{config.DynamicsNetwork}', expected {Choices}"),
    };
}
